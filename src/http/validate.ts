import { z } from 'zod';
import { AppError, type FieldError } from '../domain/errors.ts';
import { FIELD_CODES, type FieldCode } from '../domain/field-codes.ts';
import { CODE_PATTERN } from '../domain/unit-code.ts';

const isFieldCode = (v: unknown): v is FieldCode => (FIELD_CODES as readonly unknown[]).includes(v);

/**
 * The issue's code and bound (a length, a count, a value) so a client can say it in its language.
 * A refinement names its rule with `params: { code }` (domain/field-codes.ts).
 */
const fieldCode = (i: z.core.$ZodIssue): Pick<FieldError, 'code' | 'limit' | 'origin'> => {
  const bound = 'minimum' in i ? i.minimum : 'maximum' in i ? i.maximum : undefined;
  const origin = 'origin' in i && typeof i.origin === 'string' ? i.origin : undefined;
  const own = i.code === 'custom' ? i.params?.code : undefined;
  return {
    code: isFieldCode(own) ? own : i.code,
    ...(typeof bound === 'number' || typeof bound === 'bigint' ? { limit: Number(bound) } : {}),
    ...(origin ? { origin } : {}),
  };
};

/**
 * Parses input with a schema. Wrong shapes (a string where an object belongs) are 400; well-formed
 * input with bad values is 422; both list each field's problem.
 */
export const parse = <S extends z.ZodType>(schema: S, input: unknown): z.infer<S> => {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const errors = r.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message, ...fieldCode(i) }));
  const shape = r.error.issues.some((i) => i.code === 'invalid_type' && i.path.length === 0);
  throw new AppError(shape ? 'bad_request' : 'invalid', 'some values are invalid', { errors });
};

/** Codes of units and classifications: letters, digits and . _ - only, so they never carry filter syntax. */
export const code = z.string().trim().regex(CODE_PATTERN, 'letters, digits and . _ - (at most 32)');
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    message: 'not a real date',
    params: { code: 'not_a_date' },
  })
  .meta({ format: 'date' });

/** A query parameter given once (a repeated one takes its first value). */
export const one = <T extends z.ZodType>(t: T) => z.preprocess((v) => (Array.isArray(v) ? v[0] : v), t);

/** `?page=&limit=` for lists; out-of-range values are a 422, not a silent clamp. */
export const paging = { page: one(z.coerce.number().int().min(1).max(100_000)).default(1), limit: one(z.coerce.number().int().min(1).max(100)).default(20) };

/**
 * Characters that make text display other than it is stored, or break what it is written into:
 * C0 and C1 controls (NUL, escape, ...) and the bidirectional embeddings, overrides and isolates
 * (U+202A–202E, U+2066–2069) that can reverse how a name or subject reads. `lines` allows line
 * feeds and carriage returns (multi-line text such as a letter's body).
 */
const HIDDEN = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
const HIDDEN_BUT_NEWLINES = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

const HIDDEN_CODE = { code: 'hidden_characters' };

/** Refuses control and bidi-override characters in free text (see HIDDEN); `lines` keeps newlines. */
export const plain = <T extends z.ZodString>(t: T, o: { lines?: boolean } = {}) =>
  o.lines
    ? t.refine((s) => !HIDDEN_BUT_NEWLINES.test(s), { message: 'no control or bidirectional-override characters (newlines are allowed)', params: HIDDEN_CODE })
    : t.refine((s) => !HIDDEN.test(s), { message: 'no control characters, newlines or bidirectional-override characters', params: HIDDEN_CODE });

/** The years a date in the register or on a letter may have: anything else is a typo (or an attack on date arithmetic). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;
export const yearInRange = (s: string): boolean => {
  const y = Number(s.slice(0, 4));
  return !/^\d{4}/.test(s) || (y >= MIN_YEAR && y <= MAX_YEAR);
};
export const YEAR_MESSAGE = { message: `a year from ${MIN_YEAR} to ${MAX_YEAR}`, params: { code: 'year_range' } };

/** An isoDate whose year lies in MIN_YEAR..MAX_YEAR. */
export const officeDate = isoDate.refine(yearInRange, YEAR_MESSAGE);
