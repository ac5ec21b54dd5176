/**
 * The native references of the OCR bench: Debian's tesseract CLI and OCRmyPDF (plus
 * unpaper for --clean). Installed with apt-get when missing.
 */
import { execFile, execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

const PACKAGES = ['tesseract-ocr', 'tesseract-ocr-ind', 'ocrmypdf', 'unpaper'];

const has = (cmd: string, args: string[], expect?: RegExp): boolean => {
  try {
    const out = execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return expect ? expect.test(out) : true;
  } catch {
    return false;
  }
};

/** Installs the Debian packages the references need, saying so, when any is missing. */
export const ensureNativeTools = (log: (s: string) => void): void => {
  const ok =
    has('tesseract', ['--list-langs'], /^ind$/m) && has('ocrmypdf', ['--version']) && has('unpaper', ['--version']);
  if (ok) return;
  log(`installing Debian packages for the OCR references: ${PACKAGES.join(' ')} (apt-get)`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...PACKAGES], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
};

/**
 * Native tesseract on one image, one thread (its fastest setting on 2 cores), PSM 3. Also
 * returns its CPU seconds (bash's `times` after the run), which a busy machine distorts less
 * than wall time.
 */
export const nativeTesseract = async (imagePath: string, outBase: string): Promise<{ text: string; cpuS: number }> => {
  const { stdout } = await run('bash', ['-c', 'tesseract "$1" "$2" -l ind --dpi 300 2>/dev/null && cat "$2.txt" && echo "@@times" && times', 'bash', imagePath, outBase], {
    env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    maxBuffer: 64 * 2 ** 20,
  });
  const [text = '', times = ''] = stdout.split('@@times\n');
  // Second line of `times`: children's user and system time, e.g. "0m1.630s 0m0.052s".
  const child = times.split('\n')[1] ?? '';
  const cpuS = [...child.matchAll(/(\d+)m([\d.]+)s/g)].reduce((s, m) => s + Number(m[1]) * 60 + Number(m[2]), 0);
  return { text, cpuS };
};

/**
 * OCRmyPDF as Paperless-ngx runs it by default. Paperless keeps the text of OCRmyPDF's
 * `--sidecar` file (tesseract's own text, pages separated by form feeds), so we do too.
 */
export const ocrmypdfPages = async (inPdf: string, outPdf: string, pages: number, jobs: number): Promise<string[]> => {
  const sidecar = `${outPdf}.txt`;
  await run(
    'ocrmypdf',
    ['-l', 'ind', '--deskew', '--rotate-pages', '--clean', '--output-type', 'pdfa', '--sidecar', sidecar, '--jobs', String(jobs), '--quiet', inPdf, outPdf],
    { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 64 * 2 ** 20 },
  );
  const texts = (await readFile(sidecar, 'utf8')).split('\f');
  return Array.from({ length: pages }, (_, i) => texts[i] ?? '');
};
