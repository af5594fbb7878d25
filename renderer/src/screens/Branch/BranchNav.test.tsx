import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../App.tsx';
import { createFakeApi } from '../../test-utils/fake-api.ts';
import { render } from '../../test-utils/render.tsx';

const navigation = async (role: 'worker' | 'manager') => {
  window.location.hash = '#/branch';
  const fake = createFakeApi({ language: 'en' }, { session: 'unlocked', role });
  render(<App />, { api: fake.api, language: 'en' });
  return within(await screen.findByRole('navigation', { name: 'Main navigation' }));
};

describe('Branch navigation', () => {
  it('is hidden from social workers, whom /branch sends back to their queue', async () => {
    const nav = await navigation('worker');
    expect(await screen.findByRole('heading', { name: 'Queue', level: 2 })).toBeInTheDocument();
    expect(nav.queryByRole('link', { name: /Branch/ })).not.toBeInTheDocument();
    expect(window.location.hash).toBe('#/queue');
  });

  it('opens the branch view for a manager', async () => {
    const nav = await navigation('manager');
    expect(nav.getByRole('link', { name: /Branch/ })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Branch overview', level: 2 })).toBeInTheDocument();
  });
});
