/**
 * The office's classification scheme (kode klasifikasi arsip): subject codes such as 800
 * Kepegawaian, refined by dots (800.1, 800.1.2), each with its retention (JRA): years active,
 * years inactive, then destroyed, kept permanently, or assessed again.
 */
import type { FieldCode } from './field-codes.ts';
export const FINAL_DISPOSITIONS = ['destroy', 'permanent', 'review'] as const;
export type FinalDisposition = (typeof FINAL_DISPOSITIONS)[number];

export interface Classification {
  code: string;
  name: string;
  description: string | null;
  activeYears: number | null;
  inactiveYears: number | null;
  finalDisposition: FinalDisposition | null;
  /** Retired codes stay (documents carry them) but are no longer offered. */
  active: boolean;
  updatedAt: Date;
}

/** The code one level up (`800.1.2` → `800.1`), or null at the top. */
export const parentClassification = (code: string): string | null => {
  const dot = code.lastIndexOf('.');
  return dot > 0 ? code.slice(0, dot) : null;
};

/**
 * Orders codes the way the scheme is read: segment by segment, numbers by value
 * (`800.2` before `800.10`), a parent before its children.
 */
export const compareClassificationCodes = (a: string, b: string): number => {
  const as = a.split('.');
  const bs = b.split('.');
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const x = as[i]!;
    const y = bs[i]!;
    if (x === y) continue;
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny) && nx !== ny) return nx - ny;
    return x < y ? -1 : 1;
  }
  return as.length - bs.length;
};

/** A code: letters, digits, `_` and `-` in parts separated by single dots (800.1.2), at most 32 characters. */
export const isClassificationCode = (code: string): boolean => /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/.test(code) && code.length <= 32;

/** One code as a scheme file gives it. */
export type SchemeEntry = Pick<Classification, 'code' | 'name' | 'description' | 'activeYears' | 'inactiveYears' | 'finalDisposition'>;

const isYears = (v: number | null): boolean => v === null || (Number.isInteger(v) && v >= 0 && v <= 100);

/** One problem of a scheme line: its rule (for the reader's language) and the English words. */
export interface SchemeProblem {
  code: FieldCode;
  message: string;
}

/** What is wrong with one entry of a scheme file (empty when nothing). */
export const schemeEntryProblems = (e: SchemeEntry): SchemeProblem[] => {
  const out: SchemeProblem[] = [];
  if (!isClassificationCode(e.code))
    out.push({ code: 'scheme_code', message: `code ${JSON.stringify(e.code)}: letters and digits in parts separated by single dots, such as 800.1.2` });
  if (e.name.trim().length === 0 || e.name.length > 200) out.push({ code: 'scheme_name', message: 'name: 1 to 200 characters' });
  if (!isYears(e.activeYears)) out.push({ code: 'scheme_years', message: 'activeYears: whole years from 0 to 100, or empty' });
  if (!isYears(e.inactiveYears)) out.push({ code: 'scheme_years', message: 'inactiveYears: whole years from 0 to 100, or empty' });
  if (e.finalDisposition !== null && !(FINAL_DISPOSITIONS as readonly string[]).includes(e.finalDisposition))
    out.push({ code: 'scheme_final', message: `finalDisposition: one of ${FINAL_DISPOSITIONS.join(', ')}, or empty` });
  const set = [e.activeYears, e.inactiveYears, e.finalDisposition].filter((v) => v !== null).length;
  if (set !== 0 && set !== 3)
    out.push({
      code: 'scheme_retention',
      message: 'retention: give activeYears, inactiveYears and finalDisposition together, or none (the code then follows its parent)',
    });
  return out;
};
