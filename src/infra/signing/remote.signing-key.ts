/**
 * Keys held by a certified provider's remote signing service (BSrE-style: the signer is named by
 * their NIK and proves themself with the provider's passphrase; the key never leaves the
 * provider). Naskah sends only the SHA-256 of the CMS signed attributes, never the letter.
 *
 * The HTTP contract this adapter speaks (JSON both ways, `Authorization: Bearer <token>` when
 * REMOTE_SIGNER_TOKEN is set):
 *
 *   POST <url>/certificate  { "nik": "3404…" }
 *     200 { "certificates": ["<base64 DER>", …] }   the signer's certificate first, then its issuers
 *     404                                            no such signer
 *   POST <url>/sign         { "nik", "passphrase", "digest": "<base64>", "digestAlgorithm": "SHA-256",
 *                             "signatureAlgorithm": "RSASSA-PKCS1-v1_5" }
 *     200 { "signature": "<base64>", "certificates": ["<base64 DER>", …] }
 *     401 / 403                                      wrong passphrase (nothing signed)
 *     404                                            no such signer
 *     423                                            the provider locked the signer (too many wrong passphrases)
 *
 * The signature is PKCS#1 v1.5 over DigestInfo(SHA-256, digest), as an HSM signs a prehashed
 * value. Anything else (a refused connection, a timeout, a 5xx, an unreadable answer) is the
 * service being down: AppError `unavailable` (503), and the signing that asked commits nothing.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../domain/errors.ts';
import { WrongPassphraseError } from '../../domain/signing/errors.ts';
import type { CertificateDer } from '../../ports/pdf-signing.ts';
import type { KeySigner, SigningKey, SigningKeyStore } from '../../ports/signing-key.ts';

export interface RemoteSignerOptions {
  /** The service's base URL (REMOTE_SIGNER_URL), without a trailing slash. */
  url: string;
  /** username → NIK of the officials who sign through the service (REMOTE_SIGNER_USERS). */
  niks: Map<string, string>;
  /** Every official signs through the service (REMOTE_SIGNER_SCOPE=office): one without a NIK cannot sign. */
  officeWide: boolean;
  /** Bearer token the office was given by the provider (REMOTE_SIGNER_TOKEN). */
  token?: string;
  timeoutMs: number;
}

const down = (detail: string, cause?: unknown) =>
  new AppError('unavailable', `the signing service failed: ${detail}; nothing was signed, try again later`, {
    problemType: 'signing-service-unavailable',
    ...(cause === undefined ? {} : { cause }),
  });

const unknownSigner = () =>
  new AppError('invalid', 'the signing service knows no signer with your NIK: ask an admin to check REMOTE_SIGNER_USERS', { problemType: 'no-certificate' });

const certificatesOf = (body: unknown): CertificateDer[] => {
  const list = (body as { certificates?: unknown }).certificates;
  if (!Array.isArray(list) || list.length === 0 || list.length > 8 || !list.every((c) => typeof c === 'string'))
    throw down('its answer carries no certificate chain');
  return list.map((c: string) => new Uint8Array(Buffer.from(c, 'base64')));
};

/** One JSON POST; the status codes every call shares are mapped here. */
const post = async (o: RemoteSignerOptions, route: string, body: object): Promise<unknown> => {
  let res: Response;
  try {
    res = await fetch(`${o.url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(o.token ? { authorization: `Bearer ${o.token}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(o.timeoutMs),
    });
  } catch (err) {
    throw down((err as Error).name === 'TimeoutError' ? `no answer within ${o.timeoutMs} ms` : (err as Error).message, err);
  }
  const text = await res.text().catch((err: unknown) => {
    throw down('the answer broke off', err);
  });
  if (res.status === 401 || res.status === 403) throw new WrongPassphraseError();
  if (res.status === 404) throw unknownSigner();
  if (res.status === 423)
    throw new AppError('forbidden', 'the signing service has locked your signing account (too many wrong passphrases): contact the provider', {
      problemType: 'signer-locked',
    });
  if (res.status !== 200) throw down(`HTTP ${res.status}`);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw down('its answer is not JSON', err);
  }
};

/** The key of one signer at the service; `chain` is the certificate row recorded for it. */
const remoteKey = (o: RemoteSignerOptions, nik: string, passphrase: string, chain: CertificateDer[]): SigningKey => ({
  certificates: async () => chain,
  async sign(data) {
    const digest = createHash('sha256').update(data).digest('base64');
    const body = await post(o, '/sign', { nik, passphrase, digest, digestAlgorithm: 'SHA-256', signatureAlgorithm: 'RSASSA-PKCS1-v1_5' });
    const signature = (body as { signature?: unknown }).signature;
    if (typeof signature !== 'string' || !signature) throw down('its answer carries no signature');
    // A renewed certificate at the provider: the next attempt records it (the CMS named the old one).
    if (!Buffer.from(certificatesOf(body)[0]!).equals(Buffer.from(chain[0]!))) {
      throw new AppError('conflict', 'the signing service now signs with another certificate; it has been noted, sign again', {
        problemType: 'certificate-changed',
      });
    }
    return new Uint8Array(Buffer.from(signature, 'base64'));
  },
});

/**
 * Officials named in `o.niks` sign through the service; the others with `local` (their key kept
 * here), unless `o.officeWide`, when they cannot sign until they have a NIK in the list.
 */
export const createRemoteKeyStore = (o: RemoteSignerOptions, local: SigningKeyStore): SigningKeyStore => {
  const nikOf = (s: KeySigner): string | null => {
    const nik = o.niks.get(s.username.toLowerCase()) ?? null;
    if (!nik && o.officeWide)
      throw new AppError(
        'invalid',
        "this office signs through a provider's signing service and no NIK is set for you: ask an admin to add you to REMOTE_SIGNER_USERS",
        { problemType: 'no-certificate' },
      );
    return nik;
  };
  return {
    async externalCertificates(signer) {
      const nik = nikOf(signer);
      return nik ? certificatesOf(await post(o, '/certificate', { nik })) : local.externalCertificates(signer);
    },
    async open(signer, stored, secret) {
      const nik = nikOf(signer);
      return nik ? { key: remoteKey(o, nik, secret, [stored.certificate, ...stored.chain]), secretChecked: false } : local.open(signer, stored, secret);
    },
    inMemory: (credential) => local.inMemory(credential),
  };
};
