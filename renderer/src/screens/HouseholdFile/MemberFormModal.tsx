import { Alert, Button, Group, Input, Modal, SegmentedControl, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { educationLevels, employmentStatuses, healthCoverages, relations, type Member } from '../../../../shared/contract/index.ts';
import {
  changedMemberFields,
  householdRules,
  memberFieldNames,
  memberFieldsOf,
  memberFormValues,
  type MemberFormValues,
  type TriState,
} from '../../households/household-rules.ts';
import { useAddMember, useUpdateMember } from '../../households/households.queries.ts';
import { memberNameAr } from '../../households/labels.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { fieldErrorsOf } from '../../session/account-rules.ts';

export type MemberDialog = { kind: 'add' } | { kind: 'edit'; member: Member };

interface MemberFormModalProps {
  dialog: MemberDialog | null;
  householdId: string;
  /** The household's members, to keep a single head. */
  members: Member[];
  onClose(): void;
}

/** Adds a member (e.g. a newborn) or corrects one, with the registry's validation. */
export function MemberFormModal({ dialog, householdId, members, onClose }: MemberFormModalProps) {
  const { t } = useTranslation();
  const title = dialog?.kind === 'edit' ? t('members.editTitle', { name: memberNameAr(dialog.member) }) : t('members.addTitle');
  return (
    <Modal opened={dialog !== null} onClose={onClose} title={title} size="xl">
      {/* Keyed by the member: each opening starts from the saved values. */}
      {dialog && (
        <MemberForm
          key={dialog.kind === 'edit' ? dialog.member.id : 'new'}
          member={dialog.kind === 'edit' ? dialog.member : undefined}
          householdId={householdId}
          members={members}
          onDone={onClose}
        />
      )}
    </Modal>
  );
}

interface MemberFormProps {
  member: Member | undefined;
  householdId: string;
  members: Member[];
  onDone(): void;
}

function MemberForm({ member, householdId, members, onDone }: MemberFormProps) {
  const { t } = useTranslation();
  const rules = householdRules(t);
  const add = useAddMember();
  const update = useUpdateMember();
  const otherHead = members.some((other) => other.relation === 'head' && other.id !== member?.id);
  const form = useForm<MemberFormValues>({
    initialValues: memberFormValues(member),
    validate: {
      nationalId: rules.nationalId,
      firstNameAr: rules.nameAr,
      lastNameAr: rules.nameAr,
      firstNameLat: rules.nameLat,
      lastNameLat: rules.nameLat,
      sex: rules.sex,
      birthDate: rules.birthDate,
      relation: (value) => rules.relation(value, otherHead),
    },
  });
  const saving = add.isPending || update.isPending;
  const failure = add.error ?? update.error;
  const onError = (error: unknown) => form.setErrors(fieldErrorsOf(t, error, memberFieldNames));

  const submit = form.onSubmit((values) => {
    const fields = memberFieldsOf(values);
    const name = `${fields.firstNameAr} ${fields.lastNameAr}`;
    if (!member) {
      add.mutate(
        { householdId, ...fields },
        {
          onSuccess: () => {
            notifications.show({ color: 'teal', message: t('members.added', { name }) });
            onDone();
          },
          onError,
        },
      );
      return;
    }
    const changes = changedMemberFields(member, fields);
    if (!Object.keys(changes).length) return onDone();
    update.mutate(
      { id: member.id, ...changes },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('members.saved', { name }) });
          onDone();
        },
        onError,
      },
    );
  });

  const options = (prefix: string, values: readonly string[]) => values.map((value) => ({ value, label: t(`vocab.${prefix}.${value}`) }));
  const triState = (field: 'inSchool' | 'disability' | 'chronicIllness') => (
    <Input.Wrapper label={t(`members.fields.${field}`)} labelElement="div">
      <SegmentedControl
        fullWidth
        aria-label={t(`members.fields.${field}`)}
        data={(['unknown', 'yes', 'no'] satisfies TriState[]).map((value) => ({ value, label: t(`vocab.triState.${value}`) }))}
        {...form.getInputProps(field)}
      />
    </Input.Wrapper>
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('members.fields.firstNameAr')} dir="rtl" data-autofocus withAsterisk {...form.getInputProps('firstNameAr')} />
          <TextInput label={t('members.fields.lastNameAr')} dir="rtl" withAsterisk {...form.getInputProps('lastNameAr')} />
          <TextInput label={t('members.fields.firstNameLat')} dir="ltr" {...form.getInputProps('firstNameLat')} />
          <TextInput label={t('members.fields.lastNameLat')} dir="ltr" {...form.getInputProps('lastNameLat')} />
          <TextInput
            label={t('members.fields.nationalId')}
            description={t('members.fields.nationalIdDescription')}
            dir="ltr"
            autoComplete="off"
            spellCheck={false}
            {...form.getInputProps('nationalId')}
          />
          <TextInput label={t('members.fields.birthDate')} type="date" dir="ltr" max="9999-12-31" withAsterisk {...form.getInputProps('birthDate')} />
          <Input.Wrapper label={t('members.fields.sex')} labelElement="div" withAsterisk error={form.errors.sex}>
            <SegmentedControl
              fullWidth
              aria-label={t('members.fields.sex')}
              data={options('sex', ['F', 'M'])}
              value={form.values.sex}
              onChange={(value) => form.setFieldValue('sex', value)}
            />
          </Input.Wrapper>
          <Select label={t('members.fields.relation')} data={options('relation', relations)} allowDeselect={false} withAsterisk {...form.getInputProps('relation')} />
          <Select label={t('members.fields.education')} placeholder={t('vocab.triState.unknown')} data={options('education', educationLevels)} clearable {...form.getInputProps('education')} />
          {triState('inSchool')}
          <Select
            label={t('members.fields.employment')}
            placeholder={t('vocab.triState.unknown')}
            data={options('employment', employmentStatuses)}
            clearable
            {...form.getInputProps('employment')}
          />
          <Select
            label={t('members.fields.healthCoverage')}
            placeholder={t('vocab.triState.unknown')}
            data={options('coverage', healthCoverages)}
            clearable
            {...form.getInputProps('healthCoverage')}
          />
          {triState('disability')}
          {triState('chronicIllness')}
        </SimpleGrid>
        {failure && (
          <Alert color="red" role="alert">
            {errorMessage(t, failure)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving}>
            {member ? t('members.submitSave') : t('members.submitAdd')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
