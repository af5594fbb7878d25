import { Alert, Button, Group, Modal, MultiSelect, PasswordInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useForm, type GetInputPropsReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { roles, type District, type Role, type User } from '../../../../shared/contract/index.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { accountRules, fieldErrorsOf, normaliseUsername } from '../../session/account-rules.ts';
import { useAddUser, useSetUserPassword, useUpdateUser } from './users.queries.ts';

const isRole = (value: string | null): value is Role => (roles as readonly (string | null)[]).includes(value);

interface RoleAndDistrictsProps {
  role: Role;
  onRoleChange(role: Role): void;
  districtsInput: GetInputPropsReturnType;
  districts: District[];
  /** Your own role cannot be changed from here: it would lock you out of this screen. */
  lockRole: boolean;
}

function RoleAndDistricts({ role, onRoleChange, districtsInput, districts, lockRole }: RoleAndDistrictsProps) {
  const { t } = useTranslation();
  return (
    <>
      <Select
        label={t('users.fields.role')}
        data={roles.map((value) => ({ value, label: t(`roles.${value}`) }))}
        allowDeselect={false}
        disabled={lockRole}
        description={lockRole ? t('users.fields.ownRole') : t(`users.roleDescription.${role}`)}
        value={role}
        onChange={(value) => isRole(value) && onRoleChange(value)}
      />
      <MultiSelect
        label={t('users.fields.districts')}
        description={districts.length ? t('users.fields.districtsDescription') : t('users.fields.noDistrictsYet')}
        data={districts.map((district) => ({ value: district.id, label: district.name }))}
        disabled={!districts.length}
        searchable
        clearable
        {...districtsInput}
      />
    </>
  );
}

/** Creates an account with its own password on this device. */
export function AddUserModal({ opened, onClose, districts }: { opened: boolean; onClose(): void; districts: District[] }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('users.addTitle')} size="lg">
      {opened && <AddUserForm districts={districts} onDone={onClose} />}
    </Modal>
  );
}

function AddUserForm({ districts, onDone }: { districts: District[]; onDone(): void }) {
  const { t } = useTranslation();
  const rules = accountRules(t);
  const add = useAddUser();
  const form = useForm({
    initialValues: { displayName: '', username: '', role: 'worker' as Role, districtIds: [] as string[], password: '' },
    validate: { displayName: rules.displayName, username: rules.username, password: rules.password },
  });
  const submit = form.onSubmit((values) =>
    add.mutate(
      { ...values, displayName: values.displayName.trim(), username: normaliseUsername(values.username) },
      {
        onSuccess: (user) => {
          notifications.show({ color: 'teal', message: t('users.added', { name: user.displayName }) });
          onDone();
        },
        onError: (error) => form.setErrors(fieldErrorsOf(t, error, ['displayName', 'username', 'password'])),
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput label={t('users.fields.displayName')} data-autofocus {...form.getInputProps('displayName')} />
        <TextInput
          label={t('account.username')}
          description={t('account.usernameDescription')}
          dir="ltr"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          {...form.getInputProps('username')}
        />
        <RoleAndDistricts
          role={form.values.role}
          onRoleChange={(role) => form.setFieldValue('role', role)}
          districtsInput={form.getInputProps('districtIds')}
          districts={districts}
          lockRole={false}
        />
        <PasswordInput
          label={t('users.fields.initialPassword')}
          description={t('users.fields.initialPasswordDescription')}
          autoComplete="new-password"
          {...form.getInputProps('password')}
        />
        {add.isError && (
          <Alert color="red" role="alert">
            {errorMessage(t, add.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending}>
            {t('users.addSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface EditUserModalProps {
  user: User | null;
  isSelf: boolean;
  districts: District[];
  onClose(): void;
}

/** Changes an account's name, role, districts, or disables it. */
export function EditUserModal({ user, isSelf, districts, onClose }: EditUserModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={user !== null} onClose={onClose} title={user ? t('users.editTitle', { name: user.displayName }) : ''} size="lg">
      {/* Keyed by the account: each opening starts from its saved values. */}
      {user && <EditUserForm key={user.id} user={user} isSelf={isSelf} districts={districts} onDone={onClose} />}
    </Modal>
  );
}

function EditUserForm({ user, isSelf, districts, onDone }: { user: User; isSelf: boolean; districts: District[]; onDone(): void }) {
  const { t } = useTranslation();
  const rules = accountRules(t);
  const update = useUpdateUser();
  const form = useForm({
    initialValues: { displayName: user.displayName, role: user.role, districtIds: user.districtIds, disabled: user.disabled },
    validate: { displayName: rules.displayName },
  });
  const submit = form.onSubmit((values) => {
    const changed = (key: keyof typeof values) => form.isDirty(key);
    update.mutate(
      {
        id: user.id,
        ...(changed('displayName') && { displayName: values.displayName.trim() }),
        ...(changed('role') && { role: values.role }),
        ...(changed('districtIds') && { districtIds: values.districtIds }),
        ...(changed('disabled') && { disabled: values.disabled }),
      },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: t('users.saved', { name: saved.displayName }) });
          onDone();
        },
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput label={t('users.fields.displayName')} data-autofocus {...form.getInputProps('displayName')} />
        <RoleAndDistricts
          role={form.values.role}
          onRoleChange={(role) => form.setFieldValue('role', role)}
          districtsInput={form.getInputProps('districtIds')}
          districts={districts}
          lockRole={isSelf}
        />
        <Switch
          label={t('users.fields.disabled')}
          description={isSelf ? t('users.fields.ownAccount') : t('users.fields.disabledDescription')}
          disabled={isSelf}
          color="red"
          {...form.getInputProps('disabled', { type: 'checkbox' })}
        />
        {update.isError && (
          <Alert color="red" role="alert">
            {errorMessage(t, update.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
            {t('users.saveSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Sets a new password for another account, e.g. one its owner forgot. */
export function SetPasswordModal({ user, onClose }: { user: User | null; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={user !== null} onClose={onClose} title={user ? t('users.passwordTitle', { name: user.displayName }) : ''}>
      {user && <SetPasswordForm key={user.id} user={user} onDone={onClose} />}
    </Modal>
  );
}

function SetPasswordForm({ user, onDone }: { user: User; onDone(): void }) {
  const { t } = useTranslation();
  const rules = accountRules(t);
  const setPassword = useSetUserPassword();
  const form = useForm({
    initialValues: { password: '', confirmPassword: '' },
    validate: { password: rules.password, confirmPassword: (value, values) => rules.confirm(value, values.password) },
  });
  const submit = form.onSubmit((values) =>
    setPassword.mutate(
      { id: user.id, password: values.password },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('users.passwordSet', { name: user.displayName }) });
          onDone();
        },
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <PasswordInput
          label={t('account.newPassword')}
          description={t('users.fields.initialPasswordDescription')}
          autoComplete="new-password"
          data-autofocus
          {...form.getInputProps('password')}
        />
        <PasswordInput label={t('account.confirmPassword')} autoComplete="new-password" {...form.getInputProps('confirmPassword')} />
        {setPassword.isError && (
          <Alert color="red" role="alert">
            {errorMessage(t, setPassword.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={setPassword.isPending}>
            {t('users.passwordSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
