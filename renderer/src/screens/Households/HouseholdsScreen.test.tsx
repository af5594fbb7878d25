import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../../shared/contract/index.ts';
import { App } from '../../App.tsx';
import { resetListPlace } from '../../households/household-filters.ts';
import { createFakeApi } from '../../test-utils/fake-api.ts';
import { render } from '../../test-utils/render.tsx';

const viewportHeight = 560;

// jsdom lays nothing out: give the list's scroll viewport a height so the virtualiser renders a window of rows.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.hasAttribute('data-virtual-viewport') ? viewportHeight : 0;
    },
  });
});
afterAll(() => {
  delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
});
beforeEach(() => resetListPlace());

const openList = async (role: Role, count = 3) => {
  window.location.hash = '#/households';
  const fake = createFakeApi({ language: 'en' }, { session: 'unlocked', role, households: { count } });
  render(<App />, { api: fake.api, language: 'en' });
  await screen.findByRole('heading', { name: 'Households', level: 2 });
  return fake;
};

const bodyRows = () => screen.getAllByRole('row').filter((row) => row.hasAttribute('aria-selected'));
const count = () => screen.getByTestId('households-count');

describe('HouseholdsScreen', () => {
  it('shows the count and the households, lowest registry score first, with names, district and situation', async () => {
    await openList('manager');
    await waitFor(() => expect(count()).toHaveTextContent('3 households'));
    const [first] = bodyRows();
    expect(first).toBeDefined();
    const row = within(first as HTMLElement);
    expect(row.getByText('RSU-0001')).toBeInTheDocument();
    expect(row.getByText('فاطمة الزهراء أيت إبراهيم')).toBeInTheDocument();
    expect(row.getByText('Fatima Zahra Ait Brahim')).toHaveAttribute('dir', 'ltr');
    expect(row.getByText('Tafraout')).toBeInTheDocument();
    expect(row.getByText('Youssef Ait Ali')).toBeInTheDocument();
    expect(row.getByRole('img', { name: 'Disability' })).toBeInTheDocument();
    expect(row.getByRole('img', { name: 'Young children' })).toBeInTheDocument();
  });

  it('renders only a window of thousands of rows and fetches the next page as the end nears', async () => {
    const fake = await openList('manager', 2500);
    await waitFor(() => expect(count()).toHaveTextContent('2,500 households'));
    expect(bodyRows().length).toBeLessThan(40);
    expect(fake.callsTo('households:list')).toHaveLength(1);

    const viewport = document.querySelector<HTMLElement>('[data-virtual-viewport]') as HTMLElement;
    viewport.scrollTop = 200 * 56 - viewportHeight;
    fireEvent.scroll(viewport);
    await waitFor(() => expect(fake.callsTo('households:list').some((call) => (call.input as { offset: number }).offset === 200)).toBe(true));
    expect(bodyRows().length).toBeLessThan(40);
  });

  it('narrows the list with a situation filter, and clears it', async () => {
    await openList('manager');
    await waitFor(() => expect(count()).toHaveTextContent('3 households'));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Chronic illness' }));
    await waitFor(() => expect(count()).toHaveTextContent('1 household'));
    expect(bodyRows()).toHaveLength(1);
    expect(within(bodyRows()[0] as HTMLElement).getByText('محمد أوبلا')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Clear the filters' }));
    await waitFor(() => expect(count()).toHaveTextContent('3 households'));
  });

  it('offers to clear the filters when they match nothing', async () => {
    await openList('manager');
    await waitFor(() => expect(count()).toHaveTextContent('3 households'));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Chronic illness' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Disability' }));
    expect(await screen.findByText('No household matches these filters')).toBeInTheDocument();
    await userEvent.click(screen.getAllByRole('button', { name: 'Clear the filters' }).at(-1) as HTMLElement);
    await waitFor(() => expect(count()).toHaveTextContent('3 households'));
  });

  it('moves the highlight with the arrow keys and opens the household with Enter', async () => {
    await openList('manager');
    await waitFor(() => expect(bodyRows()).toHaveLength(3));
    const grid = screen.getByRole('grid', { name: /^Households/ });
    grid.focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(bodyRows()[1]).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'محمد أوبلا', level: 2 })).toBeInTheDocument();
    expect(window.location.hash).toBe('#/households/household-2');
  });

  it('opens a household with a click and comes back to the same filters', async () => {
    await openList('manager');
    await waitFor(() => expect(count()).toHaveTextContent('3 households'));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Disability' }));
    await waitFor(() => expect(count()).toHaveTextContent('1 household'));
    await userEvent.click(screen.getByText('فاطمة الزهراء أيت إبراهيم'));
    await screen.findByRole('heading', { name: 'فاطمة الزهراء أيت إبراهيم', level: 2 });

    await userEvent.click(screen.getByRole('link', { name: 'Back to the households' }));
    await waitFor(() => expect(count()).toHaveTextContent('1 household'));
    expect(screen.getByRole('checkbox', { name: 'Disability' })).toBeChecked();
  });

  it('does not offer the worker filter to a social worker, who cannot list accounts', async () => {
    const fake = await openList('worker');
    await screen.findByTestId('households-count');
    expect(screen.getAllByLabelText('Districts').length).toBeGreaterThan(0);
    expect(screen.queryAllByLabelText('Social worker')).toHaveLength(0);
    expect(fake.callsTo('users:list')).toHaveLength(0);
  });

  it('explains where households come from when there are none, with the import for the administrator', async () => {
    await openList('admin', 0);
    expect(await screen.findByText('No households yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Import a registry extract' })).toHaveAttribute('href', '#/import');
  });
});
