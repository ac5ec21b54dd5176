import { z } from 'zod';
import { AppError } from '../domain/errors.ts';

/**
 * Parses input with a schema. Wrong shapes (a string where an object belongs) are 400; well-formed
 * input with bad values is 422; both list each field's problem.
 */
export const parse = <S extends z.ZodType>(schema: S, input: unknown): z.infer<S> => {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const errors = r.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
  const shape = r.error.issues.some((i) => i.code === 'invalid_type' && i.path.length === 0);
  throw new AppError(shape ? 'bad_request' : 'invalid', 'some values are invalid', { errors });
};

/** Codes of units and classifications: letters, digits and . _ - only, so they never carry filter syntax. */
export const code = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'letters, digits and . _ - (at most 32)');
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a real date');

/** A query parameter given once (a repeated one takes its first value). */
export const one = <T extends z.ZodType>(t: T) => z.preprocess((v) => (Array.isArray(v) ? v[0] : v), t);

/** `?page=&limit=` for lists; out-of-range values are a 422, not a silent clamp. */
export const paging = { page: one(z.coerce.number().int().min(1).max(100_000)).default(1), limit: one(z.coerce.number().int().min(1).max(100)).default(20) };
