import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../App.tsx';
import { createFakeApi } from '../../test-utils/fake-api.ts';
import { render } from '../../test-utils/render.tsx';
import { PlansTab } from './PlansTab.tsx';

const openPlansTab = async () => {
  window.location.hash = '#/households/household-1';
  const fake = createFakeApi({ language: 'en' }, { session: 'unlocked', role: 'manager' });
  render(<App />, { api: fake.api, language: 'en' });
  await screen.findByRole('heading', { level: 2, name: 'فاطمة الزهراء أيت إبراهيم' });
  await userEvent.click(screen.getByRole('tab', { name: /^Plans/ }));
  return fake;
};

// jsdom has no layout, so Mantine keeps the floating dropdown hidden (display: none); its options still take a click.
const chooseOption = async (container: HTMLElement, label: string, option: string) => {
  await userEvent.click(within(container).getByRole('combobox', { name: label }));
  fireEvent.click(await screen.findByRole('option', { name: option, hidden: true }));
};

describe('PlansTab', () => {
  it('lists the plans with their actions; a social worker sees the closure waiting but cannot decide it', async () => {
    const fake = createFakeApi({ language: 'en' }, { session: 'unlocked', role: 'worker' });
    render(<PlansTab householdId="household-1" />, { api: fake.api, language: 'en' });

    const health = await screen.findByRole('region', { name: 'Health plan · أيوب أيت إبراهيم' });
    expect(within(health).getByText('Active')).toBeInTheDocument();
    expect(within(health).getByText('متابعة صحية منتظمة لأيوب في المركز الصحي')).toBeInTheDocument();
    expect(await within(health).findByText('Created by Youssef Ait Ali on Jan 12, 2025')).toBeInTheDocument();
    const rows = within(within(health).getByRole('table', { name: 'Actions of the Health plan' })).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('موعد في المركز الصحي بتافراوت');
    expect(rows[0]).toHaveTextContent('Health appointment');
    expect(rows[0]).toHaveTextContent('Amina El Idrissi');
    expect(rows[0]).toHaveTextContent('Planned');

    const employment = screen.getByRole('region', { name: 'Employment plan · Whole household' });
    expect(within(employment).getByText('Closure requested')).toBeInTheDocument();
    expect(within(employment).getByText('وجدت عملاً في تعاونية الأركان')).toBeInTheDocument();
    expect(within(employment).getByText(/Referral to ANAPEC Tiznit · Accepted/)).toBeInTheDocument();
    expect(within(employment).getByText('Embauchée à la coopérative')).toBeInTheDocument();
    expect(within(employment).getByText("Waiting for a branch manager's decision.")).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve closure' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Refuse' })).not.toBeInTheDocument();
  });

  it('lets a manager approve a closing plan, which then shows as closed', async () => {
    const fake = await openPlansTab();
    const employment = await screen.findByRole('region', { name: 'Employment plan · Whole household' });
    await userEvent.click(within(employment).getByRole('button', { name: 'Approve closure' }));

    expect(await within(employment).findByText('Closed')).toBeInTheDocument();
    expect(fake.plans.plan('plan-employment')).toMatchObject({ status: 'closed' });
    expect(within(employment).queryByRole('button', { name: 'Approve closure' })).not.toBeInTheDocument();
    expect(within(employment).queryByRole('button', { name: /^Add action/ })).not.toBeInTheDocument();
  });

  it('adds a referral to a partner that repeats every 2 weeks, for another social worker', async () => {
    const fake = await openPlansTab();
    const health = await screen.findByRole('region', { name: 'Health plan · أيوب أيت إبراهيم' });
    await userEvent.click(within(health).getByRole('button', { name: 'Add action to the Health plan' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add an action' });
    await chooseOption(dialog, 'Type', 'Referral');
    await userEvent.type(within(dialog).getByLabelText(/^What to do/), 'Orientation vers ANAPEC');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add the action' }));
    expect(await within(dialog).findByText('Choose the partner service.')).toBeInTheDocument();

    await chooseOption(dialog, 'Partner service', 'ANAPEC Tiznit');
    await chooseOption(dialog, 'Assigned to', 'Youssef Ait Ali');
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Every N weeks' }));
    await userEvent.clear(within(dialog).getByLabelText('Every'));
    await userEvent.type(within(dialog).getByLabelText('Every'), '2');
    fireEvent.change(within(dialog).getByLabelText(/^Due date/), { target: { value: '2031-05-04' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add the action' }));

    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Add an action' })).not.toBeInTheDocument());
    expect(fake.plans.plan('plan-health')?.actions.at(-1)).toMatchObject({
      type: 'referral',
      title: 'Orientation vers ANAPEC',
      dueDate: '2031-05-04',
      assigneeId: 'user-2',
      partnerName: 'ANAPEC Tiznit',
      recurrence: { every: 2, unit: 'weeks' },
    });
    expect(await within(health).findByText('Repeats every 2 weeks')).toBeInTheDocument();
    expect(within(health).getByText(/Referral to ANAPEC Tiznit · Waiting for an answer/)).toBeInTheDocument();
  });

  it('starts a new employment plan for a member with a first action', async () => {
    const fake = await openPlansTab();
    await userEvent.click(await screen.findByRole('button', { name: 'New plan' }));
    const dialog = await screen.findByRole('dialog', { name: 'New follow-up plan' });
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Employment' }));
    await chooseOption(dialog, 'For whom', 'فاطمة الزهراء أيت إبراهيم');
    await userEvent.type(within(dialog).getByLabelText(/^Goals/), 'Trouver un emploi à la coopérative');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add a first action' }));
    await userEvent.type(within(dialog).getByLabelText(/^What to do/), 'Inscription à l’ANAPEC');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create the plan' }));

    expect(await screen.findByRole('region', { name: 'Employment plan · فاطمة الزهراء أيت إبراهيم' })).toBeInTheDocument();
    const created = fake.plans.plans('household-1').find((plan) => plan.memberId === 'household-1-m1');
    expect(created).toMatchObject({ domain: 'employment', goals: 'Trouver un emploi à la coopérative', actions: [{ type: 'home_visit', title: 'Inscription à l’ANAPEC', assigneeId: 'user-1' }] });
  });
});
