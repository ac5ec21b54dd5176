import type { Actor } from '../../domain/access.ts';
import { type Classification, compareClassificationCodes, parentClassification } from '../../domain/classification.ts';
import { AppError } from '../../domain/errors.ts';
import { hasRole } from '../../domain/roles.ts';
import type { Repositories } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { conflictAs } from '../accounts/admin-only.ts';
import { APPLY_SCHEME_JOB } from '../../domain/job-types.ts';

export type ClassificationFields = Pick<Classification, 'name' | 'description' | 'activeYears' | 'inactiveYears' | 'finalDisposition'>;
export type ClassificationChanges = Partial<ClassificationFields & Pick<Classification, 'active'>>;

/** Admins and archivists keep the scheme (the archivists' retention schedule lives in it). */
export const requireSchemeAdmin = (actor: Actor): void => {
  if (!hasRole(actor, 'admin', 'archivist')) throw new AppError('forbidden', 'only an admin or an archivist may change the classification scheme');
};

/** Job type: applies the scheme's retention to the records of these codes and their refinements. */

/** Enqueues applying the scheme to the records of `codes` (in the caller's transaction). */
export const enqueueApplyScheme = async (deps: AppDeps, tx: Pick<Repositories, 'jobs'>, codes: string[]): Promise<void> => {
  if (codes.length) await tx.jobs.enqueue({ type: APPLY_SCHEME_JOB, payload: { codes }, runAt: deps.clock.now(), maxAttempts: deps.jobs.maxAttempts });
};

const RETENTION_FIELDS = ['activeYears', 'inactiveYears', 'finalDisposition'] as const;

const present = (c: Classification) => ({ ...c, parentCode: parentClassification(c.code), updatedAt: c.updatedAt.toISOString() });

/**
 * The scheme in reading order (every logged-in user: forms offer its codes). Retired codes only
 * with `all`; `q` matches the start of a code or any part of a name.
 */
export const listClassifications = async (deps: AppDeps, query: { q?: string | undefined; all?: boolean | undefined }, page: number, limit: number) => {
  const needle = query.q?.toLocaleLowerCase('id');
  const items = (await deps.db.classifications.all())
    .filter((c) => query.all || c.active)
    .filter((c) => !needle || c.code.toLowerCase().startsWith(needle) || c.name.toLocaleLowerCase('id').includes(needle))
    .sort((a, b) => compareClassificationCodes(a.code, b.code));
  return { items: items.slice((page - 1) * limit, page * limit).map(present), total: items.length, page, limit };
};

/** One code, retired or not; 404 when the scheme has no such code. */
export const getClassification = async (deps: AppDeps, code: string) => {
  const c = await deps.db.classifications.findByCode(code);
  if (!c) throw new AppError('not_found', 'no such classification code');
  return present(c);
};

/** Adds a code (admin). A refinement (`800.1`) needs its parent (`800`) first, so the tree has no holes. */
export const createClassification = async (deps: AppDeps, actor: Actor, input: { code: string } & ClassificationFields) => {
  requireSchemeAdmin(actor);
  const parent = parentClassification(input.code);
  if (parent && !(await deps.db.classifications.findByCode(parent))) {
    throw new AppError('invalid', `add ${parent} before ${input.code}`, {
      errors: [{ field: 'code', message: `no code ${parent} above it yet`, code: 'unknown_parent' }],
    });
  }
  const record: Classification = { ...input, active: true, updatedAt: deps.clock.now() };
  await deps.db.transaction(async (tx) => {
    await tx.classifications.create(record).catch(conflictAs(`the classification code ${input.code} exists`));
    await tx.audit.append({
      at: record.updatedAt,
      actorId: actor.id,
      action: 'admin.classification_create',
      targetType: 'classification',
      targetId: input.code,
      details: { ...input },
    });
    // Records filed under a refinement not yet in the scheme follow this code now.
    await enqueueApplyScheme(deps, tx, [input.code]);
  });
  deps.jobsEnqueued?.();
  return present(record);
};

/** Renames, re-describes, sets retention, retires or restores a code (admin); codes never change or go away. */
export const updateClassification = async (deps: AppDeps, actor: Actor, code: string, changes: ClassificationChanges) => {
  requireSchemeAdmin(actor);
  const before = await deps.db.classifications.findByCode(code);
  if (!before) throw new AppError('not_found', 'no such classification code');
  if (Object.keys(changes).length === 0) return present(before);
  const patch = { ...changes, updatedAt: deps.clock.now() };
  await deps.db.transaction(async (tx) => {
    await tx.classifications.update(code, patch);
    const was = Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof Classification]]));
    await tx.audit.append({
      at: patch.updatedAt,
      actorId: actor.id,
      action: 'admin.classification_update',
      targetType: 'classification',
      targetId: code,
      details: { before: was, after: changes },
    });
    if (RETENTION_FIELDS.some((k) => k in changes)) await enqueueApplyScheme(deps, tx, [code]);
  });
  deps.jobsEnqueued?.();
  return present({ ...before, ...patch });
};
