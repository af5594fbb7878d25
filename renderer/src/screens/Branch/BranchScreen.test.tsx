import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../../../shared/contract/index.ts';
import { createFakeApi, type FakeSessionOptions } from '../../test-utils/fake-api.ts';
import { render } from '../../test-utils/render.tsx';
import { BranchScreen } from './BranchScreen.tsx';

const viewportHeight = 560;

const { getBoundingClientRect } = Element.prototype;

// jsdom lays nothing out: give the list's scroll viewport a height so the virtualiser renders a window of rows,
// and the charts' containers a size so they draw.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.hasAttribute('data-virtual-viewport') ? viewportHeight : 0;
    },
  });
  Element.prototype.getBoundingClientRect = function (this: Element) {
    return this.classList.contains('recharts-responsive-container') ? DOMRect.fromRect({ width: 640, height: 300 }) : getBoundingClientRect.call(this);
  };
});
afterAll(() => {
  delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
  Element.prototype.getBoundingClientRect = getBoundingClientRect;
});

/** The branch view as an administrator, with a second worker (Khadija) to move households to. */
const openBranch = async (options: FakeSessionOptions = {}) => {
  const fake = createFakeApi({ language: 'en' }, { session: 'unlocked', role: 'admin', ...options });
  await fake.api.invoke('users:add', {
    username: 'khadija',
    displayName: 'Khadija Benali',
    role: 'worker',
    districtIds: ['district-2'],
    password: 'khadija-password-42',
  });
  render(<BranchScreen />, { api: fake.api, language: 'en' });
  await screen.findByRole('heading', { level: 2, name: 'Branch overview' });
  return fake;
};

const caseloadRow = (name: string) => screen.getByRole('row', { name: new RegExp(name) });

// jsdom has no layout, so Mantine keeps the floating dropdown hidden (display: none); its options still take a click.
const chooseOption = async (container: HTMLElement, label: string, option: RegExp) => {
  await userEvent.click(within(container).getByRole('combobox', { name: label }));
  fireEvent.click(await screen.findByRole('option', { name: option, hidden: true }));
};

describe('BranchScreen', () => {
  it('shows each worker’s households, open plans and overdue actions, overdue in red', async () => {
    await openBranch({ households: { count: 12 }, branch: { load: { 'user-2': { openPlans: 4, overdueActions: 3 } } } });
    const youssef = await waitFor(() => caseloadRow('Youssef Ait Ali'));
    const cells = within(youssef).getAllByRole('cell');
    expect(cells[2]).toHaveTextContent('8');
    expect(cells[3]).toHaveTextContent('4');
    expect(within(cells[4] as HTMLElement).getByText('3')).toHaveAttribute('data-overdue');
    const khadija = caseloadRow('Khadija Benali');
    expect(within(khadija).getAllByRole('cell')[2]).toHaveTextContent('0');
    expect(within(khadija).queryByText('0', { selector: '[data-overdue]' })).not.toBeInTheDocument();
    expect(within(khadija).getByRole('button', { name: 'Reassign all households of Khadija Benali' })).toBeDisabled();
  });

  it('reassigns all households of a worker on leave in one step, after saying how many move', async () => {
    const fake = await openBranch({ households: { count: 12 } });
    await userEvent.click(await screen.findByRole('button', { name: 'Reassign all households of Youssef Ait Ali' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reassign the households of Youssef Ait Ali' });
    expect(within(dialog).getByRole('button', { name: 'Reassign 8 households' })).toBeDisabled();

    await chooseOption(dialog, 'Worker who takes the households', /Khadija Benali/);
    expect(within(dialog).getByText('8 households of Youssef Ait Ali will move to Khadija Benali, with their files and history.')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reassign 8 households' }));

    expect(await screen.findByText('8 households assigned to Khadija Benali')).toBeInTheDocument();
    expect(fake.callsTo('households:assign').map((call) => call.input)).toEqual([{ fromWorkerId: 'user-2', toWorkerId: 'user-10' }]);
    await waitFor(() => expect(within(caseloadRow('Khadija Benali')).getAllByRole('cell')[2]).toHaveTextContent('8'));
    expect(within(caseloadRow('Youssef Ait Ali')).getAllByRole('cell')[2]).toHaveTextContent('0');
    expect(within(caseloadRow('Khadija Benali')).getByText('2', { selector: '[data-overdue]' })).toBeInTheDocument();
    expect(fake.branch.assignedTo('household-1')).toBe('user-10');
  });

  it('assigns ten unassigned households picked with a click and a shift-click', async () => {
    const fake = await openBranch({ households: { count: 60 } });
    const listed = await fake.api.invoke('households:list', { assignedWorkerId: 'unassigned', sort: 'score', direction: 'asc', limit: 10 });
    const firstTen = listed.ok ? (listed.value as ChannelOutput<'households:list'>).rows.map((row) => row.id) : [];
    expect(firstTen).toHaveLength(10);
    await userEvent.click(screen.getByRole('tab', { name: /Unassigned households/ }));
    expect(await screen.findByTestId('unassigned-count')).toHaveTextContent('16 unassigned households');
    const grid = await screen.findByRole('grid', { name: 'Unassigned households to select' });
    const boxes = () => within(grid).getAllByRole('checkbox').slice(1);
    await waitFor(() => expect(boxes().length).toBeGreaterThanOrEqual(10));

    const user = userEvent.setup();
    await user.click(boxes()[0] as HTMLElement);
    await user.keyboard('{Shift>}');
    await user.click(boxes()[9] as HTMLElement);
    await user.keyboard('{/Shift}');
    expect(screen.getByTestId('selected-count')).toHaveTextContent('10 households selected');

    const section = screen.getByRole('region', { name: 'Unassigned households' });
    await chooseOption(section, 'Assign to…', /Youssef Ait Ali/);
    await userEvent.click(within(section).getByRole('button', { name: 'Assign 10 households' }));

    expect(await screen.findByText('10 households assigned to Youssef Ait Ali')).toBeInTheDocument();
    expect(fake.callsTo('households:assign').map((call) => call.input)).toEqual([{ householdIds: firstTen, toWorkerId: 'user-2' }]);
    await waitFor(() => expect(screen.getByTestId('unassigned-count')).toHaveTextContent('6 unassigned households'));
    expect(screen.getByTestId('selected-count')).toHaveTextContent('No household selected');
  });

  it('selects every shown household of one district and assigns them at once', async () => {
    const fake = await openBranch({ households: { count: 12 } });
    await userEvent.click(screen.getByRole('tab', { name: /Unassigned households/ }));
    const section = await screen.findByRole('region', { name: 'Unassigned households' });
    await userEvent.click(within(section).getByLabelText('Districts'));
    fireEvent.click(await screen.findByRole('option', { name: 'Anzi', hidden: true }));
    await waitFor(() => expect(within(section).getAllByRole('row', { selected: false })).toHaveLength(2));

    await userEvent.click(within(section).getByRole('checkbox', { name: 'Select every household shown' }));
    await chooseOption(section, 'Assign to…', /Khadija Benali/);
    await userEvent.click(within(section).getByRole('button', { name: 'Assign 2 households' }));
    expect(await screen.findByText('2 households assigned to Khadija Benali')).toBeInTheDocument();
    expect(fake.branch.assignedTo('household-2')).toBe('user-10');
    expect(fake.branch.assignedTo('household-12')).toBe('user-10');
  });

  it('offers to select every household of a long list, beyond the loaded page', async () => {
    await openBranch({ households: { count: 1000 } });
    await userEvent.click(screen.getByRole('tab', { name: /Unassigned households/ }));
    expect(await screen.findByTestId('unassigned-count')).toHaveTextContent('251 unassigned households');
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select every household shown' }));
    expect(screen.getByTestId('selected-count')).toHaveTextContent('200 households selected');
    await userEvent.click(screen.getByRole('button', { name: 'Select all 251 households in the list' }));
    await waitFor(() => expect(screen.getByTestId('selected-count')).toHaveTextContent('251 households selected'));
    expect(screen.getByRole('button', { name: 'Assign 251 households' })).toBeDisabled();
  });

  it('approves a plan closure, which leaves the list', async () => {
    const fake = await openBranch();
    await userEvent.click(screen.getByRole('tab', { name: /Closures to approve/ }));
    const item = await screen.findByRole('listitem', { name: 'Closure request for the plan of فاطمة الزهراء أيت إبراهيم' });
    expect(within(item).getByText('Employment')).toBeInTheDocument();
    expect(within(item).getByText('Embauché à la coopérative depuis février.')).toBeInTheDocument();

    await userEvent.click(within(item).getByRole('button', { name: 'Approve closing the plan of فاطمة الزهراء أيت إبراهيم' }));
    expect(await screen.findByText('No closure to approve')).toBeInTheDocument();
    expect(fake.branch.decided()).toMatchObject([{ id: 'plan-1', status: 'closed' }]);
    expect(fake.callsTo('plans:decide-close').map((call) => call.input)).toEqual([{ id: 'plan-1', approve: true }]);
  });

  it('says plainly when the dashboard has nothing to show yet', async () => {
    await openBranch({ branch: { stats: { overdueByWorker: [], plansByDomain: [], outcomesByMonth: [] } } });
    await userEvent.click(screen.getByRole('tab', { name: 'Dashboard' }));
    expect(await screen.findByText('No plans yet')).toBeInTheDocument();
    expect(screen.getByText('They appear once workers start follow-up plans.')).toBeInTheDocument();
    expect(screen.getByText('No outcomes yet')).toBeInTheDocument();
    expect(screen.getByText('No overdue actions')).toBeInTheDocument();
  });

  it('draws the dashboard charts with translated labels, right to left in Arabic', async () => {
    const fake = createFakeApi({ language: 'ar' }, { session: 'unlocked', role: 'manager' });
    render(<BranchScreen />, { api: fake.api, language: 'ar' });
    await userEvent.click(await screen.findByRole('tab', { name: 'لوحة المؤشرات' }));
    const plans = await screen.findByRole('region', { name: 'خطط المواكبة حسب المجال والحالة' });
    await waitFor(() => expect(within(plans).getByText('التشغيل')).toBeInTheDocument());
    expect(within(plans).getByText('الصحة')).toBeInTheDocument();
    const ticks = within(plans).getAllByText(/^(التشغيل|التكوين|التعليم|الصحة)$/);
    const x = (tick: HTMLElement) => Number(tick.closest('text')?.getAttribute('x'));
    // Employment comes first, so it is drawn rightmost.
    expect(x(ticks[0] as HTMLElement)).toBeGreaterThan(x(ticks.at(-1) as HTMLElement));
    const overdue = screen.getByRole('region', { name: 'الإجراءات المتأخرة لكل عامل' });
    expect(within(overdue).getByText('Youssef Ait Ali')).toBeInTheDocument();
  });
});
