/**
 * The parts of clamd's socket protocol Naskah speaks, as pure functions (see clamd(8), "INSTREAM"):
 * commands are `z`-prefixed and NUL-terminated, so replies are NUL-terminated too and may carry
 * any character; a stream is sent as chunks, each preceded by its length as 4 bytes big-endian,
 * and ended by a chunk of length zero.
 */

export const INSTREAM_COMMAND = Buffer.from('zINSTREAM\0', 'latin1');
export const PING_COMMAND = Buffer.from('zPING\0', 'latin1');
/** The zero-length chunk that tells clamd the stream is complete and to scan it. */
export const END_OF_STREAM = Buffer.alloc(4);
/** clamd accepts any chunk up to its StreamMaxLength; small ones keep memory flat on both sides. */
export const MAX_CHUNK_BYTES = 64 * 1024;

/** One chunk as clamd reads it: length header then the bytes, split so none exceeds `max`. Empty input frames nothing (a zero length would end the stream). */
export const frameChunk = (data: Uint8Array, max = MAX_CHUNK_BYTES): Buffer[] => {
  const out: Buffer[] = [];
  for (let at = 0; at < data.byteLength; at += max) {
    const part = data.subarray(at, Math.min(at + max, data.byteLength));
    const header = Buffer.alloc(4);
    header.writeUInt32BE(part.byteLength, 0);
    out.push(header, Buffer.from(part.buffer, part.byteOffset, part.byteLength));
  }
  return out;
};

/** Where the first reply ends (its NUL), or -1 while it is incomplete. */
export const replyEnd = (received: Buffer): number => received.indexOf(0);

export type ClamdScanReply =
  | { kind: 'clean' }
  | { kind: 'infected'; signature: string }
  /** The stream passed clamd's StreamMaxLength: it stopped reading and scanned nothing. */
  | { kind: 'size-limit'; message: string }
  | { kind: 'error'; message: string };

// A signature name is shown to people and written to the audit trail: printable, bounded.
const cleanName = (s: string): string => s.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);

/** Reads one INSTREAM reply: `stream: OK`, `stream: <Name> FOUND`, or `<message> ERROR`. */
export const parseScanReply = (raw: string): ClamdScanReply => {
  // Without the NUL; a session id prefix ("12: ") appears only in IDSESSION mode, tolerated anyway.
  const text = raw
    .replace(/\0+$/, '')
    .trim()
    .replace(/^\d+: /, '');
  if (text === 'stream: OK') return { kind: 'clean' };
  const found = /^stream: (.+) FOUND$/.exec(text);
  if (found) return { kind: 'infected', signature: cleanName(found[1]!) };
  if (/ ERROR$/.test(text)) {
    const message = cleanName(text.replace(/ ERROR$/, ''));
    return /size limit exceeded/i.test(message) ? { kind: 'size-limit', message } : { kind: 'error', message };
  }
  return { kind: 'error', message: `unexpected reply from clamd: ${JSON.stringify(cleanName(text))}` };
};

/** True for the answer to PING. */
export const isPong = (raw: string): boolean => raw.replace(/\0+$/, '').trim() === 'PONG';
