import type { Actor } from '../../domain/access.ts';
import { subtreeOf } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import { conflictAs, requireAdmin } from './admin-only.ts';

const unknownParent = (code: string) =>
  new AppError('invalid', 'unknown parent unit', { errors: [{ field: 'parentCode', message: `no unit with code ${code}`, code: 'unknown_unit' }] });

/** Creates a unit under an existing parent (admin only; `actor` null means the shell). */
export const createUnit = async (deps: AppDeps, actor: Actor | null, input: { code: string; name: string; parentCode?: string | undefined }) => {
  requireAdmin(actor);
  if (input.parentCode && !(await deps.db.units.findByCode(input.parentCode))) throw unknownParent(input.parentCode);
  return deps.db.transaction(async (tx) => {
    const unit = await tx.units
      .create({ code: input.code, name: input.name, parentCode: input.parentCode ?? null })
      .catch(conflictAs(`the unit code ${input.code} exists`));
    await tx.audit.append({
      at: deps.clock.now(),
      actorId: actor?.id ?? null,
      action: 'admin.unit_create',
      targetType: 'unit',
      targetId: unit.code,
      details: { name: unit.name, parentCode: unit.parentCode },
    });
    return unit;
  });
};

/**
 * Renames a unit or moves it under another parent. Moving changes who sees its documents
 * (the units above it do), so a move into its own subtree, which would cut it off, is refused.
 */
export const updateUnit = async (deps: AppDeps, actor: Actor, code: string, changes: { name?: string | undefined; parentCode?: string | null | undefined }) => {
  requireAdmin(actor);
  const units = await deps.db.units.all();
  const unit = units.find((u) => u.code === code);
  if (!unit) throw new AppError('not_found', 'no such unit');
  if (changes.parentCode) {
    if (!units.some((u) => u.code === changes.parentCode)) throw unknownParent(changes.parentCode);
    if (subtreeOf(code, units).includes(changes.parentCode)) {
      throw new AppError('invalid', 'a unit cannot move under itself or one of its own units', {
        errors: [{ field: 'parentCode', message: 'would make a cycle', code: 'would_cycle' }],
      });
    }
  }
  const patch = {
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.parentCode !== undefined ? { parentCode: changes.parentCode } : {}),
  };
  await deps.db.transaction(async (tx) => {
    await tx.units.update(code, patch);
    await tx.audit.append({
      at: deps.clock.now(),
      actorId: actor.id,
      action: 'admin.unit_update',
      targetType: 'unit',
      targetId: code,
      details: { before: { name: unit.name, parentCode: unit.parentCode }, after: patch },
    });
  });
  return { ...unit, ...patch };
};

/** The unit tree as a flat list (every logged-in user: forms and filters need the names). */
export const listUnits = async (deps: AppDeps) => ({ items: await deps.db.units.all() });
