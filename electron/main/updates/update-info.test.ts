import { describe, expect, it } from 'vitest';
import { releaseNotesMaxLength } from '../../../shared/contract/index.ts';
import { classifyUpdateError, feedUrlFor, plainReleaseNotes, progressOf, readCheckResult } from './update-info.ts';

describe('what the updater reads from the branch server', () => {
  it('puts the feed in the server’s /updates/ folder', () => {
    expect(feedUrlFor('https://branch.example')).toBe('https://branch.example/updates/');
    expect(feedUrlFor('https://branch.example/')).toBe('https://branch.example/updates/');
    expect(feedUrlFor('http://10.0.0.5:8080/mowakaba')).toBe('http://10.0.0.5:8080/mowakaba/updates/');
    expect(feedUrlFor(null)).toBeNull();
    expect(feedUrlFor('file:///etc/')).toBeNull();
    expect(feedUrlFor('https://user:secret@branch.example')).toBeNull();
    expect(feedUrlFor('not a url')).toBeNull();
  });

  it('turns release notes into capped plain text', () => {
    expect(plainReleaseNotes('<h2>0.2.0</h2><ul><li>Faster &amp; safer</li><li>Arabic fixes</li></ul>')).toBe('0.2.0\nFaster & safer\nArabic fixes');
    expect(plainReleaseNotes([{ version: '0.2.0', note: 'One' }, { version: '0.1.1', note: null }])).toBe('One');
    expect(plainReleaseNotes(null)).toBeNull();
    expect(plainReleaseNotes({ html: 'x' })).toBeNull();
    const long = plainReleaseNotes('a'.repeat(releaseNotesMaxLength * 2));
    expect(long).toHaveLength(releaseNotesMaxLength);
    expect(long?.endsWith('…')).toBe(true);
  });

  it('reads a check result: nothing new, an update, or an answer it refuses', () => {
    expect(readCheckResult(null)).toEqual({ kind: 'none' });
    expect(readCheckResult({ isUpdateAvailable: false, updateInfo: { version: '0.1.0' } })).toEqual({ kind: 'none' });
    expect(readCheckResult({ isUpdateAvailable: true, updateInfo: { version: '1.2.3-beta.1', releaseNotes: 'Hi' } })).toEqual({
      kind: 'found',
      version: '1.2.3-beta.1',
      notes: 'Hi',
    });
    expect(readCheckResult({ isUpdateAvailable: true, updateInfo: { version: '<script>' } })).toEqual({ kind: 'invalid' });
    expect(readCheckResult({ isUpdateAvailable: true })).toEqual({ kind: 'invalid' });
  });

  it('names failures with stable codes', () => {
    expect(classifyUpdateError(new Error('net::ERR_NAME_NOT_RESOLVED'), 'check')).toBe('offline');
    expect(classifyUpdateError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), 'download')).toBe('offline');
    expect(classifyUpdateError(Object.assign(new Error('x'), { code: 'ERR_CHECKSUM_MISMATCH' }), 'download')).toBe('corrupt-download');
    expect(classifyUpdateError(new Error('New version 0.2.0 is not signed by the application owner: signature mismatch'), 'download')).toBe('corrupt-download');
    expect(classifyUpdateError(new Error('Cannot find latest.yml in the latest release artifacts'), 'check')).toBe('check-failed');
    expect(classifyUpdateError('weird', 'download')).toBe('download-failed');
  });

  it('reads download progress as a whole percentage', () => {
    expect(progressOf({ percent: 99.9 })).toBe(99);
    expect(progressOf({ percent: 140 })).toBe(100);
    expect(progressOf({ percent: Number.NaN })).toBeNull();
    expect(progressOf('50')).toBeNull();
  });
});
