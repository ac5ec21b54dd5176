/**
 * Inputs that once made a parser quadratic, timed here rather than in the tests (whose job is
 * what the answer is, not how fast): the signature scan of an uploaded PDF over 2 MB of repeated
 * hostile fragments, and the letter renderer breaking one unbreakable 50,000-letter word.
 * - The scan against one SHA-256 pass over the same bytes (a linear reference, same run): it reads
 *   the file a few times over, so a few times the hash is linear; the quadratic scan took minutes,
 *   thousands of times the hash. Bar: ≤ 20 × the hash (measured about 6 ×) (worst of the five fragments). Milliseconds at
 *   this size are too short to time a growth reliably, hence a reference rather than two sizes.
 * - The renderer at full size and at a tenth of it: linear work grows 10×, quadratic 100×. The bar
 *   is on that growth (full / (10 × tenth) ≤ 2), so a slow machine does not fail it and a quadratic
 *   break cannot pass it.
 */
import { createHash } from 'node:crypto';
import { createPadesVerifier } from '../../src/infra/signing/pades.verifier.ts';
import { createPdfLibLetterRenderer } from '../../src/infra/pdf/pdf-lib.letter-renderer.ts';
import type { LetterContent } from '../../src/ports/letter-renderer.ts';
import { type Bench, type BenchFigure, median } from './figure.ts';

/** The fragments a hostile uploader can repeat (test/unit/infra/signing/pdf-signature-scan.test.ts). */
const HOSTILE = ['1 0 obj /Type/Sig\n', '1 0 obj /Type/Sig endobj\n', '/ByteRange [', '/Type/Sig\n', '1 0 obj /Type/Sig /Contents </M (D:'];

const repeatedTo = (unit: string, size: number) => new Uint8Array(Buffer.from(`%PDF-1.7\n${unit.repeat(Math.ceil(size / unit.length))}`, 'latin1'));

const letter = (body: string): LetterContent => ({
  officeName: 'Pemerintah Kabupaten Sleman',
  unitName: 'Badan Kepegawaian Daerah',
  placeAndDate: 'Sleman, 5 Maret 2025',
  letterNumber: null,
  attachments: '-',
  subject: 'Kata yang sangat panjang',
  addressee: 'Yth. Kepala Dinas\ndi\nTempat',
  body,
  signer: { title: 'Kepala Badan Kepegawaian Daerah', name: 'Dr. Siti Rahayu, S.H.' },
  documentKey: 'naskah:bench:long-word',
  renderedAt: new Date('2025-03-05T02:00:00Z'),
});

/** Median milliseconds of `rounds` runs of `fn`. */
const timed = async (rounds: number, fn: () => Promise<unknown>): Promise<number> => {
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return median(ms);
};

/** A figure for the growth from a tenth of the input to all of it: linear is ratio 1. */
const growth = (name: string, full: number, tenth: number): BenchFigure => ({
  name,
  value: full,
  unit: 'ms',
  reference: { name: '10 × the time for a tenth of the input', value: 10 * tenth },
  bar: { op: '<=', limit: 2, of: 'ratio', row: 'render-linear' },
  note: `a tenth: ${tenth.toFixed(1)} ms (linear work: ratio about 1; quadratic: about 10)`,
});

const bench: Bench = async ({ quick }) => {
  const rounds = quick ? 1 : 3;
  const verifier = createPadesVerifier();
  const figures: BenchFigure[] = [];
  let worst = { unit: '', scan: 0, hash: 1 };
  for (const unit of HOSTILE) {
    const pdf = repeatedTo(unit, 2_000_000);
    await verifier.verify(pdf, []); // warm
    const scan = await timed(rounds + 2, () => verifier.verify(pdf, []));
    const hash = await timed(rounds + 2, async () => createHash('sha256').update(pdf).digest());
    if (scan / hash > worst.scan / worst.hash) worst = { unit, scan, hash };
  }
  figures.push({
    name: `signature scan of 2 MB of a repeated hostile fragment (worst of ${HOSTILE.length}: ${JSON.stringify(worst.unit)})`,
    value: worst.scan,
    unit: 'ms',
    reference: { name: 'SHA-256 of the same bytes', value: worst.hash },
    bar: { op: '<=', limit: 20, of: 'ratio', row: 'scan-linear' },
    note: 'the quadratic scan this guards against took minutes',
  });

  const renderer = createPdfLibLetterRenderer();
  const word = async (n: number) => timed(rounds, () => renderer.render(letter('x'.repeat(n))));
  await word(1000); // fonts loaded once, outside the figure
  figures.push(growth('letter with one unbreakable 50,000-letter word, rendered', await word(50_000), await word(5_000)));
  return figures;
};

export default bench;
