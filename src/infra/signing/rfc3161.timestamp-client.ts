/**
 * RFC 3161 timestamps over a signature value (the PAdES B-T signature-time-stamp): the request
 * built with asn1js, sent with fetch, and the answer checked (status, nonce, message imprint)
 * before it is embedded. Also reads TSTInfo for the verifier.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AppError } from '../../domain/errors.ts';
import { algorithm, children, der, DIGEST_BY_OID, OID, parse, raw, sameBytes } from './asn1.ts';
import { childrenOf, contentOf, generalizedTime, is, octetsOf, oidOfNode, readDer, TAGS } from './der-reader.ts';
import { parseSignedData } from './cms.ts';

export interface TstInfo {
  hashAlgorithm: string | null;
  hashedMessage: Uint8Array | null;
  genTime: Date | null;
  nonce: string | null;
}

/** Reads the TSTInfo (eContent of a timestamp token); throws when it is not one. */
export const parseTstInfo = (eContent: Uint8Array): TstInfo => {
  const top = readDer(eContent);
  if (top.end !== eContent.length || !is(top, TAGS.sequence)) throw new Error('TSTInfo is not a single SEQUENCE');
  const f = childrenOf(top);
  const imprint = childrenOf(f[2]);
  const imprintAlg = childrenOf(imprint[0]);
  const nonce = f.slice(5).find((e) => is(e, TAGS.integer));
  return {
    hashAlgorithm: DIGEST_BY_OID[oidOfNode(imprintAlg[0]) ?? ''] ?? null,
    hashedMessage: octetsOf(imprint[1]),
    genTime: generalizedTime(f[4]),
    nonce: nonce ? Buffer.from(contentOf(nonce)).toString('hex') : null,
  };
};

const unavailable = (detail: string, cause?: unknown) =>
  new AppError('unavailable', `the timestamp authority failed: ${detail}`, { problemType: 'timestamp-unavailable', ...(cause === undefined ? {} : { cause }) });

/** Asks `url` for a token over SHA-256(`signatureValue`); returns the token (a ContentInfo, DER). */
export const requestTimestamp = async (url: string, signatureValue: Uint8Array, timeoutMs = 10_000): Promise<Uint8Array> => {
  const imprint = createHash('sha256').update(signatureValue).digest();
  const nonceBytes = randomBytes(8);
  nonceBytes[0]! &= 0x7f;
  nonceBytes[0]! |= 0x01;
  const request = der(
    new asn1js.Sequence({
      value: [
        new asn1js.Integer({ value: 1 }),
        new asn1js.Sequence({ value: [algorithm(OID.sha256), new asn1js.OctetString({ valueHex: imprint })] }),
        new asn1js.Integer({ valueHex: nonceBytes }),
        new asn1js.Boolean({ value: true }),
      ],
    }),
  );
  let body: Uint8Array;
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: Buffer.from(request), signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw unavailable(`HTTP ${res.status}`);
    body = new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unavailable((err as Error).message, err);
  }
  let token: Uint8Array;
  try {
    const [statusInfo, tokenEl] = children(parse(body, 'TimeStampResp'));
    const status = children(statusInfo)[0];
    const code = status instanceof asn1js.Integer ? status.valueBlock.valueDec : -1;
    if (code !== 0 && code !== 1) throw unavailable(`it refused the request (status ${code})`);
    if (!tokenEl) throw unavailable('no token in the answer');
    token = new Uint8Array(raw(tokenEl));
    const sd = parseSignedData(token);
    if (sd.eContentType !== OID.tstInfo || !sd.eContent) throw unavailable('the token holds no TSTInfo');
    const tst = parseTstInfo(sd.eContent);
    if (!tst.hashedMessage || !sameBytes(tst.hashedMessage, imprint)) throw unavailable('the token is over a different value');
    if (tst.nonce !== nonceBytes.toString('hex')) throw unavailable('the token answers a different request (nonce)');
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unavailable(`unreadable answer (${(err as Error).message})`, err);
  }
  return token;
};
