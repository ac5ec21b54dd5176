import { type Actor, canFileFor } from '../../domain/access.ts';
import { agendaYearOf, type IncomingLetterRecord } from '../../domain/correspondence.ts';
import type { DocumentRecord } from '../../domain/document.ts';
import { AppError } from '../../domain/errors.ts';
import { detailChanges, documentMirror, INCOMING_DETAIL_FIELDS, type IncomingDetails } from '../../domain/incoming-corrections.ts';
import { INDEX_JOB } from '../../domain/job-types.ts';
import type { DocumentMetadataPatch } from '../../ports/repositories.ts';
import { requireActiveCode } from '../classifications/active-code.ts';
import type { AppDeps } from '../deps.ts';
import { retentionFor } from '../records/retention-scheme.ts';
import { loadSearchDocuments } from '../documents/search-document.ts';
import { getIncoming, visibleIncoming } from './read-incoming.ts';
import { checkRefile, leaveMark, nextAgendaNumber } from './refile-incoming.ts';
import { requireReceivedBy, requireRegistrar } from './register-incoming.ts';

export const staleLetter = (current: number | null) =>
  new AppError(
    'precondition_failed',
    `the letter was changed by someone else since you read it${current ? ` (now version ${current})` : ''}; read it again and redo your change`,
    current ? { members: { currentVersion: current } } : {},
  );

/**
 * A letter that a clerk of its unit (or an admin) may still correct or void: visible, in force,
 * registered by a clerk (an internal delivery's details are the signed letter's), at the version
 * the clerk read (If-Match; 412 otherwise). For edit and void alike.
 */
export const correctableLetter = async (deps: AppDeps, actor: Actor, id: string, ifVersion: number | undefined) => {
  requireRegistrar(actor);
  const found = await visibleIncoming(deps, actor, id);
  const { letter } = found;
  if (!canFileFor(actor, letter.unitCode, await deps.db.units.all()))
    throw new AppError('forbidden', 'you may correct only the letters of your own unit and the units below it');
  if (ifVersion !== undefined && ifVersion !== letter.version) throw staleLetter(letter.version);
  if (letter.voided) throw new AppError('conflict', 'this agenda entry is void; it is kept as it was', { problemType: 'letter-void' });
  return found;
};

/**
 * The document fields that follow the letter, when the document is this letter's own scan: a
 * signed letter delivered internally or a file archived before keeps its own description.
 */
const mirrorFor = (letter: IncomingLetterRecord, doc: DocumentRecord, after: Partial<IncomingDetails>): DocumentMetadataPatch => {
  if (doc.kind !== 'incoming' || letter.sourceOutgoingId) return {};
  const mirror: DocumentMetadataPatch = documentMirror(after);
  return Object.fromEntries(Object.entries(mirror).filter(([k, v]) => doc[k as keyof DocumentMetadataPatch] !== v));
};

/**
 * Corrects a registered letter's details (issue 18). The old values stay on record: the letter
 * moves to the next version and one audit entry keeps every changed field before and after with
 * the reason; the letter's own scan follows (title, date, number, sender, code, level, unit),
 * audited as a document edit, and is re-indexed. A new security level may not lie above the
 * corrector's clearance; a new unit must lie within their filing scope, and the letter then
 * takes that unit's next agenda number (see refile-incoming.ts). All in one transaction; nothing
 * is written when nothing changes.
 */
export const editIncoming = async (
  deps: AppDeps,
  actor: Actor,
  id: string,
  patch: Partial<IncomingDetails>,
  o: { ifVersion?: number | undefined; reason?: string | undefined } = {},
) => {
  const { letter, document: doc } = await correctableLetter(deps, actor, id, o.ifVersion);
  if (letter.sourceOutgoingId)
    throw new AppError('conflict', "a letter delivered from this office's own signed letter keeps that letter's details", { problemType: 'letter-delivered' });
  const now = deps.clock.now();
  if (patch.receivedAt) requireReceivedBy(patch.receivedAt, now);
  // The agenda number belongs to the register of the year it was received in: a correction may
  // not move the letter into another year's register (void it and register it again there).
  if (patch.receivedAt && agendaYearOf(patch.receivedAt, deps.officeTimeZone) !== letter.agendaYear)
    throw new AppError(
      'invalid',
      `the agenda number ${letter.agendaNumber}/${letter.agendaYear} belongs to ${letter.agendaYear}: the received date must stay in that year`,
      {
        errors: [{ field: 'receivedAt', message: `must be in ${letter.agendaYear}`, code: 'wrong_year', limit: letter.agendaYear }],
      },
    );
  const { changed, before, after } = detailChanges(letter, patch);
  if (changed.length === 0) return getIncoming(deps, actor, id);
  if (changed.includes('classificationCode')) await requireActiveCode(deps.db, patch.classificationCode);
  await checkRefile(deps, actor, letter, patch, changed);
  const moving = changed.includes('unitCode');
  const details = Object.fromEntries(INCOMING_DETAIL_FIELDS.map((k) => [k, changed.includes(k) ? patch[k] : letter[k]])) as IncomingDetails;
  const mirror = mirrorFor(letter, doc, Object.fromEntries(changed.map((k) => [k, patch[k]])));
  const mirrored = Object.keys(mirror) as (keyof DocumentMetadataPatch)[];
  const retention = mirror.classificationCode !== undefined || mirror.documentDate !== undefined ? await retentionFor(deps, { ...doc, ...mirror }) : null;
  const reason = o.reason ?? null;
  // Search would show the scan to the old unit and level until the re-index job runs: when access
  // may narrow, take the entry out first (a search outage then refuses the correction, 503).
  const narrowing = mirrored.includes('securityLevel') || mirrored.includes('unitCode');
  if (narrowing) await deps.search.remove([doc.id]);
  const commit = deps.db.transaction(async (tx) => {
    const agendaNumber = moving ? await nextAgendaNumber(tx, details.unitCode, letter.agendaYear) : letter.agendaNumber;
    if (!(await tx.incoming.update(id, { ...details, agendaNumber }, letter.version, now))) throw staleLetter(null);
    if (moving) {
      await leaveMark(tx, actor, letter, { unitCode: details.unitCode, agendaNumber }, now);
      before.agendaNumber = letter.agendaNumber;
      after.agendaNumber = agendaNumber;
    }
    const letterEdit = { letterId: id, version: letter.version + 1, changed: moving ? [...changed, 'agendaNumber'] : changed, before, after, reason };
    await tx.audit.append({ at: now, actorId: actor.id, action: 'letter.incoming_edit', targetType: 'document', targetId: doc.id, details: letterEdit });
    if (mirrored.length === 0) return;
    if (!(await tx.documents.updateMetadata(doc.id, mirror, now, doc.version))) throw staleLetter(null);
    if (retention) await tx.retention.set(doc.id, retention);
    const docEdit = {
      version: doc.version + 1,
      changed: mirrored,
      before: Object.fromEntries(mirrored.map((k) => [k, doc[k]])),
      after: mirror,
      reason: reason ?? 'koreksi surat masuk',
      letterId: id,
    };
    await tx.audit.append({ at: now, actorId: actor.id, action: 'document.edit', targetType: 'document', targetId: doc.id, details: docEdit });
    if (doc.status !== 'processing')
      await tx.jobs.enqueue({ type: INDEX_JOB, payload: { documentId: doc.id }, runAt: now, maxAttempts: deps.jobs.maxAttempts });
  });
  await commit.catch(async (e: unknown) => {
    // Nothing changed: put the unchanged entry back (best effort; reconcile reports it if not).
    if (narrowing && doc.status === 'ready') await deps.search.upsert(await loadSearchDocuments(deps.db, [doc])).catch(() => undefined);
    throw e;
  });
  deps.jobsEnqueued?.();
  return getIncoming(deps, actor, id);
};
