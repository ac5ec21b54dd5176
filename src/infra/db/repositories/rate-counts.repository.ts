import { QueryTypes, type Transaction } from 'sequelize';
import type { RateCountRepository } from '../../../ports/rate-count-repository.ts';
import type { Models } from '../models.ts';
import { toNum } from './row.ts';

export const rateCountRepository = (m: Models, transaction?: Transaction): RateCountRepository => {
  const q = m.Audit.sequelize!;
  const mysql = q.getDialect() === 'mysql';
  // One statement creates or increments the row AND yields the count it left, so each hit reads
  // its own count even when many processes count at once (an upsert followed by a SELECT would
  // read a count that concurrent hits had raised since, and refuse too early). SQLite says it
  // with RETURNING; MySQL/MariaDB through LAST_INSERT_ID(expr), which the driver hands back as
  // the statement's insert id (0 on a fresh row: the table has no auto-increment column).
  const upsert = mysql
    ? 'INSERT INTO rate_counts (bucket, window_start, hits) VALUES (:bucket, :windowStart, :by) ON DUPLICATE KEY UPDATE hits = LAST_INSERT_ID(hits + :by)'
    : // The leading comment keeps Sequelize's SQLite driver from running this as a bare INSERT
      // (which drops the rows RETURNING yields); it fetches them as for a query.
      '/* count and read */ INSERT INTO rate_counts (bucket, window_start, hits) VALUES (:bucket, :windowStart, :by) ON CONFLICT (bucket, window_start) DO UPDATE SET hits = hits + :by RETURNING hits';
  return {
    async hit(bucket, windowStart, by = 1) {
      const replacements = { bucket, windowStart: windowStart.getTime(), by: Math.max(1, Math.floor(by)) };
      if (!mysql) {
        const rows = await q.query<{ hits: number }>(upsert, { replacements, type: QueryTypes.SELECT, transaction });
        return toNum(rows[0]?.hits ?? replacements.by);
      }
      const [insertId] = await q.query(upsert, { replacements, type: QueryTypes.INSERT, transaction });
      return insertId > 0 ? toNum(insertId) : replacements.by;
    },
    async prune(before) {
      const [, meta] = (await q.query('DELETE FROM rate_counts WHERE window_start < :before', { replacements: { before: before.getTime() }, transaction })) as [
        unknown,
        unknown,
      ];
      const n = (meta as { affectedRows?: number; changes?: number } | undefined)?.affectedRows ?? (meta as { changes?: number } | undefined)?.changes;
      return typeof n === 'number' ? n : 0;
    },
  };
};
