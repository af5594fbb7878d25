import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../App.tsx';
import { createFakeApi, fakeRecoveryCode } from '../../test-utils/fake-api.ts';
import { render } from '../../test-utils/render.tsx';

const fillSetup = async (password: string, confirmation: string) => {
  await userEvent.click(await screen.findByRole('radio', { name: /Set up a new branch on this device \(no server\)/ }));
  await userEvent.type(await screen.findByLabelText('Branch name'), 'Tiznit regional branch');
  await userEvent.type(screen.getByLabelText("Administrator's full name"), 'Fatima Zahra Amrani');
  await userEvent.type(screen.getByLabelText("Administrator's username"), 'Fatima.Amrani');
  await userEvent.type(screen.getByLabelText('Password'), password);
  await userEvent.type(screen.getByLabelText('Type the password again'), confirmation);
  await userEvent.click(screen.getByRole('button', { name: 'Create the branch and the account' }));
};

describe('SetupScreen', () => {
  it('creates the branch and its administrator, then shows the recovery code once and needs it written down', async () => {
    window.location.hash = '#/queue';
    const fake = createFakeApi({ language: 'en' });
    render(<App />, { api: fake.api, language: 'en' });
    expect(await screen.findByRole('heading', { name: 'Set up this device', level: 2 })).toBeInTheDocument();

    await fillSetup('a long enough password', 'a long enough password');

    expect(await screen.findByRole('heading', { name: 'Your recovery code', level: 2 })).toBeInTheDocument();
    expect(screen.getByText(fakeRecoveryCode)).toBeInTheDocument();
    expect(screen.getByText(/only way to get the data back if every password/)).toBeInTheDocument();
    expect(fake.users()).toMatchObject([{ username: 'fatima.amrani', displayName: 'Fatima Zahra Amrani', role: 'admin' }]);

    const continueButton = screen.getByRole('button', { name: 'Continue' });
    expect(continueButton).toBeDisabled();
    await userEvent.click(screen.getByRole('checkbox', { name: /I have written the recovery code down/ }));
    expect(continueButton).toBeEnabled();
    await userEvent.click(continueButton);

    expect(await screen.findByRole('heading', { name: 'Queue', level: 2 })).toBeInTheDocument();
    expect(screen.getByText('Fatima Zahra Amrani')).toBeInTheDocument();
    expect(screen.queryByText(fakeRecoveryCode)).not.toBeInTheDocument();
  });

  it('refuses a short password or a confirmation that differs, before asking the core', async () => {
    const fake = createFakeApi({ language: 'en' });
    render(<App />, { api: fake.api, language: 'en' });
    await fillSetup('short', 'different');
    expect(await screen.findByText('The password needs at least 10 characters.')).toBeInTheDocument();
    expect(screen.getByText('The two passwords are not the same.')).toBeInTheDocument();
    expect(fake.callsTo('session:setup')).toHaveLength(0);
    expect(fake.session()).toBe('setup');
  });

  it('offers the three languages before anything is set up', async () => {
    const fake = createFakeApi({ language: 'en' });
    render(<App />, { api: fake.api, language: 'en' });
    await screen.findByRole('heading', { name: 'Set up this device', level: 2 });
    await userEvent.click(screen.getByText('العربية'));
    expect(await screen.findByRole('heading', { name: 'إعداد هذا الجهاز', level: 2 })).toBeInTheDocument();
    await waitFor(() => expect(document.documentElement.dir).toBe('rtl'));
    expect(fake.current().language).toBe('ar');
  });
});
