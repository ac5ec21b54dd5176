import { notifyRegistered, officialsOf } from './notify-incoming.ts';
import { randomUUID } from 'node:crypto';
import { canFileFor, canRead, canUpload, type Actor } from '../../domain/access.ts';
import { agendaScope, agendaYearOf, sharesLooserRules, type IncomingLetterRecord, type Urgency } from '../../domain/correspondence.ts';
import { AppError } from '../../domain/errors.ts';
import type { SecurityLevel } from '../../domain/security-level.ts';
import type { StagedFile } from '../../ports/staging-area.ts';
import type { AppDeps } from '../deps.ts';
import { scopeOf } from '../documents/read-documents.ts';
import { storeOriginal } from '../documents/store-original.ts';
import { presentIncoming } from './present-incoming.ts';

/** What the clerk fills in beside the scan. */
export interface IncomingFields {
  letterNumber: string;
  /** YYYY-MM-DD, the date printed on the letter. */
  letterDate: string;
  sender: string;
  subject: string;
  urgency: Urgency;
  securityLevel?: SecurityLevel | undefined;
  classificationCode?: string | undefined;
  /** Defaults to now; never in the future. */
  receivedAt?: Date | undefined;
  /** Defaults to the clerk's unit; a clerk files for their unit or one below it. */
  unitCode?: string | undefined;
}

/** An earlier letter this one may repeat: same sender and letter number, or the same bytes. */
export interface PossibleDuplicate {
  id: string;
  agendaNumber: number;
  agendaYear: number;
  unitCode: string;
  reason: 'same-number' | 'same-file';
}

/** A clerk's PC clock running a little ahead does not make a letter one from the future. */
const CLOCK_SKEW_MS = 2 * 60_000;

/** A letter is never received in the future (give or take a PC clock); 422 naming `receivedAt` otherwise. */
export const requireReceivedBy = (receivedAt: Date, now: Date): void => {
  if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new AppError('invalid', 'some values are invalid', {
      errors: [{ field: 'receivedAt', message: 'a letter cannot be received in the future', code: 'in_future' }],
    });
  }
};

/** Registering is the clerk's job (and the admin's); checked before any byte is accepted. */
export const requireRegistrar = (actor: Actor): void => {
  if (!canUpload(actor)) throw new AppError('forbidden', 'only clerks and admins register incoming letters');
};

/**
 * Registers an incoming letter: stores the scan as an `incoming` document and, in the same
 * transaction, takes the unit's next agenda number for the year received (office time zone) and
 * writes the letter and its audit entry. A failure anywhere rolls the number back, so the
 * register has no gaps. Possible duplicates are flagged, never refused; the clerk is told only
 * about earlier letters they may see. The one exception: the same bytes as a document archived
 * at a lower level or in another unit (409), since the letter would take that document's rules.
 * The staged file is removed in every outcome.
 */
export const registerIncoming = async (deps: AppDeps, actor: Actor, staged: StagedFile, fields: IncomingFields, originalName: string | null) => {
  try {
    requireRegistrar(actor);
    const now = deps.clock.now();
    const receivedAt = fields.receivedAt ?? now;
    requireReceivedBy(receivedAt, now);
    const unitCode = fields.unitCode ?? actor.unitCode;
    // Checked here too (storeOriginal checks again) so a bad unit creates no counter row.
    const units = await deps.db.units.all();
    if (!units.some((u) => u.code === unitCode))
      throw new AppError('invalid', 'unknown unit', { errors: [{ field: 'unitCode', message: `no unit with code ${unitCode}`, code: 'unknown_unit' }] });
    if (!canFileFor(actor, unitCode, units))
      throw new AppError('forbidden', 'you may register letters only for the units your account files for', { problemType: 'outside-filing-scope' });

    const agendaYear = agendaYearOf(receivedAt, deps.officeTimeZone);
    const scope = agendaScope(unitCode, agendaYear);
    await deps.db.counters.ensure(scope); // before the transaction: see CounterRepository.ensure
    const officials = await officialsOf(deps, unitCode);
    const { letterNumber, letterDate, sender, subject, urgency } = fields;
    const securityLevel = fields.securityLevel ?? 'biasa';
    const classificationCode = fields.classificationCode ?? null;
    const done: { letter?: IncomingLetterRecord; earlier: IncomingLetterRecord[] } = { earlier: [] };

    const { document } = await storeOriginal(
      deps,
      actor,
      staged,
      {
        kind: 'incoming',
        title: subject,
        unitCode,
        securityLevel,
        classificationCode: fields.classificationCode,
        documentDate: letterDate,
        letterNumber,
        sender,
      },
      originalName,
      {
        inTx: async (tx, doc, sameBytes) => {
          // The letter would point at the existing document and take its access rules: refused
          // when those are looser (a lower level, another unit) than this letter's. In the
          // transaction, so the rollback gives the agenda number back and nothing is kept.
          if (sameBytes && sharesLooserRules((await tx.documents.findById(doc.id)) ?? doc, { securityLevel, unitCode })) {
            throw new AppError(
              'conflict',
              'this exact file is already archived with other access rules (a lower security level or another unit), so a letter on it would be shown by those rules; register it at the same level and unit, or scan the letter again',
              { problemType: 'archived-elsewhere' },
            );
          }
          const at = deps.clock.now();
          const agendaNumber = await tx.counters.next(scope);
          // After the counter (and the audit head) are locked, so earlier registrations are committed and seen.
          const earlier = await tx.incoming.findDuplicates({ sender, letterNumber, documentId: doc.id });
          const letter: IncomingLetterRecord = {
            id: randomUUID(),
            documentId: doc.id,
            unitCode,
            agendaYear,
            agendaNumber,
            letterNumber,
            letterDate,
            sender,
            subject,
            urgency,
            securityLevel,
            classificationCode,
            receivedAt,
            status: 'registered',
            registeredBy: actor.id,
            sourceOutgoingId: null,
            deliveryKind: null,
            version: 1,
            voided: null,
            createdAt: at,
            updatedAt: at,
          };
          await tx.incoming.create(letter);
          await tx.audit.append({
            at,
            actorId: actor.id,
            action: 'letter.incoming_register',
            // About the document: the trail's read rule then hides it from those who may not see the letter.
            targetType: 'document',
            targetId: doc.id,
            details: { letterId: letter.id, unitCode, agendaYear, agendaNumber, sameBytesAsExisting: sameBytes, possibleDuplicates: earlier.map((e) => e.id) },
          });
          await notifyRegistered(deps, tx, letter, officials);
          done.letter = letter;
          done.earlier = earlier;
        },
      },
    );
    if (!done.letter) throw new Error('the letter was not written'); // storeOriginal always runs inTx
    // The sender joins the contact book (or is matched to its contact), so names stop drifting.
    // After the commit, in its own statement: inside the registration's transaction, MariaDB's
    // locks on the unique name made clerks registering letters of one sender at once deadlock.
    // The register does not depend on it, so a failure here does not undo a registered letter.
    await deps.db.contacts.ensure(sender, randomUUID(), deps.clock.now()).catch(() => undefined);
    const visible = await visibleOnly(deps, actor, done.earlier);
    const possibleDuplicates: PossibleDuplicate[] = visible.map((e) => ({
      id: e.id,
      agendaNumber: e.agendaNumber,
      agendaYear: e.agendaYear,
      unitCode: e.unitCode,
      // The same bytes is the stronger evidence when both hold.
      reason: e.documentId === document.id ? 'same-file' : 'same-number',
    }));
    // A letter just registered answers nothing yet: `replies` as GET shows them, so the two agree.
    return { ...presentIncoming(done.letter), replies: [], possibleDuplicates };
  } finally {
    await deps.staging.discard(staged.path);
  }
};

/** The letters whose document the caller may read (duplicates of what they cannot see stay unnamed). */
const visibleOnly = async (deps: AppDeps, actor: Actor, letters: IncomingLetterRecord[]): Promise<IncomingLetterRecord[]> => {
  if (letters.length === 0) return [];
  const docs = new Map((await deps.db.documents.findManyByIds([...new Set(letters.map((l) => l.documentId))])).map((d) => [d.id, d]));
  const readers = await deps.db.readers.ofMany([...docs.keys()]);
  const scope = await scopeOf(deps, actor);
  return letters.filter((l) => {
    const d = docs.get(l.documentId);
    return d !== undefined && canRead(scope, { ...d, readers: readers.get(d.id) ?? [] });
  });
};
