/**
 * A private key at rest under a PIN: PKCS#8 DER sealed with AES-256-GCM, the key derived by
 * scrypt (N = 2^15, r = 8, p = 1: about 32 MiB and tens of milliseconds, per guess). A PIN is
 * short, so the KDF cost and the app's back-off on signing attempts are what protect it; the
 * locked string alone never reveals the key.
 * Format: `naskah-key.v1.scrypt.<N>.<r>.<p>.<salt>.<nonce>.<tag>.<ciphertext>` (base64url).
 */
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes, scrypt, type KeyObject } from 'node:crypto';
import { AppError } from '../../domain/errors.ts';
import { WrongPinError } from '../../domain/signing/errors.ts';

const PREFIX = 'naskah-key.v1.scrypt';
const N = 2 ** 15;
const R = 8;
const P = 1;

const derive = (pin: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(pin.normalize('NFC'), salt, 32, { N: n, r, p, maxmem: 256 * n * r + 16 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );

const b64 = (b: Buffer) => b.toString('base64url');

export const lockKey = async (privateKey: KeyObject, pin: string): Promise<string> => {
  if (privateKey.type !== 'private') throw new AppError('invalid', 'only a private key is locked');
  if (pin.length === 0) throw new AppError('invalid', 'a PIN is required to lock a signing key');
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const key = await derive(pin, salt, N, R, P);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(PREFIX));
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  const ct = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
  pkcs8.fill(0);
  return [PREFIX, N, R, P, b64(salt), b64(nonce), b64(cipher.getAuthTag()), b64(ct)].join('.');
};

export const unlockKey = async (locked: string, pin: string): Promise<KeyObject> => {
  const parts = locked.split('.');
  const [n, r, p] = parts.slice(3, 6).map(Number);
  if (parts.length !== 10 || parts.slice(0, 3).join('.') !== PREFIX || !n || !r || !p || n > 2 ** 20 || r > 32 || p > 16) {
    throw new AppError('invalid', 'the stored signing key is not in a known format');
  }
  const [salt, nonce, tag, ct] = parts.slice(6).map((s) => Buffer.from(s, 'base64url')) as [Buffer, Buffer, Buffer, Buffer];
  const key = await derive(pin, salt, n, r, p);
  let pkcs8: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(Buffer.from(PREFIX));
    decipher.setAuthTag(tag);
    pkcs8 = Buffer.concat([decipher.update(ct), decipher.final()]);
  } catch {
    throw new WrongPinError();
  }
  try {
    return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  } finally {
    pkcs8.fill(0);
  }
};
