import type { AccessScope, SearchFilters } from '../../../ports/search-index.ts';
import { AppError } from '../../../domain/errors.ts';
import { withinCode } from '../../../domain/retention.ts';
import { SECURITY_LEVELS } from '../../../domain/security-level.ts';
import type { Params } from './sqlite-connection.ts';
import { BM25_SQL } from './fts5-schema.ts';
import type { FacetKey, FacetKeys } from './fts5-facets.ts';

/**
 * SQL for the embedded search, built from fixed fragments; every value is a bound parameter
 * (lists go in as one JSON parameter through json_each), so no input can change the statement.
 * `a` is the compact `attrs` row of a document (facet key, day), `d` its `docs` row.
 */
export interface Sql {
  sql: string;
  params: Params;
}

/** How many matches, newest first, bm25 ranks at most (see pageSql). */
export const RANK_WINDOW = 200;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const dayNumber = (field: 'from' | 'to', v: string): number => {
  if (!DATE.test(v)) {
    throw new AppError('invalid', `${field} must be a date (YYYY-MM-DD)`, { errors: [{ field, message: 'expected YYYY-MM-DD', code: 'not_a_date' }] });
  }
  return Number(v.replace(/-/g, ''));
};

/** Which facet keys a query may see: by the scope's units and clearance, and by the filters. */
export interface KeyRules {
  /** The scope sees every unit at every level: only filters restrict. */
  seesAll: boolean;
  /** A unit, classification or kind filter is set. */
  filtered: boolean;
  userId: string;
  /** Equal for rules that decide every key alike (same units, clearance and filters): a cache key. */
  signature: string;
  /** The key's documents are visible by unit and clearance, and pass the filters. */
  inScope(k: FacetKey): boolean;
  /** The key's documents pass the filters (what a named reader still needs). */
  passes(k: FacetKey): boolean;
}

/**
 * The access rule of AccessScope ((allUnits or unit in scope) and rank ≤ clearance, or the user
 * is a named reader) and the unit, classification and kind filters, decided per facet key:
 * those are all properties of a document's key, and there are a few thousand keys at most.
 */
export const keyRules = (scope: AccessScope, filters: SearchFilters): KeyRules => {
  const want = (v: string | undefined) => (v === undefined || v === null ? null : String(v));
  const [unit, code, kind, phase] = [want(filters.unitCode), want(filters.classificationCode), want(filters.kind), want(filters.retentionPhase)];
  const passes = (k: FacetKey) =>
    (unit === null || k.unit_code === unit) &&
    (code === null || withinCode(k.classification_code, code)) &&
    (kind === null || k.kind === kind) &&
    (phase === null || k.phase === phase);
  const maxRank = Number.isFinite(scope.maxSecurityRank) ? scope.maxSecurityRank : -1;
  const units = new Set(Array.isArray(scope.unitCodes) ? scope.unitCodes.map(String) : []);
  const allUnits = scope.allUnits === true;
  return {
    seesAll: allUnits && maxRank >= SECURITY_LEVELS.length - 1,
    filtered: unit !== null || code !== null || kind !== null || phase !== null,
    userId: String(scope.userId ?? ''),
    signature: JSON.stringify([allUnits ? null : [...units].sort(), maxRank, unit, code, kind, phase]),
    passes,
    inScope: (k) => (allUnits || units.has(k.unit_code)) && k.sec_rank <= maxRank && passes(k),
  };
};

/** The date filter as YYYYMMDD numbers, null where open. */
export interface DayRange {
  from: number | null;
  to: number | null;
}

export const dayRange = (filters: SearchFilters): DayRange => ({
  from: filters.from ? dayNumber('from', filters.from) : null,
  to: filters.to ? dayNumber('to', filters.to) : null,
});

/** The date filter over `a.day` (documentDate, else createdAt's date), or '1'. */
export const whereDate = (range: DayRange): Sql => {
  const parts: string[] = [];
  const params: number[] = [];
  if (range.from !== null) {
    parts.push('a.day >= ?');
    params.push(range.from);
  }
  if (range.to !== null) {
    parts.push('a.day <= ?');
    params.push(range.to);
  }
  return { sql: parts.length > 0 ? parts.join(' AND ') : '1', params };
};

/** Visibility, filters and dates as one WHERE fragment over `a`; SQL only probes key ids. */
export const whereVisible = (rules: KeyRules, date: Sql, keys: FacetKeys): Sql => {
  const parts = [date.sql];
  const params: (string | number | null)[] = [...date.params];
  if (rules.seesAll) {
    if (rules.filtered) {
      parts.push('a.fkey IN (SELECT value FROM json_each(?))');
      params.push(keys.selectJson(rules, 'passes'));
    }
  } else {
    const asReader = rules.filtered ? ' AND a.fkey IN (SELECT value FROM json_each(?))' : '';
    parts.push(
      `(a.fkey IN (SELECT value FROM json_each(?))
        OR (a.shared = 1 AND a.n IN (SELECT doc FROM readers WHERE user_id = ?)${asReader}))`,
    );
    params.push(keys.selectJson(rules, 'inScope'), rules.userId);
    if (rules.filtered) params.push(keys.selectJson(rules, 'passes'));
  }
  return { sql: parts.join(' AND '), params };
};

/** A row of a page of hits. */
export interface PageRow {
  n: number;
  id: string;
  title: string;
  kind: string;
  score: number | null;
}

/** Visible documents, newest first: the answer to an empty query. */
export const newestSql = (where: Sql, limit: number, offset: number): Sql => ({
  sql: `SELECT d.n, d.id, d.title, d.kind, NULL AS score FROM docs d JOIN attrs a ON a.n = d.n WHERE ${where.sql}
         ORDER BY d.created_at DESC, d.n DESC LIMIT ? OFFSET ?`,
  params: [...where.params, limit, offset],
});

/**
 * A page of visible matches (or of every visible document when `match` is null) by date, newest
 * first: documentDate, else the day it was added; the same day, the one indexed last first. It
 * orders every match, so it costs more than the ranked window on a word found nearly everywhere;
 * it is what a reader asks for explicitly (sort=date).
 */
export const datedSql = (match: string | null, where: Sql, limit: number, offset: number): Sql =>
  match === null
    ? {
        sql: `SELECT d.n, d.id, d.title, d.kind, NULL AS score FROM docs d JOIN attrs a ON a.n = d.n WHERE ${where.sql}
               ORDER BY a.day DESC, d.n LIMIT ? OFFSET ?`,
        params: [...where.params, limit, offset],
      }
    : {
        sql: `SELECT d.n, d.id, d.title, d.kind, NULL AS score FROM fts JOIN attrs a ON a.n = fts.rowid JOIN docs d ON d.n = fts.rowid
               WHERE fts MATCH ? AND ${where.sql} ORDER BY a.day DESC, fts.rowid LIMIT ? OFFSET ?`,
        params: [match, ...where.params, limit, offset],
      };

/**
 * A page of visible matches: documents whose letter number was typed first, then by bm25.
 * bm25 reads every match's positions; a word found in most documents would make every query
 * pay for the whole corpus. So only the RANK_WINDOW most recently indexed visible matches are
 * ranked (ascending rowid is newest first, and FTS5 stops walking there); the window always reaches the
 * page asked for, and counts and facets still cover every match. `score`, when given, ranks the
 * window instead of the match (its bm25 read only over the window's rowid range; null: newest first).
 */
export const rankedSql = (match: string, where: Sql, letterKeys: string[], limit: number, offset: number, score?: string | null): Sql => {
  const window = Math.max(RANK_WINDOW, offset + limit);
  const letterFirst = letterKeys.length > 0 ? '(d.letter_key IS NULL OR d.letter_key NOT IN (SELECT value FROM json_each(?))), ' : '';
  const letterParams = letterKeys.length > 0 ? [JSON.stringify(letterKeys)] : [];
  if (score === undefined) {
    return {
      sql: `SELECT w.n, d.id, d.title, d.kind, w.score FROM (
              SELECT fts.rowid AS n, ${BM25_SQL} AS score FROM fts JOIN attrs a ON a.n = fts.rowid
               WHERE fts MATCH ? AND ${where.sql} ORDER BY fts.rowid LIMIT ?
            ) w JOIN docs d ON d.n = w.n
            ORDER BY ${letterFirst}w.score LIMIT ? OFFSET ?`,
      params: [match, ...where.params, window, ...letterParams, limit, offset],
    };
  }
  const windowSql = `SELECT fts.rowid AS n FROM fts JOIN attrs a ON a.n = fts.rowid WHERE fts MATCH ? AND ${where.sql} ORDER BY fts.rowid LIMIT ?`;
  if (score === null) {
    return {
      sql: `SELECT w.n, d.id, d.title, d.kind, NULL AS score FROM (${windowSql}) w JOIN docs d ON d.n = w.n
            ORDER BY ${letterFirst}w.n LIMIT ? OFFSET ?`,
      params: [match, ...where.params, window, ...letterParams, limit, offset],
    };
  }
  return {
    sql: `WITH w AS MATERIALIZED (${windowSql}),
          s AS MATERIALIZED (SELECT fts.rowid AS n, ${BM25_SQL} AS score FROM fts
                 WHERE fts MATCH ? AND fts.rowid BETWEEN (SELECT min(n) FROM w) AND (SELECT max(n) FROM w))
          SELECT w.n, d.id, d.title, d.kind, s.score FROM w JOIN docs d ON d.n = w.n LEFT JOIN s ON s.n = w.n
          ORDER BY ${letterFirst}s.score IS NULL, s.score, w.n LIMIT ? OFFSET ?`,
    params: [match, ...where.params, window, score, ...letterParams, limit, offset],
  };
};
