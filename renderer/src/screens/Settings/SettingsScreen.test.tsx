import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createFakeApi, fakePassword } from '../../test-utils/fake-api.ts';
import { render } from '../../test-utils/render.tsx';
import { SettingsScreen } from './SettingsScreen.tsx';

describe('SettingsScreen', () => {
  it('saves the language through the core as soon as it is picked', async () => {
    const fake = createFakeApi({ language: 'en' });
    render(<SettingsScreen />, { api: fake.api, language: 'en' });
    await userEvent.click(await screen.findByText('Français'));
    await waitFor(() => expect(fake.current().language).toBe('fr'));
  });

  it('refuses an idle-lock delay out of range and saves a valid one', async () => {
    const fake = createFakeApi({ language: 'en' });
    render(<SettingsScreen />, { api: fake.api, language: 'en' });
    const input = await screen.findByLabelText('Lock after inactivity');
    await userEvent.clear(input);
    await userEvent.type(input, '500');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Enter a whole number of minutes between 1 and 240.')).toBeInTheDocument();
    expect(fake.current().idleLockMinutes).toBe(10);

    await userEvent.clear(input);
    await userEvent.type(input, '25');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.current().idleLockMinutes).toBe(25));
  });

  it('shows the version and data folder from app:info', async () => {
    const fake = createFakeApi({ language: 'en' });
    render(<SettingsScreen />, { api: fake.api, language: 'en' });
    expect(await screen.findByText('/data')).toBeInTheDocument();
    expect(screen.getByText('0.1.0')).toBeInTheDocument();
  });

  it('changes my password once the current one is right', async () => {
    const fake = createFakeApi({ language: 'en' }, { session: 'unlocked' });
    render(<SettingsScreen />, { api: fake.api, language: 'en' });
    const current = await screen.findByLabelText('Current password');
    await userEvent.type(current, 'not my password');
    await userEvent.type(screen.getByLabelText(/^New password/), 'my new long password');
    await userEvent.type(screen.getByLabelText('Type the password again'), 'my new long password');
    await userEvent.click(screen.getByRole('button', { name: 'Change my password' }));
    expect(await screen.findByText('The current password is not right.')).toBeInTheDocument();
    expect(fake.passwordOf('amina')).toBe(fakePassword);

    await userEvent.clear(current);
    await userEvent.type(current, fakePassword);
    await userEvent.click(screen.getByRole('button', { name: 'Change my password' }));
    expect(await screen.findByText('Your password was changed. Use the new one next time you unlock.')).toBeInTheDocument();
    expect(fake.passwordOf('amina')).toBe('my new long password');
    expect(screen.getByLabelText('Current password')).toHaveValue('');
  });
});
