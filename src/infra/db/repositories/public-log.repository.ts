import { QueryTypes, type Transaction } from 'sequelize';
import type { PublicLogRepository, StoredCheckpoint, StoredHead, StoredLeaf } from '../../../ports/public-log-repository.ts';
import type { Models } from '../models.ts';
import { lookupPrefix } from '../lookup-prefix.ts';
import type { DbBigint, DbDate } from '../models/columns.ts';
import { toDate, toNum } from './row.ts';

/** Values per statement: under SQLite's 32,766 bound variables, and a few MB for MySQL's packet (a leaf is ~250 bytes). */
const MAX_VALUES = 10_000;
const CHUNK = 2000;

/** The sqlite3 connection a Sequelize transaction holds. */
type SqliteConnection = { run(sql: string, values: unknown[], done: (e: Error | null) => void): void };

// Rows of migration 011's tables (no models: see below), as the SELECTs here read them.
interface LeafRow {
  leaf_index: DbBigint;
  leaf_hash: string;
  leaf_text: string;
}
interface CheckpointRow {
  id: number;
  size: DbBigint;
  root: string;
  note: string;
  at: DbDate;
}
interface HeadRow {
  size: DbBigint;
  root: string;
  frontier: string;
}
interface WitnessViewRow {
  origin: string;
  size: DbBigint;
  root: string;
  note: string;
  at: DbDate;
}

const toLeaf = (r: LeafRow): StoredLeaf => ({ index: toNum(r.leaf_index), hash: r.leaf_hash, text: r.leaf_text });
const toCheckpoint = (r: CheckpointRow): StoredCheckpoint => ({ id: r.id, size: toNum(r.size), root: r.root, note: r.note, at: toDate(r.at) });
const toHead = (r: HeadRow): StoredHead => ({ size: toNum(r.size), root: r.root, frontier: r.frontier ? r.frontier.split(',') : [] });
const toWitnessView = (r: WitnessViewRow) => ({ origin: r.origin, size: toNum(r.size), root: r.root, note: r.note, at: toDate(r.at) });

/**
 * Plain SQL over migration 011's tables (leaves and queue found by migration 014's prefixes): the sequencer writes thousands of rows per batch, and
 * multi-row INSERTs keep that to a few statements.
 */
export const publicLogRepository = (m: Models, transaction?: Transaction): PublicLogRepository => {
  const s = m.Audit.sequelize!;
  const mysql = s.getDialect() === 'mysql';
  const select = <R extends object>(sql: string, replacements: unknown[] = []) =>
    s.query<R>(sql, { type: QueryTypes.SELECT, replacements, transaction, raw: true });
  const run = (sql: string, replacements: unknown[] = []) => s.query(sql, { replacements, transaction, raw: true });
  // SQLite inside a transaction: the statement goes to the transaction's own connection with its
  // values bound by position. Through Sequelize each value would be quoted into the SQL text (MBs
  // per batch) for SQLite to parse back out, and that text scanned again to guess the statement's kind.
  const sqliteConn = !mysql && transaction ? (transaction as unknown as { connection: SqliteConnection }).connection : undefined;
  const write = (sql: string, values: unknown[], type: QueryTypes.INSERT | QueryTypes.DELETE | QueryTypes.RAW): Promise<void> =>
    sqliteConn
      ? new Promise<void>((ok, fail) => sqliteConn.run(sql, values, (e) => (e ? fail(e) : ok())))
      : s.query(sql, { replacements: values, transaction, raw: true, type }).then(() => undefined);
  /**
   * Runs a write; with `started` (SQLite) it only starts it: the connection runs the statements one
   * at a time on its own thread while this one binds the next, and the caller awaits them all
   * before the head moves (they write distinct rows, so their order does not matter).
   */
  const send = async (started: Promise<void>[] | undefined, sql: string, values: unknown[], type: QueryTypes.INSERT | QueryTypes.DELETE) => {
    const w = write(sql, values, type);
    if (!started) return w;
    w.catch(() => undefined); // awaited with the others; reported from there
    started.push(w);
  };
  const insertMany = async (table: string, cols: string[], rows: unknown[][], started?: Promise<void>[]) => {
    const per = Math.floor(MAX_VALUES / cols.length);
    for (let i = 0; i < rows.length; i += per) {
      const part = rows.slice(i, i + per);
      await send(
        started,
        `INSERT INTO ${table} (${cols.join(', ')}) VALUES ${part.map(() => `(${cols.map(() => '?').join(', ')})`).join(', ')}`,
        part.flat(),
        QueryTypes.INSERT,
      );
    }
  };
  return {
    async enqueue(key, text, at) {
      // No look at log_leaves (on MySQL that read would lock gaps the sequencer inserts into) nor
      // at the queue: a key queued twice is appended once, the sequencer drops the repeat.
      await run('INSERT INTO log_queue (leaf_key, key_prefix, leaf_text, queued_at) VALUES (?, ?, ?, ?)', [key, lookupPrefix(key), text, at]);
    },
    async lockHead() {
      return toHead((await select<HeadRow>(`SELECT size, root, frontier FROM log_head WHERE id = 1${mysql ? ' FOR UPDATE' : ''}`))[0]!);
    },
    async head() {
      return toHead((await select<HeadRow>('SELECT size, root, frontier FROM log_head WHERE id = 1'))[0]!);
    },
    async queued(limit) {
      const rows = await select<{ id: number; leaf_key: string; leaf_text: string; leaf_index: DbBigint | null }>(
        'SELECT q.id, q.leaf_key, q.leaf_text, l.leaf_index FROM log_queue q LEFT JOIN log_leaves l ON l.key_prefix = q.key_prefix AND l.leaf_key = q.leaf_key ORDER BY q.id LIMIT ?',
        [limit],
      );
      return rows.map((r) => ({ id: r.id, key: r.leaf_key, text: r.leaf_text, logged: r.leaf_index !== null }));
    },
    async store(o) {
      // A batch touches most pages of the leaves' two prefix indexes: with SQLite's default 2 MB
      // cache they were spilled and read back many times over. The connection is the transaction's own.
      if (sqliteConn) await write('PRAGMA cache_size = -131072', [], QueryTypes.RAW);
      // Bound as is, a Date would reach SQLite as a number: written as Sequelize writes dates, once for the batch.
      const at = sqliteConn ? s.escape(o.at).slice(1, -1) : o.at;
      const started = sqliteConn ? [] : undefined;
      await insertMany(
        'log_leaves',
        ['leaf_index', 'leaf_key', 'key_prefix', 'leaf_hash', 'hash_prefix', 'leaf_text', 'logged_at'],
        o.leaves.map((l) => [l.index, l.key, lookupPrefix(l.key), l.hash, lookupPrefix(l.hash), l.text, at]),
        started,
      );
      await insertMany(
        'log_nodes',
        ['level', 'node_index', 'hash'],
        o.nodes.map((n) => [n.level, n.index, n.hash]),
        started,
      );
      for (let i = 0; i < o.queueIds.length; i += CHUNK) {
        const part = o.queueIds.slice(i, i + CHUNK);
        await send(started, `DELETE FROM log_queue WHERE id IN (${part.map(() => '?').join(', ')})`, part, QueryTypes.DELETE);
      }
      await Promise.all(started ?? []);
      await run('UPDATE log_head SET size = ?, root = ?, frontier = ? WHERE id = 1', [o.head.size, o.head.root, o.head.frontier.join(',')]);
    },
    async nodes(ids) {
      const out = new Map<string, string>();
      // Per level one IN list on the primary key: a proof at a million leaves needs a few dozen nodes over about 20 levels.
      const byLevel = new Map<number, number[]>();
      for (const n of ids) byLevel.set(n.level, [...(byLevel.get(n.level) ?? []), n.index]);
      const levels = [...byLevel.entries()];
      if (levels.length === 0) return out;
      const where = levels.map(([, idx]) => `(level = ? AND node_index IN (${idx.map(() => '?').join(',')}))`).join(' OR ');
      const rows = await select<{ level: number; node_index: DbBigint; hash: string }>(
        `SELECT level, node_index, hash FROM log_nodes WHERE ${where}`,
        levels.flatMap(([l, idx]) => [l, ...idx]),
      );
      for (const r of rows) out.set(`${r.level}:${toNum(r.node_index)}`, r.hash);
      return out;
    },
    async leaves(start, end) {
      return (
        await select<LeafRow>('SELECT leaf_index, leaf_hash, leaf_text FROM log_leaves WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index', [
          start,
          end,
        ])
      ).map(toLeaf);
    },
    async leafByHash(hash) {
      const r = (
        await select<LeafRow>('SELECT leaf_index, leaf_hash, leaf_text FROM log_leaves WHERE hash_prefix = ? AND leaf_hash = ? ORDER BY leaf_index LIMIT 1', [
          lookupPrefix(hash),
          hash,
        ])
      )[0];
      return r ? toLeaf(r) : null;
    },
    async isQueued(key) {
      return (await select<{ q: number }>('SELECT 1 AS q FROM log_queue WHERE key_prefix = ? AND leaf_key = ? LIMIT 1', [lookupPrefix(key), key])).length > 0;
    },
    async leafByKey(key) {
      const r = (
        await select<LeafRow>('SELECT leaf_index, leaf_hash, leaf_text FROM log_leaves WHERE key_prefix = ? AND leaf_key = ? ORDER BY leaf_index LIMIT 1', [
          lookupPrefix(key),
          key,
        ])
      )[0];
      return r ? toLeaf(r) : null;
    },
    async addCheckpoint(c) {
      await run('INSERT INTO log_checkpoints (size, root, note, at) VALUES (?, ?, ?, ?)', [c.size, c.root, c.note, c.at]);
    },
    async latestCheckpoint() {
      const r = (await select<CheckpointRow>('SELECT id, size, root, note, at FROM log_checkpoints ORDER BY id DESC LIMIT 1'))[0];
      return r ? toCheckpoint(r) : null;
    },
    async addCosignature(c) {
      await run('REPLACE INTO log_cosignatures (witness, size, root, line, at) VALUES (?, ?, ?, ?, ?)', [c.witness, c.size, c.root, c.line, c.at]);
    },
    async cosignatures(size, root) {
      const rows = await select<{ witness: string; size: DbBigint; root: string; line: string; at: DbDate }>(
        'SELECT witness, size, root, line, at FROM log_cosignatures WHERE size = ? AND root = ? ORDER BY witness',
        [size, root],
      );
      return rows.map((r) => ({ witness: r.witness, size: toNum(r.size), root: r.root, line: r.line, at: toDate(r.at) }));
    },
    async cosignedHeads(min, limit) {
      const rows = await select<{ size: DbBigint; root: string }>(
        'SELECT size, root FROM log_cosignatures GROUP BY size, root HAVING COUNT(*) >= ? ORDER BY size DESC LIMIT ?',
        [min, limit],
      );
      return rows.map((r) => ({ size: toNum(r.size), root: r.root }));
    },
    async checkpointsAt(size, root) {
      return (
        await select<CheckpointRow>('SELECT id, size, root, note, at FROM log_checkpoints WHERE size = ? AND root = ? ORDER BY id DESC LIMIT 10', [size, root])
      ).map(toCheckpoint);
    },
    async witnessView(origin) {
      const r = (await select<WitnessViewRow>('SELECT origin, size, root, note, at FROM log_witness_views WHERE origin = ?', [origin]))[0];
      return r ? toWitnessView(r) : null;
    },
    async witnessViews() {
      return (await select<WitnessViewRow>('SELECT origin, size, root, note, at FROM log_witness_views ORDER BY origin')).map(toWitnessView);
    },
    async saveWitnessView(v) {
      await run('REPLACE INTO log_witness_views (origin, size, root, note, at) VALUES (?, ?, ?, ?, ?)', [v.origin, v.size, v.root, v.note, v.at]);
    },
  };
};
