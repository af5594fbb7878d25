import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../../../shared/contract/index.ts';
import { createFakeApi } from '../../test-utils/fake-api.ts';
import { render } from '../../test-utils/render.tsx';
import { withFakeUpdates } from '../../updates/fake-updates.ts';
import { SettingsScreen } from './SettingsScreen.tsx';
import { UpdatesCard } from './UpdatesCard.tsx';

const ready: Partial<UpdateStatus> = { state: 'ready', availableVersion: '0.2.0', releaseNotes: 'Faster search.\nArabic fixes.', progressPercent: 100 };

const open = async (initial: Partial<UpdateStatus>, language: 'en' | 'ar' = 'en') => {
  const fake = withFakeUpdates(createFakeApi({ language }, { session: 'unlocked' }).api, initial);
  render(<UpdatesCard />, { api: fake.api, language });
  const card = within(await screen.findByRole('region', { name: language === 'en' ? 'Updates' : 'التحديثات' }));
  await card.findByText('0.1.0');
  return { fake, card };
};

describe('UpdatesCard', () => {
  it('shows the current version and checks the branch server on demand', async () => {
    const { fake, card } = await open({});
    expect(card.getByText('Mowakaba is up to date.')).toBeInTheDocument();
    fake.onCheck({ state: 'downloading', availableVersion: '0.2.0', progressPercent: 0, releaseNotes: 'Faster search.' });
    await userEvent.click(card.getByRole('button', { name: 'Check for updates' }));
    expect(await card.findByText('Downloading version 0.2.0 in the background…')).toBeInTheDocument();
    expect(fake.checks()).toBe(1);
    expect(card.getByText('Faster search.')).toBeInTheDocument();
  });

  it('follows the download progress and says when the update installs', async () => {
    const { fake, card } = await open({ state: 'downloading', availableVersion: '0.2.0', progressPercent: 10 });
    act(() => fake.push({ progressPercent: 64 }));
    expect(await card.findByText('64%')).toBeInTheDocument();
    expect(card.getByRole('progressbar', { name: 'Download progress' })).toHaveAttribute('aria-valuenow', '64');
    act(() => fake.push({ ...ready, installOnQuit: true }));
    expect(await card.findByText('It will be installed when you quit Mowakaba. Your work and settings stay as they are.')).toBeInTheDocument();
    expect(card.queryByRole('button', { name: 'Install when I quit' })).not.toBeInTheDocument();
  });

  it('asks explicitly before installing with unsynced changes, then keeps them', async () => {
    const { fake, card } = await open({ ...ready, pendingChanges: 3 });
    expect(card.getByText('3 changes made on this computer have not reached the server yet.')).toBeInTheDocument();
    await userEvent.click(card.getByRole('button', { name: 'Install when I quit' }));
    expect(fake.installs).toEqual([]);
    await userEvent.click(card.getByRole('button', { name: 'Not now' }));
    expect(fake.installs).toEqual([]);

    await userEvent.click(card.getByRole('button', { name: 'Install when I quit' }));
    await userEvent.click(
      card.getByRole('button', { name: 'Install anyway — your 3 changes stay on this computer and will sync after the update' }),
    );
    expect(fake.installs).toEqual([true]);
    expect(
      await card.findByText('It will be installed when you quit Mowakaba. Changes not yet synced stay on this computer and will sync after the update.'),
    ).toBeInTheDocument();
  });

  it('says plainly when the server needs a newer version, and offers the update', async () => {
    const { fake, card } = await open({ serverOutdated: true, pendingChanges: 2 });
    expect(card.getByText('This version is too old for the branch server')).toBeInTheDocument();
    expect(card.getByText(/until then your changes are kept on this computer/)).toBeInTheDocument();
    fake.onCheck({ state: 'downloading', availableVersion: '0.3.0', progressPercent: 0 });
    await userEvent.click(card.getByRole('button', { name: 'Check for updates' }));
    expect(await card.findByText('Downloading version 0.3.0 in the background…')).toBeInTheDocument();
  });

  it('explains a discarded download and that it will be tried again', async () => {
    const { card } = await open({ state: 'error', error: 'corrupt-download' });
    expect(card.getByText('The downloaded update was damaged and has been discarded. Mowakaba will download it again later.')).toBeInTheDocument();
    expect(card.getByRole('button', { name: 'Check for updates' })).toBeEnabled();
  });

  it('says where updates come from when there is no updater, in Arabic', async () => {
    const { card } = await open({ state: 'disabled', lastCheckAt: null }, 'ar');
    expect(card.getByText(/التحديثات التلقائية متوقفة/)).toBeInTheDocument();
    expect(card.queryByRole('button')).not.toBeInTheDocument();
  });

  it('is part of the settings screen', async () => {
    const fake = withFakeUpdates(createFakeApi({ language: 'en' }).api, ready);
    render(<SettingsScreen />, { api: fake.api, language: 'en' });
    expect(await screen.findByRole('heading', { name: 'Updates' })).toBeInTheDocument();
    expect(await screen.findByText('Version 0.2.0 is downloaded.')).toBeInTheDocument();
  });
});
