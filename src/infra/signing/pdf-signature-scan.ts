/**
 * Finds signature dictionaries in a PDF's raw bytes, every revision included: each object with a
 * /ByteRange, /Type /Sig or a signature /SubFilter. Raw bytes, not a parsed object tree, because what matters is where
 * /Contents lies in the file, and because an update appended after signing must not hide the
 * signature it invalidates. A signature dictionary is never inside an object stream (its
 * /Contents must sit at a byte offset of the file), so nothing real is missed; a stray match can
 * only add a signature that then fails, never make a file valid.
 */

export interface FoundSignature {
  /** Four integers, or null when /ByteRange is not that. */
  byteRange: number[] | null;
  /** Where `<hex>` lies (start at '<', end past '>') and its decoded bytes; null when absent or not hex. */
  contents: { start: number; end: number; value: Uint8Array; mixedCase: boolean } | null;
  subFilter: string | null;
  /** /M as written by the signer (claimed, not proven). */
  claimedTime: Date | null;
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

export const findSignatures = (pdf: Uint8Array): FoundSignature[] => {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const found: FoundSignature[] = [];
  const seenObjects = new Set<number>();
  for (const m of text.matchAll(MARKERS)) {
    const at = m.index!;
    // The enclosing indirect object: from its "N G obj" to "endobj".
    const head = text.lastIndexOf(' obj', at);
    const objStart = head < 0 ? 0 : head;
    if (seenObjects.has(objStart)) continue;
    seenObjects.add(objStart);
    const tail = text.indexOf('endobj', at);
    const obj = text.slice(objStart, tail < 0 ? text.length : tail);
    const rangeMatch = /\/ByteRange\s*\[([^\]]*)\]/.exec(obj);
    const nums = rangeMatch ? rangeMatch[1]!.trim().split(/\s+/) : [];
    const byteRange = nums.length === 4 && nums.every((n) => /^\d{1,15}$/.test(n)) ? nums.map(Number) : null;
    const contentsMatch = /\/Contents\s*<([^>]*)>/.exec(obj);
    let contents: FoundSignature['contents'] = null;
    if (contentsMatch) {
      const hex = contentsMatch[1]!;
      const start = objStart + contentsMatch.index + contentsMatch[0].length - hex.length - 2;
      if (HEX.test(hex) && hex.length % 2 === 0) contents = { start, end: start + hex.length + 2, value: new Uint8Array(Buffer.from(hex, 'hex')), mixedCase: /[a-f]/.test(hex) && /[A-F]/.test(hex) };
    }
    const subFilter = /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(obj)?.[1] ?? null;
    const mDate = /\/M\s*\((D:[^)]*)\)/.exec(obj)?.[1];
    found.push({ byteRange, contents, subFilter, claimedTime: mDate ? parsePdfDate(mDate) : null });
  }
  return found;
};
