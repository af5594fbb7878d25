import '@mantine/dropzone/styles.css';
import { Alert, Anchor, Card, CloseButton, Group, Loader, Select, Stack, Table, Text, Title } from '@mantine/core';
import { Dropzone, type FileRejection } from '@mantine/dropzone';
import { notifications } from '@mantine/notifications';
import { IconFileTypePdf, IconPhoto, IconUpload, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { documentMimes, type DocumentMeta, type Member } from '../../../../shared/contract/index.ts';
import { useAddDocument, useDocumentContent } from '../../households/households.queries.ts';
import { memberNameAr } from '../../households/labels.ts';
import { useDateFormat } from '../../households/use-date-format.ts';
import { useSizeFormat } from '../../households/use-size-format.ts';
import { errorMessage, errorReason } from '../../i18n/error-message.ts';
import classes from './HouseholdFile.module.css';

/** The contract's limit: the core refuses anything larger. */
const maxDocumentBytes = 10 * 1024 * 1024;
const household = 'household';

type DocumentMime = DocumentMeta['mime'];
const asDocumentMime = (type: string): DocumentMime | undefined => documentMimes.find((mime) => mime === type);

/** The file's bytes as base64, as `documents:add` takes them. */
const readBase64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });

interface DocumentsTabProps {
  householdId: string;
  documents: DocumentMeta[];
  members: Member[];
}

/** Scans and photos attached to the file (kept encrypted by the core), with an inline viewer. */
export function DocumentsTab({ householdId, documents, members }: DocumentsTabProps) {
  const { t } = useTranslation();
  const add = useAddDocument();
  const [concerns, setConcerns] = useState<string>(household);
  const [openId, setOpenId] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const newestFirst = [...documents].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const memberNames = new Map(members.map((member) => [member.id, memberNameAr(member)]));

  const upload = async (files: File[]) => {
    setReading(true);
    let current = '';
    try {
      for (const file of files) {
        current = file.name;
        const mime = asDocumentMime(file.type);
        if (!mime) continue;
        const dataBase64 = await readBase64(file);
        const saved = await add.mutateAsync({ householdId, memberId: concerns === household ? null : concerns, name: file.name, mime, dataBase64 });
        notifications.show({ color: 'teal', message: t('documents.added', { name: saved.name }) });
      }
    } catch (error) {
      // The core checks the bytes against the declared type, which the browser only guesses from the name.
      const message = errorReason(error) === 'bad-document' ? t('documents.badFile', { name: current }) : errorMessage(t, error);
      notifications.show({ color: 'red', title: t('common.errorTitle'), message });
    } finally {
      setReading(false);
    }
  };
  const reject = (rejections: FileRejection[]) => {
    for (const { file, errors } of rejections) {
      const tooLarge = errors.some((error) => error.code === 'file-too-large');
      notifications.show({ color: 'red', message: t(tooLarge ? 'documents.tooLarge' : 'documents.wrongType', { name: file.name }) });
    }
  };

  return (
    <Stack gap="md">
      <Title order={3} size="h4">
        {t('documents.title')}
      </Title>
      {members.length > 0 && (
        <Select
          label={t('documents.concerns')}
          data={[{ value: household, label: t('documents.wholeHousehold') }, ...members.map((member) => ({ value: member.id, label: memberNameAr(member) }))]}
          value={concerns}
          onChange={(value) => setConcerns(value ?? household)}
          allowDeselect={false}
          maw={360}
        />
      )}
      <Dropzone
        onDrop={(files) => void upload(files)}
        onReject={reject}
        accept={[...documentMimes]}
        maxSize={maxDocumentBytes}
        loading={reading || add.isPending}
        inputProps={{ 'aria-label': t('documents.choose') }}
      >
        <Group justify="center" gap="md" mih={96} style={{ pointerEvents: 'none' }}>
          <Dropzone.Accept>
            <IconUpload size={36} stroke={1.5} />
          </Dropzone.Accept>
          <Dropzone.Reject>
            <IconX size={36} stroke={1.5} />
          </Dropzone.Reject>
          <Dropzone.Idle>
            <IconPhoto size={36} stroke={1.5} />
          </Dropzone.Idle>
          <div>
            <Text fw={500}>{t('documents.drop')}</Text>
            <Text size="sm" c="dimmed">
              {t('documents.accepted')}
            </Text>
          </div>
        </Group>
      </Dropzone>
      {newestFirst.length ? (
        <DocumentList documents={newestFirst} memberNames={memberNames} openId={openId} onOpen={setOpenId} />
      ) : (
        <Text c="dimmed">{t('documents.empty')}</Text>
      )}
      {openId && <DocumentViewer key={openId} id={openId} onClose={() => setOpenId(null)} />}
    </Stack>
  );
}

interface DocumentListProps {
  documents: DocumentMeta[];
  memberNames: Map<string, string>;
  openId: string | null;
  onOpen(id: string): void;
}

function DocumentList({ documents, memberNames, openId, onOpen }: DocumentListProps) {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  const size = useSizeFormat();
  return (
    <Table verticalSpacing="xs" highlightOnHover aria-label={t('documents.title')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('documents.columns.name')}</Table.Th>
          <Table.Th>{t('documents.concerns')}</Table.Th>
          <Table.Th>{t('documents.columns.size')}</Table.Th>
          <Table.Th>{t('documents.columns.added')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {documents.map((document) => {
          const DocumentIcon = document.mime === 'application/pdf' ? IconFileTypePdf : IconPhoto;
          return (
            <Table.Tr key={document.id} data-open={openId === document.id || undefined}>
              <Table.Td>
                <Anchor component="button" type="button" size="sm" onClick={() => onOpen(document.id)} aria-label={t('documents.openFor', { name: document.name })}>
                  <Group gap={6} wrap="nowrap">
                    <DocumentIcon size={16} aria-hidden />
                    <span dir="auto">{document.name}</span>
                  </Group>
                </Anchor>
              </Table.Td>
              <Table.Td>{document.memberId ? (memberNames.get(document.memberId) ?? '—') : t('documents.wholeHousehold')}</Table.Td>
              <Table.Td>{size(document.size)}</Table.Td>
              <Table.Td>{dateTime(document.createdAt)}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/** Shows an image inline from its decrypted bytes (a data: URL, allowed by the CSP); PDFs cannot be shown (object-src 'none'). */
function DocumentViewer({ id, onClose }: { id: string; onClose(): void }) {
  const { t } = useTranslation();
  const content = useDocumentContent(id);
  const size = useSizeFormat();
  const meta = content.data?.meta;
  return (
    <Card withBorder padding="md" component="figure" m={0} aria-label={meta ? t('documents.preview', { name: meta.name }) : t('common.loading')}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Text fw={500} truncate>
          {meta ? <span dir="auto">{meta.name}</span> : t('common.loading')}
        </Text>
        <CloseButton onClick={onClose} aria-label={t('documents.close')} />
      </Group>
      {content.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {content.isError && <Alert color="red">{errorMessage(t, content.error)}</Alert>}
      {content.data && meta?.mime === 'application/pdf' && (
        <Alert color="blue" variant="light" icon={<IconFileTypePdf size={18} />}>
          {t('documents.pdfNote', { size: size(meta.size) })}
        </Alert>
      )}
      {content.data && meta && meta.mime !== 'application/pdf' && (
        <img className={classes.preview} src={`data:${meta.mime};base64,${content.data.dataBase64}`} alt={meta.name} />
      )}
    </Card>
  );
}
