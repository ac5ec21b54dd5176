/**
 * Where the suite's time goes, per test file: with
 * TEST_FILE_TIMES=<file>, each file's wall time (its hooks included, which the reporters leave
 * out) is appended to that file as "<seconds> <test file>". In parallel mode mocha runs the root
 * hooks once per file, in the worker that runs it. The CPU seconds of the test process (its
 * threads included, child processes such as the browser not) follow, as "cpu <seconds>": less
 * bent by other work on the machine than the wall time. For finding what makes CI slow:
 *   TEST_FILE_TIMES=/tmp/t.txt npm test   (.mocharc.json loads this file in every run)
 *   sort -rn /tmp/t.txt | head
 */
import { appendFileSync } from 'node:fs';
import type { Context } from 'mocha';

let started = 0;
let cpuAtStart = process.cpuUsage();

const fileOf = (ctx: Context): string => ctx.test?.parent?.suites[0]?.file ?? '(unknown)';

export const mochaHooks = {
  beforeAll(this: Context) {
    started = performance.now();
    cpuAtStart = process.cpuUsage();
  },
  afterAll(this: Context) {
    const out = process.env.TEST_FILE_TIMES;
    const cpu = process.cpuUsage(cpuAtStart);
    const cpuSeconds = ((cpu.user + cpu.system) / 1e6).toFixed(1);
    if (out) appendFileSync(out, `${((performance.now() - started) / 1000).toFixed(1)} ${fileOf(this)} cpu ${cpuSeconds}\n`);
  },
};
