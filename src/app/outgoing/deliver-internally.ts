import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import { agendaScope, agendaYearOf, type IncomingLetterRecord, type OutgoingLetterRecord } from '../../domain/correspondence.ts';
import { calendarDateIn } from '../../domain/office-time.ts';
import { type DeliveryKind, internalRecipients } from '../../domain/parties.ts';
import { clearedFor } from '../../domain/security-level.ts';
import type { Repositories, UserRecord } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { grantReaders } from '../documents/grant-readers.ts';
import { notifyRegistered, officialsOf } from '../incoming/notify-incoming.ts';

/** What delivery needs, read before the signing transaction (counters made to exist, readers found). */
export interface DeliveryPlan {
  at: Date;
  agendaYear: number;
  senderName: string;
  /** `officials`: who is told the letter waits for a disposition (addressed units only; a copy is for information). */
  recipients: { unitCode: string; kind: DeliveryKind; scope: string; readerIds: string[]; officials: UserRecord[] }[];
}

/** How many accounts of one unit a delivery grants at most (an office's unit is far smaller). */
const MAX_READERS_PER_UNIT = 1000;

/**
 * Plans internal delivery of `letter` signed at `at`: the units of this office it is addressed or
 * copied to, the agenda counter of each (made to exist now: see CounterRepository.ensure), and who
 * reads each unit's register: the active accounts of that unit and of the units above it, cleared
 * for the letter's level.
 */
export const planDelivery = async (deps: AppDeps, letter: OutgoingLetterRecord, at: Date): Promise<DeliveryPlan> => {
  const agendaYear = agendaYearOf(at, deps.officeTimeZone);
  const units = await deps.db.units.all();
  const byCode = new Map(units.map((u) => [u.code, u]));
  const recipients: DeliveryPlan['recipients'] = [];
  // In code order, so two signings delivering to the same units take their agenda counters in one order (no deadlock).
  const wanted = internalRecipients(letter.addressees, letter.copies).sort((a, b) => (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0));
  for (const { unitCode, kind } of wanted) {
    if (!byCode.has(unitCode)) continue; // a unit removed since drafting has no register
    const scope = agendaScope(unitCode, agendaYear);
    await deps.db.counters.ensure(scope);
    const line: string[] = [];
    for (let u = byCode.get(unitCode); u && !line.includes(u.code) && line.length < 64; u = u.parentCode ? byCode.get(u.parentCode) : undefined)
      line.push(u.code);
    const readerIds: string[] = [];
    for (const code of line) {
      const { items } = await deps.db.users.list({ unitCode: code }, 1, MAX_READERS_PER_UNIT);
      readerIds.push(...items.filter((u) => !u.disabled && clearedFor(u.clearance, letter.securityLevel)).map((u) => u.id));
    }
    recipients.push({ unitCode, kind, scope, readerIds, officials: kind === 'addressee' ? await officialsOf(deps, unitCode) : [] });
  }
  return { at, agendaYear, senderName: byCode.get(letter.unitCode)?.name ?? letter.unitCode, recipients };
};

/**
 * Registers a signed letter in each recipient unit's incoming register, inside the signing's
 * transaction: its own agenda number, the signed PDF as its document, read grants for the unit's
 * line, `sourceOutgoingId` and the kind (a copy is for information), and the audit entry. A unit
 * that has the letter already is skipped, and the unique key (source_outgoing_id, unit_code)
 * refuses a second entry however the delivery is run again.
 */
export const deliverInternally = async (
  deps: AppDeps,
  tx: Repositories,
  plan: DeliveryPlan,
  letter: OutgoingLetterRecord & { letterNumber: string; signedDocumentId: string },
  actor: Actor,
): Promise<IncomingLetterRecord[]> => {
  if (plan.recipients.length === 0) return [];
  const already = new Set((await tx.incoming.ofSource(letter.id)).map((l) => l.unitCode));
  const made: IncomingLetterRecord[] = [];
  const now = deps.clock.now();
  for (const r of plan.recipients) {
    if (already.has(r.unitCode)) continue;
    const agendaNumber = await tx.counters.next(r.scope);
    const entry: IncomingLetterRecord = {
      id: randomUUID(),
      documentId: letter.signedDocumentId,
      unitCode: r.unitCode,
      agendaYear: plan.agendaYear,
      agendaNumber,
      letterNumber: letter.letterNumber,
      letterDate: calendarDateIn(plan.at, deps.officeTimeZone),
      sender: plan.senderName,
      subject: letter.subject,
      urgency: 'biasa',
      securityLevel: letter.securityLevel,
      classificationCode: letter.classificationCode,
      receivedAt: plan.at,
      status: 'registered',
      registeredBy: actor.id,
      sourceOutgoingId: letter.id,
      deliveryKind: r.kind,
      version: 1,
      voided: null,
      createdAt: now,
      updatedAt: now,
    };
    await tx.incoming.create(entry);
    await grantReaders(deps, tx, letter.signedDocumentId, r.readerIds, 'internal_delivery');
    await tx.audit.append({
      at: now,
      actorId: actor.id,
      action: 'letter.incoming_register',
      targetType: 'document',
      targetId: letter.signedDocumentId,
      details: {
        letterId: entry.id,
        unitCode: r.unitCode,
        agendaYear: plan.agendaYear,
        agendaNumber,
        source: 'internal-delivery',
        outgoingId: letter.id,
        kind: r.kind,
      },
    });
    await notifyRegistered(deps, tx, entry, r.officials);
    made.push(entry);
  }
  return made;
};
