import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useUpdateStatus } from '../../updates/updates.queries.ts';
import classes from './UpdateNotice.module.css';

/**
 * A quiet notice in a corner once an update is downloaded: when it installs, or that unsynced
 * changes wait for a choice in Settings → Updates. It blocks nothing and can be hidden (per version).
 */
export function UpdateNotice() {
  const { t } = useTranslation();
  const status = useUpdateStatus();
  const [dismissed, setDismissed] = useState<string | null>(null);
  const update = status.data;
  if (!update || update.state !== 'ready' || !update.availableVersion || dismissed === update.availableVersion) return null;
  const version = update.availableVersion;

  return (
    <div className={classes.root}>
      <Alert
        role="status"
        variant="white"
        color="teal"
        icon={<IconDownload size={18} />}
        title={t('updates.notice.title')}
        withCloseButton
        closeButtonLabel={t('updates.notice.dismiss')}
        onClose={() => setDismissed(version)}
        className={classes.alert}
      >
        <Stack gap={4}>
          <Text size="sm">{t(update.installOnQuit ? 'updates.notice.ready' : 'updates.notice.waiting', { version })}</Text>
          {update.serverOutdated && <Text size="sm">{t('updates.notice.outdated')}</Text>}
          {!update.installOnQuit && (
            <Anchor component={Link} href="/settings" size="sm">
              {t('updates.notice.open')}
            </Anchor>
          )}
        </Stack>
      </Alert>
    </div>
  );
}
