import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serverBackends, startTestServer } from '../../server/testing.ts';
import { startCuttingProxy } from './cutting-proxy.ts';
import { countOps, exchangeBundle, householdView, joinDevice, registrySample, type Device } from './support.ts';

const workerPassword = 'worker-password-1';
const yearMs = 365 * 24 * 3600 * 1000;

// The office device (the branch admin) and a worker's field laptop, against one server,
// on embedded PGlite and, when CI provides it, on PostgreSQL 15.
describe.each(serverBackends)('two devices and a server on %s', (backend) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let office: Device;
  let field: Device;
  let tagouniteId: string;
  let otherDistrictId: string;

  /** Notes of one household as each device shows it. */
  const notesOn = async (device: Device, id: string) => (await device.call('households:get', { id })).household.notes;
  const syncAll = async (...devices: Device[]) => {
    for (const device of devices) await device.call('sync:now');
  };

  beforeAll(async () => {
    server = await startTestServer(backend);
    office = await joinDevice(server.url, server.admin.username, server.admin.password, 'Branch office');
    await office.call('import:run', { source: { kind: 'path', path: registrySample }, dryRun: false });
    const first = await office.call('sync:now');
    expect(first.pushed).toBeGreaterThan(0);
    const districts = await office.call('districts:list');
    const tagounite = districts.find((district) => district.name === 'Tagounite');
    const other = districts.find((district) => district.name !== 'Tagounite');
    if (!tagounite || !other) throw new Error('The registry sample has Tagounite and another commune.');
    tagouniteId = tagounite.id;
    otherDistrictId = other.id;
    await office.call('users:add', { username: 'salma', displayName: 'Salma', role: 'worker', districtIds: [tagouniteId], password: workerPassword });
    await office.call('sync:now');
    field = await joinDevice(server.url, 'salma', workerPassword, 'Field laptop');
  }, 180_000);

  afterAll(async () => {
    await field?.close();
    await office?.close();
    await server?.close();
  });

  it("brings the worker's district, whole, to her laptop and nothing outside it", async () => {
    const inDistrict = await office.call('households:list', { districtIds: [tagouniteId], limit: 500 });
    const onLaptop = await householdView(field);
    expect(inDistrict.total).toBeGreaterThan(0);
    expect([...onLaptop.keys()].sort()).toEqual(inDistrict.rows.map((row) => row.registryRef).sort());
    const sample = inDistrict.rows[0]!;
    const atOffice = await office.call('households:get', { id: sample.id });
    const inField = await field.call('households:get', { id: sample.id });
    expect(inField.members.map((member) => member.id).sort()).toEqual(atOffice.members.map((member) => member.id).sort());
  });

  it('a member added in the field appears at the office after both sync', async () => {
    const [household] = (await field.call('households:list', { limit: 1 })).rows;
    const added = await field.call('members:add', {
      householdId: household!.id,
      firstNameAr: 'ياسين',
      lastNameAr: 'الفاسي',
      sex: 'M',
      birthDate: '2026-10-01',
      relation: 'child',
    });
    expect((await field.call('sync:status')).pending).toBeGreaterThan(0);
    await syncAll(field, office);
    const atOffice = await office.call('households:get', { id: household!.id });
    expect(atOffice.members.map((member) => member.id)).toContain(added.id);
    expect((await field.call('sync:status')).pending).toBe(0);
    const found = await office.call('search:query', { query: 'ياسين' });
    expect(JSON.stringify(found)).toContain(added.id);
  });

  it('concurrent edits of one field converge everywhere and the loser waits in the conflicts queue', async () => {
    const [household] = (await field.call('households:list', { limit: 1, offset: 1 })).rows;
    const id = household!.id;
    await office.call('households:update', { id, notes: 'Seen at the office' });
    await field.call('households:update', { id, notes: 'Seen in the field' });
    // The office's change arrives first; the field's, made without seeing it, arrives last and wins.
    await syncAll(office, field, office);
    expect(await notesOn(office, id)).toBe('Seen in the field');
    expect(await notesOn(field, id)).toBe('Seen in the field');

    const conflicts = await office.call('sync:conflicts', { status: 'open' });
    const conflict = conflicts.find((entry) => entry.rowId === id && entry.field === 'notes');
    expect(conflict?.kept.value).toBe('Seen in the field');
    expect(conflict?.lost.value).toBe('Seen at the office');
    // Both edits touched updated_at too: that is bookkeeping, not a conflict, and it converges.
    expect(conflicts.some((entry) => entry.rowId === id && entry.field === 'updated_at')).toBe(false);
    const [atOffice, inField] = [await office.call('households:get', { id }), await field.call('households:get', { id })];
    expect(inField.household.updatedAt).toBe(atOffice.household.updatedAt);
    expect((await office.call('sync:status')).openConflicts).toBeGreaterThanOrEqual(1);

    // The manager restores the value set aside; every device follows.
    await office.call('sync:resolve-conflict', { id: conflict!.id, keep: 'lost' });
    await syncAll(office, field);
    expect(await notesOn(office, id)).toBe('Seen at the office');
    expect(await notesOn(field, id)).toBe('Seen at the office');
    const after = await office.call('sync:conflicts', { status: 'open' });
    expect(after.some((entry) => entry.id === conflict!.id)).toBe(false);
  });

  it.each([
    ['a year ahead', yearMs, 2],
    ['a year behind', -yearMs, 0],
  ])('a laptop whose clock is %s converges and cannot win through its clock', async (_label, skew, offset) => {
    const [household] = (await field.call('households:list', { limit: 1, offset })).rows;
    const id = household!.id;
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + skew });
    try {
      await field.call('households:update', { id, notes: `Field note (clock ${skew > 0 ? 'ahead' : 'behind'})` });
    } finally {
      vi.useRealTimers();
    }
    await office.call('households:update', { id, notes: 'Office note' });
    // The field change arrives first: the office's, arriving last, wins whatever the clocks say.
    await syncAll(field, office, field);
    expect(await notesOn(field, id)).toBe('Office note');
    expect(await notesOn(office, id)).toBe('Office note');
    const conflicts = await office.call('sync:conflicts', { status: 'open' });
    expect(conflicts.some((entry) => entry.rowId === id && entry.lost.value === `Field note (clock ${skew > 0 ? 'ahead' : 'behind'})`)).toBe(true);
  });

  it("assigning a household from another district brings it whole to the worker's laptop; reassigning it away removes it", async () => {
    const outside = await office.call('households:list', { districtIds: [otherDistrictId], limit: 1 });
    const household = outside.rows[0]!;
    const workers = await office.call('users:list');
    const salma = workers.find((user) => user.username === 'salma')!;
    const atOffice = await office.call('households:get', { id: household.id });
    await office.call('plans:create', { householdId: household.id, domain: 'employment', goals: 'Find seasonal work' });

    await office.call('households:assign', { householdIds: [household.id], toWorkerId: salma.id });
    await syncAll(office, field);
    const arrived = await field.call('households:get', { id: household.id });
    expect(arrived.members.map((member) => member.id).sort()).toEqual(atOffice.members.map((member) => member.id).sort());
    expect((await field.call('plans:list', { householdId: household.id })).map((plan) => plan.goals)).toContain('Find seasonal work');
    const found = await field.call('search:query', { query: atOffice.members[0]!.firstNameAr });
    expect(JSON.stringify(found)).toContain(household.id);

    await office.call('households:assign', { householdIds: [household.id], toWorkerId: null });
    await syncAll(office, field);
    await expect(field.call('households:get', { id: household.id })).rejects.toMatchObject({ code: 'not-found' });
    expect((await householdView(field)).has(household.registryRef!)).toBe(false);
  });

  it("a colleague's first sign-in on the laptop goes through the server once; after that she unlocks offline", async () => {
    await office.call('users:add', { username: 'amina', displayName: 'Amina', role: 'worker', districtIds: [tagouniteId], password: 'amina-password-1' });
    await office.call('sync:now');
    await field.call('sync:now');
    await field.call('session:lock');
    const first = await field.call('session:unlock', { username: 'amina', password: 'amina-password-1' });
    expect(first.user.username).toBe('amina');
    expect((await field.call('households:list', { limit: 1 })).total).toBeGreaterThan(0);
    await field.call('session:lock');
    await expect(field.call('session:unlock', { username: 'amina', password: 'not-her-password' })).rejects.toMatchObject({ code: 'locked' });
    // Her own key slot now opens the store, with the server out of reach.
    field.setOffline(true);
    try {
      expect((await field.call('session:unlock', { username: 'amina', password: 'amina-password-1' })).user.username).toBe('amina');
      await field.call('session:lock');
      // Someone new on this laptop needs the server for her first sign-in.
      await expect(field.call('session:unlock', { username: 'nobody.here', password: 'whatever-password' })).rejects.toMatchObject({ code: 'offline' });
    } finally {
      field.setOffline(false);
    }
    await field.call('session:unlock', { username: 'salma', password: workerPassword });
  });

  it("a colleague's sync on a shared laptop carries up the changes the first one left unsynced", async () => {
    const [row] = (await field.call('households:list', { limit: 1 })).rows;
    await field.call('households:update', { id: row!.id, notes: 'Left unsynced by Salma' });
    await field.call('session:lock');
    await field.call('session:unlock', { username: 'amina', password: 'amina-password-1' });
    await field.call('sync:now');
    expect((await field.call('sync:status')).pending).toBe(0);
    await office.call('sync:now');
    expect(await notesOn(office, row!.id)).toBe('Left unsynced by Salma');
    // Recorded as hers, not as the colleague's who carried it.
    const salma = (await office.call('users:list')).find((user) => user.username === 'salma')!;
    const op = await server.server.db.selectFrom('ops').select('user_id').where('row_id', '=', row!.id).where('field', '=', 'notes').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(op.user_id).toBe(salma.id);
    await field.call('session:lock');
    await field.call('session:unlock', { username: 'salma', password: workerPassword });
  });

  it("a manager made a worker keeps only her district's households on her laptop after its next sync", async () => {
    await office.call('users:add', { username: 'nadia', displayName: 'Nadia', role: 'manager', districtIds: [], password: 'nadia-password-1' });
    await office.call('sync:now');
    const laptop = await joinDevice(server.url, 'nadia', 'nadia-password-1', 'Manager laptop');
    try {
      const branchWide = await office.call('households:list', { limit: 500 });
      expect((await householdView(laptop)).size).toBe(branchWide.total);
      const nadia = (await office.call('users:list')).find((user) => user.username === 'nadia')!;
      await office.call('users:update', { id: nadia.id, role: 'worker', districtIds: [tagouniteId] });
      await office.call('sync:now');

      await laptop.call('sync:now');
      const inDistrict = await office.call('households:list', { districtIds: [tagouniteId], limit: 500 });
      expect(inDistrict.total).toBeLessThan(branchWide.total);
      expect([...(await householdView(laptop)).keys()].sort()).toEqual(inDistrict.rows.map((row) => row.registryRef).sort());
      // Not only hidden from her: gone from the store on her disk.
      const stored = laptop.ctx.sessions.require().store.sqlite.prepare('SELECT id FROM households ORDER BY id').pluck().all();
      expect(stored).toEqual(inDistrict.rows.map((row) => row.id).sort());
      expect((await laptop.call('session:status')).state).toBe('unlocked');
    } finally {
      await laptop.close();
    }
  });

  it('a revoked laptop wipes its case store at its next contact with the server', async () => {
    // Signing in starts a background run at once; let it end, so the next contact is the one below.
    await field.call('sync:now');
    const devices = await office.call('sync:devices');
    const laptop = devices.find((device) => device.name === 'Field laptop');
    expect(laptop?.revokedAt).toBeNull();
    await office.call('sync:revoke-device', { deviceId: laptop!.id });
    expect((await office.call('sync:devices')).find((device) => device.id === laptop!.id)?.revokedAt).not.toBeNull();

    await expect(field.call('sync:now')).rejects.toMatchObject({ reason: 'device-revoked' });
    expect(await field.call('session:status')).toEqual({ state: 'setup' });
    expect(existsSync(join(field.dataDir, 'keyring.json'))).toBe(false);
    await expect(field.call('households:list', { limit: 1 })).rejects.toMatchObject({ code: 'locked' });
    // The store is gone, not the person: she can join again, as a new device, with her password.
    await expect(field.call('sync:join', { server: server.url, username: 'salma', password: workerPassword, deviceName: 'Field laptop' })).resolves.toBeDefined();
  });
});

describe.each(serverBackends)('cut connections and a restarted server on %s', (backend) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let proxy: Awaited<ReturnType<typeof startCuttingProxy>>;
  let office: Device;
  let field: Device;

  beforeAll(async () => {
    server = await startTestServer(backend);
    proxy = await startCuttingProxy(server.url);
    office = await joinDevice(proxy.url, server.admin.username, server.admin.password, 'Branch office');
    await office.call('import:run', { source: { kind: 'path', path: registrySample }, dryRun: false });
    await office.call('sync:now');
    const districts = await office.call('districts:list');
    await office.call('users:add', { username: 'salma', displayName: 'Salma', role: 'worker', districtIds: districts.map((d) => d.id), password: workerPassword });
    await office.call('sync:now');
    field = await joinDevice(proxy.url, 'salma', workerPassword, 'Field laptop');
  }, 180_000);

  afterAll(async () => {
    await field?.close();
    await office?.close();
    await proxy?.close();
    await server?.close();
  });

  const serverOps = () => countOps(server.server);

  it('a push whose answer is cut is retried without duplicates or loss', async () => {
    const rows = (await office.call('households:list', { limit: 3 })).rows;
    for (const [index, row] of rows.entries()) await office.call('households:update', { id: row.id, notes: `Cut push ${index}` });
    const before = await serverOps();
    proxy.arm({ on: 'response', afterBytes: 20, path: '/v1/sync/push' });
    await expect(office.call('sync:now')).rejects.toMatchObject({ code: 'offline' });
    expect(proxy.cuts).toBe(1);
    // The server applied the batch before the answer was lost; the retry is answered `duplicate`.
    const applied = await serverOps();
    expect(applied).toBeGreaterThan(before);
    await office.call('sync:now');
    expect(await serverOps()).toBe(applied);
    expect((await office.call('sync:status')).pending).toBe(0);
    await field.call('sync:now');
    for (const [index, row] of rows.entries()) expect((await field.call('households:get', { id: row.id })).household.notes).toBe(`Cut push ${index}`);
  });

  it('a push cut before the server read it all is sent again whole', async () => {
    const [row] = (await office.call('households:list', { limit: 1, offset: 5 })).rows;
    await office.call('households:update', { id: row!.id, notes: 'Half a request' });
    const before = await serverOps();
    proxy.arm({ on: 'request', afterBytes: 200, path: '/v1/sync/push' });
    await expect(office.call('sync:now')).rejects.toMatchObject({ code: 'offline' });
    expect(await serverOps()).toBe(before);
    await office.call('sync:now');
    // Once each: the notes and the row's updated_at.
    expect(await serverOps()).toBe(before + 2);
  });

  it('a pull whose answer is cut leaves the cursor and the data as they were, and the retry completes', async () => {
    const [row] = (await field.call('households:list', { limit: 1, offset: 7 })).rows;
    await field.call('households:update', { id: row!.id, notes: 'From the field, pulled through a bad line' });
    await field.call('sync:now');
    const cursorBefore = (await office.call('sync:status')).cursor;
    proxy.arm({ on: 'response', afterBytes: 300, path: '/v1/sync/pull' });
    await expect(office.call('sync:now')).rejects.toMatchObject({ code: 'offline' });
    expect((await office.call('sync:status')).cursor).toBe(cursorBefore);
    await office.call('sync:now');
    expect((await office.call('households:get', { id: row!.id })).household.notes).toBe('From the field, pulled through a bad line');
  });

  it('a server restarted between two syncs loses nothing and applies nothing twice', async () => {
    const [row] = (await office.call('households:list', { limit: 1, offset: 9 })).rows;
    await office.call('households:update', { id: row!.id, notes: 'Before the restart' });
    proxy.arm({ on: 'response', afterBytes: 20, path: '/v1/sync/push' });
    await expect(office.call('sync:now')).rejects.toMatchObject({ code: 'offline' });
    const applied = await serverOps();
    proxy.retarget(await server.restart());
    proxy.dropAll();
    await office.call('sync:now');
    expect(await serverOps()).toBe(applied);
    expect((await office.call('sync:status')).pending).toBe(0);
  });

  it('a bundle carried on a USB stick gives the same state as a network sync', async () => {
    const [row] = (await field.call('households:list', { limit: 1, offset: 11 })).rows;
    await field.call('households:update', { id: row!.id, notes: 'Written in a village with no network' });
    await office.call('households:update', { id: (await office.call('households:list', { limit: 1, offset: 12 })).rows[0]!.id, notes: 'Office news' });
    await office.call('sync:now');

    const outbound = `${field.dataDir}/to-branch.bundle`;
    const exported = await field.call('bundle:export', { file: outbound });
    expect(exported.changes).toBeGreaterThan(0);
    const inbound = `${field.dataDir}/from-branch.bundle`;
    await exchangeBundle(server.url, outbound, inbound, server.admin);
    const report = await field.call('bundle:import', { file: inbound });
    expect(report.pulled).toBeGreaterThan(0);
    expect((await field.call('sync:status')).pending).toBe(0);

    await office.call('sync:now');
    expect((await office.call('households:get', { id: row!.id })).household.notes).toBe('Written in a village with no network');
    const officeNews = (await office.call('households:list', { limit: 1, offset: 12 })).rows[0]!;
    expect((await field.call('households:get', { id: officeNews.id })).household.notes).toBe('Office news');
    // Nothing is left to exchange: a network sync now pushes and pulls nothing new.
    const after = await field.call('sync:now');
    expect(after.pushed).toBe(0);
  });
});
