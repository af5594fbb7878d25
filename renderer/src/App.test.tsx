import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from './App.tsx';
import { createFakeApi } from './test-utils/fake-api.ts';
import { render } from './test-utils/render.tsx';

describe('App', () => {
  it('opens on the queue in Arabic, right to left, and says the screen is not built yet', async () => {
    window.location.hash = '';
    const { api } = createFakeApi();
    render(<App />, { api });
    expect(await screen.findByRole('heading', { name: 'قائمة العمل', level: 2 })).toBeInTheDocument();
    expect(screen.getByText('هذه الشاشة غير متوفرة بعد')).toBeInTheDocument();
    expect(document.documentElement.dir).toBe('rtl');
    expect(window.location.hash).toBe('#/queue');
  });

  it('follows the saved language: French turns the document left to right', async () => {
    window.location.hash = '#/households';
    const { api } = createFakeApi({ language: 'fr' });
    render(<App />, { api });
    expect(await screen.findByRole('heading', { name: 'Ménages', level: 2 })).toBeInTheDocument();
    await waitFor(() => expect(document.documentElement.dir).toBe('ltr'));
    expect(document.documentElement.lang).toBe('fr');
  });

  it('moves between screens with Alt+digit', async () => {
    window.location.hash = '#/queue';
    const { api } = createFakeApi({ language: 'en' });
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
});
