/**
 * PKCS#12 (RFC 7292) reading in-process: asn1js for the structures, Node's crypto for PBKDF2,
 * AES, 3DES and HMAC, rc2.ts for RC2. Handles OpenSSL 3's default (PBES2/PBKDF2/AES-256-CBC,
 * HMAC-SHA-256 MAC) and `-legacy` (pbeWithSHAAnd40BitRC2-CBC certificates,
 * pbeWithSHAAnd3-KeyTripleDES-CBC key, HMAC-SHA-1 MAC). pkijs parses PKCS#12 but decrypts only
 * PBES2, and node-forge cannot read the OpenSSL 3 default; hence this file.
 */
import {
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  pbkdf2Sync,
  timingSafeEqual,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import * as asn1js from 'asn1js';
import { Pkcs12Error } from '../../domain/signing/errors.ts';
import type { CertificateDer, SigningCredential } from '../../ports/pdf-signing.ts';
import { children, DIGEST_BY_OID, implicitOctets, integerHex, isContext, octets, OID, oidOf, parse, raw, sameBytes } from './asn1.ts';
import { rc2CbcDecrypt } from './rc2.ts';

const BAG = {
  key: '1.2.840.113549.1.12.10.1.1',
  shroudedKey: '1.2.840.113549.1.12.10.1.2',
  cert: '1.2.840.113549.1.12.10.1.3',
  x509: '1.2.840.113549.1.9.22.1',
  localKeyId: '1.2.840.113549.1.9.21',
};
const PBES2 = '1.2.840.113549.1.5.13';
const PBKDF2 = '1.2.840.113549.1.5.12';
const PRF: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};
const CIPHERS: Record<string, { name: string; keyLength: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};
/** PKCS#12 PBE (appendix C): cipher, key bytes, RC2 effective bits. */
const PKCS12_PBE: Record<string, { cipher: 'rc2' | 'des-ede3-cbc'; keyLength: number; bits?: number }> = {
  '1.2.840.113549.1.12.1.3': { cipher: 'des-ede3-cbc', keyLength: 24 },
  '1.2.840.113549.1.12.1.4': { cipher: 'des-ede3-cbc', keyLength: 16 },
  '1.2.840.113549.1.12.1.5': { cipher: 'rc2', keyLength: 16, bits: 128 },
  '1.2.840.113549.1.12.1.6': { cipher: 'rc2', keyLength: 5, bits: 40 },
};
const HASH_BLOCK: Record<string, number> = { sha1: 64, sha256: 64, sha384: 128, sha512: 128 };

/** The password as PKCS#12 wants it for its own KDF: BMPString, big-endian, two zero bytes at the end. */
const bmpPassword = (password: string): Uint8Array => {
  const out = Buffer.alloc((password.length + 1) * 2);
  for (let i = 0; i < password.length; i++) out.writeUInt16BE(password.charCodeAt(i), i * 2);
  return out;
};

/** RFC 7292 appendix B.2: ID 1 = key, 2 = IV, 3 = MAC key. */
export const pkcs12Kdf = (hash: string, password: Uint8Array, salt: Uint8Array, iterations: number, id: 1 | 2 | 3, n: number): Uint8Array => {
  const v = HASH_BLOCK[hash];
  if (!v) throw new Error(`unsupported PKCS#12 KDF hash ${hash}`);
  const repeat = (src: Uint8Array): Buffer => {
    const len = v * Math.ceil(src.length / v);
    const out = Buffer.alloc(len);
    for (let i = 0; i < len; i++) out[i] = src[i % src.length]!;
    return out;
  };
  const D = Buffer.alloc(v, id);
  const I = Buffer.concat([salt.length ? repeat(salt) : Buffer.alloc(0), password.length ? repeat(password) : Buffer.alloc(0)]);
  const out: Buffer[] = [];
  let produced = 0;
  while (produced < n) {
    let A = createHash(hash).update(D).update(I).digest();
    for (let r = 1; r < iterations; r++) A = createHash(hash).update(A).digest();
    out.push(A);
    produced += A.length;
    if (produced >= n) break;
    const B = repeat(A).subarray(0, v);
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = I[j + k]! + B[k]! + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, n);
};

const bad = (what: string): never => {
  throw new Pkcs12Error(`the PKCS#12 file is not readable: ${what}`);
};

const int = (el: unknown, fallback: number): number => (el instanceof asn1js.Integer ? el.valueBlock.valueDec : fallback);

/** Decrypts `data` encrypted with the given AlgorithmIdentifier (PBES2 or PKCS#12 PBE). */
const decrypt = (alg: asn1js.AsnType, data: Uint8Array, password: string): Uint8Array => {
  const [idEl, params] = children(alg);
  const id = oidOf(idEl);
  if (id === PBES2) {
    const [kdf, scheme] = children(params);
    if (oidOf(children(kdf)[0]) !== PBKDF2) bad('unsupported key derivation');
    const [saltEl, iterEl, ...rest] = children(children(kdf)[1]);
    const salt = octets(saltEl) ?? bad('PBKDF2 salt');
    const prfEl = rest.find((e) => e instanceof asn1js.Sequence);
    const prf = prfEl ? PRF[oidOf(children(prfEl)[0]) ?? ''] : 'sha1';
    const cipher = CIPHERS[oidOf(children(scheme)[0]) ?? ''];
    if (!prf || !cipher) bad('unsupported cipher');
    const iv = octets(children(scheme)[1]) ?? bad('cipher IV');
    const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, int(iterEl, 1), cipher!.keyLength, prf!);
    const d = createDecipheriv(cipher!.name, key, iv);
    return Buffer.concat([d.update(data), d.final()]);
  }
  const pbe = PKCS12_PBE[id ?? ''];
  if (!pbe) return bad(`unsupported encryption ${id}`);
  const [saltEl, iterEl] = children(params);
  const salt = octets(saltEl) ?? bad('PBE salt');
  const iterations = int(iterEl, 1);
  const pw = bmpPassword(password);
  const key = pkcs12Kdf('sha1', pw, salt, iterations, 1, pbe.keyLength);
  const iv = pkcs12Kdf('sha1', pw, salt, iterations, 2, 8);
  if (pbe.cipher === 'rc2') return rc2CbcDecrypt(key, pbe.bits!, iv, data);
  const key3 = pbe.keyLength === 16 ? Buffer.concat([key, key.subarray(0, 8)]) : key;
  const d = createDecipheriv('des-ede3-cbc', key3, iv);
  return Buffer.concat([d.update(data), d.final()]);
};

/** Checks the password-based MAC; a mismatch means a wrong password (or a damaged file). */
const checkMac = (macData: asn1js.AsnType, authSafe: Uint8Array, password: string): void => {
  const [digestInfo, saltEl, iterEl] = children(macData);
  const [alg, digestEl] = children(digestInfo);
  const hash = DIGEST_BY_OID[oidOf(children(alg)[0]) ?? ''] ?? bad('unsupported MAC');
  const expected = octets(digestEl) ?? bad('MAC value');
  const salt = octets(saltEl) ?? bad('MAC salt');
  const macKey = pkcs12Kdf(hash, bmpPassword(password), salt, int(iterEl, 1), 3, createHash(hash).digest().length);
  const actual = createHmac(hash, macKey).update(authSafe).digest();
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw new Pkcs12Error('the PKCS#12 password is wrong (or the file is damaged)');
};

interface Bags {
  keys: { key: KeyObject; localKeyId: string | null }[];
  certs: { der: CertificateDer; localKeyId: string | null }[];
}

const localKeyIdOf = (attrs: asn1js.AsnType | undefined): string | null => {
  for (const a of children(attrs)) {
    const [type, values] = children(a);
    if (oidOf(type) === BAG.localKeyId) {
      const v = octets(children(values)[0]);
      return v ? Buffer.from(v).toString('hex') : null;
    }
  }
  return null;
};

const readSafeContents = (safeContents: Uint8Array, password: string, into: Bags): void => {
  for (const bag of children(parse(safeContents, 'SafeContents'))) {
    const [idEl, valueWrap, attrs] = children(bag);
    const id = oidOf(idEl);
    const value = children(valueWrap)[0];
    if (!isContext(valueWrap, 0) || !value) continue;
    const localKeyId = localKeyIdOf(attrs);
    if (id === BAG.shroudedKey) {
      const [alg, enc] = children(value);
      const pkcs8 = decrypt(alg!, octets(enc) ?? bad('key'), password);
      into.keys.push({ key: createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }), localKeyId });
    } else if (id === BAG.key) {
      into.keys.push({ key: createPrivateKey({ key: Buffer.from(raw(value)), format: 'der', type: 'pkcs8' }), localKeyId });
    } else if (id === BAG.cert) {
      const [certType, certValue] = children(value);
      if (oidOf(certType) !== BAG.x509) continue;
      const certDer = octets(children(certValue)[0]) ?? bad('certificate');
      into.certs.push({ der: new Uint8Array(certDer), localKeyId });
    }
  }
};

/** Reads a PKCS#12 into the private key, its certificate and the chain above it (nearest first). */
export const readPkcs12 = (p12: Uint8Array, password: string): SigningCredential => {
  let pfx: asn1js.AsnType;
  try {
    pfx = parse(p12, 'PKCS#12');
  } catch {
    return bad('not DER');
  }
  const [version, authSafeInfo, macData] = children(pfx);
  if (!(version instanceof asn1js.Integer) || integerHex(version) !== '03') bad('not a PKCS#12 v3 file');
  const [ctype, content] = children(authSafeInfo);
  if (oidOf(ctype) !== OID.data) bad('public-key integrity is not supported');
  const authSafe = octets(children(content)[0]) ?? bad('authenticated safe');
  if (macData) checkMac(macData, authSafe, password);

  const bags: Bags = { keys: [], certs: [] };
  try {
    for (const info of children(parse(authSafe, 'AuthenticatedSafe'))) {
      const [type, wrapped] = children(info);
      const inner = children(wrapped)[0];
      if (oidOf(type) === OID.data) {
        readSafeContents(octets(inner) ?? bad('safe contents'), password, bags);
      } else if (oidOf(type) === OID.encryptedData) {
        const [, encContentInfo] = children(inner);
        const [, alg, encrypted] = children(encContentInfo);
        if (!encrypted || !isContext(encrypted, 0)) bad('encrypted data');
        readSafeContents(decrypt(alg!, implicitOctets(encrypted!), password), password, bags);
      }
    }
  } catch (err) {
    if (err instanceof Pkcs12Error) throw err;
    // Without a MAC, a wrong password shows as bad padding here.
    throw new Pkcs12Error(macData ? 'the PKCS#12 file is damaged' : 'the PKCS#12 password is wrong (or the file is damaged)', err);
  }
  if (bags.keys.length === 0) bad('it holds no private key');
  if (bags.certs.length === 0) bad('it holds no certificate');

  // The signer's certificate is the one whose public key is the key's; then follow issuers.
  const key = bags.keys[0]!.key;
  const pub = new Uint8Array(createPublicKey(key).export({ type: 'spki', format: 'der' }));
  const x509s = bags.certs.map((c) => ({ der: c.der, x: new X509Certificate(c.der) }));
  const leaf =
    x509s.find((c) => sameBytes(new Uint8Array(c.x.publicKey.export({ type: 'spki', format: 'der' })), pub)) ?? bad('no certificate matches the private key');
  const chain: CertificateDer[] = [];
  let current = leaf.x;
  const used = new Set([leaf.der]);
  for (;;) {
    if (current.checkIssued(current) && current.verify(current.publicKey)) break;
    const parent = x509s.find((c) => !used.has(c.der) && current.checkIssued(c.x) && current.verify(c.x.publicKey));
    if (!parent) break;
    chain.push(parent.der);
    used.add(parent.der);
    current = parent.x;
  }
  return { privateKey: key, certificate: leaf.der, chain };
};
