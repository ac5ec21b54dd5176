import { DataTypes, type ModelStatic, type Model, type Sequelize } from 'sequelize';

type Row = Model<Record<string, unknown>, Record<string, unknown>>;
export type Models = Record<
  | 'Unit'
  | 'User'
  | 'Session'
  | 'RecoveryCode'
  | 'LoginThrottle'
  | 'Document'
  | 'Page'
  | 'Job'
  | 'Batch'
  | 'BatchItem'
  | 'Audit'
  | 'AuditHead'
  | 'AuditCheckpoint'
  | 'DocumentReader'
  | 'Counter'
  | 'IncomingLetter'
  | 'Disposition'
  | 'Notification'
  | 'OutgoingLetter'
  | 'OutgoingVersion'
  | 'OutgoingReview'
  | 'SigningAuthority'
  | 'TrustAnchor'
  | 'SigningCertificate'
  | 'SignedLetter'
  | 'SigningClaim'
  | 'Classification'
  | 'Hold'
  | 'HoldItem'
  | 'Disposal'
  | 'DisposalItem'
  | 'Transfer'
  | 'TransferItem'
  | 'FixityRun'
  | 'Schedule'
  | 'OfficeSeal'
  | 'AccessRequest'
  | 'LetterType'
  | 'Contact'
  | 'SavedSearch'
  | 'Letterhead'
  | 'LetterEmail'
  | 'Berkas'
  | 'BerkasItem'
  | 'IncomingRead',
  ModelStatic<Row>
>;

// A fresh object per attribute: Sequelize writes the column name into it.
const d3 = () => ({ type: DataTypes.DATE(3) });

/** Sequelize models mirroring the migrations (the migrations are the source of truth). */
export const defineModels = (s: Sequelize): Models => ({
  Unit: s.define(
    'Unit',
    { code: { type: DataTypes.STRING, primaryKey: true }, name: DataTypes.STRING, parentCode: DataTypes.STRING, createdAt: d3() },
    { tableName: 'units' },
  ),
  User: s.define(
    'User',
    {
      id: { type: DataTypes.STRING, primaryKey: true },
      username: DataTypes.STRING,
      passwordHash: DataTypes.STRING,
      name: DataTypes.STRING,
      role: DataTypes.STRING,
      unitCode: DataTypes.STRING,
      clearance: DataTypes.STRING,
      disabled: DataTypes.BOOLEAN,
      totpSecret: DataTypes.STRING,
      totpEnabledAt: d3(),
      totpLastStep: DataTypes.BIGINT,
      email: DataTypes.STRING,
      filingScope: DataTypes.STRING,
      filingUnits: DataTypes.TEXT,
      nip: DataTypes.STRING,
      jabatan: DataTypes.STRING,
      mustChangePassword: DataTypes.BOOLEAN,
      certificateRequestedAt: d3(),
      passwordResetHash: DataTypes.STRING,
      passwordResetExpiresAt: d3(),
      createdAt: d3(),
    },
    { tableName: 'users' },
  ),
  Session: s.define(
    'Session',
    {
      tokenHash: { type: DataTypes.STRING, primaryKey: true },
      userId: DataTypes.STRING,
      purpose: DataTypes.STRING,
      expiresAt: d3(),
      revokedAt: d3(),
      createdAt: d3(),
    },
    { tableName: 'sessions' },
  ),
  RecoveryCode: s.define(
    'RecoveryCode',
    { userId: { type: DataTypes.STRING, primaryKey: true }, codeHash: { type: DataTypes.STRING, primaryKey: true }, usedAt: d3() },
    { tableName: 'recovery_codes' },
  ),
  LoginThrottle: s.define(
    'LoginThrottle',
    { key: { type: DataTypes.STRING, primaryKey: true }, failures: DataTypes.INTEGER, lockedUntil: d3(), updatedAt: d3() },
    { tableName: 'login_throttle' },
  ),
  Document: s.define(
    'Document',
    {
      id: { type: DataTypes.STRING, primaryKey: true },
      kind: DataTypes.STRING,
      title: DataTypes.STRING,
      status: DataTypes.STRING,
      error: DataTypes.TEXT,
      sha256: DataTypes.STRING,
      size: DataTypes.BIGINT,
      mimeType: DataTypes.STRING,
      storageKey: DataTypes.STRING,
      originalName: DataTypes.STRING,
      pages: DataTypes.INTEGER,
      textSource: DataTypes.STRING,
      classificationCode: DataTypes.STRING,
      securityLevel: DataTypes.STRING,
      unitCode: DataTypes.STRING,
      documentDate: DataTypes.STRING,
      tags: DataTypes.TEXT,
      letterNumber: DataTypes.STRING,
      sender: DataTypes.STRING,
      createdBy: DataTypes.STRING,
      batchId: DataTypes.STRING,
      legacyCode: DataTypes.STRING,
      recordDate: DataTypes.STRING,
      retentionPhase: DataTypes.STRING,
      activeUntil: DataTypes.STRING,
      inactiveUntil: DataTypes.STRING,
      finalDisposition: DataTypes.STRING,
      disposalId: DataTypes.STRING,
      disposedAt: d3(),
      transferId: DataTypes.STRING,
      transferredAt: d3(),
      version: DataTypes.INTEGER,
      createdAt: d3(),
      updatedAt: d3(),
    },
    { tableName: 'documents' },
  ),
  Page: s.define(
    'Page',
    {
      documentId: { type: DataTypes.STRING, primaryKey: true },
      page: { type: DataTypes.INTEGER, primaryKey: true },
      text: DataTypes.TEXT,
      confidence: DataTypes.FLOAT,
      source: DataTypes.STRING,
    },
    { tableName: 'document_pages' },
  ),
  Job: s.define(
    'Job',
    {
      id: { type: DataTypes.STRING, primaryKey: true },
      type: DataTypes.STRING,
      payload: DataTypes.TEXT,
      state: DataTypes.STRING,
      attempts: DataTypes.INTEGER,
      maxAttempts: DataTypes.INTEGER,
      runAt: d3(),
      leaseOwner: DataTypes.STRING,
      leaseUntil: d3(),
      lastError: DataTypes.TEXT,
      createdAt: d3(),
      updatedAt: d3(),
    },
    { tableName: 'jobs' },
  ),
  Batch: s.define(
    'Batch',
    { id: { type: DataTypes.STRING, primaryKey: true }, createdBy: DataTypes.STRING, defaults: DataTypes.TEXT, createdAt: d3() },
    { tableName: 'batches' },
  ),
  BatchItem: s.define(
    'BatchItem',
    {
      batchId: { type: DataTypes.STRING, primaryKey: true },
      seq: { type: DataTypes.INTEGER, primaryKey: true },
      filename: DataTypes.STRING,
      status: DataTypes.STRING,
      inboxKey: DataTypes.STRING,
      documentId: DataTypes.STRING,
      error: DataTypes.TEXT,
    },
    { tableName: 'batch_items' },
  ),
  Audit: s.define(
    'Audit',
    {
      seq: { type: DataTypes.BIGINT, primaryKey: true },
      at: d3(),
      actorId: DataTypes.STRING,
      action: DataTypes.STRING,
      targetType: DataTypes.STRING,
      targetId: DataTypes.STRING,
      details: DataTypes.TEXT,
      prevHash: DataTypes.STRING,
      hash: DataTypes.STRING,
    },
    { tableName: 'audit_log' },
  ),
  AuditHead: s.define(
    'AuditHead',
    { id: { type: DataTypes.INTEGER, primaryKey: true }, seq: DataTypes.BIGINT, hash: DataTypes.STRING },
    { tableName: 'audit_head' },
  ),
  AuditCheckpoint: s.define(
    'AuditCheckpoint',
    { seq: { type: DataTypes.BIGINT, primaryKey: true }, hash: DataTypes.STRING, at: d3() },
    { tableName: 'audit_checkpoints' },
  ),
  ...correspondenceModels(s),
  ...signingModels(s),
  ...recordsModels(s),
  Classification: s.define(
    'Classification',
    {
      code: { type: DataTypes.STRING, primaryKey: true },
      name: DataTypes.STRING,
      description: DataTypes.TEXT,
      activeYears: DataTypes.INTEGER,
      inactiveYears: DataTypes.INTEGER,
      finalDisposition: DataTypes.STRING,
      active: DataTypes.BOOLEAN,
      updatedAt: d3(),
    },
    { tableName: 'classifications' },
  ),
});

const S = DataTypes.STRING;
const T = DataTypes.TEXT;
const I = DataTypes.INTEGER;
const key = (type: typeof S | typeof I = S) => ({ type, primaryKey: true });

/** Migration 003's tables. */
const correspondenceModels = (s: Sequelize) => ({
  DocumentReader: s.define('DocumentReader', { documentId: key(), userId: key(), reason: S, createdAt: d3() }, { tableName: 'document_readers' }),
  Counter: s.define('Counter', { scope: key(), value: DataTypes.BIGINT }, { tableName: 'counters' }),
  IncomingLetter: s.define(
    'IncomingLetter',
    {
      id: key(),
      documentId: S,
      unitCode: S,
      agendaYear: I,
      agendaNumber: I,
      letterNumber: S,
      letterDate: S,
      sender: S,
      numberKey: S,
      subject: S,
      urgency: S,
      securityLevel: S,
      classificationCode: S,
      receivedAt: d3(),
      status: S,
      registeredBy: S,
      sourceOutgoingId: S,
      deliveryKind: S,
      version: I,
      voidedAt: d3(),
      voidedBy: S,
      voidReason: S,
      createdAt: d3(),
      updatedAt: d3(),
    },
    { tableName: 'incoming_letters' },
  ),
  Disposition: s.define(
    'Disposition',
    {
      id: key(),
      letterId: S,
      parentId: S,
      fromUserId: S,
      toUserId: S,
      toUnitCode: S,
      instruction: T,
      actions: T,
      dueAt: d3(),
      status: S,
      readAt: d3(),
      completedAt: d3(),
      completedBy: S,
      report: T,
      reportDocumentId: S,
      createdAt: d3(),
    },
    { tableName: 'dispositions' },
  ),
  Notification: s.define(
    'Notification',
    { id: key(), userId: S, kind: S, dedupeKey: S, subjectType: S, subjectId: S, message: T, readAt: d3(), emailState: S, createdAt: d3() },
    { tableName: 'notifications' },
  ),
  OutgoingLetter: s.define(
    'OutgoingLetter',
    {
      id: key(),
      type: S,
      subject: S,
      recipient: S,
      addressees: T,
      copies: T,
      inReplyTo: S,
      classificationCode: S,
      securityLevel: S,
      unitCode: S,
      drafterId: S,
      signerId: S,
      status: S,
      version: I,
      documentId: S,
      letterNumber: S,
      signedAt: d3(),
      signedDocumentId: S,
      createdAt: d3(),
      dispatchedAt: d3(),
      dispatchedBy: S,
      dispatchVia: S,
      dispatchNote: T,
      signerReturnedAt: d3(),
      signerReturnComment: T,
      updatedAt: d3(),
    },
    { tableName: 'outgoing_letters' },
  ),
  OutgoingVersion: s.define(
    'OutgoingVersion',
    { letterId: key(), version: key(I), documentId: S, createdBy: S, note: T, template: T, createdAt: d3() },
    { tableName: 'outgoing_versions' },
  ),
  OutgoingReview: s.define(
    'OutgoingReview',
    { letterId: key(), version: key(I), position: key(I), reviewerId: S, state: S, comment: T, decidedAt: d3() },
    { tableName: 'outgoing_reviews' },
  ),
});

/** Migration 004's tables (signing). */
const signingModels = (s: Sequelize) => ({
  SigningAuthority: s.define(
    'SigningAuthority',
    { id: key(), certificate: T, lockedKey: T, serial: S, sha256: S, subject: S, notAfter: d3(), createdBy: S, createdAt: d3() },
    { tableName: 'signing_authority' },
  ),
  TrustAnchor: s.define(
    'TrustAnchor',
    { sha256: key(), certificate: T, subject: S, notAfter: d3(), addedBy: S, addedAt: d3() },
    { tableName: 'signing_trust_anchors' },
  ),
  SigningCertificate: s.define(
    'SigningCertificate',
    {
      id: key(),
      userId: S,
      currentUserId: S,
      source: S,
      serial: S,
      issuer: S,
      sha256: S,
      commonName: S,
      title: S,
      nip: S,
      notBefore: d3(),
      notAfter: d3(),
      certificate: T,
      chain: T,
      lockedKey: T,
      revokedAt: d3(),
      revokedBy: S,
      revocationReason: S,
      createdBy: S,
      createdAt: d3(),
    },
    { tableName: 'signing_certificates' },
  ),
  SignedLetter: s.define(
    'SignedLetter',
    {
      code: key(),
      letterId: S,
      documentId: S,
      sha256: S,
      letterNumber: S,
      subject: S,
      securityLevel: S,
      signerId: S,
      signerName: S,
      signerTitle: S,
      certificateId: S,
      certificateSerial: S,
      signedAt: d3(),
      timestamped: DataTypes.BOOLEAN,
      subjectType: S,
    },
    { tableName: 'signed_letters' },
  ),
  SigningClaim: s.define('SigningClaim', { letterId: key(), holder: S, expiresAt: d3() }, { tableName: 'signing_claims' }),
});

/** Migration 007's tables: holds, disposals, transfers, fixity runs, schedules, the office seal. */
const recordsModels = (s: Sequelize) => ({
  Hold: s.define(
    'Hold',
    { id: key(), name: S, reason: T, createdBy: S, createdAt: d3(), releasedAt: d3(), releasedBy: S, releaseReason: T },
    { tableName: 'holds' },
  ),
  HoldItem: s.define('HoldItem', { holdId: key(), documentId: key() }, { tableName: 'hold_items' }),
  Disposal: s.define(
    'Disposal',
    {
      id: key(),
      status: S,
      reason: T,
      unitCode: S,
      items: I,
      proposedBy: S,
      proposedAt: d3(),
      decidedBy: S,
      decidedAt: d3(),
      decisionNote: T,
      executedBy: S,
      executedAt: d3(),
      minutesDocumentId: S,
      minutesNumber: S,
      updatedAt: d3(),
    },
    { tableName: 'disposals' },
  ),
  DisposalItem: s.define('DisposalItem', { disposalId: key(), documentId: key(), state: S, doneAt: d3() }, { tableName: 'disposal_items' }),
  Transfer: s.define(
    'Transfer',
    {
      id: key(),
      status: S,
      unitCode: S,
      recipient: S,
      items: I,
      createdBy: S,
      createdAt: d3(),
      confirmedBy: S,
      confirmedAt: d3(),
      minutesDocumentId: S,
      minutesNumber: S,
      updatedAt: d3(),
    },
    { tableName: 'transfers' },
  ),
  TransferItem: s.define('TransferItem', { transferId: key(), documentId: key() }, { tableName: 'transfer_items' }),
  FixityRun: s.define(
    'FixityRun',
    {
      id: key(),
      trigger: S,
      status: S,
      startedAt: d3(),
      finishedAt: d3(),
      cursor: S,
      total: I,
      checked: I,
      ok: I,
      checkedBytes: DataTypes.BIGINT,
      mismatched: T,
      missing: T,
    },
    { tableName: 'fixity_runs' },
  ),
  Schedule: s.define('Schedule', { name: key(), nextAt: d3(), lastAt: d3() }, { tableName: 'schedules' }),
  AccessRequest: s.define(
    'AccessRequest',
    { id: key(), userId: S, changes: T, level: S, status: S, requestedBy: S, requestedAt: d3(), decidedBy: S, decidedAt: d3() },
    { tableName: 'access_requests' },
  ),
  OfficeSeal: s.define(
    'OfficeSeal',
    { serial: key(), certificate: T, chain: T, lockedKey: T, commonName: S, notAfter: d3(), createdAt: d3() },
    { tableName: 'office_seals' },
  ),
  ...letterTypeModels(s),
});

/** Migration 015's tables (naskah types, the contact book), 022's (the letterhead, letters e-mailed out) and 023's berkas. */
const letterTypeModels = (s: Sequelize) => ({
  LetterType: s.define(
    'LetterType',
    { code: key(), name: S, numberFormat: S, unitFormats: T, template: T, builtin: DataTypes.BOOLEAN, createdAt: d3(), updatedAt: d3() },
    { tableName: 'letter_types' },
  ),
  Contact: s.define('Contact', { id: key(), name: S, nameKey: S, address: T, email: S, createdAt: d3(), updatedAt: d3() }, { tableName: 'contacts' }),
  // Migration 019: saved searches (issue 18).
  SavedSearch: s.define('SavedSearch', { id: key(), userId: S, name: S, query: S, filters: T, createdAt: d3() }, { tableName: 'saved_searches' }),
  Letterhead: s.define(
    'Letterhead',
    {
      id: key(),
      governmentLine: S,
      officeName: S,
      address: S,
      telephone: S,
      email: S,
      website: S,
      logoType: S,
      logoWidth: I,
      logoHeight: I,
      logo: T,
      updatedAt: d3(),
    },
    { tableName: 'letterhead' },
  ),
  LetterEmail: s.define(
    'LetterEmail',
    { id: key(), letterId: S, position: I, kind: S, name: S, address: S, state: S, reason: T, sentAt: d3(), createdAt: d3(), updatedAt: d3() },
    { tableName: 'letter_emails' },
  ),
  Berkas: s.define('Berkas', { id: key(), name: S, description: T, unitCode: S, createdBy: S, createdAt: d3(), updatedAt: d3() }, { tableName: 'berkas' }),
  IncomingRead: s.define('IncomingRead', { userId: key(), letterId: key(), readAt: d3() }, { tableName: 'incoming_reads' }),
  BerkasItem: s.define('BerkasItem', { berkasId: key(), itemKind: key(), itemId: key(), addedBy: S, addedAt: d3() }, { tableName: 'berkas_items' }),
});
