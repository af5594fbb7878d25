import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from './App.tsx';
import { createFakeApi } from './test-utils/fake-api.ts';
import { render } from './test-utils/render.tsx';

describe('App', () => {
  it('opens on the queue in Arabic, right to left, and says the screen is not built yet', async () => {
    window.location.hash = '';
    const { api } = createFakeApi({}, { session: 'unlocked' });
    render(<App />, { api });
    expect(await screen.findByRole('heading', { name: 'قائمة العمل', level: 2 })).toBeInTheDocument();
    expect(await screen.findByRole('listbox', { name: /^قائمة العمل/ })).toBeInTheDocument();
    expect(document.documentElement.dir).toBe('rtl');
    expect(window.location.hash).toBe('#/queue');
  });

  it('follows the saved language: French turns the document left to right', async () => {
    window.location.hash = '#/households';
    const { api } = createFakeApi({ language: 'fr' }, { session: 'unlocked' });
    render(<App />, { api });
    expect(await screen.findByRole('heading', { name: 'Ménages', level: 2 })).toBeInTheDocument();
    await waitFor(() => expect(document.documentElement.dir).toBe('ltr'));
    expect(document.documentElement.lang).toBe('fr');
  });

  it('moves between screens with Alt+digit', async () => {
    window.location.hash = '#/queue';
    const { api } = createFakeApi({ language: 'en' }, { session: 'unlocked' });
    render(<App />, { api });
    await screen.findByRole('heading', { name: 'Queue', level: 2 });
    await userEvent.keyboard('{Alt>}6{/Alt}');
    expect(await screen.findByRole('heading', { name: 'Settings', level: 2 })).toBeInTheDocument();
  });

  it('shows a translated error and a retry when the core cannot be reached', async () => {
    render(<App />, {
      language: 'en',
      api: {
        invoke: () => Promise.resolve({ ok: false, error: { code: 'internal', message: 'boom' } }),
        on: () => () => undefined,
      },
    });
    expect(await screen.findByText('Something unexpected went wrong. Nothing saved was lost; try again.')).toBeInTheDocument();
    expect(screen.queryByText('boom')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('shows who is signed in, and the lock button returns to the unlock screen', async () => {
    window.location.hash = '#/queue';
    const fake = createFakeApi({ language: 'en' }, { session: 'unlocked', role: 'manager' });
    render(<App />, { api: fake.api, language: 'en' });
    const header = await screen.findByRole('banner');
    expect(await within(header).findByText('Amina El Idrissi')).toBeInTheDocument();
    expect(within(header).getByText('Branch manager')).toBeInTheDocument();

    await userEvent.click(within(header).getByRole('button', { name: 'Lock' }));
    expect(await screen.findByRole('heading', { name: 'Unlock', level: 2 })).toBeInTheDocument();
    expect(fake.session()).toBe('locked');
    expect(screen.queryByText('Amina El Idrissi')).not.toBeInTheDocument();
  });

  it('locks with Ctrl+L, even from inside a field', async () => {
    window.location.hash = '#/settings';
    const fake = createFakeApi({ language: 'en' }, { session: 'unlocked' });
    render(<App />, { api: fake.api, language: 'en' });
    await userEvent.click(await screen.findByLabelText('Current password'));
    await userEvent.keyboard('{Control>}l{/Control}');
    expect(await screen.findByRole('heading', { name: 'Unlock', level: 2 })).toBeInTheDocument();
    expect(fake.session()).toBe('locked');
  });

  it('shows the unlock screen at once when the core locks after inactivity, and says why', async () => {
    window.location.hash = '#/queue';
    const fake = createFakeApi({ language: 'en' }, { session: 'unlocked' });
    render(<App />, { api: fake.api, language: 'en' });
    await screen.findByRole('heading', { name: 'Queue', level: 2 });
    fake.idleLock();
    expect(await screen.findByRole('heading', { name: 'Unlock', level: 2 })).toBeInTheDocument();
    expect(screen.getByText('The app locked itself after a while without use. Your work is saved.')).toBeInTheDocument();
  });

  it('tells the core about activity at most once every 30 seconds', async () => {
    window.location.hash = '#/queue';
    const fake = createFakeApi({ language: 'en' }, { session: 'unlocked' });
    render(<App />, { api: fake.api, language: 'en' });
    await screen.findByRole('heading', { name: 'Queue', level: 2 });
    await userEvent.keyboard('a');
    await userEvent.click(screen.getByRole('heading', { name: 'Queue', level: 2 }));
    await userEvent.keyboard('b');
    expect(fake.callsTo('session:touch')).toHaveLength(1);
  });

  it('shows the Users screen in the navigation to administrators and managers only', async () => {
    window.location.hash = '#/queue';
    const worker = createFakeApi({ language: 'en' }, { session: 'unlocked', role: 'worker' });
    const { unmount } = render(<App />, { api: worker.api, language: 'en' });
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByText('Settings')).toBeInTheDocument();
    expect(within(nav).queryByText('Users')).not.toBeInTheDocument();
    unmount();

    const manager = createFakeApi({ language: 'en' }, { session: 'unlocked', role: 'manager' });
    render(<App />, { api: manager.api, language: 'en' });
    await userEvent.click(within(await screen.findByRole('navigation', { name: 'Main navigation' })).getByText('Users'));
    expect(await screen.findByRole('heading', { name: 'Users', level: 2 })).toBeInTheDocument();
  });
});
