/**
 * The native references of the OCR bench: Debian's tesseract CLI and OCRmyPDF (plus
 * unpaper for --clean). Installed with apt-get when missing.
 *
 * Each reference runs with a language string and a model folder, so it can be given what
 * Naskah reads with (`ind+eng`, the npm tessdata_best integer models) as well as what the
 * documented references use (`-l ind`, Debian's tessdata_fast models).
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

const PACKAGES = ['tesseract-ocr', 'tesseract-ocr-ind', 'tesseract-ocr-eng', 'ocrmypdf', 'unpaper'];

/** Debian's models (tesseract-ocr-ind, -eng: tessdata_fast, LSTM only) and its configs and osd. */
export const DEBIAN_TESSDATA = '/usr/share/tesseract-ocr/5/tessdata';

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
  const langs = (() => {
    try {
      return execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch {
      return '';
    }
  })();
  const ok = /^ind$/m.test(langs) && /^eng$/m.test(langs) && /^osd$/m.test(langs) && has('ocrmypdf', ['--version']) && has('unpaper', ['--version']);
  if (ok) return;
  log(`installing Debian packages for the OCR references: ${PACKAGES.join(' ')} (apt-get)`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...PACKAGES], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
};

/**
 * A tessdata folder for the native tools holding the very models Naskah reads by default
 * (the npm `4.0.0_best_int` files of @tesseract.js-data/ind and /eng, gunzipped), plus
 * Debian's osd model and config files, which OCRmyPDF's --rotate-pages and output need.
 */
export const npmModelsTessdata = async (dir: string, langs: string[]): Promise<string> => {
  await mkdir(dir, { recursive: true });
  for (const lang of langs) {
    const gz = path.join(path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)), '4.0.0_best_int', `${lang}.traineddata.gz`);
    await writeFile(path.join(dir, `${lang}.traineddata`), gunzipSync(await readFile(gz)));
  }
  for (const name of ['osd.traineddata', 'configs', 'tessconfigs']) await symlink(path.join(DEBIAN_TESSDATA, name), path.join(dir, name));
  return dir;
};

/** How a native reference reads: a tesseract language string and the model folder. */
export interface NativeSetting {
  /** e.g. 'ind' or 'ind+eng'. */
  lang: string;
  /** A tessdata folder; Debian's when undefined. */
  tessdataDir?: string;
}

/**
 * Native tesseract on one image, one thread (its fastest setting on 2 cores), PSM 3, LSTM.
 * A new process per page: its time includes start-up and loading the models (measure that
 * with a blank image, see ocr.bench.ts). Also returns its CPU seconds (bash's `times` after
 * the run), which a busy machine distorts less than wall time.
 */
export const nativeTesseract = async (imagePath: string, outBase: string, setting: NativeSetting): Promise<{ text: string; cpuS: number }> => {
  const dirArgs = setting.tessdataDir ? `--tessdata-dir "$4"` : '';
  const script = `tesseract "$1" "$2" ${dirArgs} -l "$3" --oem 1 --dpi 300 2>/dev/null && cat "$2.txt" && echo "@@times" && times`;
  const { stdout } = await run('bash', ['-c', script, 'bash', imagePath, outBase, setting.lang, setting.tessdataDir ?? ''], {
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
 * OCRmyPDF as Paperless-ngx runs it by default (deskew, rotate pages, clean with unpaper,
 * PDF/A), with the given languages and models (TESSDATA_PREFIX). Paperless keeps the text of
 * OCRmyPDF's `--sidecar` file (tesseract's own text, pages separated by form feeds), so we do too.
 */
export const ocrmypdfPages = async (inPdf: string, outPdf: string, pages: number, jobs: number, setting: NativeSetting): Promise<string[]> => {
  const sidecar = `${outPdf}.txt`;
  await run(
    'ocrmypdf',
    [
      '-l',
      setting.lang,
      '--deskew',
      '--rotate-pages',
      '--clean',
      '--output-type',
      'pdfa',
      '--sidecar',
      sidecar,
      '--jobs',
      String(jobs),
      '--quiet',
      inPdf,
      outPdf,
    ],
    {
      env: { ...process.env, OMP_THREAD_LIMIT: '1', ...(setting.tessdataDir ? { TESSDATA_PREFIX: setting.tessdataDir } : {}) },
      maxBuffer: 64 * 2 ** 20,
    },
  );
  const texts = (await readFile(sidecar, 'utf8')).split('\f');
  return Array.from({ length: pages }, (_, i) => texts[i] ?? '');
};
