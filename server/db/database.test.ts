import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type ServerDb } from './database.ts';

describe('the embedded database (PGlite, one connection)', () => {
  let db: ServerDb;
  beforeAll(async () => {
    db = openDatabase({});
    await migrateToLatest(db);
    await migrateToLatest(db);
  }, 60_000);
  afterAll(() => db?.destroy());

  const branch = (id: string) => ({ id, name: id, last_seq: 0, created_at: new Date() });

  it('runs a request’s statement after another request’s transaction, never inside it', async () => {
    const failing = db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('branches').values(branch('inside')).execute();
        await sleep(50);
        throw new Error('roll back');
      })
      .catch((error: Error) => error.message);
    await sleep(10);
    const [outside, other] = await Promise.all([
      db.insertInto('branches').values(branch('outside')).execute(),
      db.transaction().execute((trx) => trx.insertInto('branches').values(branch('other')).execute()),
    ]);
    expect(outside).toHaveLength(1);
    expect(other).toHaveLength(1);
    expect(await failing).toBe('roll back');
    const names = (await db.selectFrom('branches').select('id').orderBy('id').execute()).map((b) => b.id);
    expect(names).toEqual(['other', 'outside']);
  });

  it('reads sequences back as numbers', async () => {
    await db.updateTable('branches').set({ last_seq: 2 ** 40 }).where('id', '=', 'other').execute();
    const row = await db.selectFrom('branches').select('last_seq').where('id', '=', 'other').executeTakeFirstOrThrow();
    expect(row.last_seq).toBe(2 ** 40);
  });
});
