import type { Sequelize } from 'sequelize';
import { bigint, date, type DbBigint, type DbDate, int, key, str, table, text } from './columns.ts';

/** A row of `document_readers`. */
export interface DocumentReaderRow {
  documentId: string;
  userId: string;
  reason: string;
  createdAt: DbDate;
}

/** A row of `counters`. */
export interface CounterRow {
  scope: string;
  value: DbBigint;
}

/** A row of `incoming_letters`. */
export interface IncomingLetterRow {
  id: string;
  documentId: string;
  unitCode: string;
  agendaYear: number;
  agendaNumber: number;
  letterNumber: string;
  letterDate: string;
  sender: string;
  numberKey: string;
  subject: string;
  urgency: string;
  securityLevel: string;
  classificationCode: string | null;
  receivedAt: DbDate;
  status: string;
  registeredBy: string;
  sourceOutgoingId: string | null;
  deliveryKind: string | null;
  version: number;
  voidedAt: DbDate | null;
  voidedBy: string | null;
  voidReason: string | null;
  createdAt: DbDate;
  updatedAt: DbDate;
}

/** A row of `dispositions`. */
export interface DispositionRow {
  id: string;
  letterId: string;
  parentId: string | null;
  fromUserId: string;
  toUserId: string | null;
  toUnitCode: string | null;
  instruction: string;
  actions: string;
  dueAt: DbDate | null;
  status: string;
  readAt: DbDate | null;
  completedAt: DbDate | null;
  completedBy: string | null;
  report: string | null;
  reportDocumentId: string | null;
  createdAt: DbDate;
}

/** A row of `notifications`. */
export interface NotificationRow {
  id: string;
  userId: string;
  kind: string;
  dedupeKey: string;
  subjectType: string;
  subjectId: string;
  message: string;
  readAt: DbDate | null;
  emailState: string;
  createdAt: DbDate;
}

/** A row of `outgoing_letters`. */
export interface OutgoingLetterRow {
  id: string;
  type: string;
  subject: string;
  recipient: string;
  addressees: string | null;
  copies: string | null;
  inReplyTo: string | null;
  classificationCode: string;
  securityLevel: string;
  unitCode: string;
  drafterId: string;
  signerId: string;
  status: string;
  version: number;
  documentId: string;
  letterNumber: string | null;
  signedAt: DbDate | null;
  signedDocumentId: string | null;
  createdAt: DbDate;
  dispatchedAt: DbDate | null;
  dispatchedBy: string | null;
  dispatchVia: string | null;
  dispatchNote: string | null;
  signerReturnedAt: DbDate | null;
  signerReturnComment: string | null;
  updatedAt: DbDate;
}

/** A row of `outgoing_versions`. */
export interface OutgoingVersionRow {
  letterId: string;
  version: number;
  documentId: string;
  createdBy: string;
  note: string | null;
  template: string | null;
  createdAt: DbDate;
}

/** A row of `outgoing_reviews`. */
export interface OutgoingReviewRow {
  letterId: string;
  version: number;
  position: number;
  reviewerId: string;
  state: string;
  comment: string | null;
  decidedAt: DbDate | null;
}

/** A row of `incoming_reads`. */
export interface IncomingReadRow {
  userId: string;
  letterId: string;
  readAt: DbDate;
}

/** Migration 003's tables (letters in and out, dispositions, notifications, grants, counters) and 023's read marks. */
export const defineCorrespondenceModels = (s: Sequelize) => ({
  DocumentReader: table<DocumentReaderRow>(s, 'DocumentReader', 'document_readers', {
    documentId: key(str()),
    userId: key(str()),
    reason: str(),
    createdAt: date(),
  }),
  Counter: table<CounterRow>(s, 'Counter', 'counters', { scope: key(str()), value: bigint() }),
  IncomingLetter: table<IncomingLetterRow, 'version'>(s, 'IncomingLetter', 'incoming_letters', {
    id: key(str()),
    documentId: str(),
    unitCode: str(),
    agendaYear: int(),
    agendaNumber: int(),
    letterNumber: str(),
    letterDate: str(),
    sender: str(),
    numberKey: str(),
    subject: str(),
    urgency: str(),
    securityLevel: str(),
    classificationCode: str(),
    receivedAt: date(),
    status: str(),
    registeredBy: str(),
    sourceOutgoingId: str(),
    deliveryKind: str(),
    version: int(),
    voidedAt: date(),
    voidedBy: str(),
    voidReason: str(),
    createdAt: date(),
    updatedAt: date(),
  }),
  Disposition: table<DispositionRow>(s, 'Disposition', 'dispositions', {
    id: key(str()),
    letterId: str(),
    parentId: str(),
    fromUserId: str(),
    toUserId: str(),
    toUnitCode: str(),
    instruction: text(),
    actions: text(),
    dueAt: date(),
    status: str(),
    readAt: date(),
    completedAt: date(),
    completedBy: str(),
    report: text(),
    reportDocumentId: str(),
    createdAt: date(),
  }),
  Notification: table<NotificationRow>(s, 'Notification', 'notifications', {
    id: key(str()),
    userId: str(),
    kind: str(),
    dedupeKey: str(),
    subjectType: str(),
    subjectId: str(),
    message: text(),
    readAt: date(),
    emailState: str(),
    createdAt: date(),
  }),
  OutgoingLetter: table<OutgoingLetterRow, 'type'>(s, 'OutgoingLetter', 'outgoing_letters', {
    id: key(str()),
    type: str(),
    subject: str(),
    recipient: str(),
    addressees: text(),
    copies: text(),
    inReplyTo: str(),
    classificationCode: str(),
    securityLevel: str(),
    unitCode: str(),
    drafterId: str(),
    signerId: str(),
    status: str(),
    version: int(),
    documentId: str(),
    letterNumber: str(),
    signedAt: date(),
    signedDocumentId: str(),
    createdAt: date(),
    dispatchedAt: date(),
    dispatchedBy: str(),
    dispatchVia: str(),
    dispatchNote: text(),
    signerReturnedAt: date(),
    signerReturnComment: text(),
    updatedAt: date(),
  }),
  OutgoingVersion: table<OutgoingVersionRow>(s, 'OutgoingVersion', 'outgoing_versions', {
    letterId: key(str()),
    version: key(int()),
    documentId: str(),
    createdBy: str(),
    note: text(),
    template: text(),
    createdAt: date(),
  }),
  OutgoingReview: table<OutgoingReviewRow>(s, 'OutgoingReview', 'outgoing_reviews', {
    letterId: key(str()),
    version: key(int()),
    position: key(int()),
    reviewerId: str(),
    state: str(),
    comment: text(),
    decidedAt: date(),
  }),
  IncomingRead: table<IncomingReadRow>(s, 'IncomingRead', 'incoming_reads', { userId: key(str()), letterId: key(str()), readAt: date() }),
});
