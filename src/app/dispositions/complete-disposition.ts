import type { Actor } from '../../domain/access.ts';
import type { DispositionRecord } from '../../domain/correspondence.ts';
import { completionBlock, completionProblem, isAddressee, openChildrenOf, letterStatusOf, seesLetterSummary } from '../../domain/disposition-rules.ts';
import { AppError } from '../../domain/errors.ts';
import { clearedFor } from '../../domain/security-level.ts';
import type { Repositories } from '../../ports/repositories.ts';
import type { StagedFile } from '../../ports/staging-area.ts';
import type { AppDeps } from '../deps.ts';
import { grantReaders } from '../documents/grant-readers.ts';
import { storeOriginal } from '../documents/store-original.ts';
import { levelOfLetter } from './disposition-access.ts';
import { visibleDisposition } from './get-disposition.ts';
import { notifyDisposition } from './notify-disposition.ts';
import { letterSummary, namesFor, presentDisposition } from './present-disposition.ts';

/** A refused completion with its own problem type; the open forwarded ones are named, so the UI links them. */
const blocked = (d: DispositionRecord, all: DispositionRecord[], detail: string): AppError =>
  new AppError('conflict', detail, { problemType: completionProblem(d, all), members: { openChildren: openChildrenOf(d, all).map((c) => c.id) } });

/** A file handed in with the report; the caller discards the staged file afterwards. */
export interface ReportAttachment {
  staged: StagedFile;
  filename: string | null;
}

/**
 * Completes a disposition with a report (and optionally an attachment, archived as a document at
 * the letter's security level in the completer's unit). Only its holder may, once, and only when
 * nothing forwarded from it is still open. The completion (compare-and-set), the attachment's
 * document row, read grants on it for the completer and the sender (those of them cleared for
 * the letter's level), the letter's move to `completed` when this was its last open
 * disposition, and the audit entries (`letter.disposition_complete`, and `letter.completed`
 * with the last one) commit together: a refused completion changes nothing.
 */
export const completeDisposition = async (deps: AppDeps, actor: Actor, id: string, report: string, attachment: ReportAttachment | null) => {
  const { disposition: d, letter } = await visibleDisposition(deps, actor, id);
  if (!isAddressee(d, actor)) throw new AppError('forbidden', 'only the holder of a disposition completes it');
  const ofLetter = await deps.db.dispositions.ofLetter(d.letterId);
  const block = completionBlock(d, ofLetter);
  if (block) throw blocked(d, ofLetter, block);
  // The stricter of the letter's level and its document's (a clerk may have raised the latter).
  const level = await levelOfLetter(deps, letter);
  // The report is at the letter's level and its title names the letter: only the cleared of the
  // completer and the sender are granted it (a holder through their unit may not be cleared).
  const reportReaders: string[] = [];
  for (const id of new Set([actor.id, d.fromUserId])) {
    const who = id === actor.id ? actor : await deps.db.users.findById(id);
    if (who && clearedFor(who.clearance, level)) reportReaders.push(id);
  }

  const finish = async (tx: Repositories, reportDocumentId: string | null, newDocument: boolean): Promise<void> => {
    const now = deps.clock.now();
    const entry = { at: now, actorId: actor.id, targetType: 'document', targetId: letter.documentId };
    // The audit entry first. Every disposition write takes the audit chain's head lock before the
    // letter's disposition rows; with a file, storeOriginal has taken it already (its upload
    // entry). One lock order for all, so two writers on one letter queue instead of deadlocking.
    await tx.audit.append({ ...entry, action: 'letter.disposition_complete', details: { letterId: letter.id, dispositionId: id, reportDocumentId } });
    // Again under lock: a second completion racing this one finds it done and changes nothing.
    const all = await tx.dispositions.ofLetter(d.letterId);
    const current = all.find((x) => x.id === id);
    const again = current ? completionBlock(current, all) : 'no such disposition';
    if (again && current) throw blocked(current, all, again);
    if (again || !(await tx.dispositions.complete(id, actor.id, report, reportDocumentId, now)))
      throw new AppError('conflict', again ?? 'this disposition is completed already', { problemType: 'disposition-closed' });
    if (reportDocumentId) {
      // A new document is indexed (with its grants) once its text is read; an existing one needs a re-index now.
      if (newDocument) await tx.readers.grant(reportDocumentId, reportReaders, 'disposition_report', now);
      else await grantReaders(deps, tx, reportDocumentId, reportReaders, 'disposition_report');
    }
    if (letterStatusOf(all.map((x) => (x.id === id ? { status: 'completed' as const } : x))) === 'completed') {
      await tx.incoming.setStatus(letter.id, 'completed', now);
      await tx.audit.append({ ...entry, action: 'letter.completed', details: { letterId: letter.id, lastDispositionId: id } });
    }
    await notifyDisposition(deps, tx, 'disposition_report', d, letter, { level, byUserId: actor.id, to: [d.fromUserId] });
  };

  if (attachment) {
    const title = `Laporan disposisi ${letter.agendaNumber}/${letter.agendaYear}: ${letter.subject}`.slice(0, 500);
    // The right to attach comes from holding the disposition (checked above), not from the
    // archive's upload right (clerks and admins); it is filed in the completer's own unit.
    await storeOriginal(
      deps,
      actor,
      attachment.staged,
      { title, securityLevel: level, unitCode: actor.unitCode, classificationCode: letter.classificationCode ?? undefined },
      attachment.filename,
      {
        authorised: true,
        inTx: (tx, stored, duplicate) => finish(tx, stored.id, !duplicate),
      },
    );
  } else {
    await deps.db.transaction((tx) => finish(tx, null, false));
  }
  deps.jobsEnqueued?.();
  const done = (await deps.db.dispositions.findById(id))!;
  const after = (await deps.db.incoming.findById(letter.id)) ?? letter;
  return { ...presentDisposition(done, await namesFor(deps, [done])), letter: letterSummary(after, seesLetterSummary(actor, level)) };
};
