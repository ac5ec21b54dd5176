import type { SearchDocument } from '../../../ports/search-index.ts';
import { securityRank } from '../../../domain/security-level.ts';
import type { SqliteConnection } from './sqlite-connection.ts';
import { type VocabularyWriter, sampledForDf } from './fts5-vocabulary.ts';
import { letterKey, stripMarkers, tokenize } from '../text-fold.ts';

/**
 * Writes to the embedded index, a chunk of documents per statement: each statement takes the
 * whole chunk as one JSON parameter (json_each), so 1,000 documents cost a handful of round
 * trips instead of thousands. Callers hold the write lock and the transaction.
 */

/** Documents per statement; bounds each JSON parameter to a few megabytes. */
export const CHUNK = 500;

const dayOf = (doc: SearchDocument): string => {
  if (doc.documentDate && /^\d{4}-\d{2}-\d{2}$/.test(doc.documentDate)) return doc.documentDate;
  const created = new Date(doc.createdAt);
  return Number.isNaN(created.getTime()) ? '0000-00-00' : created.toISOString().slice(0, 10);
};

const clean = (s: string | null | undefined): string => stripMarkers(s ?? '');

/** Adds or replaces one chunk of documents (ids unique within the chunk). */
export const upsertChunk = async (db: SqliteConnection, vocabulary: VocabularyWriter, docs: SearchDocument[]): Promise<void> => {
  const ids = JSON.stringify(docs.map((d) => d.id));
  // Rowids are never reused (DocAttrs caches per rowid and reloads only below the lowest it has
  // seen): the lowest ever given out is kept in meta, since replacing or removing the newest
  // document would otherwise let min(n) rise and hand its rowid to the next one.
  const lowest = await db.get<{ m: number }>(
    "SELECT min(coalesce((SELECT min(n) FROM docs), 0), coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'lowest_n'), 0)) AS m",
  );
  const existing = await db.all<{ n: number }>('SELECT n FROM docs WHERE id IN (SELECT value FROM json_each(?))', [ids]);
  if (existing.length > 0)
    await dropRows(
      db,
      existing.map((r) => r.n),
    );

  const facts = docs.map((d) => {
    const day = dayOf(d);
    return [
      d.unitCode,
      d.classificationCode ?? '',
      d.kind,
      day.slice(0, 4),
      securityRank(d.securityLevel),
      d.retentionPhase ?? '',
      Number(day.replace(/-/g, '')),
    ] as const;
  });
  await db.run(
    `INSERT OR IGNORE INTO facet_keys(unit_code, classification_code, kind, year, sec_rank, phase)
       SELECT DISTINCT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 FROM json_each(?)`,
    [JSON.stringify(facts)],
  );
  // Rowids count down: FTS5 reads a doclist in ascending rowid order as it streams, but must
  // load and reverse all of it for descending order. Newest-first then costs nothing.
  const inserted = await db.all<{ n: number; id: string }>(
    `INSERT INTO docs(n, id, kind, title, created_at, letter_key)
       SELECT ? - 1 - key, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?)
     RETURNING n, id`,
    [lowest?.m ?? 0, JSON.stringify(docs.map((d) => [d.id, d.kind, clean(d.title), d.createdAt, letterKey(d.letterNumber)]))],
  );
  const rowOf = new Map(inserted.map((r) => [r.id, r.n]));
  await db.run("INSERT OR REPLACE INTO meta(key, value) VALUES('lowest_n', ?)", [String((lowest?.m ?? 0) - docs.length)]);
  await db.run(
    `INSERT INTO attrs(n, fkey, day, shared)
       SELECT value ->> 0,
              (SELECT id FROM facet_keys k WHERE k.unit_code = value ->> 1 AND k.classification_code = value ->> 2
                  AND k.kind = value ->> 3 AND k.year = value ->> 4 AND k.sec_rank = value ->> 5 AND k.phase = value ->> 6),
              value ->> 7, value ->> 8
         FROM json_each(?)`,
    [JSON.stringify(docs.map((d, i) => [rowOf.get(d.id)!, ...facts[i]!, d.readers.length > 0 ? 1 : 0]))],
  );

  const texts = docs.map((d) => [rowOf.get(d.id)!, clean(d.letterNumber), clean(d.title), clean(d.sender), clean(d.tags.join('\n')), clean(d.text)]);
  await db.run(
    `INSERT INTO fts(rowid, letter_number, title, sender, tags, body)
       SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 FROM json_each(?)`,
    [JSON.stringify(texts)],
  );

  const readers = docs.flatMap((d) => [...new Set(d.readers)].map((u) => [String(u), rowOf.get(d.id)!]));
  if (readers.length > 0) {
    await db.run('INSERT OR IGNORE INTO readers(user_id, doc) SELECT value ->> 0, value ->> 1 FROM json_each(?)', [JSON.stringify(readers)]);
  }

  const all = new Set<string>();
  const sampled = new Map<string, number>();
  texts.forEach((t, i) => {
    const terms = new Set<string>();
    for (const field of t.slice(2)) for (const term of tokenize(String(field))) terms.add(term);
    for (const term of terms) all.add(term);
    if (sampledForDf(docs[i]!.id)) for (const term of terms) sampled.set(term, (sampled.get(term) ?? 0) + 1);
  });
  await vocabulary.add(db, all, sampled);
};

/** Removes documents by id; unknown ids are ignored. */
export const removeChunk = async (db: SqliteConnection, ids: string[]): Promise<void> => {
  const rows = await db.all<{ n: number }>('SELECT n FROM docs WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)]);
  if (rows.length > 0)
    await dropRows(
      db,
      rows.map((r) => r.n),
    );
};

const dropRows = async (db: SqliteConnection, rowids: number[]): Promise<void> => {
  const json = JSON.stringify(rowids);
  await db.run('DELETE FROM fts WHERE rowid IN (SELECT value FROM json_each(?))', [json]);
  await db.run('DELETE FROM readers WHERE doc IN (SELECT value FROM json_each(?))', [json]);
  await db.run('DELETE FROM attrs WHERE n IN (SELECT value FROM json_each(?))', [json]);
  await db.run('DELETE FROM docs WHERE n IN (SELECT value FROM json_each(?))', [json]);
};

/** Splits a list into chunks of CHUNK, keeping the last of any repeated id (later wins). */
export const chunksById = <T extends { id: string }>(items: T[]): T[][] => {
  const latest = new Map<string, T>();
  for (const item of items) {
    latest.delete(item.id);
    latest.set(item.id, item);
  }
  const unique = [...latest.values()];
  const out: T[][] = [];
  for (let i = 0; i < unique.length; i += CHUNK) out.push(unique.slice(i, i + CHUNK));
  return out;
};
