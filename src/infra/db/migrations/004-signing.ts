import { DataTypes, type QueryInterface } from 'sequelize';

const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const date = (allowNull = true) => ({ type: DataTypes.DATE(3), allowNull });
const text = (allowNull = false) => ({ type: DataTypes.TEXT, allowNull });

/**
 * Issue 5's electronic signatures: the office certificate authority, extra trusted roots,
 * officials' certificates with their PIN-locked keys, the register of signed letters, and the
 * claims that keep two signings of one letter apart. Certificates are base64 DER; locked keys
 * are the engine's opaque strings (AES-256-GCM under scrypt), never a key in the clear.
 */
export const up = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  // One row ('office'): its primary key makes two processes creating the root at once a conflict.
  await qi.createTable('signing_authority', {
    id: { ...str(16), primaryKey: true },
    certificate: text(),
    locked_key: text(),
    serial: str(64),
    sha256: str(64),
    subject: str(500),
    not_after: date(false),
    created_by: str(36, true),
    created_at: date(false),
  });
  await qi.createTable('signing_trust_anchors', {
    sha256: { ...str(64), primaryKey: true },
    certificate: text(),
    subject: str(500),
    not_after: date(false),
    added_by: str(36),
    added_at: date(false),
  });
  await qi.createTable('signing_certificates', {
    id: { ...str(36), primaryKey: true },
    user_id: str(36),
    // The user's id while this is their current certificate, else null: unique, so one current each.
    current_user_id: str(36, true),
    source: str(16),
    serial: str(64),
    issuer: str(500),
    sha256: str(64),
    common_name: str(300),
    title: str(300, true),
    nip: str(64, true),
    not_before: date(false),
    not_after: date(false),
    certificate: text(),
    chain: text(),
    locked_key: text(),
    revoked_at: date(),
    revoked_by: str(36, true),
    revocation_reason: str(500, true),
    created_by: str(36),
    created_at: date(false),
  });
  await qi.addIndex('signing_certificates', ['current_user_id'], { unique: true });
  await qi.addIndex('signing_certificates', ['sha256'], { unique: true });
  await qi.addIndex('signing_certificates', ['user_id', 'created_at']);
  await qi.addIndex('signing_certificates', ['serial']);
  // The register of issued letters: by code (the QR code), by file (an upload), by letter.
  await qi.createTable('signed_letters', {
    code: { ...str(64), primaryKey: true },
    letter_id: str(36),
    document_id: str(36),
    sha256: str(64),
    letter_number: str(100),
    subject: str(500),
    security_level: str(16),
    signer_id: str(36),
    signer_name: str(300),
    signer_title: str(300),
    certificate_id: str(36),
    certificate_serial: str(64),
    signed_at: date(false),
    timestamped: { type: DataTypes.BOOLEAN, allowNull: false },
  });
  await qi.addIndex('signed_letters', ['letter_id'], { unique: true });
  await qi.addIndex('signed_letters', ['document_id'], { unique: true });
  await qi.addIndex('signed_letters', ['sha256'], { unique: true });
  await qi.createTable('signing_claims', {
    letter_id: { ...str(36), primaryKey: true },
    // One signing attempt: a fresh id each, so an attempt only ever releases its own claim.
    holder: str(64),
    expires_at: date(false),
  });
};

export const down = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  for (const t of ['signing_claims', 'signed_letters', 'signing_certificates', 'signing_trust_anchors', 'signing_authority']) await qi.dropTable(t);
};
