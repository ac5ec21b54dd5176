import type { Actor } from '../../domain/access.ts';
import { AppError, type FieldError } from '../../domain/errors.ts';
import { type LetterTypeRecord, type LetterTypeTemplate, numberFormatProblem } from '../../domain/letter-types.ts';
import { hasRole } from '../../domain/roles.ts';
import type { AppDeps } from '../deps.ts';

/** The API shape of a naskah type. */
export const presentLetterType = (t: LetterTypeRecord) => ({
  code: t.code,
  name: t.name,
  numberFormat: t.numberFormat,
  unitFormats: t.unitFormats,
  template: t.template,
  builtin: t.builtin,
  updatedAt: t.updatedAt.toISOString(),
});

/** Every type, for the type picker (anyone logged in). */
export const listLetterTypes = async (deps: AppDeps) => (await deps.db.letterTypes.all()).map(presentLetterType);

export const getLetterType = async (deps: AppDeps, code: string) => {
  const t = await deps.db.letterTypes.find(code);
  if (!t) throw new AppError('not_found', 'no such letter type');
  return presentLetterType(t);
};

export interface LetterTypeInput {
  name: string;
  numberFormat: string;
  unitFormats?: Record<string, string> | undefined;
  template?: LetterTypeTemplate | undefined;
}

const requireAdmin = (actor: Actor): void => {
  if (!hasRole(actor, 'admin')) throw new AppError('forbidden', 'only admins define letter types');
};

/** Every problem of a type's formats and units, as field errors (empty: fine). */
const problemsOf = async (deps: AppDeps, input: Partial<LetterTypeInput>) => {
  const errors: FieldError[] = [];
  if (input.numberFormat !== undefined) {
    const p = numberFormatProblem(input.numberFormat);
    if (p) errors.push({ field: 'numberFormat', message: p, code: 'number_format' });
  }
  const units = new Set((await deps.db.units.all()).map((u) => u.code));
  for (const [unit, format] of Object.entries(input.unitFormats ?? {})) {
    if (!units.has(unit)) errors.push({ field: `unitFormats.${unit}`, message: `no unit with code ${unit}`, code: 'unknown_unit' });
    const p = numberFormatProblem(format);
    if (p) errors.push({ field: `unitFormats.${unit}`, message: p, code: 'number_format' });
  }
  const names = (input.template?.fields ?? []).map((f) => f.name);
  if (new Set(names).size !== names.length) errors.push({ field: 'template.fields', message: 'two fields share a name', code: 'duplicate' });
  if (errors.length) throw new AppError('invalid', 'some values are invalid', { errors });
};

/** An admin adds a type (201); its code must be new (409 otherwise). Audited. */
export const createLetterType = async (deps: AppDeps, actor: Actor, code: string, input: LetterTypeInput) => {
  requireAdmin(actor);
  await problemsOf(deps, input);
  const now = deps.clock.now();
  const record: LetterTypeRecord = {
    code,
    name: input.name,
    numberFormat: input.numberFormat,
    unitFormats: input.unitFormats ?? {},
    template: input.template ?? { heading: null, fields: [], assignees: false, attachmentsLine: true },
    builtin: false,
    createdAt: now,
    updatedAt: now,
  };
  await deps.db.transaction(async (tx) => {
    if (await tx.letterTypes.find(code)) throw new AppError('conflict', `a letter type ${code} exists already`);
    await tx.letterTypes.create(record);
    await tx.audit.append({
      at: now,
      actorId: actor.id,
      action: 'letter_type.create',
      targetType: 'letter_type',
      targetId: code,
      details: { name: input.name, numberFormat: input.numberFormat },
    });
  });
  return presentLetterType(record);
};

/**
 * An admin edits a type: name, number format (per unit too), template. Letters drafted already
 * keep the heading and fields they were drafted with; numbers follow the format at signing.
 */
export const updateLetterType = async (deps: AppDeps, actor: Actor, code: string, patch: Partial<LetterTypeInput>) => {
  requireAdmin(actor);
  await problemsOf(deps, patch);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if (!(await tx.letterTypes.update(code, patch, now))) throw new AppError('not_found', 'no such letter type');
    await tx.audit.append({ at: now, actorId: actor.id, action: 'letter_type.update', targetType: 'letter_type', targetId: code, details: { ...patch } });
  });
  return getLetterType(deps, code);
};
