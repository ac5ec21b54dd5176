import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { isAppError } from '../../../../src/domain/errors.ts';
import { assertStreamsBounded, type StreamBudget } from '../../../../src/infra/extract/pdf-stream-guard.ts';
import { ensureFixture } from '../../../support/fixtures.ts';
import { rejection } from '../../../support/rejection.ts';

const KB = 1024;

/** PDF-shaped bytes: the guard needs no valid PDF, only `stream` keywords and the data after them. */
const objects = (...streams: { data: Buffer; eol?: string }[]) =>
  Buffer.concat([
    Buffer.from('%PDF-1.7\n'),
    ...streams.flatMap((s, i) => [
      Buffer.from(`${i + 1} 0 obj << /Length ${s.data.length} /Filter /FlateDecode >>\nstream${s.eol ?? '\n'}`),
      s.data,
      Buffer.from('\nendstream\nendobj\n'),
    ]),
    Buffer.from('%%EOF\n'),
  ]);
const deflated = (bytes: number) => deflateSync(Buffer.alloc(bytes, 0x41));

describe('PDF stream guard: compressed parts may not expand past a budget', () => {
  let dir: string;
  before(async () => (dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-guard-'))));
  after(() => rm(dir, { recursive: true, force: true }));
  const check = async (bytes: Buffer, budget: StreamBudget) => {
    const file = path.join(dir, `f-${Math.random()}.pdf`);
    await writeFile(file, bytes);
    return assertStreamsBounded(file, budget).then(
      () => 'ok',
      (e: unknown) => e,
    );
  };

  it('measures what each stream inflates to, whatever its EOL after the keyword and across every read edge', async () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const pdf = objects({ data: deflated(200 * KB), eol });
      for (const scanChunkBytes of [undefined, 7, 64]) {
        expect(
          await check(pdf, { maxStreamBytes: 300 * KB, ...(scanChunkBytes ? { scanChunkBytes } : {}) }),
          `${JSON.stringify(eol)} ${scanChunkBytes}`,
        ).to.equal('ok');
        const err = await check(pdf, { maxStreamBytes: 150 * KB, ...(scanChunkBytes ? { scanChunkBytes } : {}) });
        expect(isAppError(err) && err.code, `${JSON.stringify(eol)} ${scanChunkBytes}`).to.equal('invalid');
        expect((err as Error).message).to.match(/expands to more than 0 MB/);
      }
    }
  });

  it('adds the streams up against the total budget', async () => {
    const pdf = objects({ data: deflated(60 * KB) }, { data: deflated(60 * KB) }, { data: deflated(60 * KB) });
    expect(await check(pdf, { maxStreamBytes: 100 * KB, maxTotalBytes: 200 * KB })).to.equal('ok');
    const err = await check(pdf, { maxStreamBytes: 100 * KB, maxTotalBytes: 150 * KB });
    expect((err as Error).message).to.match(/in all/);
  });

  it('takes no notice of data that is not deflate (a JPEG), of `endstream`, or of a keyword without an end of line', async () => {
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), deflated(500 * KB)]);
    const pdf = Buffer.concat([objects({ data: jpeg }), Buffer.from('endstream\n'), Buffer.from('streamx'), deflated(500 * KB)]);
    expect(await check(pdf, { maxStreamBytes: 100 * KB })).to.equal('ok');
  });

  it('passes the generated letters and scans, and refuses both bombs', async () => {
    for (const name of ['letter-3p.pdf', 'scan-2p.pdf', 'javascript.pdf'] as const)
      expect(await assertStreamsBounded(await ensureFixture(name), { maxStreamBytes: 16 * 2 ** 20 }).then(() => 'ok')).to.equal('ok');
    for (const name of ['image-bomb.pdf', 'flate-bomb.pdf'] as const) {
      const err = await rejection(assertStreamsBounded(await ensureFixture(name), { maxStreamBytes: 128 * 2 ** 20 }));
      expect((err as Error).message, name).to.match(/expands to more than 128 MB/);
    }
  });
});
