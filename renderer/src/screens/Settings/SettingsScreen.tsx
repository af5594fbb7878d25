import { Alert, Button, Card, Group, Loader, NumberInput, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { numeralSystems, type Settings } from '../../../../shared/contract/index.ts';
import { LanguagePicker } from '../../components/LanguagePicker/index.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { invoke } from '../../ipc/client.ts';
import { useSaveSettings, useSettings } from '../../settings/use-settings.ts';
import { ChangePasswordCard } from './ChangePasswordCard.tsx';
import { EligibilityCard } from './EligibilityCard.tsx';
import { UpdatesCard } from './UpdatesCard.tsx';

/** Device settings (language, digits, idle lock), the user's password, updates and facts about this installation. */
export function SettingsScreen() {
  const { t } = useTranslation();
  const settings = useSettings();

  if (settings.isPending) return <Loader aria-label={t('common.loading')} />;
  if (settings.isError) {
    return (
      <Alert color="red" title={t('common.errorTitle')}>
        {errorMessage(t, settings.error)}
      </Alert>
    );
  }
  return (
    <Stack gap="lg" maw={720}>
      <Title order={2}>{t('settings.title')}</Title>
      <PreferencesCard settings={settings.data} />
      <ChangePasswordCard />
      <EligibilityCard />
      <UpdatesCard />
      <AboutCard />
    </Stack>
  );
}

function PreferencesCard({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const save = useSaveSettings();
  const saveNow = (patch: Partial<Settings>, announce: boolean) =>
    save.mutate(patch, {
      onSuccess: () => announce && notifications.show({ color: 'teal', message: t('settings.saved') }),
      onError: (error) => notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorMessage(t, error) }),
    });

  return (
    <Card withBorder padding="lg">
      <Stack gap="lg">
        <div>
          <Text fw={600} id="language-label">
            {t('settings.language.label')}
          </Text>
          <Text size="sm" c="dimmed" mb="xs">
            {t('settings.language.description')}
          </Text>
          <LanguagePicker labelledBy="language-label" />
        </div>
        <div>
          <Text fw={600} id="numerals-label">
            {t('settings.numerals.label')}
          </Text>
          <Text size="sm" c="dimmed" mb="xs">
            {t('settings.numerals.description')}
          </Text>
          <SegmentedControl
            aria-labelledby="numerals-label"
            value={settings.numerals}
            onChange={(value) => saveNow({ numerals: value as Settings['numerals'] }, true)}
            data={numeralSystems.map((system) => ({
              value: system,
              label: `${t(`settings.numerals.${system}`)} (${new Intl.NumberFormat(`ar-u-nu-${system}`).format(123)})`,
            }))}
          />
        </div>
        {/* Keyed by the saved value: a saved change starts a clean form, without syncing effects. */}
        <IdleLockForm
          key={settings.idleLockMinutes}
          idleLockMinutes={settings.idleLockMinutes}
          saving={save.isPending}
          onSave={(values) => saveNow(values, true)}
        />
      </Stack>
    </Card>
  );
}

interface IdleLockFormProps {
  idleLockMinutes: number;
  saving: boolean;
  onSave(values: { idleLockMinutes: number }): void;
}

function IdleLockForm({ idleLockMinutes, onSave, saving }: IdleLockFormProps) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { idleLockMinutes },
    validate: {
      idleLockMinutes: (value) =>
        Number.isInteger(value) && value >= 1 && value <= 240 ? null : t('settings.idleLock.invalid'),
    },
  });
  return (
    <form onSubmit={form.onSubmit(onSave)}>
      <Group align="flex-end">
        <NumberInput
          label={t('settings.idleLock.label')}
          description={t('settings.idleLock.description')}
          suffix={t('settings.idleLock.suffix')}
          min={1}
          max={240}
          allowDecimal={false}
          clampBehavior="none"
          w={360}
          {...form.getInputProps('idleLockMinutes')}
        />
        <Button type="submit" loading={saving} disabled={!form.isDirty()}>
          {t('settings.save')}
        </Button>
      </Group>
    </form>
  );
}

function AboutCard() {
  const { t } = useTranslation();
  const formatNumber = useNumberFormat();
  const info = useQuery({ queryKey: ['app-info'], queryFn: () => invoke('app:info') });
  return (
    <Card withBorder padding="lg">
      <Title order={3} size="h4" mb="sm">
        {t('settings.about.title')}
      </Title>
      {info.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {info.isError && <Alert color="red">{errorMessage(t, info.error)}</Alert>}
      {info.data && (
        <Table variant="vertical" layout="fixed" withTableBorder={false}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={200}>{t('settings.about.version')}</Table.Th>
              <Table.Td dir="ltr">{info.data.version}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('settings.about.schemaVersion')}</Table.Th>
              <Table.Td>{formatNumber(info.data.schemaVersion)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('settings.about.dataDir')}</Table.Th>
              <Table.Td dir="ltr" style={{ overflowWrap: 'anywhere' }}>
                {info.data.dataDir}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('settings.about.locale')}</Table.Th>
              <Table.Td dir="ltr">{info.data.locale}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
