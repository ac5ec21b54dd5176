/**
 * Retention (JRA, jadwal retensi arsip): how long a record stays active in its unit, then
 * inactive in the records centre, and what happens at the end. The record's classification code
 * decides it; periods count in whole years from the record's date (the letter date for letters,
 * the document's date, else the day it was archived).
 */
import type { Classification, FinalDisposition } from './classification.ts';
import { parentClassification } from './classification.ts';

export const RETENTION_PHASES = ['active', 'inactive', 'due', 'held', 'disposed', 'transferred', 'unclassified'] as const;
export type RetentionPhase = (typeof RETENTION_PHASES)[number];

/** Phases a record leaves only by an archivist's act (release, never for disposed and transferred). */
export const SETTLED_PHASES: readonly RetentionPhase[] = ['held', 'disposed', 'transferred'];

/** A whole schedule: years active, years inactive, and the end. */
export interface Schedule {
  activeYears: number;
  inactiveYears: number;
  finalDisposition: FinalDisposition;
}

/** The dates a record's schedule gives it (null when no schedule applies: it is never due). */
export interface RetentionDates {
  activeUntil: string | null;
  inactiveUntil: string | null;
  finalDisposition: FinalDisposition | null;
}

export const NO_DATES: RetentionDates = { activeUntil: null, inactiveUntil: null, finalDisposition: null };

const complete = (c: Pick<Classification, 'activeYears' | 'inactiveYears' | 'finalDisposition'>): Schedule | null =>
  c.activeYears !== null && c.inactiveYears !== null && c.finalDisposition !== null
    ? { activeYears: c.activeYears, inactiveYears: c.inactiveYears, finalDisposition: c.finalDisposition }
    : null;

/**
 * The schedule of `code`: its own when the scheme gives one in full, else the nearest parent's
 * (a refinement such as 800.1.2 is kept like 800.1 unless the scheme says otherwise). Null when
 * neither the code nor any parent has a schedule: such records are never due.
 */
export const scheduleOf = (code: string, scheme: ReadonlyMap<string, Classification>): Schedule | null => {
  for (let c: string | null = code; c !== null; c = parentClassification(c)) {
    const entry = scheme.get(c);
    const s = entry ? complete(entry) : null;
    if (s) return s;
  }
  return null;
};

/** `YYYY-MM-DD` plus whole years; 29 February becomes 28 February in a year without it. */
export const addYears = (day: string, years: number): string => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const dd = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
};

/** The dates a schedule gives a record of `recordDate`. */
export const retentionDates = (recordDate: string, schedule: Schedule | null): RetentionDates => {
  if (!schedule) return NO_DATES;
  const activeUntil = addYears(recordDate, schedule.activeYears);
  return { activeUntil, inactiveUntil: addYears(activeUntil, schedule.inactiveYears), finalDisposition: schedule.finalDisposition };
};

/** Where a record with these dates stands on `today` (YYYY-MM-DD), before holds and acts. */
export const phaseByDate = (dates: RetentionDates, today: string): Extract<RetentionPhase, 'active' | 'inactive' | 'due'> => {
  if (dates.activeUntil === null || today < dates.activeUntil) return 'active';
  if (dates.inactiveUntil === null || today < dates.inactiveUntil) return 'inactive';
  return 'due';
};

/** What a record is, for the retention rules. */
export interface RecordFacts {
  classificationCode: string | null;
  recordDate: string;
  /** Minutes of a disposal or a transfer are kept for good, whatever their code. */
  permanent: boolean;
}

/** A record's full retention now, without holds or acts (those override the phase; see SETTLED_PHASES). */
export const retentionOf = (r: RecordFacts, scheme: ReadonlyMap<string, Classification>, today: string): RetentionDates & { phase: RetentionPhase } => {
  if (r.permanent) return { activeUntil: null, inactiveUntil: null, finalDisposition: 'permanent', phase: 'active' };
  if (r.classificationCode === null || !scheme.has(r.classificationCode)) return { ...NO_DATES, phase: 'unclassified' };
  const dates = retentionDates(r.recordDate, scheduleOf(r.classificationCode, scheme));
  return { ...dates, phase: phaseByDate(dates, today) };
};

/** Whether `code` is `filter` or one of its refinements (a search for 800 finds 800.1.2). */
export const withinCode = (code: string | null, filter: string): boolean => code !== null && (code === filter || code.startsWith(`${filter}.`));
