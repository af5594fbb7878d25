import { CoreError } from '../errors.ts';
import { findSlot, removeUserSlot } from '../keys/keyring.ts';
import type { OpenSession, SessionManager } from '../session/session.service.ts';

/**
 * After pulled accounts changed (ids, or `all` after a snapshot): a disabled account loses its
 * key slot on this device, and the signed-in user's own details are read again. Returns true
 * when the signed-in user herself was disabled: the caller locks the store once its run is over.
 */
export const handleUsersChanged = async (sessions: SessionManager, session: OpenSession, ids: string[] | 'all'): Promise<boolean> => {
  const { sqlite } = session.store;
  const keyring = await sessions.loadKeyring();
  const candidates = ids === 'all' ? Object.values(keyring.usernames ?? {}) : ids;
  const disabled = candidates.filter((id) => {
    const row = sqlite.prepare('SELECT disabled FROM users WHERE id = ?').get(id) as { disabled: number } | undefined;
    return row?.disabled === 1 && findSlot(keyring, { kind: 'user', userId: id }) !== undefined;
  });
  if (disabled.length > 0) await sessions.saveKeyring(disabled.reduce(removeUserSlot, keyring));
  if (ids !== 'all' && !ids.includes(session.user.id)) return false;
  try {
    await sessions.reloadUser();
    return false;
  } catch (error) {
    if (error instanceof CoreError && (error.reason === 'user-disabled' || error.reason === 'wrong-password')) return true;
    throw error;
  }
};
