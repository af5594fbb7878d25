import { randomBytes, randomUUID } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deviceBundleSchema, type PullResponse } from '../../../shared/sync/api.ts';
import { openBundle, sealBundle } from '../../../shared/sync/bundle.ts';
import { keyringPath, readKeyring } from '../keys/keyring.ts';
import { addDistrict, listBranchDistricts } from '../users/users.service.ts';
import { exportBundle, importBundle } from './bundles.ts';
import { listRuns, readSyncCursor } from './engine/index.ts';
import { createFakeServer, type FakeServer } from './testing/fake-server.ts';
import { createSyncTestDevice, joinAsAdmin, type SyncTestDevice } from './testing/device.ts';

let device: SyncTestDevice | undefined;
let server: FakeServer;
afterEach(async () => {
  await device?.cleanup();
  device = undefined;
});

const joined = async () => {
  server = createFakeServer();
  device = await createSyncTestDevice(server);
  await joinAsAdmin(device, server);
  const deviceId = (await readKeyring(keyringPath(device.dataDir))).sync?.deviceId ?? '';
  const key = new Uint8Array(server.bundleKeyOf(deviceId) ?? Buffer.alloc(32));
  return { ...device, deviceId, key };
};

const answerFile = async (
  dir: string,
  header: { deviceId: string; direction?: 'to-device' | 'to-server' },
  payload: { results: unknown[]; pages: PullResponse[] },
  key: Uint8Array<ArrayBuffer>,
) => {
  const file = join(dir, `answer-${randomUUID()}.bundle`);
  const sealed = await sealBundle(
    { direction: header.direction ?? 'to-device', device_id: header.deviceId, branch_id: server.branch.id, created_at: new Date().toISOString() },
    payload,
    key,
  );
  await writeFile(file, sealed);
  return file;
};

describe('USB bundles', () => {
  it('exports the waiting changes sealed for this device only, in a private file', async () => {
    const { ctx, dataDir, key } = await joined();
    await addDistrict(ctx.sessions, { name: 'Tagounite' });
    const file = join(dataDir, 'to-branch.bundle');
    const result = await exportBundle(ctx.sessions, { file });
    expect(result).toEqual({ file, changes: expect.any(Number) });
    expect(result.changes).toBeGreaterThan(0);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const bytes = new Uint8Array(await readFile(file));
    expect(Buffer.from(bytes).includes('Tagounite')).toBe(false);
    await expect(openBundle(bytes, new Uint8Array(randomBytes(32)), deviceBundleSchema)).rejects.toMatchObject({ reason: 'wrong-key' });
    const { header, payload } = await openBundle(bytes, key, deviceBundleSchema);
    expect(header).toMatchObject({ direction: 'to-server', branch_id: server.branch.id });
    expect(payload.changes.some((change) => change.value === 'Tagounite')).toBe(true);
    // Exporting sends nothing: the changes still wait.
    expect((await ctx.sync.status()).pending).toBe(1);
  });

  it('imports the server’s answer: marks what went up, applies what came down, never moves the cursor back', async () => {
    const { ctx, dataDir, deviceId, key } = await joined();
    await addDistrict(ctx.sessions, { name: 'Tagounite' });
    const exported = await openBundle(new Uint8Array(await readFile((await exportBundle(ctx.sessions, { file: join(dataDir, 'out.bundle') })).file)), key, deviceBundleSchema);
    const cursor = readSyncCursor(ctx.sessions.require().store);
    const results = exported.payload.changes.map((change, index) => ({ op_id: change.op_id, status: 'accepted', seq: cursor + 1 + index }));
    const change = (seq: number, rowId: string, field: string, value: unknown) => ({ seq, table: 'districts', row_id: rowId, field, value, user_id: null, device_time: null, server_time: '2026-11-23T10:00:00.000Z' });
    const base = cursor + results.length;
    const pages: PullResponse[] = [
      { enter: [], leave: [], changes: [change(base + 1, 'district-mhamid', 'name', 'Mhamid'), change(base + 2, 'district-mhamid', 'created_at', '2026-11-23T10:00:00.000Z')], cursor: base + 2, more: true },
      // An old page (already had): skipped, the cursor stays.
      { enter: [], leave: [], changes: [change(2, 'district-old', 'name', 'Old')], cursor: 2, more: false },
    ];
    const report = await importBundle(ctx.sessions, ctx.sync, { file: await answerFile(dataDir, { deviceId }, { results, pages }, key) });
    expect(report).toMatchObject({ pushed: results.length, rejected: 0, pulled: 2, cursor: base + 2 });
    expect(await ctx.sync.status()).toMatchObject({ pending: 0, cursor: base + 2 });
    expect((await listBranchDistricts(ctx.sessions)).map((district) => district.name).sort()).toEqual(['Mhamid', 'Tagounite']);
    expect(listRuns(ctx.sessions.require().store)[0]).toMatchObject({ via: 'bundle', pulled: 2, error: null });
  });

  it('refuses a bundle for another device, one going the wrong way, and an altered one, with clear reasons', async () => {
    const { ctx, dataDir, deviceId, key } = await joined();
    const empty = { results: [], pages: [] };
    await expect(importBundle(ctx.sessions, ctx.sync, { file: await answerFile(dataDir, { deviceId: randomUUID() }, empty, key) })).rejects.toMatchObject({
      code: 'validation',
      reason: 'bundle-other-device',
    });
    await expect(importBundle(ctx.sessions, ctx.sync, { file: await answerFile(dataDir, { deviceId, direction: 'to-server' }, empty, key) })).rejects.toMatchObject({
      code: 'validation',
      reason: 'bundle-wrong-direction',
    });
    const good = await answerFile(dataDir, { deviceId }, empty, key);
    const bytes = await readFile(good);
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 0xff;
    await writeFile(good, bytes);
    await expect(importBundle(ctx.sessions, ctx.sync, { file: good })).rejects.toMatchObject({ code: 'validation', reason: 'bundle-unreadable' });
    const otherKey = await answerFile(dataDir, { deviceId }, empty, new Uint8Array(randomBytes(32)));
    await expect(importBundle(ctx.sessions, ctx.sync, { file: otherKey })).rejects.toMatchObject({ code: 'validation', reason: 'bundle-unreadable' });
    await expect(importBundle(ctx.sessions, ctx.sync, { file: join(dataDir, 'missing.bundle') })).rejects.toMatchObject({ code: 'not-found' });
  });
});
