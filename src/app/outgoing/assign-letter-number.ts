import type { OutgoingLetterRecord } from '../../domain/correspondence.ts';
import { DEFAULT_LETTER_TYPE, formatNumber, numberFormatFor, typedNumberScope } from '../../domain/letter-types.ts';
import { calendarDateIn } from '../../domain/office-time.ts';
import type { Repositories } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';

/**
 * Letter numbers (nomor surat) for signing. The sequence runs per naskah type, unit and year of
 * the office calendar, gap-free: the number is taken inside the signing transaction, so a signing
 * that fails gives its number back. The printed form follows the type's number format (the
 * unit's own when it has one), read before the transaction.
 */

type Numbered = Pick<OutgoingLetterRecord, 'classificationCode' | 'unitCode'> & Partial<Pick<OutgoingLetterRecord, 'type'>>;

/** Where a letter's number comes from and how it prints, fixed before the signing transaction. */
export interface NumberPlan {
  scope: string;
  year: number;
  format(sequence: number): string;
}

/** The office calendar's day a letter signed at `at` is numbered on (the office's New Year, not UTC's). */
const officeDay = (deps: Pick<AppDeps, 'officeTimeZone'>, at: Date): string => calendarDateIn(at, deps.officeTimeZone);

/** The year a letter signed at `at` is numbered in. */
export const letterNumberYear = (deps: Pick<AppDeps, 'officeTimeZone'>, at: Date): number => Number(officeDay(deps, at).slice(0, 4));

/**
 * The plan for numbering `letter` when signed at `at`, with its counter row made to exist (see
 * CounterRepository.ensure: before the transaction that takes the number).
 */
export const planLetterNumber = async (deps: Pick<AppDeps, 'db' | 'officeTimeZone'>, letter: Numbered, at: Date): Promise<NumberPlan> => {
  const day = officeDay(deps, at);
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const typeCode = letter.type ?? DEFAULT_LETTER_TYPE;
  const type = await deps.db.letterTypes.find(typeCode);
  const format = type ? numberFormatFor(type, letter.unitCode) : '{code}/{seq}/{unit}/{year}';
  const scope = typedNumberScope(typeCode, letter.unitCode, year);
  await deps.db.counters.ensure(scope);
  return { scope, year, format: (seq) => formatNumber(format, { code: letter.classificationCode, seq, unit: letter.unitCode, year, month }) };
};

/** Takes the next number of the plan's counter inside `tx`, e.g. 800/123/BKD/2025. */
export const assignLetterNumber = async (tx: Repositories, plan: NumberPlan): Promise<{ letterNumber: string; sequence: number; year: number }> => {
  const sequence = await tx.counters.next(plan.scope);
  return { letterNumber: plan.format(sequence), sequence, year: plan.year };
};
