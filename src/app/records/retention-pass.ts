import type { FinalDisposition } from '../../domain/classification.ts';
import { retentionOf, SETTLED_PHASES, withinCode } from '../../domain/retention.ts';
import type { RetentionGroup } from '../../ports/records-repositories.ts';
import type { Repositories } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { enqueueReindex } from '../processing/index-document.ts';
import { archivistsOf, notifyUsers } from './records-notices.ts';
import { loadScheme, officeToday, recordDateOf } from './retention-scheme.ts';

const CHUNK = 2000;

/**
 * Gives documents archived before retention existed their record date (their own date, else
 * the day they were archived), so the scheme can apply to them.
 */
export const backfillRecordDates = async (deps: AppDeps): Promise<{ count: number }> => {
  let count = 0;
  for (;;) {
    const rows = await deps.db.retention.withoutRecordDate(CHUNK);
    if (rows.length === 0) return { count };
    const byDay = new Map<string, string[]>();
    for (const r of rows) {
      const day = recordDateOf(deps, r);
      byDay.set(day, [...(byDay.get(day) ?? []), r.id]);
    }
    for (const [day, ids] of byDay) await deps.db.retention.setRecordDate(ids, day);
    count += rows.length;
  }
};

/**
 * Applies the scheme to every record with one of `codes` (or all): each (code, date) group gets
 * the dates its schedule gives and the phase they mean today; held, disposed and transferred
 * records keep their phase. Records whose phase changed are re-indexed. Run when the scheme
 * changes, and for records the pass has just dated.
 */
export const applyScheme = async (
  deps: AppDeps,
  codes: string[] | 'all',
  db: Pick<Repositories, 'retention' | 'classifications' | 'jobs'> = deps.db,
): Promise<{ groups: number; applied: number; changed: number }> => {
  const scheme = await loadScheme(db);
  const today = officeToday(deps);
  const rows = await db.retention.groups(codes);
  // One (code, date) group may hold several retentions now (a hold, an older schedule): it is
  // applied when any of them differs from what the scheme gives today.
  const groups = new Map<string, { g: RetentionGroup; stale: boolean }>();
  for (const g of rows) {
    if (g.phase === 'disposed' || g.phase === 'transferred') continue; // what is gone keeps its last retention
    const r = retentionOf({ classificationCode: g.classificationCode, recordDate: g.recordDate, permanent: false }, scheme, today);
    const stale =
      g.activeUntil !== r.activeUntil ||
      g.inactiveUntil !== r.inactiveUntil ||
      g.finalDisposition !== r.finalDisposition ||
      (g.phase !== r.phase && !(g.phase !== null && SETTLED_PHASES.includes(g.phase)));
    const key = `${g.classificationCode}\0${g.recordDate}`;
    groups.set(key, { g, stale: stale || (groups.get(key)?.stale ?? false) });
  }
  const changed: string[] = [];
  let applied = 0;
  for (const { g, stale } of groups.values()) {
    if (!stale) continue;
    const r = retentionOf({ classificationCode: g.classificationCode, recordDate: g.recordDate, permanent: false }, scheme, today);
    changed.push(...(await db.retention.applyGroup(g, r, r.phase)));
    applied++;
  }
  await enqueueReindex(deps, db, changed);
  return { groups: groups.size, applied, changed: changed.length };
};

export interface PassOutcome {
  dated: number;
  inactive: number;
  due: number;
}

const dueMessage = (units: Map<string, Map<FinalDisposition | 'none', number>>): string => {
  const parts = [...units].map(([unit, by]) => `${unit}: ${[...by].map(([d, n]) => `${n} (${d})`).join(', ')}`);
  return `Arsip yang habis masa retensinya hari ini — records whose retention ended today: ${parts.join('; ')}`;
};

/**
 * The daily retention pass: dates what has no date yet, moves records whose phase the calendar
 * has moved on (active → inactive → due), re-indexes them, and tells the archivists of each
 * unit what became due (in the app, and by e-mail where configured).
 */
export const dailyRetentionPass = async (deps: AppDeps): Promise<PassOutcome> => {
  // Only after an upgrade are there records without a date: the whole scheme is applied once.
  const dated = await backfillRecordDates(deps);
  if (dated.count > 0) await applyScheme(deps, 'all');
  const today = officeToday(deps);
  const out: PassOutcome = { dated: dated.count, inactive: 0, due: 0 };
  const dueByUnit = new Map<string, Map<FinalDisposition | 'none', number>>();
  for (;;) {
    const moved = await deps.db.transaction(async (tx) => tx.retention.advance(today, CHUNK));
    if (moved.length === 0) break;
    await enqueueReindex(
      deps,
      deps.db,
      moved.map((m) => m.id),
    );
    for (const m of moved) {
      out[m.phase]++;
      if (m.phase !== 'due') continue;
      const by = dueByUnit.get(m.unitCode) ?? new Map<FinalDisposition | 'none', number>();
      by.set(m.finalDisposition ?? 'none', (by.get(m.finalDisposition ?? 'none') ?? 0) + 1);
      dueByUnit.set(m.unitCode, by);
    }
  }
  await tellArchivists(deps, today, dueByUnit);
  return out;
};

const tellArchivists = async (deps: AppDeps, today: string, dueByUnit: Map<string, Map<FinalDisposition | 'none', number>>): Promise<void> => {
  const perArchivist = new Map<
    string,
    { user: Awaited<ReturnType<typeof archivistsOf>>[number]; units: Map<string, Map<FinalDisposition | 'none', number>> }
  >();
  for (const [unit, by] of dueByUnit) {
    for (const a of await archivistsOf(deps.db, unit)) {
      const entry = perArchivist.get(a.id) ?? { user: a, units: new Map() };
      entry.units.set(unit, by);
      perArchivist.set(a.id, entry);
    }
  }
  for (const { user, units } of perArchivist.values()) {
    await notifyUsers(deps, deps.db, [user], {
      kind: 'records_due',
      dedupeKey: `records-due:${today}`,
      subjectType: 'records',
      subjectId: today,
      message: dueMessage(units),
    });
  }
};

/** Job: applies the scheme to the records of the codes a scheme change touched, refinements included. */
export const applySchemeJob = async (deps: AppDeps, payload: { codes: string[] }): Promise<void> => {
  const inUse = new Set((await deps.db.retention.groups('all')).map((g) => g.classificationCode).filter((c): c is string => c !== null));
  await applyScheme(
    deps,
    [...inUse].filter((c) => payload.codes.some((p) => withinCode(c, p))),
  );
};
