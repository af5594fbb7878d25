import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { Dropzone, type FileRejection } from '@mantine/dropzone';
import { IconFileSpreadsheet, IconFileUpload, IconUpload, IconX } from '@tabler/icons-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './ImportScreen.module.css';
import { importAccept, isImportFileName, maxImportBytes } from './import-file.ts';

export type PickProblem = 'too-large' | 'wrong-type' | 'too-many' | 'unreadable';

const problemOf = (rejections: FileRejection[]): PickProblem => {
  if (rejections.length > 1) return 'too-many';
  const codes = rejections.flatMap((rejection) => rejection.errors.map((error) => error.code));
  if (codes.includes('file-too-large')) return 'too-large';
  if (codes.includes('too-many-files')) return 'too-many';
  return 'wrong-type';
};

interface ImportPickerProps {
  onPick(file: File): void;
  onProblem(problem: PickProblem): void;
  problem: PickProblem | null;
}

/** Where the administrator drops or chooses the extract (.csv or .xlsx, up to 80 MB); says what happens next. */
export function ImportPicker({ onPick, onProblem, problem }: ImportPickerProps) {
  const { t } = useTranslation();
  const openRef = useRef<() => void>(null);
  const drop = (files: File[]) => {
    const [file] = files;
    if (!file) return;
    if (!isImportFileName(file.name)) return onProblem('wrong-type');
    onPick(file);
  };
  return (
    <Stack gap="sm">
      <Dropzone
        openRef={openRef}
        onDrop={drop}
        onReject={(rejections) => onProblem(problemOf(rejections))}
        accept={importAccept}
        maxSize={maxImportBytes}
        multiple={false}
        inputProps={{ 'aria-label': t('import.picker.inputLabel') }}
        aria-label={t('import.picker.title')}
      >
        <Group justify="center" gap="lg" wrap="nowrap" className={classes.dropzoneBody}>
          <Dropzone.Accept>
            <IconUpload size={48} stroke={1.4} />
          </Dropzone.Accept>
          <Dropzone.Reject>
            <IconX size={48} stroke={1.4} />
          </Dropzone.Reject>
          <Dropzone.Idle>
            <IconFileSpreadsheet size={48} stroke={1.4} />
          </Dropzone.Idle>
          <div>
            <Text size="lg" fw={600}>
              {t('import.picker.title')}
            </Text>
            <Text size="sm" c="dimmed">
              {t('import.picker.hint')}
            </Text>
            <Text size="sm" c="dimmed" mt={4}>
              {t('import.picker.next')}
            </Text>
          </div>
        </Group>
      </Dropzone>
      <Group>
        <Button variant="light" leftSection={<IconFileUpload size={18} />} onClick={() => openRef.current?.()}>
          {t('import.picker.choose')}
        </Button>
      </Group>
      {problem && (
        <Alert color="red" role="alert" title={t('import.picker.problemTitle')}>
          {t(`import.picker.problems.${problem}`)}
        </Alert>
      )}
    </Stack>
  );
}
