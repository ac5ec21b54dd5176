/** One office, two letters and the helpers the PAdES contract suites share. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createSigningAdapters, type SigningAdapters } from '../../../src/infra/signing/signing.adapters.ts';
import type { SigningCredential, StampedLetter } from '../../../src/ports/pdf-signing.ts';
import { nssTrusting, type NssTrust } from '../../support/nss.ts';
import { officeWithOfficial, plainLetter } from '../../support/signing-fixtures.ts';

const run = promisify(execFile);

export const PUBLIC_URL = 'https://naskah.bkd.example.go.id';

export interface SigningWorld extends SigningAdapters {
  root: SigningCredential;
  official: SigningCredential;
  letterA: StampedLetter;
  letterB: StampedLetter;
  nss: NssTrust;
  close(): Promise<void>;
}

export const stampLetter = async (s: SigningAdapters, body: string, code: string): Promise<StampedLetter> => {
  const { pdf, area } = await plainLetter(body);
  return s.stamper.stamp(
    pdf,
    {
      name: 'Dr. Ayu Wulandari, S.H., M.Si.',
      title: 'Kepala Badan',
      nip: '197803152005012003',
      date: '5 Maret 2025',
      letterNumber: `800/${code}/BKD/2025`,
      verifyCode: code,
    },
    { area },
  );
};

export const signingWorld = async (): Promise<SigningWorld> => {
  const adapters = createSigningAdapters({ publicUrl: PUBLIC_URL });
  const { root, official } = await officeWithOfficial(adapters.ca);
  const letterA = await stampLetter(adapters, 'Dengan hormat, kami mengundang Bapak/Ibu pada rapat koordinasi.', 'A1B2C3D4');
  const letterB = await stampLetter(adapters, 'Dengan hormat, kami sampaikan hasil seleksi jabatan pimpinan tinggi.', 'E5F6G7H8');
  const nss = await nssTrusting([adapters.ca.toPem(root.certificate)]);
  return {
    ...adapters,
    root,
    official,
    letterA,
    letterB,
    nss,
    close: async () => {
      await nss.close();
      await adapters.close();
    },
  };
};

const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

/** Where the (single) signature's /ByteRange and /Contents are in a signed file. */
export const signatureLayout = (pdf: Uint8Array) => {
  const text = latin1(pdf);
  const m = /\/ByteRange \[ (\d+) (\d+) (\d+) (\d+) *\]/.exec(text);
  if (!m) throw new Error('no byte range');
  const range = m.slice(1, 5).map(Number) as [number, number, number, number];
  const contents = text.indexOf('/Contents <', m.index) + '/Contents '.length;
  const head = Buffer.from(text.slice(contents + 1, contents + 13), 'hex');
  const n = head[1]! & 0x7f;
  const cmsHexLength = 2 * (head[1]! < 0x80 ? 2 + head[1]! : 2 + n + head.subarray(2, 2 + n).reduce((len, b) => len * 256 + b, 0));
  return {
    range,
    rangeAt: m.index + '/ByteRange '.length,
    rangeLength: m[0].length - '/ByteRange '.length,
    contentsStart: contents,
    contentsEnd: text.indexOf('>', contents) + 1,
    cmsHexLength,
  };
};

/** The same file with its /ByteRange rewritten in place (same length, space-padded). */
export const withByteRange = (pdf: Uint8Array, range: number[]): Uint8Array => {
  const l = signatureLayout(pdf);
  const out = Buffer.from(pdf);
  const text = `[ ${range.join(' ')} ]`.padEnd(l.rangeLength, ' ');
  if (text.length !== l.rangeLength) throw new Error('range text too long');
  out.write(text, l.rangeAt, 'latin1');
  return out;
};

/** The CMS (DER, padding stripped) and the bytes it signs, from a signed file. */
export const cmsAndContent = (pdf: Uint8Array): { cms: Buffer; content: Buffer } => {
  const l = signatureLayout(pdf);
  const cms = Buffer.from(latin1(pdf).slice(l.contentsStart + 1, l.contentsStart + 1 + l.cmsHexLength), 'hex');
  const [a, b, c, d] = l.range;
  return { cms, content: Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]) };
};

/** `openssl cms -verify` on the signature and the signed bytes; also its `-cmsout -print` dump. */
export const opensslCms = async (pdf: Uint8Array, rootPem: string): Promise<{ verified: boolean; output: string; dump: string }> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-cms-'));
  const f = (n: string) => path.join(dir, n);
  try {
    const { cms, content } = cmsAndContent(pdf);
    await writeFile(f('sig.der'), cms);
    await writeFile(f('content.bin'), content);
    await writeFile(f('root.pem'), rootPem);
    const dump = (await run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', f('sig.der')], { maxBuffer: 1 << 24 })).stdout;
    try {
      const r = await run('openssl', [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        f('sig.der'),
        '-content',
        f('content.bin'),
        '-CAfile',
        f('root.pem'),
        '-purpose',
        'any',
        '-out',
        f('out.bin'),
      ]);
      return { verified: /Verification successful/.test(r.stderr), output: r.stderr, dump };
    } catch (err) {
      return { verified: false, output: String((err as { stderr?: string }).stderr ?? err), dump };
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
