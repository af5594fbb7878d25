import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../../shared/contract/index.ts';
import { App } from '../../App.tsx';
import { createFakeApi, type FakeSessionOptions } from '../../test-utils/fake-api.ts';
import { render } from '../../test-utils/render.tsx';

const openUsers = async (role: Role, options: FakeSessionOptions = {}) => {
  window.location.hash = '#/users';
  const fake = createFakeApi({ language: 'en' }, { session: 'unlocked', role, ...options });
  render(<App />, { api: fake.api, language: 'en' });
  await screen.findByRole('heading', { name: 'Users', level: 2 });
  return { fake };
};

const userRow = async (name: string) => (await screen.findByRole('cell', { name })).closest('tr') as HTMLElement;

describe('UsersScreen', () => {
  it('lists the accounts with role, districts by name and status', async () => {
    await openUsers('admin');
    const row = await userRow('Youssef Ait Ali');
    expect(within(row).getByText('youssef')).toBeInTheDocument();
    expect(within(row).getByText('Social worker')).toBeInTheDocument();
    expect(within(row).getByText('Tafraout')).toBeInTheDocument();
    expect(within(row).getByText('Active')).toBeInTheDocument();
  });

  it('lets the administrator add a user, who then appears in the list', async () => {
    const { fake } = await openUsers('admin');
    await userEvent.click(screen.getByRole('button', { name: 'Add a user' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a user' });
    await userEvent.type(within(dialog).getByLabelText('Full name'), 'Khadija Bennani');
    await userEvent.type(within(dialog).getByLabelText(/^Username/), 'khadija.bennani');
    await userEvent.type(within(dialog).getByLabelText(/^Initial password/), 'welcome to the branch');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create the account' }));

    const row = await userRow('Khadija Bennani');
    expect(within(row).getByText('khadija.bennani')).toBeInTheDocument();
    expect(within(row).getByText('Social worker')).toBeInTheDocument();
    expect(fake.passwordOf('khadija.bennani')).toBe('welcome to the branch');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Add a user' })).not.toBeInTheDocument());
  });

  it('keeps the add form open with a clear message when the username is taken', async () => {
    await openUsers('admin');
    await userEvent.click(screen.getByRole('button', { name: 'Add a user' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a user' });
    await userEvent.type(within(dialog).getByLabelText('Full name'), 'Another Youssef');
    await userEvent.type(within(dialog).getByLabelText(/^Username/), 'youssef');
    await userEvent.type(within(dialog).getByLabelText(/^Initial password/), 'welcome to the branch');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create the account' }));
    expect(await within(dialog).findByText('This username is already used by another account. Choose another.', { selector: '.mantine-InputWrapper-error' })).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/^Username/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('lets the administrator disable an account', async () => {
    const { fake } = await openUsers('admin');
    await userEvent.click(await screen.findByRole('button', { name: 'Edit the account of Youssef Ait Ali' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit the account of Youssef Ait Ali' });
    await userEvent.click(within(dialog).getByRole('switch', { name: /^Account disabled/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    const row = await userRow('Youssef Ait Ali');
    await waitFor(() => expect(within(row).getByText('Disabled')).toBeInTheDocument());
    expect(fake.users().find((user) => user.username === 'youssef')?.disabled).toBe(true);
  });

  it('lets the administrator set a new password for someone who forgot theirs', async () => {
    const { fake } = await openUsers('admin');
    await userEvent.click(await screen.findByRole('button', { name: 'Set a new password for Youssef Ait Ali' }));
    const dialog = await screen.findByRole('dialog', { name: 'Set a new password for Youssef Ait Ali' });
    await userEvent.type(within(dialog).getByLabelText(/^New password/), 'a fresh password');
    await userEvent.type(within(dialog).getByLabelText('Type the password again'), 'a fresh password');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Set the password' }));
    await waitFor(() => expect(fake.passwordOf('youssef')).toBe('a fresh password'));
  });

  it('shows the manager the accounts read-only: no add, edit or password buttons', async () => {
    await openUsers('manager');
    await userRow('Youssef Ait Ali');
    expect(screen.getByText('The accounts of the branch. Only the administrator can change them.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add a user' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Edit the account/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add the district' })).not.toBeInTheDocument();
  });

  it('says what to do when the branch has no districts yet, and adds one', async () => {
    await openUsers('admin', { districts: [] });
    expect(await screen.findByText('No districts yet')).toBeInTheDocument();
    expect(screen.getByText(/Add the communes and circles your branch covers below/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('District name'), 'Tafraout');
    await userEvent.type(screen.getByLabelText('Province (optional)'), 'Tiznit');
    await userEvent.click(screen.getByRole('button', { name: 'Add the district' }));
    expect(await screen.findByRole('cell', { name: 'Tafraout' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'Tiznit' })).toBeInTheDocument();
    expect(screen.getByLabelText('District name')).toHaveValue('');
  });
});
