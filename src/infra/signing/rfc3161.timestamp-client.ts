/**
 * RFC 3161 timestamps over a signature value (the PAdES B-T signature-time-stamp): the request
 * built and the answer's status read with pkijs (TimeStampReq, TimeStampResp), sent with fetch,
 * and the token checked (nonce, message imprint) before it is embedded, as the authority sent
 * it. The token and TSTInfo are read with the strict reader (der-reader.ts), as the verifier does.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../../domain/errors.ts';
import { children, der, DIGEST_BY_OID, OID, parse, raw, sameBytes } from './asn1.ts';
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
    new pkijs.TimeStampReq({
      version: 1,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256, algorithmParams: new asn1js.Null() }),
        hashedMessage: new asn1js.OctetString({ valueHex: imprint }),
      }),
      nonce: new asn1js.Integer({ valueHex: nonceBytes }),
      certReq: true,
    }).toSchema(),
  );
  let body: Uint8Array;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: Buffer.from(request),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw unavailable(`HTTP ${res.status}`);
    body = new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unavailable((err as Error).message, err);
  }
  let token: Uint8Array;
  try {
    const top = parse(body, 'TimeStampResp');
    const code = new pkijs.TimeStampResp({ schema: top }).status.status;
    if (code !== pkijs.PKIStatus.granted && code !== pkijs.PKIStatus.grantedWithMods) throw unavailable(`it refused the request (status ${code})`);
    // The token as the authority sent it (its signature covers these bytes), not re-encoded.
    const tokenEl = children(top)[1];
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
