/**
 * A strict, allocation-light DER reader for the verification path. asn1js took about 1.8 ms to
 * parse one signature's CMS (two thirds of a verification) because it decodes every
 * certificate field; this reader only walks the levels it is asked for, over offsets into the
 * original bytes. Strict on purpose: definite, minimal lengths; children exactly filling their
 * parent; single-byte tags. So any change to a length or a nesting is an error, and what it
 * accepts re-encodes to the same bytes.
 */

export interface DerNode {
  /** The identifier octet (e.g. 0x30 SEQUENCE, 0xa0 [0] constructed). */
  tag: number;
  /** Offsets into `buf`: the element, its contents, and the end. */
  start: number;
  contentStart: number;
  end: number;
  buf: Uint8Array;
}

export class DerError extends Error {}

const fail = (why: string, at: number): never => {
  throw new DerError(`not DER at byte ${at}: ${why}`);
};

/** Reads the element at `start`, which must end by `limit`. */
export const readDer = (buf: Uint8Array, start = 0, limit = buf.length): DerNode => {
  if (start + 2 > limit) fail('truncated header', start);
  const tag = buf[start]!;
  if ((tag & 0x1f) === 0x1f) fail('multi-byte tag', start);
  let len = buf[start + 1]!;
  let contentStart = start + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0) fail('indefinite length', start);
    if (n > 4 || contentStart + n > limit) fail('length too long', start);
    if (buf[contentStart] === 0) fail('non-minimal length', start);
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[contentStart + i]!;
    if (len < 0x80) fail('non-minimal length', start);
    contentStart += n;
  }
  const end = contentStart + len;
  if (end > limit) fail('element runs past its parent', start);
  return { tag, start, contentStart, end, buf };
};

export const isConstructed = (n: DerNode | undefined): boolean => !!n && (n.tag & 0x20) !== 0;

/** The children of a constructed element; they must fill it exactly. */
export const childrenOf = (n: DerNode | undefined): DerNode[] => {
  if (!n || !isConstructed(n)) return [];
  const out: DerNode[] = [];
  for (let at = n.contentStart; at < n.end; ) {
    const c = readDer(n.buf, at, n.end);
    out.push(c);
    at = c.end;
  }
  return out;
};

export const rawOf = (n: DerNode): Uint8Array => n.buf.subarray(n.start, n.end);
export const contentOf = (n: DerNode): Uint8Array => n.buf.subarray(n.contentStart, n.end);

export const TAGS = { integer: 0x02, bitString: 0x03, octetString: 0x04, null: 0x05, oid: 0x06, generalizedTime: 0x18, sequence: 0x30, set: 0x31 } as const;

export const is = (n: DerNode | undefined, tag: number): n is DerNode => !!n && n.tag === tag;
/** Context-specific [k], constructed or not. */
export const isContextTag = (n: DerNode | undefined, k: number): n is DerNode => !!n && (n.tag & 0xdf) === (0x80 | k);

export const oidOfNode = (n: DerNode | undefined): string | null => {
  if (!is(n, TAGS.oid) || n.end === n.contentStart) return null;
  const arcs: number[] = [];
  let value = 0;
  for (let i = n.contentStart; i < n.end; i++) {
    const b = n.buf[i]!;
    if (value === 0 && b === 0x80) return null; // non-minimal arc
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  if (n.buf[n.end - 1]! & 0x80) return null;
  const first = arcs.shift()!;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
};

/** A small non-negative INTEGER (versions, statuses), or null. */
export const smallInt = (n: DerNode | undefined): number | null => {
  if (!is(n, TAGS.integer) || n.end - n.contentStart < 1 || n.end - n.contentStart > 6) return null;
  if (n.buf[n.contentStart]! & 0x80) return null;
  let v = 0;
  for (let i = n.contentStart; i < n.end; i++) v = v * 256 + n.buf[i]!;
  return v;
};

/** The contents of a primitive OCTET STRING (DER forbids the constructed form), or null. */
export const octetsOf = (n: DerNode | undefined): Uint8Array | null => (is(n, TAGS.octetString) ? contentOf(n) : null);

/** GeneralizedTime "YYYYMMDDHHMMSS[.fff]Z" → Date, or null. */
export const generalizedTime = (n: DerNode | undefined): Date | null => {
  if (!is(n, TAGS.generalizedTime)) return null;
  const s = Buffer.from(contentOf(n)).toString('latin1');
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,6}))?Z$/.exec(s);
  if (!m) return null;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms));
};
