/**
 * A large, valid PDF written straight to disk: A4 pages each showing one 300 dpi random-noise
 * JPEG (incompressible, about 7 MB), so a 500 MB file is ~75 pages. Only `distinct` JPEGs are
 * encoded and reused, each page still holding its own copy as its own object, so the writer
 * never holds more than those few images in memory. A fixed-width run counter sits in a comment
 * near the start: bumpRun() rewrites it in place so each upload is new bytes (a new sha256)
 * without rewriting the file.
 */
import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import sharp from 'sharp';

const W = 2480;
const H = 3508;
const A4 = '595.28 841.89';
const RUN_TAG = '%naskah-bench-run ';
const RUN_DIGITS = 10;

/** Encodes `n` different noise pages as JPEG. */
const noiseJpegs = async (n: number): Promise<Buffer[]> => {
  const out: Buffer[] = [];
  for (let i = 0; i < n; i++)
    out.push(
      await sharp(randomBytes(W * H * 3), { raw: { width: W, height: H, channels: 3 } })
        .jpeg({ quality: 90 })
        .toBuffer(),
    );
  return out;
};

export interface NoisePdf {
  path: string;
  size: number;
  pages: number;
}

/** Writes a PDF of at least `targetBytes` (whole pages) to `filePath`. */
export const writeNoisePdf = async (filePath: string, targetBytes: number, distinct = 6): Promise<NoisePdf> => {
  const jpegs = await noiseJpegs(distinct);
  const fh = await open(filePath, 'wx', 0o600);
  let pos = 0;
  const offsets: number[] = [];
  const put = async (data: string | Buffer) => {
    const buf = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    await fh.write(buf, 0, buf.length, pos);
    pos += buf.length;
  };
  const obj = async (num: number, body: string | Buffer[]) => {
    offsets[num] = pos;
    await put(`${num} 0 obj\n`);
    if (typeof body === 'string') await put(body);
    else for (const b of body) await put(b);
    await put('\nendobj\n');
  };
  try {
    await put(`%PDF-1.7\n%\xe2\xe3\xcf\xd3\n${RUN_TAG}${'0'.repeat(RUN_DIGITS)}\n`);
    await obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
    const kids: number[] = [];
    const content = `q ${A4.split(' ')[0]} 0 0 ${A4.split(' ')[1]} 0 0 cm /Im0 Do Q`;
    let next = 3;
    for (let i = 0; pos < targetBytes; i++) {
      const jpeg = jpegs[i % jpegs.length]!;
      const [img, cnt, page] = [next, next + 1, next + 2];
      next += 3;
      await obj(img, [
        Buffer.from(
          `<< /Type /XObject /Subtype /Image /Width ${W} /Height ${H} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`,
          'latin1',
        ),
        jpeg,
        Buffer.from('\nendstream', 'latin1'),
      ]);
      await obj(cnt, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
      await obj(page, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${A4}] /Resources << /XObject << /Im0 ${img} 0 R >> >> /Contents ${cnt} 0 R >>`);
      kids.push(page);
    }
    await obj(2, `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`);
    const xref = pos;
    const rows = [`xref\n0 ${next}\n`, '0000000000 65535 f \n'];
    for (let n = 1; n < next; n++) rows.push(`${String(offsets[n]).padStart(10, '0')} 00000 n \n`);
    await put(rows.join(''));
    await put(`trailer\n<< /Size ${next} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
    return { path: filePath, size: pos, pages: kids.length };
  } finally {
    await fh.close();
  }
};

/** Rewrites the run counter in place: same size, same offsets, different bytes. */
export const bumpRun = async (filePath: string, run: number): Promise<void> => {
  const fh = await open(filePath, 'r+');
  try {
    const at = Buffer.byteLength(`%PDF-1.7\n%\xe2\xe3\xcf\xd3\n${RUN_TAG}`, 'latin1');
    await fh.write(Buffer.from(String(run).padStart(RUN_DIGITS, '0'), 'latin1'), 0, RUN_DIGITS, at);
  } finally {
    await fh.close();
  }
};
