import type { Classification } from '../../domain/classification.ts';
import type { DocumentKind } from '../../domain/document.ts';
import { calendarDateIn } from '../../domain/office-time.ts';
import { retentionOf } from '../../domain/retention.ts';
import type { NewRetention, Repositories } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';

/** The scheme by code (a few hundred rows: read whole). */
export const loadScheme = async (db: Pick<Repositories, 'classifications'>): Promise<Map<string, Classification>> =>
  new Map((await db.classifications.all()).map((c) => [c.code, c]));

/** Today in the office's calendar, the day retention phases are judged by. */
export const officeToday = (deps: Pick<AppDeps, 'clock' | 'officeTimeZone'>): string => calendarDateIn(deps.clock.now(), deps.officeTimeZone);

/** The day a record's periods count from: its own date, else the day it was archived (office calendar). */
export const recordDateOf = (deps: Pick<AppDeps, 'officeTimeZone'>, doc: { documentDate: string | null; createdAt: Date }): string =>
  doc.documentDate ?? calendarDateIn(doc.createdAt, deps.officeTimeZone);

/** Retention of a document about to be archived now. */
export const retentionForNew = (
  deps: Pick<AppDeps, 'db' | 'clock' | 'officeTimeZone'>,
  doc: { kind: DocumentKind; classificationCode: string | null; documentDate: string | null },
  db: Pick<Repositories, 'classifications'> = deps.db,
): Promise<NewRetention> => retentionFor(deps, { ...doc, createdAt: deps.clock.now() }, db);

/** Retention of a document archived at `createdAt`, as its code, date and the scheme give it today. */
export const retentionFor = async (
  deps: Pick<AppDeps, 'db' | 'clock' | 'officeTimeZone'>,
  doc: { kind: DocumentKind; classificationCode: string | null; documentDate: string | null; createdAt: Date },
  db: Pick<Repositories, 'classifications'> = deps.db,
): Promise<NewRetention> => {
  const recordDate = recordDateOf(deps, doc);
  const r = retentionOf({ classificationCode: doc.classificationCode, recordDate, permanent: doc.kind === 'minutes' }, await loadScheme(db), officeToday(deps));
  return { recordDate, phase: r.phase, activeUntil: r.activeUntil, inactiveUntil: r.inactiveUntil, finalDisposition: r.finalDisposition };
};
