import { type Actor, canUpload } from '../../domain/access.ts';
import { AppError, isAppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import { visibleDocument } from './read-documents.ts';

/**
 * Whether a file is archived already, asked when a clerk drops it on a form, before any agenda
 * number is taken (issue 18). Only those who file documents may ask (403 otherwise). A document
 * the caller may see is named with the letter registered on it; one they may not see is only
 * said to exist elsewhere (`visible: false`), nothing about it: the caller holds the bytes
 * already, and registering them would tell as much (409 for a file archived under other rules),
 * so this says it before a number is spent and no more. Above `biasa` that refusal is audited
 * as any refused read is.
 */
export const findBySha256 = async (deps: AppDeps, actor: Actor, sha256: string) => {
  if (!canUpload(actor)) throw new AppError('forbidden', 'only clerks and admins file documents');
  const found = await deps.db.documents.findBySha256(sha256);
  if (!found) return { exists: false, visible: false, document: null, letter: null };
  const doc = await visibleDocument(deps, actor, found.id, 'metadata').catch((e: unknown) => {
    if (isAppError(e) && e.code === 'not_found') return null;
    throw e;
  });
  if (!doc) return { exists: true, visible: false, document: null, letter: null };
  const letter = await deps.db.incoming.findByDocument(doc.id);
  return {
    exists: true,
    visible: true,
    document: { id: doc.id, title: doc.title, kind: doc.kind, createdAt: doc.createdAt.toISOString() },
    letter: letter
      ? { id: letter.id, agendaNumber: letter.agendaNumber, agendaYear: letter.agendaYear, unitCode: letter.unitCode, voided: letter.voided !== null }
      : null,
  };
};
