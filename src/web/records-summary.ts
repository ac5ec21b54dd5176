/**
 * The archivist's overview from `GET /records/summary` (counts per unit, phase and final
 * disposition): records due per unit split by what their schedule says at the end, and the
 * totals the home cards show. Pure, so test/unit/web checks it without a browser.
 */
import type { FinalDisposition, RetentionCount, RetentionPhase } from './records-types.ts';

export interface DueRow {
  unitCode: string;
  destroy: number;
  permanent: number;
  review: number;
  total: number;
}

export interface RecordsOverview {
  /** Units with due records, by unit code. */
  due: DueRow[];
  /** All units together (unitCode ''). */
  dueTotal: DueRow;
  byPhase: Record<RetentionPhase, number>;
}

const row = (unitCode: string): DueRow => ({ unitCode, destroy: 0, permanent: 0, review: 0, total: 0 });

const add = (r: DueRow, end: FinalDisposition | null, n: number): void => {
  if (end) r[end] += n;
  r.total += n;
};

export const summarise = (counts: RetentionCount[]): RecordsOverview => {
  const units = new Map<string, DueRow>();
  const dueTotal = row('');
  const byPhase: Record<RetentionPhase, number> = { active: 0, inactive: 0, due: 0, held: 0, disposed: 0, transferred: 0, unclassified: 0 };
  for (const c of counts) {
    byPhase[c.phase] = (byPhase[c.phase] ?? 0) + c.count;
    if (c.phase !== 'due') continue;
    const r = units.get(c.unitCode) ?? row(c.unitCode);
    units.set(c.unitCode, r);
    add(r, c.finalDisposition, c.count);
    add(dueTotal, c.finalDisposition, c.count);
  }
  return { due: [...units.values()].sort((a, b) => a.unitCode.localeCompare(b.unitCode)), dueTotal, byPhase };
};
