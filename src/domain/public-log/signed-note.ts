import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

/**
 * Signed notes (C2SP signed-note) with Ed25519 keys: a text, a blank line, then lines
 * `— <name> <base64(key id ‖ signature)>`. The key id is the first 4 bytes of
 * SHA-256(name ‖ 0x0A ‖ type ‖ public key), type 0x01 for an Ed25519 note signature and 0x04 for
 * a witness cosignature (C2SP tlog-cosignature, which also puts an 8-byte timestamp before the
 * signature). Existing transparency-log tools read and check these.
 */
export const ED25519 = 0x01;
export const COSIGNATURE_V1 = 0x04;
const DASH = '\u2014';

export interface NoteKey {
  name: string;
  publicKey: Buffer;
}

export interface NoteSigner extends NoteKey {
  privateKey: KeyObject;
}

export interface NoteSignature {
  name: string;
  keyId: Buffer;
  signature: Buffer;
}

const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

/** A note key name: no spaces or plus signs (the verifier key string separates with `+`). */
export const validKeyName = (name: string): boolean => /^[\x21-\x2a\x2c-\x7e]+$/.test(name) && !name.includes('+');

/** An Ed25519 signer from a 32-byte seed. */
export const signerFromSeed = (name: string, seed: Uint8Array): NoteSigner => {
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes');
  if (!validKeyName(name)) throw new Error(`${JSON.stringify(name)} is not a usable key name`);
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = (createPublicKey(privateKey).export({ format: 'der', type: 'spki' }) as Buffer).subarray(SPKI_ED25519.length);
  return { name, publicKey: Buffer.from(publicKey), privateKey };
};

export const keyId = (name: string, type: number, publicKey: Uint8Array): Buffer =>
  createHash('sha256').update(name).update(Buffer.of(0x0a, type)).update(publicKey).digest().subarray(0, 4);

/** The verifier key string: `name+<key id hex>+<base64(type ‖ key)>`. */
export const verifierKey = (k: NoteKey): string =>
  `${k.name}+${keyId(k.name, ED25519, k.publicKey).toString('hex')}+${Buffer.concat([Buffer.of(ED25519), k.publicKey]).toString('base64')}`;

/** Reads a verifier key string; null when it is not a well-formed Ed25519 one. */
export const parseVerifierKey = (s: string): NoteKey | null => {
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(s.trim());
  if (!m) return null;
  const raw = Buffer.from(m[3]!, 'base64');
  if (raw.length !== 33 || raw[0] !== ED25519) return null;
  const k = { name: m[1]!, publicKey: raw.subarray(1) };
  return keyId(k.name, ED25519, k.publicKey).toString('hex') === m[2] ? k : null;
};

const publicKeyObject = (raw: Uint8Array): KeyObject => createPublicKey({ key: Buffer.concat([SPKI_ED25519, raw]), format: 'der', type: 'spki' });

/** A signature line for `text` (which ends in a newline). */
export const signatureLine = (text: string, signer: NoteSigner): string =>
  `${DASH} ${signer.name} ${Buffer.concat([keyId(signer.name, ED25519, signer.publicKey), sign(null, Buffer.from(text), signer.privateKey)]).toString('base64')}\n`;

/** A note: the text and its signature lines after a blank line. */
export const signNote = (text: string, signer: NoteSigner): string => `${text}\n${signatureLine(text, signer)}`;

/** Splits a note into its text and its signature lines; null when it is not a note. */
export const splitNote = (note: string): { text: string; signatures: NoteSignature[] } | null => {
  const at = note.lastIndexOf('\n\n');
  if (at < 0 || !note.endsWith('\n')) return null;
  const text = note.slice(0, at + 1);
  const signatures: NoteSignature[] = [];
  for (const line of note.slice(at + 2, -1).split('\n')) {
    const m = new RegExp(`^${DASH} (\\S+) ([A-Za-z0-9+/=]+)$`).exec(line);
    if (!m) return null;
    const raw = Buffer.from(m[2]!, 'base64');
    if (raw.length < 5) return null;
    signatures.push({ name: m[1]!, keyId: raw.subarray(0, 4), signature: raw.subarray(4) });
  }
  return signatures.length ? { text, signatures } : null;
};

/** Whether the note carries a valid signature by `key`. */
export const noteSignedBy = (note: string, key: NoteKey): boolean => {
  const split = splitNote(note);
  if (!split) return false;
  const id = keyId(key.name, ED25519, key.publicKey);
  return split.signatures.some(
    (s) =>
      s.name === key.name &&
      s.keyId.equals(id) &&
      s.signature.length === 64 &&
      verify(null, Buffer.from(split.text), publicKeyObject(key.publicKey), s.signature),
  );
};

/** What a witness signs (tlog-cosignature v1): a header with the time, then the checkpoint text. */
const cosignedMessage = (text: string, timestamp: number): Buffer => Buffer.from(`cosignature/v1\ntime ${timestamp}\n${text}`);

/** A witness's cosignature line on a checkpoint text, at `timestamp` (seconds since 1970). */
export const cosignatureLine = (text: string, witness: NoteSigner, timestamp: number): string => {
  const ts = Buffer.alloc(8);
  ts.writeBigUInt64BE(BigInt(timestamp));
  const sig = sign(null, cosignedMessage(text, timestamp), witness.privateKey);
  return `${DASH} ${witness.name} ${Buffer.concat([keyId(witness.name, COSIGNATURE_V1, witness.publicKey), ts, sig]).toString('base64')}\n`;
};

/** The time a valid cosignature by `witness` on `text` carries, or null when none in the note verifies. */
export const cosignedAt = (text: string, signatures: NoteSignature[], witness: NoteKey): number | null => {
  const id = keyId(witness.name, COSIGNATURE_V1, witness.publicKey);
  for (const s of signatures) {
    if (s.name !== witness.name || !s.keyId.equals(id) || s.signature.length !== 72) continue;
    const timestamp = Number(s.signature.readBigUInt64BE(0));
    if (verify(null, cosignedMessage(text, timestamp), publicKeyObject(witness.publicKey), s.signature.subarray(8))) return timestamp;
  }
  return null;
};
