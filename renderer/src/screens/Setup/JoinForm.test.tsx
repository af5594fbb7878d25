import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ErrorShape, Language } from '../../../../shared/contract/index.ts';
import { App } from '../../App.tsx';
import { createFakeApi, fakePassword, fakeRecoveryCode } from '../../test-utils/fake-api.ts';
import { render } from '../../test-utils/render.tsx';

const start = (sync: { offline?: boolean; joinError?: Pick<ErrorShape, 'code' | 'reason'> } = {}, language: Language = 'en') => {
  window.location.hash = '#/queue';
  const fake = createFakeApi({ language }, { sync });
  render(<App />, { api: fake.api, language });
  return fake;
};

const fillJoin = async (password = fakePassword) => {
  await userEvent.type(await screen.findByLabelText('Server address'), 'sync.tiznit.example');
  await userEvent.type(screen.getByLabelText('Username'), 'Amina');
  await userEvent.type(screen.getByLabelText('Password'), password);
  await userEvent.click(screen.getByRole('button', { name: 'Join and download my caseload' }));
};

describe('Setup: joining the branch server', () => {
  it('offers joining first, then setting a new branch up without a server', async () => {
    start();
    await screen.findByRole('heading', { name: 'Set up this device', level: 2 });
    const [first, second] = within(screen.getByRole('radiogroup', { name: 'How will this device be used?' })).getAllByRole('radio');
    expect(first).toHaveAccessibleName(/^Join my branch's server/);
    expect(first).toBeChecked();
    expect(second).toHaveAccessibleName(/^Set up a new branch on this device \(no server\)/);
    expect(screen.getByLabelText('Name of this device')).toHaveValue('Laptop');
  });

  it('joins, says it is downloading the caseload, shows the recovery code once, then opens the app', async () => {
    const fake = start();
    const release = fake.sync.holdJoin();
    await fillJoin();
    expect(await screen.findByText('Downloading your caseload…')).toBeInTheDocument();
    expect(screen.getByLabelText('Server address')).toBeDisabled();
    // The core tells how much of the caseload is saved, batch by batch.
    act(() => fake.sync.progress({ done: 25_000, total: 100_000 }));
    expect(await screen.findByText('Records saved on this device: 25,000 of 100,000')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Downloading your caseload…' })).toHaveAttribute('aria-valuenow', '25');
    release();

    expect(await screen.findByRole('heading', { name: 'Your recovery code', level: 2 })).toBeInTheDocument();
    expect(screen.getByText(fakeRecoveryCode)).toBeInTheDocument();
    expect(fake.callsTo('sync:join')[0]?.input).toEqual({
      server: 'https://sync.tiznit.example',
      username: 'amina',
      password: fakePassword,
      deviceName: 'Laptop',
    });

    await userEvent.click(screen.getByRole('checkbox', { name: /I have written the recovery code down/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('heading', { name: 'Queue', level: 2 })).toBeInTheDocument();
    expect(screen.getByTestId('session-user')).toHaveTextContent('Amina El Idrissi');
    expect(await screen.findByText('Up to date')).toBeInTheDocument();
  });

  it('refuses an address that is not a web address before asking the core', async () => {
    const fake = start();
    await userEvent.type(await screen.findByLabelText('Server address'), 'ftp://sync.tiznit.example');
    await userEvent.click(screen.getByRole('button', { name: 'Join and download my caseload' }));
    expect(await screen.findByText(/address starting with https:\/\//)).toBeInTheDocument();
    expect(fake.callsTo('sync:join')).toHaveLength(0);
  });

  it('refuses plain http to another computer: passwords and files would travel in clear', async () => {
    const fake = start();
    await userEvent.type(await screen.findByLabelText('Server address'), 'http://192.168.1.20:8080');
    await userEvent.click(screen.getByRole('button', { name: 'Join and download my caseload' }));
    expect(await screen.findByText(/Plain http:\/\/ is only accepted for a server on this computer/)).toBeInTheDocument();
    expect(fake.callsTo('sync:join')).toHaveLength(0);
  });

  it('says so in plain words when the password is wrong', async () => {
    start();
    await fillJoin('not the password');
    expect(await screen.findByText('The username or the password is not right.')).toBeInTheDocument();
  });

  it('says so in plain words when the server cannot be reached', async () => {
    start({ offline: true });
    await fillJoin();
    expect(await screen.findByText(/The server cannot be reached\. Check the connection and the server address/)).toBeInTheDocument();
  });

  it('says so when this device was revoked', async () => {
    start({ joinError: { code: 'forbidden', reason: 'device-revoked' } });
    await fillJoin();
    expect(await screen.findByText(/This device was revoked by the branch administrator/)).toBeInTheDocument();
  });

  it('says the app must be updated when the server needs a newer one', async () => {
    start({ joinError: { code: 'outdated' } });
    await fillJoin();
    expect(await screen.findByText(/too old for the branch server\. Install the update first/)).toBeInTheDocument();
  });

  it('names the device in Arabic by default when the screen is in Arabic, right to left', async () => {
    start({}, 'ar');
    expect(await screen.findByRole('radio', { name: /^الانضمام إلى خادم فرعي/ })).toBeChecked();
    expect(screen.getByLabelText('اسم هذا الجهاز')).toHaveValue('حاسوب محمول');
    await waitFor(() => expect(document.documentElement.dir).toBe('rtl'));
  });
});
