/**
 * Refuses a PDF whose compressed streams expand beyond a budget, before any PDF library sees
 * it. pdf.js and pdf-lib inflate a whole stream into one growing buffer with no cap, so 1 MB
 * of deflated blanks becomes a gigabyte in memory (a content stream, an image, an object
 * stream alike). Every stream starts after the `stream` keyword and an end of line, and
 * streams never nest (object streams hold no streams), so a scan for the keyword finds them
 * all without parsing the file. We try to inflate each one whatever its filter says: zlib
 * refuses a JPEG or any other non-deflate stream at its first two bytes, and stops at the end
 * of a deflate stream by itself, so neither `/Length` nor `endstream` needs to be trusted.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { createInflate } from 'node:zlib';
import { AppError } from '../../domain/errors.ts';

export interface StreamBudget {
  /** Largest size any one stream may inflate to. */
  maxStreamBytes: number;
  /** Largest size all streams together may inflate to (1 GiB plus 64 × the file's size by default). */
  maxTotalBytes?: number;
  /** Bytes scanned per read (tests make it small to put keywords across edges). */
  scanChunkBytes?: number;
}

const KEYWORD = Buffer.from('stream');
const SCAN_CHUNK = 4 * 2 ** 20;
const INFLATE_CHUNK = 64 * 1024;
const MB = 2 ** 20;

/** Calls `onStart` with each offset where stream data begins: after `stream` (not `endstream`) and CRLF, LF or CR. */
const streamStarts = async (fh: FileHandle, size: number, chunk: number, onStart: (offset: number) => Promise<void>): Promise<void> => {
  const LOOK = 8; // bytes read again before and after each chunk, so a keyword across an edge is seen once
  const buf = Buffer.alloc(chunk + 2 * LOOK);
  for (let pos = 0; pos < size; pos += chunk) {
    const base = Math.max(0, pos - LOOK);
    const { bytesRead } = await fh.read(buf, 0, buf.length, base);
    const view = buf.subarray(0, bytesRead);
    for (let i = view.indexOf(KEYWORD, pos - base); i !== -1 && base + i < pos + chunk; i = view.indexOf(KEYWORD, i + 1)) {
      if (i >= 3 && view.toString('latin1', i - 3, i) === 'end') continue;
      let at = i + KEYWORD.length;
      const cr = view[at] === 0x0d;
      if (cr) at++;
      if (view[at] === 0x0a) at++;
      else if (!cr) continue;
      await onStart(base + at);
    }
  }
};

/** How many bytes the deflate stream at `offset` inflates to, stopping soon after `cap`. */
const inflatedSize = async (fh: FileHandle, offset: number, size: number, cap: number): Promise<number> => {
  const inflate = createInflate();
  let out = 0;
  let done = false;
  const settled = new Promise<void>((resolve) => {
    const finish = () => ((done = true), resolve());
    inflate.once('end', finish).once('error', finish).once('close', finish);
  });
  inflate.on('data', (b: Buffer) => {
    out += b.length;
    if (out > cap) inflate.destroy(); // stop expanding now, not at the end of the input chunk
  });
  const buf = Buffer.alloc(INFLATE_CHUNK);
  for (let pos = offset; pos < size && !done; pos += INFLATE_CHUNK) {
    const { bytesRead } = await fh.read(buf, 0, INFLATE_CHUNK, pos);
    if (bytesRead === 0) break;
    const chunk = Buffer.from(buf.subarray(0, bytesRead));
    await new Promise<void>((resolve) => {
      if (inflate.write(chunk)) setImmediate(resolve);
      else {
        inflate.once('drain', resolve);
        void settled.then(resolve);
      }
    });
  }
  // The whole rest of the file went in without the deflate stream ending: let zlib finish (or
  // complain of a truncated stream) before counting.
  if (!done) inflate.end();
  await settled;
  return out;
};

/**
 * Throws AppError `invalid` when a stream of the PDF at `filePath` inflates past
 * `budget.maxStreamBytes`, or all of them together past the total.
 */
export const assertStreamsBounded = async (filePath: string, budget: StreamBudget): Promise<void> => {
  const fh = await open(filePath, 'r');
  try {
    const { size } = await fh.stat();
    const maxTotal = budget.maxTotalBytes ?? 1024 * MB + 64 * size;
    let total = 0;
    await streamStarts(fh, size, budget.scanChunkBytes ?? SCAN_CHUNK, async (offset) => {
      const inflated = await inflatedSize(fh, offset, size, Math.min(budget.maxStreamBytes, maxTotal - total));
      total += inflated;
      if (inflated > budget.maxStreamBytes) {
        throw new AppError(
          'invalid',
          `a compressed part of the PDF expands to more than ${Math.round(budget.maxStreamBytes / MB)} MB; such a file cannot be read safely`,
        );
      }
      if (total > maxTotal)
        throw new AppError(
          'invalid',
          `the PDF's compressed parts expand to more than ${Math.round(maxTotal / MB)} MB in all; such a file cannot be read safely`,
        );
    });
  } finally {
    await fh.close();
  }
};
