import type { Actor } from '../../domain/access.ts';
import { type Classification, compareClassificationCodes, parentClassification, schemeEntryProblems } from '../../domain/classification.ts';
import { AppError, type FieldError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import { enqueueApplyScheme, requireSchemeAdmin } from './manage-classifications.ts';
import type { FieldCode } from '../../domain/field-codes.ts';
import type { SchemeRead } from './scheme-file.ts';

/** Lines a file may hold: a whole national scheme has a few thousand codes. */
const MAX_LINES = 20_000;

/**
 * Imports a scheme file (admin, archivist): every code is created or updated (name,
 * description, retention; a retired code stays retired), all in one transaction, or nothing at
 * all when any line is bad: then every bad line is reported (422, `errors` with their lines).
 * A refinement needs its parent, in the scheme already or in the file. The records of every
 * code it touched get their retention anew (a job).
 */
export const importScheme = async (deps: AppDeps, actor: Actor, read: SchemeRead) => {
  requireSchemeAdmin(actor);
  if (read.problem)
    throw new AppError('invalid', `the scheme file cannot be read: ${read.problem}`, {
      errors: [{ field: 'file', message: read.problem, line: 1, code: read.problemCode ?? 'file_unreadable' }],
    });
  if (read.lines.length === 0)
    throw new AppError('invalid', 'the scheme file holds no codes', { errors: [{ field: 'file', message: 'no codes', code: 'file_empty' }] });
  if (read.lines.length > MAX_LINES) throw new AppError('too_large', `a scheme file holds at most ${MAX_LINES} codes`);

  const errors: FieldError[] = [];
  const bad = (line: number, code: FieldCode, message: string, limit?: number) =>
    errors.push({ field: `line ${line}`, line, code, message, ...(limit === undefined ? {} : { limit }) });
  const existing = new Map((await deps.db.classifications.all()).map((c) => [c.code, c]));
  const inFile = new Map<string, number>();
  for (const l of read.lines) {
    if (!l.entry) {
      bad(l.line, 'scheme_fields', l.problem ?? 'unreadable');
      continue;
    }
    for (const p of schemeEntryProblems(l.entry)) bad(l.line, p.code, p.message);
    const first = inFile.get(l.entry.code);
    if (first !== undefined) bad(l.line, 'scheme_duplicate', `code ${l.entry.code} is on line ${first} already`, first);
    else inFile.set(l.entry.code, l.line);
  }
  for (const l of read.lines) {
    const parent = l.entry ? parentClassification(l.entry.code) : null;
    if (parent && !existing.has(parent) && !inFile.has(parent)) bad(l.line, 'scheme_parent', `its parent ${parent} is neither in the scheme nor in the file`);
  }
  if (errors.length) {
    errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    throw new AppError('invalid', `${errors.length} problem(s) in the scheme file; nothing was imported`, { errors });
  }

  const entries = read.lines.map((l) => l.entry!).sort((a, b) => compareClassificationCodes(a.code, b.code));
  const now = deps.clock.now();
  let created = 0;
  let updated = 0;
  await deps.db.transaction(async (tx) => {
    for (const e of entries) {
      const before = existing.get(e.code);
      if (!before) {
        const record: Classification = { ...e, active: true, updatedAt: now };
        await tx.classifications.create(record);
        created++;
        continue;
      }
      const same =
        before.name === e.name &&
        before.description === e.description &&
        before.activeYears === e.activeYears &&
        before.inactiveYears === e.inactiveYears &&
        before.finalDisposition === e.finalDisposition;
      if (same) continue;
      await tx.classifications.update(e.code, {
        name: e.name,
        description: e.description,
        activeYears: e.activeYears,
        inactiveYears: e.inactiveYears,
        finalDisposition: e.finalDisposition,
        updatedAt: now,
      });
      updated++;
    }
    await tx.audit.append({
      at: now,
      actorId: actor.id,
      action: 'admin.classification_import',
      targetType: 'classification',
      targetId: 'scheme',
      details: { lines: entries.length, created, updated },
    });
    await enqueueApplyScheme(
      deps,
      tx,
      entries.map((e) => e.code),
    );
  });
  deps.jobsEnqueued?.();
  return { created, updated, unchanged: entries.length - created - updated, errors: [] as FieldError[] };
};
