import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../App.tsx';
import { todayIso } from '../../households/use-date-format.ts';
import { addDays } from '../../plans/plan-rules.ts';
import { createFakeApi, type FakeSessionOptions } from '../../test-utils/fake-api.ts';
import { defaultItems, fakeQueueItem } from '../../test-utils/fake-plans.ts';
import { render } from '../../test-utils/render.tsx';

const openQueue = async (options: FakeSessionOptions = {}) => {
  window.location.hash = '#/queue';
  const fake = createFakeApi({ language: 'en' }, { session: 'unlocked', role: 'worker', ...options });
  render(<App />, { api: fake.api, language: 'en' });
  await screen.findByRole('heading', { level: 2, name: 'Queue' });
  return fake;
};

const queueRows = async () => within(await screen.findByRole('listbox', { name: /^Queue\./ })).getAllByRole('option');

describe('QueueScreen', () => {
  it('shows the overdue action first, with how many days it is overdue and why it is urgent', async () => {
    await openQueue();
    const [first, second, third, fourth] = await queueRows();
    expect(first).toHaveTextContent('موعد في المركز الصحي بتافراوت · Health appointment');
    expect(first).toHaveTextContent('5 days overdue');
    expect(first).toHaveTextContent('فاطمة الزهراء أيت إبراهيم');
    expect(within(first as HTMLElement).getByText('Fatima Zahra Ait Brahim')).toHaveAttribute('dir', 'ltr');
    expect(within(first as HTMLElement).getByRole('list', { name: 'Why it is here' })).toHaveTextContent(/Overdue.*Low registry score.*Disability.*Young children.*Health/);
    expect(first).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('group', { name: 'Overdue' })).toContainElement(first as HTMLElement);

    expect(second).toHaveTextContent('Possible missed benefit: AMO Tadamon health coverage');
    expect(third).toHaveTextContent('Needs a health plan for محمد أوبلا');
    expect(fourth).toHaveTextContent('الاتصال بالأم لتأكيد الموعد');
    expect(screen.getByRole('group', { name: 'Due this week' })).toContainElement(fourth as HTMLElement);
  });

  it('completes the focused action with d and an outcome; it leaves the queue', async () => {
    const fake = await openQueue();
    await queueRows();
    await userEvent.keyboard('d');
    const dialog = await screen.findByRole('dialog', { name: 'Complete the action' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Mark as done' }));
    expect(await within(dialog).findByText('Describe the outcome (up to 2,000 characters).')).toBeInTheDocument();
    expect(fake.callsTo('actions:complete')).toHaveLength(0);

    await userEvent.type(within(dialog).getByLabelText(/^Outcome/), 'Vu par le médecin, prochain contrôle dans un mois.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Mark as done' }));

    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Complete the action' })).not.toBeInTheDocument());
    expect(fake.plans.action('action-appointment')).toMatchObject({ status: 'done', outcome: 'Vu par le médecin, prochain contrôle dans un mois.' });
    const rows = await queueRows();
    expect(rows).toHaveLength(3);
    expect(screen.queryByText('موعد في المركز الصحي بتافراوت')).not.toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Overdue' })).not.toBeInTheDocument();
  });

  it('starts a plan for a possible missed benefit in one step: j to reach it, p, then Enter', async () => {
    const fake = await openQueue();
    await queueRows();
    await userEvent.keyboard('j');
    expect((await queueRows())[1]).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('p');

    const dialog = await screen.findByRole('dialog', { name: 'New follow-up plan' });
    expect(within(dialog).getByLabelText(/^Goals/)).toHaveValue('Enrol in AMO Tadamon health coverage');
    expect(within(dialog).getByRole('radio', { name: 'Health' })).toBeChecked();
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Create the plan' })).toHaveFocus());
    await userEvent.keyboard('{Enter}');

    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'New follow-up plan' })).not.toBeInTheDocument());
    expect(fake.callsTo('plans:create')).toHaveLength(1);
    const created = fake.plans.plans('household-1').find((plan) => plan.goals === 'Enrol in AMO Tadamon health coverage');
    expect(created).toMatchObject({ domain: 'health', status: 'active', memberId: null });
    expect(created?.actions).toMatchObject([
      { type: 'document', title: 'Gather the documents to enrol in AMO Tadamon health coverage', dueDate: addDays(todayIso(), 7), assigneeId: 'user-1' },
    ]);
    // The benefit stays in the queue until the household is enrolled; the plan's first action joins this week's work.
    expect(await within(screen.getByRole('group', { name: 'Due this week' })).findByText('Gather the documents to enrol in AMO Tadamon health coverage')).toBeInTheDocument();
  });

  it('prefills a plan for a need without a plan with its member and the domain goal', async () => {
    const fake = await openQueue();
    await queueRows();
    await userEvent.keyboard('jjp');
    const dialog = await screen.findByRole('dialog', { name: 'New follow-up plan' });
    expect(within(dialog).getByRole('combobox', { name: 'For whom' })).toHaveValue('محمد أوبلا');
    expect(within(dialog).getByLabelText(/^Goals/)).toHaveValue('Get health coverage and regular care');
    expect(within(dialog).getByLabelText(/^What to do/)).toHaveValue('Visit the household to agree on the plan');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create the plan' }));
    await waitFor(() => expect(screen.queryByText(/^Needs a health plan/)).not.toBeInTheDocument());
    expect(fake.plans.plans('household-2')).toMatchObject([{ domain: 'health', memberId: 'household-2-m1', memberName: 'محمد أوبلا' }]);
  });

  it('opens the household file with Enter', async () => {
    await openQueue({ role: 'manager' });
    await queueRows();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(await screen.findByRole('heading', { level: 2, name: 'محمد أوبلا' })).toBeInTheDocument();
    expect(window.location.hash).toBe('#/households/household-2');
  });

  it('forgets changes made by others once marked as seen', async () => {
    const changed = fakeQueueItem({ key: 'changed:household-1', kind: 'changed', householdId: 'household-1', priority: 50 });
    const fake = await openQueue({ plans: { items: [...defaultItems(), changed] } });
    expect(await screen.findByRole('group', { name: 'Changed by someone else' })).toHaveTextContent('Someone else changed this household file');
    await userEvent.click(screen.getByRole('button', { name: 'Mark all as seen' }));
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Changed by someone else' })).not.toBeInTheDocument());
    expect(fake.callsTo('queue:seen')).toHaveLength(1);
  });

  it('marks the queue as seen when leaving it', async () => {
    const fake = await openQueue();
    await queueRows();
    expect(fake.callsTo('queue:seen')).toHaveLength(0);
    await userEvent.keyboard('{Alt>}2{/Alt}');
    await screen.findByRole('heading', { level: 2, name: 'Households' });
    await waitFor(() => expect(fake.callsTo('queue:seen')).toHaveLength(1));
  });

  it('says plainly when nothing needs doing, and what will appear', async () => {
    await openQueue({ plans: { plans: [], items: [] } });
    expect(await screen.findByText('Nothing needs doing now')).toBeInTheDocument();
    expect(screen.getByText(/possible missed benefits and needs without a plan will appear here/)).toBeInTheDocument();
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
  });
});
