/**
 * Finds signature dictionaries in a PDF's raw bytes, every revision included: each object with a
 * /ByteRange, /Type /Sig or a signature /SubFilter. Raw bytes, not a parsed object tree, because what matters is where
 * /Contents lies in the file, and because an update appended after signing must not hide the
 * signature it invalidates. A signature dictionary is never inside an object stream (its
 * /Contents must sit at a byte offset of the file), so nothing real is missed; a stray match can
 * only add a signature that then fails, never make a file valid.
 *
 * Anyone may upload a file to be checked, so the scan is linear in the file: a marker inside an
 * object already read is skipped, the searches for "obj" and "endobj" move forward only, and
 * past MAX_SIGNATURES objects it stops and refuses the file rather than read more.
 */

export interface FoundSignature {
  /** Four integers, or null when /ByteRange is not that. */
  byteRange: number[] | null;
  /** Where `<hex>` lies (start at '<', end past '>') and its decoded bytes; null when absent or not hex. */
  contents: { start: number; end: number; value: Uint8Array; mixedCase: boolean } | null;
  subFilter: string | null;
  /** /M as written by the signer (claimed, not proven). */
  claimedTime: Date | null;
  /**
   * Set on the only entry returned when the scan refused the file (too many signature objects):
   * why nothing in it was checked. Its other fields are empty, so it cannot pass as a signature.
   */
  refused?: string;
}

/** PDF date "D:YYYYMMDDHHmmSSOHH'mm'" → Date (null when unreadable). */
export const parsePdfDate = (s: string): Date | null => {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(\d{2})?'?(\d{2})?'?)?/.exec(s);
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', se = '00', tz, th = '00', tm = '00'] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  const offset = tz === '+' || tz === '-' ? (tz === '+' ? 1 : -1) * (Number(th) * 60 + Number(tm)) * 60_000 : 0;
  const t = utc - offset;
  return Number.isNaN(t) ? null : new Date(t);
};

const HEX = /^[0-9A-Fa-f]*$/;

/** What marks an object as a signature dictionary (any one is enough; a damaged one still counts). */
const MARKERS = /\/ByteRange\b|\/Type\s*\/Sig\b|\/SubFilter\s*\/(?:adbe\.pkcs7|ETSI\.)/g;

/** Past this many signature objects the file is refused (a real one has a few: one per signer). */
export const MAX_SIGNATURES = 32;
export const TOO_MANY_SIGNATURES = `too many signature candidates (more than ${MAX_SIGNATURES} signature dictionaries); the file is not checked`;
/**
 * How far before a marker its "N G obj" is looked for, and after it its "endobj". Generous: a
 * signature dictionary is its /Contents (a few KB of hex, more with revocation data embedded)
 * and a few short entries, and /Contents may come before every marker. The scan stays linear
 * without these bounds; they keep one object's reach sane.
 */
export const MAX_BEFORE_MARKER = 2 * 1024 * 1024;
export const MAX_AFTER_MARKER = 2 * 1024 * 1024;

/**
 * `open`, then everything up to the first `close` after it, at the first place `opener` matches
 * in `obj` (as /open([^close]*)close/ would, without rescanning the rest of the object from each
 * later opener when there is no `close`: then no later opener has one either).
 */
const delimited = (obj: string, opener: RegExp, close: string): { at: number; inner: string } | null => {
  const m = opener.exec(obj);
  if (!m) return null;
  const innerStart = m.index + m[0].length;
  const end = obj.indexOf(close, innerStart);
  return end < 0 ? null : { at: innerStart - 1, inner: obj.slice(innerStart, end) };
};

const refusal = (reason: string): FoundSignature[] => [{ byteRange: null, contents: null, subFilter: null, claimedTime: null, refused: reason }];

export const findSignatures = (pdf: Uint8Array): FoundSignature[] => {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const found: FoundSignature[] = [];
  const seenObjects = new Set<number>();
  // Forward-only cursors: the last " obj" before the marker, the first "endobj" at or after it.
  let lastHead = -1;
  let nextHead = text.indexOf(' obj');
  let nextTail = -2; // not looked for yet
  let parsedUntil = 0; // the end of the last object read: markers before it are inside it
  const markers = new RegExp(MARKERS.source, 'g');
  for (let m = markers.exec(text); m; m = markers.exec(text)) {
    const at = m.index;
    while (nextHead >= 0 && nextHead < at) {
      lastHead = nextHead;
      nextHead = text.indexOf(' obj', nextHead + 1);
    }
    // The enclosing indirect object: from its "N G obj" to "endobj".
    const head = lastHead >= 0 && at - lastHead <= MAX_BEFORE_MARKER ? lastHead : -1;
    const objStart = head < 0 ? Math.max(0, at - MAX_BEFORE_MARKER) : head;
    // Markers outside any object count once, together (as one object from the start of the file did).
    if (seenObjects.has(head)) continue;
    seenObjects.add(head);
    if (found.length === MAX_SIGNATURES) return refusal(TOO_MANY_SIGNATURES);
    if (nextTail !== -1 && nextTail < at) nextTail = text.indexOf('endobj', at);
    const objEnd = nextTail >= 0 && nextTail - at <= MAX_AFTER_MARKER ? nextTail : Math.min(text.length, at + MAX_AFTER_MARKER);
    const obj = text.slice(objStart, objEnd);
    const range = delimited(obj, /\/ByteRange\s*\[/, ']');
    const nums = range ? range.inner.trim().split(/\s+/) : [];
    const byteRange = nums.length === 4 && nums.every((n) => /^\d{1,15}$/.test(n)) ? nums.map(Number) : null;
    const contentsMatch = delimited(obj, /\/Contents\s*</, '>');
    let contents: FoundSignature['contents'] = null;
    if (contentsMatch) {
      const hex = contentsMatch.inner;
      const start = objStart + contentsMatch.at;
      if (HEX.test(hex) && hex.length % 2 === 0)
        contents = { start, end: start + hex.length + 2, value: new Uint8Array(Buffer.from(hex, 'hex')), mixedCase: /[a-f]/.test(hex) && /[A-F]/.test(hex) };
    }
    const subFilter = /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(obj)?.[1] ?? null;
    const mDate = delimited(obj, /\/M\s*\(D:/, ')');
    found.push({ byteRange, contents, subFilter, claimedTime: mDate ? parsePdfDate(`D:${mDate.inner}`) : null });
    // Markers before the end of this object are inside it: go on after it.
    parsedUntil = Math.max(parsedUntil, objEnd);
    markers.lastIndex = Math.max(markers.lastIndex, parsedUntil);
  }
  return found;
};
