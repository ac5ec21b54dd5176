/**
 * Signing and verification speed (issue 5) for a one-page letter from the letter renderer,
 * stamped (clean rewrite + signature block + QR code) once, then:
 * - signatures/s: `PdfSigner.sign` (pdf-lib load, placeholder, save, SHA-256 over the byte
 *   range, CMS with Node's crypto.sign RSA-2048, hex into /Contents) back to back on Node's
 *   main thread, one core. Reference in the same run: `openssl cms -sign -binary -md sha256` of
 *   the same stamped bytes with the same key and chain, N invocations in one shell loop (each a
 *   process, as a caller of the CLI pays). Bar: ≥ 100/s (docs/quality.md).
 * - verifications/s: `PdfVerifier.verify` of the signed letter, in the verifier's thread as the server runs it, one call at a time (byte range, digest, CMS
 *   signature, signing-certificate-v2, chain to the root, structure checks). Reference:
 *   `openssl cms -verify` of the same signature over the same bytes, same loop. Bar: ≥ 200/s.
 * Rounds alternate ours and OpenSSL (5 rounds, --quick 2); medians of the rounds' rates.
 * Those OpenSSL references are mostly process start-up. So each rate is also set against an
 * in-process reference (no bar): `openssl speed rsa2048`'s raw RSA-2048 sign and verify rates
 * (no hashing, no CMS, no PDF: the ceiling for one core), and Node's own `crypto.sign` /
 * `crypto.verify` of SHA-256 + RSA-2048 over the same signed bytes (what our signer pays
 * beyond the PDF and CMS work).
 * Also, without bars: stamping time, and signing with an RFC 3161 timestamp from a local
 * `openssl ts` authority (dominated by starting that process).
 */
import { execFile } from 'node:child_process';
import { createPublicKey, sign, verify } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createPdfLibLetterRenderer } from '../../src/infra/pdf/pdf-lib.letter-renderer.ts';
import { createPadesSigner } from '../../src/infra/signing/pades.signer.ts';
import { createSigningAdapters } from '../../src/infra/signing/signing.adapters.ts';
import { cmsAndContent } from '../../test/contract/signing/signing-world.ts';
import { startTsa } from '../../test/support/tsa.ts';
import { type Bench, type BenchFigure, median } from './figure.ts';
import { inMemorySigningKey } from '../../src/infra/signing/local.signing-key.ts';

const run = promisify(execFile);
const HOUR = 3600_000;

/** Raw RSA-2048 sign and verify operations per second on one core, by `openssl speed` (machine-readable line `+F2:k:bits:sign/s:verify/s`). */
const opensslSpeed = async (seconds: number): Promise<{ sign: number; verify: number }> => {
  const { stdout } = await run('openssl', ['speed', '-seconds', String(seconds), '-mr', 'rsa2048']);
  const m = /^\+F2:\d+:2048:([\d.]+):([\d.]+)$/m.exec(stdout);
  if (!m) throw new Error(`openssl speed printed no RSA-2048 line: ${stdout}`);
  return { sign: Number(m[1]), verify: Number(m[2]) };
};

/** Operations per second of `fn`, run back to back for about `ms`. */
const rate = (ms: number, fn: () => void): number => {
  const t = performance.now();
  let n = 0;
  while (performance.now() - t < ms) {
    fn();
    n++;
  }
  return n / ((performance.now() - t) / 1000);
};

/** Seconds for `n` runs of an openssl command in one shell loop. */
const shellLoop = async (n: number, cmd: string): Promise<number> => {
  const t = performance.now();
  await run('bash', ['-c', `for i in $(seq ${n}); do ${cmd} || exit 1; done`]);
  return (performance.now() - t) / 1000;
};

const bench: Bench = async ({ quick }) => {
  const log = (m: string) => console.log(`  ${m}`);
  const rounds = quick ? 2 : 5;
  const perRound = quick ? 40 : 150;
  const cliPerRound = quick ? 20 : 60;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-signing-bench-'));
  const s = createSigningAdapters({ publicUrl: 'https://naskah.example.go.id' });
  const f = (n: string) => path.join(dir, n);
  try {
    const root = await s.ca.createRoot({
      subject: { name: 'Root CA Bench', organization: 'Kantor Bench' },
      notBefore: new Date(Date.now() - HOUR),
      notAfter: new Date(Date.now() + 30 * 24 * HOUR),
    });
    const official = await s.ca.issue(root, {
      subject: { name: 'Dr. Ayu Wulandari, S.H., M.Si.', title: 'Kepala Badan', nip: '197803152005012003', organization: 'Kantor Bench' },
      notBefore: new Date(Date.now() - HOUR),
      notAfter: new Date(Date.now() + 7 * 24 * HOUR),
    });
    const letter = await createPdfLibLetterRenderer().render({
      officeName: 'Pemerintah Kota Contoh',
      unitName: 'Badan Kepegawaian Daerah',
      placeAndDate: 'Kota Contoh, 5 Maret 2025',
      letterNumber: null,
      attachments: '1 (satu) berkas',
      subject: 'Undangan Rapat Koordinasi Kepegawaian',
      addressee: 'Yth. Kepala Dinas Pendidikan\ndi Kota Contoh',
      body: 'Dengan hormat,\n\nDalam rangka penataan jabatan fungsional, kami mengundang Bapak/Ibu untuk hadir pada rapat koordinasi yang akan dilaksanakan pada hari Senin, 10 Maret 2025, pukul 09.00 WIB, bertempat di ruang rapat Badan Kepegawaian Daerah.\n\nDemikian, atas perhatian dan kehadirannya kami ucapkan terima kasih.',
      signer: { title: 'Kepala Badan', name: 'Dr. Ayu Wulandari, S.H., M.Si.', nip: '197803152005012003' },
      documentKey: 'bench',
      renderedAt: new Date(),
    });
    const stampOnce = () =>
      s.stamper.stamp(
        letter.pdf,
        {
          name: 'Dr. Ayu Wulandari, S.H., M.Si.',
          title: 'Kepala Badan',
          nip: '197803152005012003',
          date: '5 Maret 2025',
          letterNumber: '800/17/BKD/2025',
          verifyCode: 'BENCH001',
        },
        { area: letter.signatureArea, numberArea: letter.numberArea },
      );
    const stamped = await stampOnce();
    const stampMs: number[] = [];
    for (let i = 0; i < (quick ? 5 : 20); i++) {
      const t = performance.now();
      await stampOnce();
      stampMs.push(performance.now() - t);
    }
    const signed = await s.signer.sign(stamped, inMemorySigningKey(official));
    const check = await s.verifier.verify(signed.pdf, [root.certificate]);
    if (!check.valid) throw new Error(`the bench letter does not verify: ${JSON.stringify(check)}`);
    log(`letter: ${letter.pages} page, rendered ${letter.pdf.length} B, stamped ${stamped.pdf.length} B, signed ${signed.pdf.length} B`);

    // The same bytes, key and chain for OpenSSL.
    await writeFile(f('stamped.pdf'), stamped.pdf);
    await writeFile(f('key.pem'), official.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await writeFile(f('cert.pem'), s.ca.toPem(official.certificate));
    await writeFile(f('root.pem'), s.ca.toPem(root.certificate));
    const { cms, content } = cmsAndContent(signed.pdf);
    await writeFile(f('sig.der'), cms);
    await writeFile(f('content.bin'), content);
    const opensslSign = `openssl cms -sign -binary -md sha256 -in ${f('stamped.pdf')} -signer ${f('cert.pem')} -inkey ${f('key.pem')} -certfile ${f('root.pem')} -outform DER -out ${f('o.der')}`;
    const opensslVerify = `openssl cms -verify -binary -inform DER -in ${f('sig.der')} -content ${f('content.bin')} -CAfile ${f('root.pem')} -purpose any -out /dev/null 2>/dev/null`;

    for (let i = 0; i < 20; i++) {
      await s.signer.sign(stamped, inMemorySigningKey(official));
      await s.verifier.verify(signed.pdf, [root.certificate]);
    }
    const ours = { sign: [] as number[], verify: [] as number[] };
    const cli = { sign: [] as number[], verify: [] as number[] };
    for (let r = 0; r < rounds; r++) {
      let t = performance.now();
      for (let i = 0; i < perRound; i++) await s.signer.sign(stamped, inMemorySigningKey(official));
      ours.sign.push(perRound / ((performance.now() - t) / 1000));
      cli.sign.push(cliPerRound / (await shellLoop(cliPerRound, opensslSign)));
      t = performance.now();
      for (let i = 0; i < perRound; i++) await s.verifier.verify(signed.pdf, [root.certificate]);
      ours.verify.push(perRound / ((performance.now() - t) / 1000));
      cli.verify.push(cliPerRound / (await shellLoop(cliPerRound, opensslVerify)));
      log(
        `round ${r + 1}: sign ${ours.sign[r]!.toFixed(0)}/s (openssl ${cli.sign[r]!.toFixed(0)}/s), verify ${ours.verify[r]!.toFixed(0)}/s (openssl ${cli.verify[r]!.toFixed(0)}/s)`,
      );
    }

    const figures: BenchFigure[] = [
      {
        name: 'signatures per second, 1-page letter, one core',
        value: median(ours.sign),
        unit: 'sig/s',
        reference: { name: '`openssl cms -sign` on the same bytes (a process each)', value: median(cli.sign) },
        bar: { op: '>=', limit: 100, of: 'value', row: 'signing' },
        note: `PAdES B-B, RSA-2048, chain of 2; ${rounds}×${perRound}`,
      },
      {
        name: 'verifications per second, 1-page letter, one core',
        value: median(ours.verify),
        unit: 'verif/s',
        reference: { name: '`openssl cms -verify` of the same signature (a process each)', value: median(cli.verify) },
        bar: { op: '>=', limit: 200, of: 'value', row: 'verification' },
        note: 'byte range, digest, CMS, ESS, chain, structure',
      },
      { name: 'stamp (clean rewrite + block + QR), 1-page letter, median', value: median(stampMs), unit: 'ms' },
    ];

    // In-process references: the same key and bytes through Node's crypto, and OpenSSL's raw RSA rate.
    const speed = await opensslSpeed(quick ? 1 : 3);
    const publicKey = createPublicKey(official.privateKey);
    const rawSignature = sign('sha256', content, official.privateKey);
    const nodeSign = rate(quick ? 500 : 2000, () => sign('sha256', content, official.privateKey));
    const nodeVerify = rate(quick ? 500 : 2000, () => verify('sha256', content, publicKey, rawSignature));
    figures.push(
      {
        name: 'signatures per second against raw RSA-2048 in process',
        value: median(ours.sign),
        unit: 'sig/s',
        reference: { name: '`openssl speed rsa2048` sign (no hash, CMS or PDF)', value: speed.sign },
        note: `no bar; Node crypto.sign SHA-256 + RSA-2048 of the same ${content.length} bytes: ${nodeSign.toFixed(0)}/s`,
      },
      {
        name: 'verifications per second against raw RSA-2048 in process',
        value: median(ours.verify),
        unit: 'verif/s',
        reference: { name: '`openssl speed rsa2048` verify (no hash, CMS or PDF)', value: speed.verify },
        note: `no bar; Node crypto.verify of the same bytes: ${nodeVerify.toFixed(0)}/s (ours also checks the chain, ESS attributes and the PDF's structure)`,
      },
    );

    const tsa = await startTsa();
    try {
      const tsSigner = createPadesSigner({ timestampUrl: tsa.url });
      const tsMs: number[] = [];
      for (let i = 0; i < (quick ? 3 : 10); i++) {
        const t = performance.now();
        await tsSigner.sign(stamped, inMemorySigningKey(official));
        tsMs.push(performance.now() - t);
      }
      figures.push({
        name: 'sign with RFC 3161 timestamp (local openssl ts authority), median',
        value: median(tsMs),
        unit: 'ms',
        note: 'mostly the authority starting openssl per request',
      });
    } finally {
      await tsa.close();
    }
    return figures;
  } finally {
    await s.close();
    await rm(dir, { recursive: true, force: true });
  }
};

export default bench;
