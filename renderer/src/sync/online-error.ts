import type { TFunction } from 'i18next';
import { errorMessage } from '../i18n/error-message.ts';
import { IpcError } from '../ipc/client.ts';

const isOffline = (error: unknown) => error instanceof IpcError && error.code === 'offline';

/** A failed sync call in plain words; no connection reads the same whatever the finer reason (network, timeout, busy server). */
export const syncFailureText = (t: TFunction, error: unknown): string => (isOffline(error) ? t('errors.offline') : errorMessage(t, error));

/** Why a list that comes from the server (devices, conflicts) cannot show: no connection in plain words, else the usual message. */
export const onlineErrorText = (t: TFunction, error: unknown): string => (isOffline(error) ? t('sync.online.offline') : errorMessage(t, error));
