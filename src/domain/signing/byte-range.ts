/**
 * The byte-range rules of a PDF signature (ISO 32000-1 12.8.1, PAdES): the signed bytes are
 * [0, a) and [b, b + c), the gap [a, b) is exactly the /Contents hex string with its angle
 * brackets, and b + c is the end of the file. Anything after it was added after signing.
 */

export interface ContentsLocation {
  /** Offset of '<'. */
  start: number;
  /** Offset just past '>'. */
  end: number;
}

export interface ByteRangeCheck {
  /** The range is usable to compute a digest (four non-negative integers inside the file, in order). */
  wellFormed: boolean;
  /** Starts at 0, the gap is exactly /Contents, and it reaches the end of the file. */
  coversWholeDocument: boolean;
  /** Bytes after the signed range (an appended update or garbage); 0 when none. */
  trailingBytes: number;
  problems: string[];
}

/**
 * Checks `range` against a file of `fileLength` bytes whose signature's /Contents string lies at
 * `contents` (null when it could not be found where the gap is).
 */
export const checkByteRange = (range: readonly number[] | null, fileLength: number, contents: ContentsLocation | null): ByteRangeCheck => {
  const problems: string[] = [];
  if (range?.length !== 4 || !range.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    return { wellFormed: false, coversWholeDocument: false, trailingBytes: 0, problems: ['the byte range is not four non-negative integers'] };
  }
  const [o1, l1, o2, l2] = range as [number, number, number, number];
  const wellFormed = o1 + l1 <= o2 && o2 + l2 <= fileLength;
  if (!wellFormed) problems.push('the byte range overlaps itself or runs past the end of the file');
  if (o1 !== 0) problems.push('the byte range does not start at the beginning of the file');
  if (!contents) problems.push('the gap in the byte range is not a /Contents hex string');
  else if (contents.start !== o1 + l1 || contents.end !== o2) problems.push('the gap in the byte range is not exactly the signature value');
  const end = o2 + l2;
  const trailingBytes = wellFormed && end < fileLength ? fileLength - end : 0;
  if (trailingBytes > 0) problems.push(`${trailingBytes} bytes were added after the signed part of the file (a later modification)`);
  return { wellFormed, coversWholeDocument: wellFormed && problems.length === 0, trailingBytes, problems };
};
