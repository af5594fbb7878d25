import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Language, Role, SyncStatus } from '../../../../shared/contract/index.ts';
import { App } from '../../App.tsx';
import { createFakeApi, fakePassword } from '../../test-utils/fake-api.ts';
import { fakeDevice, type FakeSyncOptions } from '../../test-utils/fake-sync.ts';
import { render } from '../../test-utils/render.tsx';

const connected: Partial<SyncStatus> = {
  state: 'idle',
  server: 'https://sync.tiznit.example',
  deviceName: 'Laptop Amina',
  pending: 3,
  lastSyncAt: '2025-03-04T08:00:00.000Z',
  cursor: 120,
};

const openSync = async (role: Role, sync: FakeSyncOptions = { status: connected }, language: Language = 'en') => {
  window.location.hash = '#/sync';
  const fake = createFakeApi({ language }, { session: 'unlocked', role, sync });
  render(<App />, { api: fake.api, language });
  return { fake };
};

const tabs = () => screen.getAllByRole('tab').map((tab) => tab.textContent);

describe('SyncScreen', () => {
  it('says plainly that a store without a server works alone, and how to join one', async () => {
    await openSync('admin', { status: { state: 'off' } });
    expect(await screen.findByRole('heading', { name: 'This device works alone', level: 3 })).toBeInTheDocument();
    expect(screen.getByText(/choose "Join my branch's server" at its first start/)).toBeInTheDocument();
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
  });

  it('shows the server, the device, who is signed in and how far it is, then syncs now with the button disabled while it runs', async () => {
    const { fake } = await openSync('worker');
    const card = (await screen.findByRole('heading', { name: 'Server and account' })).closest('.mantine-Card-root') as HTMLElement;
    expect(within(card).getByText('https://sync.tiznit.example')).toBeInTheDocument();
    expect(within(card).getByText('Laptop Amina')).toBeInTheDocument();
    expect(within(card).getByText('Amina El Idrissi')).toBeInTheDocument();
    expect(within(card).getByText('120')).toBeInTheDocument();
    expect(within(card).getByText('Ready')).toBeInTheDocument();

    const release = fake.sync.holdSync();
    const button = within(card).getByRole('button', { name: /Sync now/ });
    await userEvent.click(button);
    expect(await within(card).findByText(/You can keep working/)).toBeInTheDocument();
    expect(button).toBeDisabled();
    expect(fake.callsTo('sync:now')).toHaveLength(1);
    release();
    await waitFor(() => expect(button).toBeEnabled());
    expect(within(card).queryByText(/You can keep working/)).not.toBeInTheDocument();
    expect(fake.sync.status().pending).toBe(0);
  });

  it('asks for the password again when the server needs a new sign-in', async () => {
    const { fake } = await openSync('worker', { status: { ...connected, state: 'needs-login' } });
    expect(await screen.findByRole('heading', { name: 'Sign in again to sync', level: 4 })).toBeInTheDocument();
    const main = screen.getByRole('main');
    expect(within(main).getByRole('button', { name: /Sync now/ })).toBeDisabled();

    await userEvent.type(screen.getByLabelText('Your password'), 'not the password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in to the server' }));
    expect(await screen.findByText('The username or the password is not right.')).toBeInTheDocument();

    await userEvent.clear(screen.getByLabelText('Your password'));
    await userEvent.type(screen.getByLabelText('Your password'), fakePassword);
    await userEvent.click(screen.getByRole('button', { name: 'Sign in to the server' }));
    await waitFor(() => expect(screen.queryByLabelText('Your password')).not.toBeInTheDocument());
    expect(fake.callsTo('sync:login').at(-1)?.input).toEqual({ password: fakePassword });
    expect(within(main).getByRole('button', { name: /Sync now/ })).toBeEnabled();
  });

  it('lists the recent syncs and the changes the server refused, in plain words', async () => {
    await openSync('worker', {
      status: connected,
      runs: [
        { id: 'run-2', startedAt: '2025-03-04T08:00:00.000Z', finishedAt: '2025-03-04T08:00:05.000Z', via: 'network', pushed: 5, pulled: 12, conflicts: 1, rejected: 1, cursor: 120, error: null },
        { id: 'run-1', startedAt: '2025-03-03T08:00:00.000Z', finishedAt: '2025-03-03T08:00:02.000Z', via: 'bundle', pushed: 0, pulled: 0, conflicts: 0, rejected: 0, cursor: 108, error: { code: 'offline', message: 'unreachable' } },
      ],
      rejections: [{ table: 'households', rowId: 'household-1', field: 'assigned_worker_id', code: 'role-forbidden', at: '2025-03-04T08:00:05.000Z' }],
    });
    await userEvent.click(await screen.findByRole('tab', { name: 'History' }));
    const runs = await screen.findByRole('table', { name: 'Recent syncs' });
    const [, latest, older] = within(runs).getAllByRole('row');
    expect(within(latest as HTMLElement).getByText('Network')).toBeInTheDocument();
    expect(within(latest as HTMLElement).getByText('12')).toBeInTheDocument();
    expect(within(latest as HTMLElement).getByText('Done')).toBeInTheDocument();
    expect(within(older as HTMLElement).getByText('USB stick')).toBeInTheDocument();
    expect(within(older as HTMLElement).getByText('No connection to the server.')).toBeInTheDocument();

    const refused = screen.getByRole('table', { name: 'Changes the server refused' });
    expect(within(refused).getByRole('link', { name: 'Household — assigned worker' })).toHaveAttribute('href', '#/households/household-1');
    expect(within(refused).getByText('Your role does not allow this change.')).toBeInTheDocument();
  });

  it('writes the waiting changes to a USB bundle and reads the server’s answer, by file path', async () => {
    const { fake } = await openSync('worker');
    await userEvent.click(await screen.findByRole('tab', { name: 'USB stick' }));
    await userEvent.click(screen.getByRole('button', { name: 'Write the file' }));
    expect(await screen.findByText('Enter the full path of the file.')).toBeInTheDocument();
    expect(fake.callsTo('bundle:export')).toHaveLength(0);

    await userEvent.type(screen.getByLabelText('File to create'), 'E:\\mowakaba-changes.bundle');
    await userEvent.click(screen.getByRole('button', { name: 'Write the file' }));
    expect(await screen.findByText('3 changes written to \u2066E:\\mowakaba-changes.bundle\u2069.')).toBeInTheDocument();
    expect(fake.callsTo('bundle:export')[0]?.input).toEqual({ file: 'E:\\mowakaba-changes.bundle' });

    await userEvent.type(screen.getByLabelText('Answer file'), '/missing/answer.bundle');
    await userEvent.click(screen.getByRole('button', { name: 'Read the answer' }));
    expect(await screen.findByText(/This file or folder cannot be found/)).toBeInTheDocument();

    await userEvent.clear(screen.getByLabelText('Answer file'));
    await userEvent.type(screen.getByLabelText('Answer file'), 'E:\\mowakaba-answer.bundle');
    await userEvent.click(screen.getByRole('button', { name: 'Read the answer' }));
    expect(await screen.findByText('Answer read: 3 of your changes accepted, 4 received, 0 in conflict, 0 refused.')).toBeInTheDocument();
  });

  it('hides the conflicts and the devices from a social worker', async () => {
    await openSync('worker');
    await screen.findByRole('tab', { name: 'This device' });
    expect(tabs()).toEqual(['This device', 'History', 'USB stick']);
  });

  it('gives a manager the conflicts but not the devices', async () => {
    await openSync('manager', { status: { ...connected, openConflicts: 2 } });
    await screen.findByRole('tab', { name: 'This device' });
    expect(tabs()).toEqual(['This device', 'History', 'USB stick', 'Conflicts2']);
  });

  it('lets the administrator revoke a lost device only after saying it will wipe its data', async () => {
    const { fake } = await openSync('admin', {
      status: connected,
      devices: [
        fakeDevice('device-1', { name: 'Laptop Amina', usernames: ['amina'], current: true }),
        fakeDevice('device-2', { name: 'Laptop Youssef', usernames: ['youssef'] }),
      ],
    });
    await userEvent.click(await screen.findByRole('tab', { name: 'Devices' }));
    expect(tabs()).toEqual(['This device', 'History', 'USB stick', 'Conflicts', 'Devices']);
    const table = await screen.findByRole('table', { name: 'Devices of the branch' });
    expect(within(table).getByText('This device')).toBeInTheDocument();
    expect(within(table).getByRole('button', { name: 'Revoke the device Laptop Amina' })).toBeDisabled();

    await userEvent.click(within(table).getByRole('button', { name: 'Revoke the device Laptop Youssef' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke the device Laptop Youssef?' });
    expect(within(dialog).getByText(/erases all the branch data it holds/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fake.callsTo('sync:revoke-device')).toHaveLength(0);

    await userEvent.click(within(table).getByRole('button', { name: 'Revoke the device Laptop Youssef' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Revoke the device' }));
    await waitFor(() => expect(fake.callsTo('sync:revoke-device')[0]?.input).toEqual({ deviceId: 'device-2' }));
    expect(await within(table).findByText(/^Revoked on/)).toBeInTheDocument();
  });

  it('says the device list needs a connection when the server cannot be reached', async () => {
    await openSync('admin', { status: { ...connected, state: 'offline' }, offline: true });
    await userEvent.click(await screen.findByRole('tab', { name: 'Devices' }));
    expect(await screen.findByText(/No connection: this list comes from the branch server/)).toBeInTheDocument();
  });

  it('renders in Arabic, right to left', async () => {
    await openSync('admin', { status: connected }, 'ar');
    expect(await screen.findByRole('heading', { name: 'المزامنة', level: 2 })).toBeInTheDocument();
    expect(await screen.findByRole('tab', { name: 'هذا الجهاز' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'الخادم والحساب' })).toBeInTheDocument();
    expect(within(screen.getByRole('banner')).getByText('3 تغييرات في الانتظار')).toBeInTheDocument();
    expect(document.documentElement.dir).toBe('rtl');
  });
});
