import { QueryTypes, type Transaction } from 'sequelize';
import type { AccessRefusalRepository } from '../../../ports/access-refusal-repository.ts';
import type { Models } from '../models.ts';
import type { DbBigint } from '../models/columns.ts';
import { toNum } from './row.ts';

export const accessRefusalRepository = (m: Models, transaction?: Transaction): AccessRefusalRepository => {
  const q = m.Audit.sequelize!;
  // One statement creates or increments the row, so two processes counting at once never lose
  // a count; the two dialects only spell the upsert differently.
  const upsert =
    q.getDialect() === 'mysql'
      ? 'INSERT INTO access_refusals (actor_id, window_start, refused) VALUES (:actorId, :windowStart, 1) ON DUPLICATE KEY UPDATE refused = refused + 1'
      : 'INSERT INTO access_refusals (actor_id, window_start, refused) VALUES (:actorId, :windowStart, 1) ON CONFLICT (actor_id, window_start) DO UPDATE SET refused = refused + 1';
  return {
    async count(actorId, windowStart) {
      const replacements = { actorId, windowStart: windowStart.getTime() };
      await q.query(upsert, { replacements, type: QueryTypes.INSERT, transaction });
      const rows = await q.query<{ refused: number }>('SELECT refused FROM access_refusals WHERE actor_id = :actorId AND window_start = :windowStart', {
        replacements,
        type: QueryTypes.SELECT,
        transaction,
      });
      return toNum(rows[0]?.refused ?? 1);
    },
    async takeEarlier(actorId, before) {
      const replacements = { actorId, before: before.getTime() };
      const where = 'actor_id = :actorId AND window_start < :before';
      const rows = await q.query<{ window_start: DbBigint; refused: number }>(
        `SELECT window_start, refused FROM access_refusals WHERE ${where} ORDER BY window_start`,
        {
          replacements,
          type: QueryTypes.SELECT,
          transaction,
        },
      );
      if (rows.length) await q.query(`DELETE FROM access_refusals WHERE ${where}`, { replacements, type: QueryTypes.DELETE, transaction });
      return rows.map((r) => ({ windowStart: new Date(toNum(r.window_start)), refused: toNum(r.refused) }));
    },
  };
};
