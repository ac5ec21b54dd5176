import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { SecretSealer } from '../../ports/secret-sealer.ts';

// The format and version travel with the value, so a later key or cipher can sit beside this one.
const PREFIX = 'aes256gcm.v1.';
const IV_BYTES = 12; // GCM's native nonce size; random per value (2^32 values per key stay safe)
const TAG_BYTES = 16;

/**
 * AES-256-GCM under a key derived from `secret` (256 random bits from the secrets folder, or
 * a long operator-chosen TOTP_SECRET_KEY): `aes256gcm.v1.<iv>.<ciphertext>.<tag>`, base64url,
 * with the context as additional authenticated data.
 */
export const aesGcmSealer = (secret: string): SecretSealer => {
  // A fixed label separates this key from any other use of the same secret.
  const key = createHash('sha256').update('naskah totp secrets v1\0').update(secret).digest();
  return {
    seal(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${PREFIX}${[iv, body, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.')}`;
    },
    open(sealed, context) {
      const parts = sealed.startsWith(PREFIX) ? sealed.slice(PREFIX.length).split('.') : [];
      if (parts.length !== 3) throw new Error('not a sealed value');
      const [iv, body, tag] = parts.map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer];
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('not a sealed value');
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      // final() throws when the tag does not match: another key, another context, or altered bytes.
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    },
    isSealed: (value) => value.startsWith(PREFIX),
  };
};
