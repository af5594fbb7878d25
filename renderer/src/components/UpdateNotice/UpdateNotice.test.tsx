import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../../test-utils/fake-api.ts';
import { render } from '../../test-utils/render.tsx';
import { withFakeUpdates } from '../../updates/fake-updates.ts';
import { UpdateNotice } from './UpdateNotice.tsx';

const setup = () => {
  const fake = withFakeUpdates(createFakeApi({ language: 'en' }, { session: 'unlocked' }).api, { state: 'downloading', availableVersion: '0.2.0', progressPercent: 5 });
  render(<UpdateNotice />, { api: fake.api, language: 'en' });
  return fake;
};

describe('UpdateNotice', () => {
  it('appears once the update is downloaded, and can be hidden', async () => {
    const fake = setup();
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(screen.queryByText('Update ready')).not.toBeInTheDocument();

    act(() => fake.push({ state: 'ready', progressPercent: 100, installOnQuit: true }));
    expect(await screen.findByText('Version 0.2.0 will be installed when you quit Mowakaba.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Hide' }));
    expect(screen.queryByText('Update ready')).not.toBeInTheDocument();
  });

  it('points to Settings → Updates when unsynced changes wait for a choice', async () => {
    const fake = setup();
    act(() => fake.push({ state: 'ready', pendingChanges: 2, installOnQuit: false, serverOutdated: true }));
    expect(await screen.findByText(/Some changes have not been synced yet/)).toBeInTheDocument();
    expect(screen.getByText('The branch server needs this version to sync again.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open update settings' })).toHaveAttribute('href', '/settings');
  });

  it('shows nothing where the updater does not answer', async () => {
    render(<UpdateNotice />, { api: createFakeApi({ language: 'en' }).api, language: 'en' });
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });
});
