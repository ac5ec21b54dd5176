import type { AccessScope, SearchFilters } from '../../../ports/search-index.ts';
import { AppError } from '../../../domain/errors.ts';
import type { ParsedQuery } from '../query-parser.ts';

/**
 * Meilisearch filter and query strings. Every value is written as a double-quoted string with
 * `\` and `"` escaped (or as a number we produced ourselves), so a filter value typed by a
 * user can never close the string and add conditions of its own.
 */

/** A Meilisearch filter string literal. */
export const quoteMeili = (value: string): string => `"${String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** YYYY-MM-DD → the integer YYYYMMDD the `date` attribute holds (numbers compare in filters). */
export const dateNumber = (field: 'from' | 'to', v: string): number => {
  if (!DATE.test(v)) {
    throw new AppError('invalid', `${field} must be a date (YYYY-MM-DD)`, { errors: [{ field, message: 'expected YYYY-MM-DD', code: 'not_a_date' }] });
  }
  return Number(v.replace(/-/g, ''));
};

/**
 * The access rule as a tenant-style filter:
 * ((unitCode IN [...] or all units) AND securityRank <= clearance) OR readers = user.
 */
export const accessFilter = (scope: AccessScope): string => {
  const rank = Number.isFinite(scope.maxSecurityRank) ? Math.floor(scope.maxSecurityRank) : -1;
  const reader = `readers = ${quoteMeili(String(scope.userId ?? ''))}`;
  const units = Array.isArray(scope.unitCodes) ? scope.unitCodes.map(String) : [];
  if (scope.allUnits === true) return `(securityRank <= ${rank} OR ${reader})`;
  if (units.length === 0) return `(${reader})`;
  return `((unitCode IN [${units.map(quoteMeili).join(', ')}] AND securityRank <= ${rank}) OR ${reader})`;
};

/** Access rule and user filters, ANDed. */
export const buildFilter = (scope: AccessScope, filters: SearchFilters): string => {
  const parts = [accessFilter(scope)];
  if (filters.unitCode != null) parts.push(`unitCode = ${quoteMeili(filters.unitCode)}`);
  if (filters.classificationCode != null) parts.push(`classificationPath = ${quoteMeili(filters.classificationCode)}`);
  if (filters.retentionPhase != null) parts.push(`retentionPhase = ${quoteMeili(filters.retentionPhase)}`);
  if (filters.kind != null) parts.push(`kind = ${quoteMeili(filters.kind)}`);
  if (filters.from) parts.push(`date >= ${dateNumber('from', filters.from)}`);
  if (filters.to) parts.push(`date <= ${dateNumber('to', filters.to)}`);
  return parts.join(' AND ');
};

/**
 * The `q` Meilisearch gets: folded words, then phrases (quoted phrases and letter numbers) in
 * double quotes. Built from the parsed query, so a user's `-word` (negation in Meilisearch)
 * or stray quote means what it means to the embedded engine: nothing special. The last plain
 * word stays last, where Meilisearch treats it as a prefix; a typed `word*` is a plain word.
 */
export const buildMeiliQuery = (parsed: ParsedQuery): string => {
  const phrases = parsed.phrases.map((p) => `"${p.join(' ')}"`);
  const words = parsed.words.map((w) => w.text);
  const last = parsed.words[parsed.words.length - 1];
  if (last?.prefix === 'last') return [...phrases, ...words].join(' ');
  return [...words, ...phrases].join(' ') + (words.length > 0 && phrases.length === 0 ? ' ' : '');
};
