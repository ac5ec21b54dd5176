import { createHash } from 'node:crypto';

/**
 * An independent RFC 9162 (section 2.1) implementation for tests, written from the RFC's text
 * and sharing no code with the product: MTH, PATH, PROOF and the two verification algorithms, on
 * the leaf list itself.
 */
const sha = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
export const rfcLeaf = (d: Uint8Array): Buffer => sha(Buffer.of(0), d);
const rfcNode = (l: Uint8Array, r: Uint8Array): Buffer => sha(Buffer.of(1), l, r);
const k = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1);

/** MTH(D[n]) over raw leaf data. */
export const mth = (d: Uint8Array[]): Buffer => {
  if (d.length === 0) return sha();
  if (d.length === 1) return rfcLeaf(d[0]!);
  const s = k(d.length);
  return rfcNode(mth(d.slice(0, s)), mth(d.slice(s)));
};

/** PATH(m, D[n]). */
export const path = (m: number, d: Uint8Array[]): Buffer[] => {
  if (d.length <= 1) return [];
  const s = k(d.length);
  return m < s ? [...path(m, d.slice(0, s)), mth(d.slice(s))] : [...path(m - s, d.slice(s)), mth(d.slice(0, s))];
};

/** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
export const proof = (m: number, d: Uint8Array[]): Buffer[] => {
  const sub = (m: number, d: Uint8Array[], b: boolean): Buffer[] => {
    if (m === d.length) return b ? [] : [mth(d)];
    const s = k(d.length);
    return m <= s ? [...sub(m, d.slice(0, s), b), mth(d.slice(s))] : [...sub(m - s, d.slice(s), false), mth(d.slice(0, s))];
  };
  return sub(m, d, true);
};

const lsb = (x: number) => x % 2 === 1;

/** RFC 9162 2.1.3.2. */
export const rfcVerifyInclusion = (index: number, size: number, hash: Uint8Array, p: Uint8Array[], root: Uint8Array): boolean => {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(hash);
  for (const x of p) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      r = rfcNode(x, r);
      if (!lsb(fn)) while (!lsb(fn) && fn !== 0) [fn, sn] = [fn >> 1, sn >> 1];
    } else r = rfcNode(r, x);
    [fn, sn] = [fn >> 1, sn >> 1];
  }
  return sn === 0 && r.equals(Buffer.from(root));
};

/** RFC 9162 2.1.4.2. */
export const rfcVerifyConsistency = (first: number, second: number, firstHash: Uint8Array, secondHash: Uint8Array, p: Uint8Array[]): boolean => {
  if (first === second) return p.length === 0 && Buffer.from(firstHash).equals(Buffer.from(secondHash));
  let c: Buffer[] = p.map((x) => Buffer.from(x));
  if ((first & (first - 1)) === 0) c = [Buffer.from(firstHash), ...c];
  if (c.length === 0) return false;
  let fn = first - 1;
  let sn = second - 1;
  while (lsb(fn)) [fn, sn] = [fn >> 1, sn >> 1];
  let fr: Buffer = c[0]!;
  let sr: Buffer = c[0]!;
  for (const x of c.slice(1)) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      fr = rfcNode(x, fr);
      sr = rfcNode(x, sr);
      if (!lsb(fn)) while (!lsb(fn) && fn !== 0) [fn, sn] = [fn >> 1, sn >> 1];
    } else sr = rfcNode(sr, x);
    [fn, sn] = [fn >> 1, sn >> 1];
  }
  return fr.equals(Buffer.from(firstHash)) && sr.equals(Buffer.from(secondHash)) && sn === 0;
};
