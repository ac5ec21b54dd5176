import { expect } from 'chai';
import {
  END_OF_STREAM,
  INSTREAM_COMMAND,
  MAX_CHUNK_BYTES,
  PING_COMMAND,
  frameChunk,
  isPong,
  parseScanReply,
  replyEnd,
} from '../../../../src/infra/scan/clamd-protocol.ts';

/** Reads frames back the way clamd does: a 4-byte big-endian length, that many bytes, until a zero length. */
const unframe = (wire: Buffer): { chunks: Buffer[]; ended: boolean; rest: number } => {
  const chunks: Buffer[] = [];
  let at = 0;
  while (at + 4 <= wire.length) {
    const n = wire.readUInt32BE(at);
    at += 4;
    if (n === 0) return { chunks, ended: true, rest: wire.length - at };
    chunks.push(wire.subarray(at, at + n));
    at += n;
  }
  return { chunks, ended: false, rest: wire.length - at };
};

describe('clamd protocol: INSTREAM framing', () => {
  it('sends NUL-terminated z-commands', () => {
    expect(INSTREAM_COMMAND.toString('latin1')).to.equal('zINSTREAM\0');
    expect(PING_COMMAND.toString('latin1')).to.equal('zPING\0');
    expect([...END_OF_STREAM]).to.deep.equal([0, 0, 0, 0]);
  });

  it('prefixes a chunk with its length as 4 bytes big-endian', () => {
    const data = Buffer.alloc(258, 0xab);
    const [header, body] = frameChunk(data);
    expect([...header!]).to.deep.equal([0, 0, 1, 2]);
    expect(body!.equals(data)).to.equal(true);
  });

  it('splits a large chunk into frames of at most the maximum, which read back to the same bytes', () => {
    const data = Buffer.from(Array.from({ length: MAX_CHUNK_BYTES * 2 + 17 }, (_, i) => i % 251));
    const frames = frameChunk(data);
    expect(frames).to.have.length(6);
    const { chunks, ended, rest } = unframe(Buffer.concat([...frames, END_OF_STREAM]));
    expect(chunks.map((c) => c.length)).to.deep.equal([MAX_CHUNK_BYTES, MAX_CHUNK_BYTES, 17]);
    expect(Buffer.concat(chunks).equals(data)).to.equal(true);
    expect(ended).to.equal(true);
    expect(rest).to.equal(0);
  });

  it('frames nothing for an empty chunk: a zero length would end the stream early', () => {
    expect(frameChunk(new Uint8Array(0))).to.deep.equal([]);
  });

  it('frames a view into a larger buffer by its own bytes only', () => {
    const whole = Buffer.from('xxhelloyy');
    const view = new Uint8Array(whole.buffer, whole.byteOffset + 2, 5);
    const [header, body] = frameChunk(view);
    expect(header!.readUInt32BE(0)).to.equal(5);
    expect(body!.toString()).to.equal('hello');
  });

  it('honours a smaller maximum', () => {
    expect(
      frameChunk(Buffer.alloc(10), 4)
        .filter((_, i) => i % 2 === 0)
        .map((h) => h.readUInt32BE(0)),
    ).to.deep.equal([4, 4, 2]);
  });
});

describe('clamd protocol: replies', () => {
  it('finds the end of a reply at its NUL', () => {
    expect(replyEnd(Buffer.from('stream: O'))).to.equal(-1);
    expect(replyEnd(Buffer.from('stream: OK\0'))).to.equal(10);
  });

  it('reads a clean stream', () => {
    expect(parseScanReply('stream: OK\0')).to.deep.equal({ kind: 'clean' });
    expect(parseScanReply('stream: OK\n')).to.deep.equal({ kind: 'clean' });
  });

  it('reads the signature of what was found, spaces and dots included', () => {
    expect(parseScanReply('stream: Win.Test.EICAR_HDB-1 FOUND\0')).to.deep.equal({ kind: 'infected', signature: 'Win.Test.EICAR_HDB-1' });
    expect(parseScanReply('stream: Naskah.Test.Generated.UNOFFICIAL FOUND')).to.deep.equal({ kind: 'infected', signature: 'Naskah.Test.Generated.UNOFFICIAL' });
    expect(parseScanReply('3: stream: Odd Name(With) Space FOUND\0')).to.deep.equal({ kind: 'infected', signature: 'Odd Name(With) Space' });
  });

  it('keeps a signature name printable and bounded (it is shown and audited)', () => {
    const r = parseScanReply(`stream: Evil\u001b[31m${'x'.repeat(500)} FOUND`);
    expect(r.kind).to.equal('infected');
    const sig = (r as { signature: string }).signature;
    expect(sig).to.match(/^Evil\?\[31mx+$/);
    expect(sig.length).to.equal(200);
  });

  it("tells clamd's size limit apart from other errors", () => {
    expect(parseScanReply('INSTREAM size limit exceeded. ERROR\0')).to.deep.equal({ kind: 'size-limit', message: 'INSTREAM size limit exceeded.' });
    expect(parseScanReply("stream: Can't allocate memory ERROR\0")).to.deep.equal({ kind: 'error', message: "stream: Can't allocate memory" });
  });

  it('calls anything else an unexpected reply, never clean', () => {
    for (const raw of ['UNKNOWN COMMAND\0', '', 'stream: OKAY', 'stream:  FOUND', 'PONG']) {
      const r = parseScanReply(raw);
      expect(r.kind, raw).to.equal('error');
    }
  });

  it('recognises the answer to PING', () => {
    expect(isPong('PONG\0')).to.equal(true);
    expect(isPong('PONG\n')).to.equal(true);
    expect(isPong('stream: OK\0')).to.equal(false);
  });
});
