import { createCipheriv, createDecipheriv, createHmac, type DecipherGCM, hkdfSync, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * Encryption of a backup directory at rest: a key derived from BACKUP_PASSPHRASE with scrypt
 * (salt and cost kept in the directory), then AES-256-GCM per file with a random nonce. A sealed
 * file is MAGIC, the nonce, the ciphertext and GCM's tag; a changed byte anywhere fails the tag.
 * Manifests stay readable JSON, authenticated by an HMAC under a second key from the same secret.
 */

const MAGIC = Buffer.from('NSKB1');
const NONCE = 12;
const TAG = 16;
/** Bytes a sealed file has beyond its plain bytes. */
export const SEAL_OVERHEAD = MAGIC.length + NONCE + TAG;

/** How the directory's key is derived: kept in DIR so any later run derives the same key. */
export interface KdfParams {
  kdf: 'scrypt';
  salt: string;
  N: number;
  r: number;
  p: number;
  /** An HMAC of a fixed text: tells a wrong passphrase from a damaged file. */
  keyCheck: string;
}

export interface VaultKeys {
  encryption: Buffer;
  mac: Buffer;
}

const scryptAsync = (passphrase: string, salt: Buffer, o: { N: number; r: number; p: number }): Promise<Buffer> =>
  new Promise((resolve, reject) => scrypt(passphrase, salt, 32, { ...o, maxmem: 256 * o.N * o.r }, (e, key) => (e ? reject(e) : resolve(key))));

const keysFrom = (master: Buffer): VaultKeys => ({
  encryption: Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'naskah backup objects', 32)),
  mac: Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'naskah backup manifests', 32)),
});

const keyCheckOf = (keys: VaultKeys): string => macOf(keys, 'naskah backup key check');

/** The HMAC-SHA256 of a text under the manifest key, hex. */
export const macOf = (keys: VaultKeys, text: string): string => createHmac('sha256', keys.mac).update(text).digest('hex');

/** Constant-time comparison of two hex MACs. */
export const sameMac = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** New directory parameters for `passphrase` (scrypt N = 2^15, r = 8: about 0.1 s and 32 MiB), with their keys. */
export const newKdf = async (passphrase: string): Promise<{ params: KdfParams; keys: VaultKeys }> => {
  const cost = { N: 2 ** 15, r: 8, p: 1 };
  const salt = randomBytes(16);
  const keys = keysFrom(await scryptAsync(passphrase, salt, cost));
  return { params: { kdf: 'scrypt', salt: salt.toString('base64'), ...cost, keyCheck: keyCheckOf(keys) }, keys };
};

/** The keys `passphrase` gives under `params`, or null when it is not the directory's passphrase. */
export const deriveKeys = async (passphrase: string, params: KdfParams): Promise<VaultKeys | null> => {
  const keys = keysFrom(await scryptAsync(passphrase, Buffer.from(params.salt, 'base64'), params));
  return sameMac(keyCheckOf(keys), params.keyCheck) ? keys : null;
};

/** Encrypts a stream: MAGIC and a fresh nonce first, GCM's tag last. */
export const sealStream = (keys: VaultKeys): Transform => {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', keys.encryption, nonce);
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      if (!started) {
        started = true;
        this.push(Buffer.concat([MAGIC, nonce]));
      }
      cb(null, cipher.update(chunk));
    },
    flush(cb: TransformCallback) {
      if (!started) this.push(Buffer.concat([MAGIC, nonce]));
      const last = cipher.final();
      cb(null, Buffer.concat([last, cipher.getAuthTag()]));
    },
  });
};

/** What sealStream makes of bytes held in memory. */
export const sealBytes = (keys: VaultKeys, plain: Buffer): Buffer => {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', keys.encryption, nonce);
  return Buffer.concat([MAGIC, nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
};

/** Decrypts a sealed file held in memory; throws when it is damaged (the same messages as openStream). */
export const openBytes = (keys: VaultKeys, sealed: Buffer): Buffer => {
  const damaged = (why: string) => new Error(`sealed object is damaged (${why})`);
  if (sealed.length < SEAL_OVERHEAD) throw damaged('cut short');
  if (!sealed.subarray(0, MAGIC.length).equals(MAGIC)) throw damaged('not a sealed object');
  const decipher = createDecipheriv('aes-256-gcm', keys.encryption, sealed.subarray(MAGIC.length, MAGIC.length + NONCE));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
  const plain = decipher.update(sealed.subarray(MAGIC.length + NONCE, sealed.length - TAG));
  try {
    return Buffer.concat([plain, decipher.final()]);
  } catch {
    throw damaged('its authentication tag does not match');
  }
};

/**
 * Decrypts what sealStream wrote. The last TAG bytes are held back until the end, where GCM
 * checks them: a damaged or foreign file makes the stream error (after its bytes went out, so a
 * reader must not trust what it got until the stream ended cleanly).
 */
export const openStream = (keys: VaultKeys): Transform => {
  let head = Buffer.alloc(0);
  let decipher: DecipherGCM | undefined;
  let held = Buffer.alloc(0);
  const damaged = (why: string) => Object.assign(new Error(`sealed object is damaged (${why})`), { code: 'EBACKUPSEAL' });
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      let data = chunk;
      if (!decipher) {
        head = Buffer.concat([head, data]);
        if (head.length < MAGIC.length + NONCE) return cb();
        if (!head.subarray(0, MAGIC.length).equals(MAGIC)) return cb(damaged('not a sealed object'));
        decipher = createDecipheriv('aes-256-gcm', keys.encryption, head.subarray(MAGIC.length, MAGIC.length + NONCE));
        data = head.subarray(MAGIC.length + NONCE);
      }
      held = Buffer.concat([held, data]);
      if (held.length <= TAG) return cb();
      const out = decipher.update(held.subarray(0, held.length - TAG));
      held = held.subarray(held.length - TAG);
      cb(null, out);
    },
    flush(cb: TransformCallback) {
      if (!decipher || held.length !== TAG) return cb(damaged('cut short'));
      try {
        decipher.setAuthTag(held);
        cb(null, decipher.final());
      } catch {
        cb(damaged('its authentication tag does not match'));
      }
    },
  });
};
