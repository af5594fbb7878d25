import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../shared/contract/index.ts';
import { App } from '../../App.tsx';
import { createFakeApi } from '../../test-utils/fake-api.ts';
import { render } from '../../test-utils/render.tsx';

const connected: Partial<SyncStatus> = {
  state: 'idle',
  server: 'https://sync.tiznit.example',
  deviceName: 'Laptop Amina',
  pending: 0,
  lastSyncAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  cursor: 120,
};

const openApp = async (status: Partial<SyncStatus>, options: { offline?: boolean } = {}) => {
  window.location.hash = '#/queue';
  const fake = createFakeApi({ language: 'en' }, { session: 'unlocked', sync: { status, offline: options.offline } });
  render(<App />, { api: fake.api, language: 'en' });
  const header = await screen.findByRole('banner');
  const status$ = await within(header).findByTestId('sync-status');
  return { fake, header, status: status$ };
};

describe('SyncStatus in the header', () => {
  it('says how many changes wait and, offline, that they are safe on this device', async () => {
    const { status } = await openApp({ ...connected, state: 'offline', pending: 3 });
    expect(within(status).getByText('No connection — your changes are safe on this device')).toBeInTheDocument();
    expect(within(status).getByText('3 changes waiting')).toBeInTheDocument();
  });

  it('shows the last sync as a relative time, and follows the core’s status event live', async () => {
    const { fake, status } = await openApp({ ...connected, pending: 0 });
    expect(within(status).getByText('Up to date')).toBeInTheDocument();
    expect(within(status).getByText('Synced 5 minutes ago')).toBeInTheDocument();

    fake.sync.setStatus({ pending: 1 });
    expect(await within(status).findByText('1 change waiting')).toBeInTheDocument();
    fake.sync.setStatus({ state: 'outdated' });
    expect(await within(status).findByText('Update the app to sync; your changes stay here')).toBeInTheDocument();
    fake.sync.setStatus({ state: 'needs-login' });
    expect(await within(status).findByText('Sign in again to sync')).toBeInTheDocument();
  });

  it('syncs now from its button and from Ctrl+Shift+S, and says what was sent and received', async () => {
    const { fake, header } = await openApp({ ...connected, pending: 2 });
    await userEvent.click(within(header).getByRole('button', { name: 'Sync now' }));
    await waitFor(() => expect(fake.callsTo('sync:now')).toHaveLength(1));
    expect(await screen.findByText('Sync done: 2 sent, 4 received.')).toBeInTheDocument();
    expect(await within(header).findByText('Up to date')).toBeInTheDocument();

    await userEvent.keyboard('{Control>}{Shift>}s{/Shift}{/Control}');
    await waitFor(() => expect(fake.callsTo('sync:now')).toHaveLength(2));
  });

  it('says in plain words when syncing now finds no connection', async () => {
    const { fake, header } = await openApp({ ...connected, pending: 2 }, { offline: true });
    await userEvent.click(within(header).getByRole('button', { name: 'Sync now' }));
    expect(await screen.findByText(/No connection to the branch server\. Your changes are safe on this device/)).toBeInTheDocument();
    expect(await within(header).findByText('No connection — your changes are safe on this device')).toBeInTheDocument();
    expect(fake.sync.status().pending).toBe(2);
  });

  it('stays discreet on a store without a server, and opens the Sync screen when clicked', async () => {
    const { header, status } = await openApp({ state: 'off' });
    expect(within(status).getByText('Not connected to a server')).toBeInTheDocument();
    expect(within(header).queryByRole('button', { name: 'Sync now' })).not.toBeInTheDocument();
    await userEvent.click(within(header).getByRole('link', { name: /^Sync: Not connected to a server/ }));
    expect(await screen.findByRole('heading', { name: 'This device works alone' })).toBeInTheDocument();
    expect(window.location.hash).toBe('#/sync');
  });

  it('shows a manager how many conflicts wait', async () => {
    window.location.hash = '#/queue';
    const fake = createFakeApi({ language: 'en' }, { session: 'unlocked', role: 'manager', sync: { status: { ...connected, openConflicts: 2 } } });
    render(<App />, { api: fake.api, language: 'en' });
    expect(await screen.findByTitle('2 conflicts to review')).toBeInTheDocument();
  });
});
