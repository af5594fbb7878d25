import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconFileExport, IconFileImport } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { IpcError } from '../../ipc/client.ts';
import { syncFailureText } from '../../sync/online-error.ts';
import { isolateLtr } from '../../sync/sync-labels.ts';
import { useBundleExport, useBundleImport } from '../../sync/sync.queries.ts';

/** A bundle call's failure in words that fit a file on a USB stick. */
const bundleError = (t: TFunction, error: unknown): string => {
  if (!(error instanceof IpcError)) return syncFailureText(t, error);
  if (error.code === 'not-found') return t('sync.bundle.notFound');
  const aboutThePath = error.issues.some((issue) => issue.path === 'file');
  if (error.code === 'validation' && !error.reason && !aboutThePath) return t('sync.bundle.invalid');
  return syncFailureText(t, error);
};

/** Sync without a network: the waiting changes go out in an encrypted file, and the server's answer comes back the same way. */
export function BundleSection() {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const exporter = useBundleExport();
  const importer = useBundleImport();
  return (
    <Stack gap="lg">
      <div>
        <Title order={3} size="h4">
          {t('sync.bundle.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('sync.bundle.intro')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('sync.bundle.pathHint')}
        </Text>
      </div>
      <PathCard
        title={t('sync.bundle.exportTitle')}
        label={t('sync.bundle.exportFile')}
        description={t('sync.bundle.exportDescription')}
        submit={t('sync.bundle.exportSubmit')}
        icon={<IconFileExport size={18} />}
        pending={exporter.isPending}
        onSubmit={(file) => exporter.mutate(file)}
        outcome={
          exporter.isError ? (
            <Alert color="red" role="alert">
              {bundleError(t, exporter.error)}
            </Alert>
          ) : exporter.data ? (
            <Alert color="teal" role="status">
              <Text size="sm">
                {t('sync.bundle.exported', { count: exporter.data.changes, formatted: format(exporter.data.changes), file: isolateLtr(exporter.data.file) })}
              </Text>
              <Text size="sm">{t('sync.bundle.exportNext')}</Text>
            </Alert>
          ) : null
        }
      />
      <PathCard
        title={t('sync.bundle.importTitle')}
        label={t('sync.bundle.importFile')}
        description={t('sync.bundle.importDescription')}
        submit={t('sync.bundle.importSubmit')}
        icon={<IconFileImport size={18} />}
        pending={importer.isPending}
        onSubmit={(file) => importer.mutate(file)}
        outcome={
          importer.isError ? (
            <Alert color="red" role="alert">
              {bundleError(t, importer.error)}
            </Alert>
          ) : importer.data ? (
            <Alert color="teal" role="status">
              {t('sync.bundle.imported', {
                pushed: format(importer.data.pushed),
                pulled: format(importer.data.pulled),
                conflicts: format(importer.data.conflicts),
                rejected: format(importer.data.rejected),
              })}
            </Alert>
          ) : null
        }
      />
    </Stack>
  );
}

interface PathCardProps {
  title: string;
  label: string;
  description: string;
  submit: string;
  icon: ReactNode;
  pending: boolean;
  onSubmit(file: string): void;
  outcome: ReactNode;
}

/** One step: the full path of a file (the renderer has no file window), a button, and what came of it. */
function PathCard({ title, label, description, submit, icon, pending, onSubmit, outcome }: PathCardProps) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { file: '' },
    validate: { file: (value) => (value.trim() ? null : t('sync.bundle.required')) },
  });
  return (
    <Card withBorder padding="lg">
      <form onSubmit={form.onSubmit(({ file }) => onSubmit(file.trim()))} noValidate>
        <Stack gap="sm">
          <Title order={4} size="h5">
            {title}
          </Title>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label={label}
              description={description}
              dir="ltr"
              spellCheck={false}
              autoComplete="off"
              flex={1}
              miw={280}
              {...form.getInputProps('file')}
            />
            <Button type="submit" leftSection={icon} loading={pending}>
              {submit}
            </Button>
          </Group>
          {outcome}
        </Stack>
      </form>
    </Card>
  );
}
