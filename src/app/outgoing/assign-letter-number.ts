import { formatLetterNumber, letterNumberScope, type OutgoingLetterRecord } from '../../domain/correspondence.ts';
import { calendarDateIn } from '../../domain/office-time.ts';
import type { Repositories } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';

/**
 * Letter numbers (nomor surat) for signing (issue 5 calls these; nothing numbers letters yet).
 * The sequence runs per unit and per year of the office calendar, gap-free: the number is taken
 * inside the signing transaction, so a signing that fails gives its number back.
 */

type Numbered = Pick<OutgoingLetterRecord, 'classificationCode' | 'unitCode'>;

/** The year a letter signed at `at` is numbered in (the office's New Year, not UTC's). */
export const letterNumberYear = (deps: Pick<AppDeps, 'officeTimeZone'>, at: Date): number => Number(calendarDateIn(at, deps.officeTimeZone).slice(0, 4));

/** Makes the counter row exist. Call it before the transaction that takes the number (see CounterRepository.ensure). */
export const prepareLetterNumber = async (deps: Pick<AppDeps, 'db'>, letter: Numbered, year: number): Promise<void> => deps.db.counters.ensure(letterNumberScope(letter.unitCode, year));

/** Takes the next number of the letter's unit and year inside `tx`, e.g. 800/123/BKD/2025. */
export const assignLetterNumber = async (tx: Repositories, letter: Numbered, year: number): Promise<{ letterNumber: string; sequence: number; year: number }> => {
  const sequence = await tx.counters.next(letterNumberScope(letter.unitCode, year));
  return { letterNumber: formatLetterNumber(letter.classificationCode, sequence, letter.unitCode, year), sequence, year };
};
