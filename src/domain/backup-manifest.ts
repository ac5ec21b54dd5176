/**
 * A backup's manifest: what one backup holds and how to check it. Every file of a backup is an
 * object named by the SHA-256 of its (plain) bytes in the backup directory; the manifest lists
 * them with their sizes, so a backup can be verified without the office it came from. It is
 * written last, so a backup without a manifest never existed.
 */

export const MANIFEST_FORMAT = 'naskah-backup';
export const MANIFEST_VERSION = 1;

/** One stored file: the SHA-256 of its plain bytes and their count. */
export interface ObjectRef {
  sha256: string;
  size: number;
}

export interface BackupManifest {
  format: typeof MANIFEST_FORMAT;
  formatVersion: number;
  /** The backup's folder name under DIR/backups (its start time, sortable). */
  name: string;
  /** The product version that wrote it. */
  productVersion: string;
  /** The run recorded in the office's own database (restored as succeeded). */
  runId: string;
  startedAt: string;
  finishedAt: string;
  /** Which backends the office ran on (a backup restores into either profile). */
  source: { database: 'sqlite' | 'mysql'; storage: 'local' | 's3' };
  /** The schema version: every database migration that had been applied. */
  schema: { migrations: string[] };
  /** Whether objects are encrypted with the directory's key (BACKUP_PASSPHRASE). */
  encrypted: boolean;
  /** The database as one portable dump (NDJSON) per table. */
  database: { format: 'ndjson-v1'; tables: { name: string; rows: number; object: ObjectRef }[] };
  /** Stored originals and signed letters, the searchable copies of scans, and batch files still waiting: storage key → bytes. */
  objects: { key: string; object: ObjectRef }[];
  /** Generated secrets under the data directory, by path relative to DATA_DIR/secrets. */
  secrets: { path: string; object: ObjectRef }[];
  /** Storage keys the database refers to that storage did not have when the backup ran. */
  missing: { key: string; reason: string }[];
  counts: { users: number; documents: number; auditEntries: number; objects: number; bytes: number };
  /** The audit chain's head at the snapshot: a restore verifies to the same one. */
  audit: { seq: number; hash: string };
}

const SHA = /^[0-9a-f]{64}$/;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

const refProblem = (v: unknown): string | null => {
  if (!isObj(v)) return 'not an object reference';
  if (typeof v.sha256 !== 'string' || !SHA.test(v.sha256)) return 'a bad SHA-256';
  return isCount(v.size) ? null : 'a bad size';
};

/** Checks a list of `{ <name>: string, object: ObjectRef }` entries. */
const entriesProblems = (list: unknown, field: string, nameKey: 'key' | 'path' | 'name', nameOk: (s: string) => boolean): string[] => {
  if (!Array.isArray(list)) return [`${field} is not a list`];
  const problems: string[] = [];
  list.forEach((e: unknown, i) => {
    const name = isObj(e) ? e[nameKey] : undefined;
    if (typeof name !== 'string' || !nameOk(name)) problems.push(`${field}[${i}] has a bad ${nameKey}`);
    const p = isObj(e) ? refProblem(e.object) : 'not an object';
    if (p) problems.push(`${field}[${i}] has ${p}`);
  });
  return problems;
};

const safeRelative = (p: string): boolean =>
  p.length > 0 && p.length < 512 && !p.startsWith('/') && !p.split('/').some((s) => s === '' || s === '.' || s === '..');

/**
 * Everything wrong with a parsed manifest, as sentences; empty when it is well formed. A
 * manifest cut short, edited by hand or written by a newer format is refused before anything
 * is read from the backup.
 */
export const manifestProblems = (m: unknown): string[] => {
  if (!isObj(m)) return ['the manifest is not a JSON object'];
  if (m.format !== MANIFEST_FORMAT) return ['this is not a Naskah backup manifest'];
  if (m.formatVersion !== MANIFEST_VERSION)
    return [
      `the manifest has format version ${String(m.formatVersion)}; this Naskah reads version ${MANIFEST_VERSION} (restore with the version that made it, or newer)`,
    ];
  const problems: string[] = [];
  for (const k of ['name', 'productVersion', 'runId', 'startedAt', 'finishedAt'] as const) if (typeof m[k] !== 'string') problems.push(`${k} is missing`);
  const schema = m.schema;
  if (!isObj(schema) || !Array.isArray(schema.migrations) || !schema.migrations.every((x) => typeof x === 'string'))
    problems.push('schema.migrations is missing');
  if (typeof m.encrypted !== 'boolean') problems.push('encrypted is missing');
  const db = m.database;
  if (!isObj(db) || db.format !== 'ndjson-v1') problems.push('database is missing or of an unknown format');
  else problems.push(...entriesProblems(db.tables, 'database.tables', 'name', (s) => /^[A-Za-z0-9_]+$/.test(s)));
  if (isObj(db) && Array.isArray(db.tables) && !db.tables.every((t: unknown) => isObj(t) && isCount(t.rows)))
    problems.push('database.tables has a bad row count');
  problems.push(...entriesProblems(m.objects, 'objects', 'key', (s) => safeRelative(s)));
  problems.push(...entriesProblems(m.secrets, 'secrets', 'path', safeRelative));
  if (!Array.isArray(m.missing)) problems.push('missing is not a list');
  const audit = m.audit;
  if (!isObj(audit) || !isCount(audit.seq) || typeof audit.hash !== 'string' || !SHA.test(audit.hash)) problems.push('audit head is missing');
  const counts = m.counts;
  if (!isObj(counts) || !['users', 'documents', 'auditEntries', 'objects', 'bytes'].every((k) => isCount(counts[k]))) problems.push('counts are missing');
  return problems;
};

/**
 * Why this code cannot restore a backup of these migrations, or null. A backup of a newer schema
 * (a migration this code does not know) would lose data the newer code wrote.
 */
export const schemaProblem = (backup: readonly string[], known: readonly string[]): string | null => {
  const unknown = backup.filter((m) => !known.includes(m));
  if (unknown.length === 0) return null;
  return `the backup was made by a newer Naskah: its database has schema version ${unknown.join(', ')}, which this version does not know (it knows up to ${known.at(-1) ?? 'none'}); restore it with that version or newer`;
};

/** Every object a manifest refers to, once each: tables, stored files and secrets. */
export const manifestObjects = (m: BackupManifest): ObjectRef[] => {
  const seen = new Map<string, ObjectRef>();
  for (const r of [...m.database.tables.map((t) => t.object), ...m.objects.map((o) => o.object), ...m.secrets.map((s) => s.object)]) seen.set(r.sha256, r);
  return [...seen.values()];
};

/** A backup's folder name from its start time: sortable, and safe in any file system. */
export const backupName = (startedAt: Date): string => startedAt.toISOString().replace(/[:.]/g, '-');
