import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../App.tsx';
import { createFakeApi, fakePassword, fakeRecoveryCode } from '../../test-utils/fake-api.ts';
import { render } from '../../test-utils/render.tsx';

const english = { username: 'Username', password: 'Password', submit: 'Unlock' };
const arabic = { username: 'اسم المستخدم', password: 'كلمة المرور', submit: 'فتح' };

const unlockWith = async (username: string, password: string, labels = english) => {
  const usernameInput = await screen.findByLabelText(labels.username);
  await userEvent.clear(usernameInput);
  await userEvent.type(usernameInput, username);
  await userEvent.type(screen.getByLabelText(labels.password), password);
  await userEvent.click(screen.getByRole('button', { name: labels.submit }));
};

describe('UnlockScreen', () => {
  it('opens the app with the right password, from the username field already focused, with Enter', async () => {
    window.location.hash = '#/queue';
    const fake = createFakeApi({ language: 'en' }, { session: 'locked' });
    render(<App />, { api: fake.api, language: 'en' });
    expect(await screen.findByLabelText('Username')).toHaveFocus();
    await userEvent.keyboard('amina');
    await userEvent.type(screen.getByLabelText('Password'), `${fakePassword}{Enter}`);
    expect(await screen.findByRole('heading', { name: 'Queue', level: 2 })).toBeInTheDocument();
    expect(fake.session()).toBe('unlocked');
  });

  it('says the same translated thing for a wrong password and an unknown user', async () => {
    const fake = createFakeApi({}, { session: 'locked' });
    render(<App />, { api: fake.api });
    await unlockWith('amina', 'not-the-password', arabic);
    expect(await screen.findByText('اسم المستخدم أو كلمة المرور غير صحيح.')).toBeInTheDocument();
    expect(screen.getByLabelText('كلمة المرور')).toHaveValue('');

    await unlockWith('nobody', 'not-the-password', arabic);
    expect(await screen.findByText('اسم المستخدم أو كلمة المرور غير صحيح.')).toBeInTheDocument();
    expect(fake.session()).toBe('locked');
  });

  it('after too many failures shows a live countdown and keeps the button disabled until it ends', async () => {
    const fake = createFakeApi({ language: 'en' }, { session: 'locked', maxFailures: 2, retryAfterMs: 1_500 });
    render(<App />, { api: fake.api, language: 'en' });
    await unlockWith('amina', 'wrong-once');
    await screen.findByText('The username or the password is not right.');
    await unlockWith('amina', 'wrong-twice');
    expect(await screen.findByText('Too many failed attempts. Wait until the countdown ends, then try again.')).toBeInTheDocument();
    expect(screen.getByRole('timer')).toHaveTextContent(/You can try again in 0:0[12]\./);
    expect(screen.getByRole('button', { name: 'Unlock' })).toBeDisabled();

    await waitFor(() => expect(screen.getByRole('button', { name: 'Unlock' })).toBeEnabled(), { timeout: 3_000 });
    expect(screen.queryByRole('timer')).not.toBeInTheDocument();
  });

  it('shows the delay still running from the status when it opens', async () => {
    const fake = createFakeApi({ language: 'en' }, { session: 'locked', blockedForMs: 90_000 });
    render(<App />, { api: fake.api, language: 'en' });
    expect(await screen.findByRole('timer')).toHaveTextContent(/You can try again in 1:(30|29)\./);
    expect(screen.getByRole('button', { name: 'Unlock' })).toBeDisabled();
  });

  it('sets a new password with the recovery code, then comes back to unlock with a notice', async () => {
    const fake = createFakeApi({ language: 'en' }, { session: 'locked' });
    render(<App />, { api: fake.api, language: 'en' });
    await userEvent.click(await screen.findByRole('button', { name: 'Forgot your password?' }));
    expect(await screen.findByRole('heading', { name: 'Set a new password with the recovery code' })).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('Username'), 'amina');
    await userEvent.type(screen.getByLabelText(/^Recovery code/), 'abcd efgh jklm npqx');
    await userEvent.type(screen.getByLabelText(/^New password/), 'a brand new password');
    await userEvent.type(screen.getByLabelText('Type the password again'), 'a brand new password');
    await userEvent.click(screen.getByRole('button', { name: 'Set the new password' }));
    expect(await screen.findByText('This recovery code is not right. Check it character by character.')).toBeInTheDocument();

    const code = screen.getByLabelText(/^Recovery code/);
    await userEvent.clear(code);
    await userEvent.type(code, fakeRecoveryCode.toLowerCase());
    await userEvent.click(screen.getByRole('button', { name: 'Set the new password' }));

    expect(await screen.findByText('Your new password is set. Unlock with it.')).toBeInTheDocument();
    expect(fake.passwordOf('amina')).toBe('a brand new password');
    expect(screen.getByLabelText('Username')).toHaveValue('amina');
    expect(screen.getByLabelText('Password')).toHaveFocus();
    await userEvent.keyboard('a brand new password{Enter}');
    expect(await screen.findByRole('banner')).toHaveTextContent('Amina El Idrissi');
  });
});
