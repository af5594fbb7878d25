import { z } from 'zod';
import { releaseNotesMaxLength, type UpdateErrorCode } from '../../../shared/contract/index.ts';

// What electron-updater hands us comes from the branch server's latest.yml: checked, never trusted.

const releaseNotesSchema = z
  .union([z.string(), z.array(z.object({ note: z.string().nullish() }).loose())])
  .nullish();

const checkResultSchema = z
  .object({
    isUpdateAvailable: z.boolean().optional(),
    updateInfo: z.object({ version: z.string(), releaseNotes: releaseNotesSchema }).loose(),
  })
  .loose();

const versionPattern = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;

/** Release notes as plain text (tags dropped, blank runs collapsed), capped for the contract. */
export const plainReleaseNotes = (notes: unknown): string | null => {
  const parsed = releaseNotesSchema.safeParse(notes);
  if (!parsed.success || parsed.data == null) return null;
  const raw = typeof parsed.data === 'string' ? parsed.data : parsed.data.map((entry) => entry.note ?? '').join('\n\n');
  const text = raw
    .replace(/<br\s*\/?>|<\/(p|li|h[1-6]|div)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (!text) return null;
  return text.length > releaseNotesMaxLength ? `${text.slice(0, releaseNotesMaxLength - 1)}…` : text;
};

export type CheckOutcome = { kind: 'none' } | { kind: 'found'; version: string; notes: string | null } | { kind: 'invalid' };

/** What `checkForUpdates()` resolved with: nothing new, an update to download, or an answer we cannot use. */
export const readCheckResult = (result: unknown): CheckOutcome => {
  // electron-updater resolves null when it is inactive (an unpackaged build).
  if (result == null) return { kind: 'none' };
  const parsed = checkResultSchema.safeParse(result);
  if (!parsed.success) return { kind: 'invalid' };
  if (parsed.data.isUpdateAvailable !== true) return { kind: 'none' };
  const { version, releaseNotes } = parsed.data.updateInfo;
  if (version.length > 64 || !versionPattern.test(version)) return { kind: 'invalid' };
  return { kind: 'found', version, notes: plainReleaseNotes(releaseNotes) };
};

const offlinePattern =
  /net::ERR_(INTERNET_DISCONNECTED|NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|CONNECTION_\w+|NETWORK_\w+|ADDRESS_UNREACHABLE|TIMED_OUT|PROXY_CONNECTION_FAILED|SSL_\w+|CERT_\w+)|ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH/;
const corruptCodes = new Set(['ERR_CHECKSUM_MISMATCH', 'ERR_UPDATER_INVALID_SIGNATURE', 'ERR_UPDATER_NO_CHECKSUM']);

/** A stable code for a failed check or download; never quotes the error (it may hold paths or addresses). */
export const classifyUpdateError = (error: unknown, phase: 'check' | 'download'): UpdateErrorCode => {
  const code = error && typeof error === 'object' && 'code' in error && typeof error.code === 'string' ? error.code : '';
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  if (corruptCodes.has(code) || /checksum mismatch|sha512|signature/i.test(message)) return 'corrupt-download';
  if (offlinePattern.test(`${code} ${message}`)) return 'offline';
  return phase === 'check' ? 'check-failed' : 'download-failed';
};

/** The download percentage from a `download-progress` event, or null when it is not one. */
export const progressOf = (payload: unknown): number | null => {
  const parsed = z.object({ percent: z.number() }).loose().safeParse(payload);
  if (!parsed.success || !Number.isFinite(parsed.data.percent)) return null;
  return Math.min(100, Math.max(0, Math.floor(parsed.data.percent)));
};

/** The generic-provider feed of a branch server: `<server>/updates/`; null without a usable http(s) address. */
export const feedUrlFor = (server: string | null): string | null => {
  if (!server) return null;
  try {
    const base = new URL(server.endsWith('/') ? server : `${server}/`);
    if (!['http:', 'https:'].includes(base.protocol) || base.username || base.password) return null;
    base.search = '';
    base.hash = '';
    return new URL('updates/', base).href;
  } catch {
    return null;
  }
};
