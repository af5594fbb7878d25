import type { EligibilityCondition, EligibilityRule } from '../../../shared/contract/index.ts';
import { writeTransaction } from '../db/changes.ts';
import { CoreError } from '../errors.ts';
import { actorOf } from '../households/households.service.ts';
import { listProgrammes } from '../households/records.service.ts';
import type { SessionManager } from '../session/session.service.ts';

/** What a programme asks for when the admin has not set its rule: its threshold, no member condition. */
const defaultConditions: Record<string, EligibilityCondition> = {
  amo_tadamon: 'no_health_coverage',
  child_allowance: 'none',
  direct_support: 'none',
};

/** The rule of every programme (stored, or the default from its threshold). */
export const listEligibilityRules = async (sessions: SessionManager): Promise<EligibilityRule[]> => {
  const session = sessions.require();
  const programmes = await listProgrammes(sessions);
  const stored = await session.store.db.selectFrom('eligibility_rules').selectAll().where('branch_id', '=', session.branch.id).execute();
  const byProgramme = new Map(stored.map((rule) => [rule.programme_id, rule]));
  return programmes.map((programme) => {
    const rule = byProgramme.get(programme.id);
    if (rule) {
      return { programmeId: programme.id, scoreMax: rule.score_max, condition: rule.condition as EligibilityCondition, active: rule.active === 1 };
    }
    return {
      programmeId: programme.id,
      scoreMax: programme.scoreThreshold,
      condition: defaultConditions[programme.code] ?? 'none',
      active: programme.active && programme.scoreThreshold !== null,
    };
  });
};

/** Sets a programme's eligibility rule (admin). */
export const setEligibilityRule = async (sessions: SessionManager, rule: EligibilityRule): Promise<EligibilityRule> => {
  const session = sessions.require(['admin']);
  const programme = await session.store.db
    .selectFrom('programmes')
    .select('id')
    .where('id', '=', rule.programmeId)
    .where('branch_id', '=', session.branch.id)
    .executeTakeFirst();
  if (!programme) throw new CoreError('not-found', 'No such programme.');
  const row = {
    programme_id: programme.id,
    branch_id: session.branch.id,
    score_max: rule.scoreMax,
    condition: rule.condition,
    active: rule.active ? 1 : 0,
    updated_at: new Date().toISOString(),
  };
  await writeTransaction(session.store, actorOf(session), async (trx, changes) => {
    await trx
      .insertInto('eligibility_rules')
      .values(row)
      .onConflict((oc) => oc.column('programme_id').doUpdateSet({ score_max: row.score_max, condition: row.condition, active: row.active, updated_at: row.updated_at }))
      .execute();
    changes.record({ table: 'eligibility_rules', rowId: programme.id, action: 'update', fields: { score_max: row.score_max, condition: row.condition, active: row.active } });
  });
  return rule;
};
