/**
 * Audit append throughput (issue 3): 50 async writers appending at once through
 * `db.audit.append` (each append its own transaction, as a use case outside one would), on
 * embedded SQLite (a temp data dir) and on MySQL/MariaDB when BENCH_MYSQL_URL or TEST_MYSQL_URL
 * is set (e.g. mysql://root@127.0.0.1:3306/test: the bench creates a database of its own there
 * and drops it afterwards, never touching another one).
 * - entries/s with 50 concurrent writers, against one writer appending on the same database in
 *   the same run (reference). Rounds alternate one writer and 50 writers (3 rounds, --quick 1);
 *   medians. docs/quality.md sets no bar for this: a plain figure.
 * - the chain after all rounds: `verifyAudit` finds it intact, seqs run 1..N with no gap or
 *   repeat, N is every append acknowledged, the chain head says N, and each stored hash is the
 *   one its writer was given (bar: intact, 0 errors).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Sequelize } from 'sequelize';
import { verifyAudit } from '../../src/app/audit/verify-audit.ts';
import type { Config } from '../../src/config/config.ts';
import { openSequelizeDatabase } from '../../src/infra/db/sequelize.database.ts';
import type { Database } from '../../src/ports/repositories.ts';
import { type Bench, type BenchFigure, median, percentile } from './figure.ts';

const WRITERS = 50;

interface BenchDatabase {
  name: string;
  config: Config['database'];
  /** What the figures ran on (version, durability settings). */
  describe(): Promise<string>;
  drop(): Promise<void>;
}

const sqliteDatabase = async (): Promise<BenchDatabase> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-audit-bench-'));
  return {
    name: 'SQLite',
    config: { dialect: 'sqlite', url: `sqlite:${path.join(dir, 'naskah.sqlite')}` },
    describe: async () => `SQLite (WAL, synchronous=FULL) in ${os.tmpdir()}`,
    drop: () => rm(dir, { recursive: true, force: true }),
  };
};

/** A fresh schema on the server `base` points at, created here and dropped by `drop`. */
const mysqlDatabase = async (base: string): Promise<BenchDatabase> => {
  const name = `naskah_bench_${randomBytes(5).toString('hex')}`;
  const admin = () => new Sequelize(base.replace(/^mariadb:/, 'mysql:'), { logging: false, dialect: 'mysql' });
  const a = admin();
  try {
    await a.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await a.close();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    name: 'MySQL',
    config: { dialect: 'mysql', url: url.toString() },
    async describe() {
      const s = admin();
      try {
        const [rows] = (await s.query(`SELECT VERSION() AS v, @@innodb_flush_log_at_trx_commit AS f, @@sync_binlog AS b, @@log_bin AS l`)) as [
          Record<string, unknown>[],
          unknown,
        ];
        const r = rows[0] ?? {};
        return `${String(r.v)} at ${url.host} (innodb_flush_log_at_trx_commit=${String(r.f)}, log_bin=${String(r.l)}, sync_binlog=${String(r.b)}), pool of 10 connections`;
      } finally {
        await s.close();
      }
    },
    async drop() {
      const s = admin();
      try {
        await s.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await s.close();
      }
    },
  };
};

interface Run {
  seconds: number;
  appended: number;
  errors: string[];
  /** Milliseconds each append waited for its answer. */
  latencies: number[];
}

/** `writers` async loops appending `perWriter` entries each; records every seq → hash it was given. */
const appendRun = async (db: Database, writers: number, perWriter: number, given: Map<number, string>): Promise<Run> => {
  const errors: string[] = [];
  const latencies: number[] = [];
  let appended = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < perWriter; i++) {
        const t = performance.now();
        try {
          const e = await db.audit.append({
            at: new Date(),
            actorId: null,
            action: 'bench.append',
            targetType: 'document',
            targetId: `bench-${w}-${i}`,
            details: { writer: w, i, ip: '127.0.0.1' },
          });
          latencies.push(performance.now() - t);
          if (given.has(e.seq)) errors.push(`seq ${e.seq} given twice`);
          given.set(e.seq, e.hash);
          appended++;
        } catch (err) {
          errors.push((err as Error).message);
        }
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, appended, errors, latencies };
};

/** Problems with the whole trail: verifyAudit, seqs 1..N without gaps, the head, the hashes writers were given. */
const checkChain = async (db: Database, given: Map<number, string>): Promise<{ problems: string[]; entries: number; verifyMs: number }> => {
  const problems: string[] = [];
  const t = performance.now();
  const v = await verifyAudit(db.audit);
  const verifyMs = performance.now() - t;
  if (!v.intact) problems.push(`verifyAudit: broken at seq ${v.firstBrokenSeq} after ${v.entries} entries: ${v.reason}`);
  else if (v.entries !== given.size) problems.push(`verifyAudit passed ${v.entries} entries, ${given.size} appends acknowledged`);
  let expected = 1;
  let mismatched = 0;
  for (let after = 0; ; ) {
    const batch = await db.audit.scan(after, 2000);
    if (batch.length === 0) break;
    for (const e of batch) {
      if (e.seq !== expected) {
        problems.push(`seq ${e.seq} where ${expected} was due`);
        expected = e.seq;
      }
      if (given.get(e.seq) !== e.hash) mismatched++;
      expected++;
    }
    after = batch[batch.length - 1]!.seq;
  }
  const stored = expected - 1;
  if (stored !== given.size) problems.push(`${stored} entries stored, ${given.size} appends acknowledged`);
  if (mismatched) problems.push(`${mismatched} stored hashes differ from the ones their writers were given`);
  const head = await db.audit.head();
  if (head.seq !== stored) problems.push(`chain head at seq ${head.seq}, last entry ${stored}`);
  return { problems, entries: stored, verifyMs };
};

const benchDatabase = async (target: BenchDatabase, o: { rounds: number; total: number; single: number }, log: (m: string) => void): Promise<BenchFigure[]> => {
  const db = await openSequelizeDatabase(target.config);
  try {
    const describe = await target.describe();
    log(`${target.name}: ${describe}`);
    const given = new Map<number, string>();
    const singles: Run[] = [];
    const concurrent: Run[] = [];
    const errors: string[] = [];
    // A few appends first: connections opened, statements warm.
    const warm = await appendRun(db, 1, 20, given);
    errors.push(...warm.errors);
    for (let r = 0; r < o.rounds; r++) {
      const one = await appendRun(db, 1, o.single, given);
      const many = await appendRun(db, WRITERS, o.total / WRITERS, given);
      singles.push(one);
      concurrent.push(many);
      errors.push(...one.errors, ...many.errors);
      log(
        `${target.name} round ${r + 1}: one writer ${(one.appended / one.seconds).toFixed(0)} entries/s (${one.appended} in ${one.seconds.toFixed(2)} s), ` +
          `${WRITERS} writers ${(many.appended / many.seconds).toFixed(0)} entries/s (${many.appended} in ${many.seconds.toFixed(2)} s, append p50 ${percentile(many.latencies, 50).toFixed(1)} ms, p95 ${percentile(many.latencies, 95).toFixed(1)} ms), ${one.errors.length + many.errors.length} errors`,
      );
    }
    const chain = await checkChain(db, given);
    if (errors.length) chain.problems.unshift(`${errors.length} appends failed (first: ${errors[0]})`);
    const rate = (runs: Run[]) => median(runs.map((x) => x.appended / x.seconds));
    const allLatencies = concurrent.flatMap((x) => x.latencies);
    const singleLatencies = singles.flatMap((x) => x.latencies);
    return [
      {
        name: `audit append, ${WRITERS} concurrent writers, ${target.name} (median of ${o.rounds})`,
        value: rate(concurrent),
        unit: 'entries/s',
        reference: { name: 'one writer, same database', value: rate(singles) },
        note:
          `${o.total} entries per round; per round ${concurrent.map((x) => (x.appended / x.seconds).toFixed(0)).join(', ')} vs one writer (${o.single} entries) ${singles.map((x) => (x.appended / x.seconds).toFixed(0)).join(', ')} entries/s; ` +
          `append latency under ${WRITERS} writers p50 ${percentile(allLatencies, 50).toFixed(1)} ms, p95 ${percentile(allLatencies, 95).toFixed(1)} ms (one writer p50 ${percentile(singleLatencies, 50).toFixed(2)} ms); ${describe}; ${os.cpus().length} cores; no bar in docs/quality.md`,
      },
      {
        name: `audit chain intact after concurrent appends, ${target.name}`,
        value: chain.problems.length === 0 ? 1 : 0,
        unit: '(1 = intact)',
        bar: { op: '>=', limit: 1, of: 'value', row: 'audit-concurrent' },
        note:
          chain.problems.length === 0
            ? `${chain.entries} entries, seqs 1..${chain.entries} with no gap, verifyAudit intact (${chain.verifyMs.toFixed(0)} ms), head at ${chain.entries}, every stored hash the one its writer was given, 0 errors`
            : chain.problems.slice(0, 5).join('; '),
      },
    ];
  } finally {
    await db.close();
  }
};

const bench: Bench = async ({ quick }) => {
  const log = (m: string) => console.log(`  ${m}`);
  const o = { rounds: quick ? 1 : 3, total: quick ? 500 : 5000, single: quick ? 100 : 1000 };
  const mysqlUrl = process.env.BENCH_MYSQL_URL ?? process.env.TEST_MYSQL_URL;
  const figures: BenchFigure[] = [];
  const targets: (() => Promise<BenchDatabase>)[] = [sqliteDatabase];
  if (mysqlUrl) targets.push(() => mysqlDatabase(mysqlUrl));
  else log('MySQL skipped: set BENCH_MYSQL_URL or TEST_MYSQL_URL (e.g. mysql://root@127.0.0.1:3306/test) to measure it too');
  for (const make of targets) {
    const target = await make();
    try {
      figures.push(...(await benchDatabase(target, o, log)));
    } finally {
      await target.drop();
    }
  }
  return figures;
};

export default bench;
