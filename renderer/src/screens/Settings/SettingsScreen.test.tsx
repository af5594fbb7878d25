import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../../test-utils/fake-api.ts';
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
});
