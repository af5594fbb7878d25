import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Role, SyncStatus } from '../../../../shared/contract/index.ts';
import { App } from '../../App.tsx';
import { createFakeApi } from '../../test-utils/fake-api.ts';
import { fakeConflict, type FakeSyncOptions } from '../../test-utils/fake-sync.ts';
import { render } from '../../test-utils/render.tsx';

const connected: Partial<SyncStatus> = { state: 'idle', server: 'https://sync.tiznit.example', deviceName: 'Laptop', openConflicts: 2, cursor: 40 };

const conflicts = [
  fakeConflict('conflict-1'),
  fakeConflict('conflict-2', {
    table: 'plans',
    rowId: 'plan-1',
    field: 'status',
    kept: { value: 'closed', userName: 'Amina El Idrissi', deviceTime: null, serverTime: '2025-03-04T08:00:00.000Z' },
    lost: { value: 'active', userName: 'Youssef Ait Ali', deviceTime: '2025-03-01T10:00:00.000Z', serverTime: '2025-03-04T07:00:00.000Z' },
  }),
  fakeConflict('conflict-3', { field: 'locality', status: 'confirmed' }),
];

const openConflicts = async (sync: FakeSyncOptions = { status: connected, conflicts }, role: Role = 'manager') => {
  window.location.hash = '#/sync';
  const fake = createFakeApi({ language: 'en' }, { session: 'unlocked', role, sync });
  render(<App />, { api: fake.api, language: 'en' });
  await userEvent.click(await screen.findByRole('tab', { name: /^Conflicts/ }));
  return { fake };
};

const item = async (what: string) => screen.findByRole('listitem', { name: `Conflict: ${what}` });

describe('ConflictsSection', () => {
  it('shows what each open conflict is about, the household, both values with authors and the device clock', async () => {
    await openConflicts();
    const phone = await item('Household — phone');
    expect(within(phone).getByTestId('conflict-kept')).toHaveTextContent('0661223344');
    expect(within(phone).getByTestId('conflict-lost')).toHaveTextContent('0677889900');
    expect(within(phone).getByText('By Youssef Ait Ali')).toBeInTheDocument();
    expect(within(phone).getByText('By Amina El Idrissi')).toBeInTheDocument();
    expect(within(phone).getAllByText(/^Device clock:/)).toHaveLength(2);
    expect(within(phone).getAllByText(/^Received by the server:/)).toHaveLength(2);
    expect(within(phone).getByRole('link', { name: 'Open the household file' })).toHaveAttribute('href', '#/households/household-1');

    const plan = await item('Plan — status');
    expect(within(plan).getByTestId('conflict-kept')).toHaveTextContent('Closed');
    expect(within(plan).getByTestId('conflict-lost')).toHaveTextContent('Active');
    expect(within(plan).getByText('Device clock: not known')).toBeInTheDocument();
    expect(screen.queryByRole('listitem', { name: 'Conflict: Household — locality' })).not.toBeInTheDocument();
  });

  it('keeps the value the server kept with one click', async () => {
    const { fake } = await openConflicts();
    const phone = await item('Household — phone');
    await userEvent.click(within(phone).getByRole('button', { name: 'Keep the value kept for Household — phone' }));
    await waitFor(() => expect(fake.sync.resolved()).toEqual([{ id: 'conflict-1', keep: 'kept' }]));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Conflict: Household — phone' })).not.toBeInTheDocument());
    expect(within(screen.getByRole('tab', { name: /^Conflicts/ })).getByText('1')).toBeInTheDocument();
  });

  it('restores the value set aside only after a confirmation that names both values', async () => {
    const { fake } = await openConflicts();
    const plan = await item('Plan — status');
    await userEvent.click(within(plan).getByRole('button', { name: 'Restore the value set aside for Plan — status' }));
    let dialog = await screen.findByRole('dialog', { name: 'Restore the value set aside?' });
    expect(within(dialog).getByText(/Plan — status will become "\u2068Active\u2069" again.*"\u2068Closed\u2069" is set aside/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fake.sync.resolved()).toEqual([]);

    await userEvent.click(within(plan).getByRole('button', { name: 'Restore the value set aside for Plan — status' }));
    dialog = await screen.findByRole('dialog', { name: 'Restore the value set aside?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(fake.sync.resolved()).toEqual([{ id: 'conflict-2', keep: 'lost' }]));
    expect(await screen.findByText('Value restored. The devices receive it at their next sync.')).toBeInTheDocument();
  });

  it('shows decided conflicts too when asked for all', async () => {
    await openConflicts();
    await item('Household — phone');
    await userEvent.click(screen.getByText('All'));
    const locality = await item('Household — locality');
    expect(within(locality).getByText('Confirmed')).toBeInTheDocument();
    expect(within(locality).queryByRole('button', { name: /^Keep/ })).not.toBeInTheDocument();
  });

  it('says every device agrees when there is no conflict', async () => {
    await openConflicts({ status: { ...connected, openConflicts: 0 }, conflicts: [] });
    expect(await screen.findByText('No conflicts: every device agrees.')).toBeInTheDocument();
  });

  it('says in plain words that the list needs a connection', async () => {
    await openConflicts({ status: { ...connected, state: 'offline' }, conflicts, offline: true });
    expect(await screen.findByText(/No connection: this list comes from the branch server/)).toBeInTheDocument();
  });
});
