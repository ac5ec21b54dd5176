import type { IncomingLetterRecord } from '../../domain/correspondence.ts';

/** The API shape of an incoming letter (surat masuk). */
export const presentIncoming = (l: IncomingLetterRecord) => ({
  id: l.id,
  agendaNumber: l.agendaNumber,
  agendaYear: l.agendaYear,
  unitCode: l.unitCode,
  documentId: l.documentId,
  letterNumber: l.letterNumber,
  letterDate: l.letterDate,
  sender: l.sender,
  subject: l.subject,
  urgency: l.urgency,
  securityLevel: l.securityLevel,
  classificationCode: l.classificationCode,
  receivedAt: l.receivedAt.toISOString(),
  status: l.status,
  registeredBy: l.registeredBy,
  /** Internal delivery: the signed outgoing letter this entry is, and whether it came as a copy (for information). */
  sourceOutgoingId: l.sourceOutgoingId,
  deliveryKind: l.deliveryKind,
  forInformation: l.deliveryKind === 'copy',
  /** Moves on with each correction; send it back as If-Match to correct or void (issue 18). */
  version: l.version,
  /** A voided entry keeps its number in the register, marked (Dibatalkan), with who, when and why. */
  voided: l.voided ? { at: l.voided.at.toISOString(), by: l.voided.by, reason: l.voided.reason } : null,
  createdAt: l.createdAt.toISOString(),
  updatedAt: l.updatedAt.toISOString(),
});

export type PresentedIncoming = ReturnType<typeof presentIncoming>;
