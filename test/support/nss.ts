import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What poppler's pdfsig printed for one file (it exits non-zero when a signature fails). */
export interface PdfsigResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A throwaway NSS database that trusts the given roots, and pdfsig run against it (throws unless pdfsig ran and found a signature). */
export interface NssTrust {
  dir: string;
  pdfsig(pdf: Uint8Array): Promise<PdfsigResult>;
  close(): Promise<void>;
}

/**
 * Makes an NSS database (`certutil -N --empty-password`) in a temp directory and adds each PEM
 * root with trust "CT,C,C" (the middle C trusts it for signed mail, which is what poppler asks).
 */
export const nssTrusting = async (rootsPem: string[]): Promise<NssTrust> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-nss-'));
  await run('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  for (const [i, pem] of rootsPem.entries()) {
    const file = path.join(dir, `root-${i}.pem`);
    await writeFile(file, pem);
    await run('certutil', ['-A', '-n', `root-${i}`, '-t', 'CT,C,C', '-i', file, '-d', `sql:${dir}`]);
  }
  let n = 0;
  return {
    dir,
    async pdfsig(pdf) {
      const file = path.join(dir, `check-${n++}.pdf`);
      await writeFile(file, pdf);
      try {
        let r: PdfsigResult;
        try {
          const { stdout, stderr } = await run('pdfsig', ['-nssdir', `sql:${dir}`, file]);
          r = { code: 0, stdout, stderr };
        } catch (err) {
          const e = err as { code?: number | string; stdout?: string; stderr?: string };
          // A pdfsig that did not run (not installed, killed) is no verdict: fail, never an empty "not valid".
          if (typeof e.code !== 'number') throw err;
          r = { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
        }
        if (!/Signature #1:/.test(r.stdout)) throw new Error(`pdfsig reported no signature (exit ${r.code}): ${r.stdout}${r.stderr}`);
        return r;
      } finally {
        await rm(file, { force: true });
      }
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
};

/** `qpdf --check` on the bytes: exit code and output (0 and "No syntax or stream encoding errors found" when clean). */
export const qpdfCheck = async (pdf: Uint8Array): Promise<PdfsigResult> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-qpdf-'));
  const file = path.join(dir, 'check.pdf');
  try {
    await writeFile(file, pdf);
    const { stdout, stderr } = await run('qpdf', ['--check', file]);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

/** The text layer by poppler's pdftotext (what a reader's copy and search see). */
export const pdfText = async (pdf: Uint8Array): Promise<string> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-text-'));
  try {
    await writeFile(path.join(dir, 'in.pdf'), pdf);
    const { stdout } = await run('pdftotext', ['-layout', path.join(dir, 'in.pdf'), '-']);
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
