import { type Actor, canRead } from '../../domain/access.ts';
import type { DocumentRecord } from '../../domain/document.ts';
import { AppError, type FieldError } from '../../domain/errors.ts';
import type { RecordStanding } from '../../domain/records.ts';
import type { AppDeps } from '../deps.ts';
import { scopeOf } from '../documents/read-documents.ts';

/** How many records one act (a hold, a disposal, a transfer) may name. */
export const MAX_RECORDS_PER_ACT = 10_000;

/**
 * The records an act names, as the caller may see them: ids must be distinct, at most
 * MAX_RECORDS_PER_ACT, and every one visible to the caller, else 422 naming each that is not
 * (a record one may not see is reported as not found, like everywhere else).
 */
export const recordsForAct = async (deps: AppDeps, actor: Actor, ids: string[]): Promise<DocumentRecord[]> => {
  if (ids.length === 0)
    throw new AppError('invalid', 'name at least one record', {
      errors: [{ field: 'documentIds', message: 'empty', code: 'too_small', origin: 'array', limit: 1 }],
    });
  if (ids.length > MAX_RECORDS_PER_ACT) throw new AppError('too_large', `one act names at most ${MAX_RECORDS_PER_ACT} records`);
  if (new Set(ids).size !== ids.length)
    throw new AppError('invalid', 'a record is named twice', { errors: [{ field: 'documentIds', message: 'duplicates', code: 'duplicate' }] });
  const scope = await scopeOf(deps, actor);
  const found = new Map((await deps.db.documents.findManyByIds(ids)).map((d) => [d.id, d]));
  const readers = await deps.db.readers.ofMany(ids);
  const missing = ids.filter((id) => {
    const d = found.get(id);
    return !d || !canRead(scope, { ...d, readers: readers.get(id) ?? [] });
  });
  if (missing.length)
    throw new AppError('invalid', `${missing.length} record(s) not found`, {
      errors: missing.map((id) => ({ field: 'documentIds', message: `${id}: no such record`, code: 'unknown_record' })),
    });
  return ids.map((id) => found.get(id)!);
};

/** Each record's standing for an act: its phase, holds, and any disposal or transfer already under way. */
export const standingOf = async (deps: AppDeps, docs: DocumentRecord[]): Promise<Map<string, RecordStanding>> => {
  const ids = docs.map((d) => d.id);
  const [holds, disposals, transfers] = await Promise.all([deps.db.holds.openHoldsOf(ids), deps.db.disposals.openFor(ids), deps.db.transfers.openFor(ids)]);
  return new Map(
    docs.map((d) => [
      d.id,
      {
        phase: d.retention.phase,
        finalDisposition: d.retention.finalDisposition,
        held: (holds.get(d.id) ?? []).length > 0,
        pendingAct: disposals.get(d.id) ?? transfers.get(d.id) ?? null,
      },
    ]),
  );
};

/** A 422 naming every record that fails `problem`, or nothing. */
export const refuseUnfit = (
  docs: DocumentRecord[],
  standing: Map<string, RecordStanding>,
  problem: (s: RecordStanding) => string | null,
  act: string,
): void => {
  const errors: FieldError[] = [];
  for (const d of docs) {
    const p = problem(standing.get(d.id)!);
    if (p) errors.push({ field: 'documentIds', message: `${d.id} (${d.title.slice(0, 80)}): ${p}`, code: 'record_unfit' });
  }
  if (errors.length) throw new AppError('invalid', `${errors.length} record(s) cannot be ${act}`, { errors });
};
