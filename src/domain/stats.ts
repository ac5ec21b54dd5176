/** The figures an office head asks for, computed from plain facts (no I/O here). */
import { monthOf } from './office-time.ts';

/** Every month from `from` to `to` inclusive (YYYY-MM), so empty months show as zeros. */
export const monthsBetween = (from: string, to: string): string[] => {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) [y, m] = [y + 1, 1];
    if (out.length > 1200) break; // a century is plenty; never loop on a bad range
  }
  return out;
};

/** The median, or null for no values. */
export const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export interface LetterTimes {
  receivedAt: Date;
  firstDispositionAt: Date | null;
  /** When its last disposition was completed, if all are. */
  completedAt: Date | null;
}

const HOUR = 3600_000;
const hours = (ms: number) => Math.round((ms / HOUR) * 10) / 10;

/** Median hours from receipt to first disposition and to completion, over the letters that got there. */
export const turnaround = (letters: LetterTimes[]) => {
  const first = letters.filter((l) => l.firstDispositionAt).map((l) => l.firstDispositionAt!.getTime() - l.receivedAt.getTime());
  const done = letters.filter((l) => l.completedAt).map((l) => l.completedAt!.getTime() - l.receivedAt.getTime());
  const m1 = median(first);
  const m2 = median(done);
  return {
    toFirstDisposition: { medianHours: m1 === null ? null : hours(m1), letters: first.length },
    toCompletion: { medianHours: m2 === null ? null : hours(m2), letters: done.length },
  };
};

/** Counts per month over the range, zeros included. */
export const perMonth = (dates: Date[], months: string[], timeZone: string): Record<string, number> => {
  const counts = Object.fromEntries(months.map((m) => [m, 0])) as Record<string, number>;
  for (const d of dates) {
    const m = monthOf(d, timeZone);
    if (m in counts) counts[m]! += 1;
  }
  return counts;
};
