import { Op, QueryTypes, type Transaction, UniqueConstraintError } from 'sequelize';
import type { LoginThrottleRepository, RecoveryCodeRepository } from '../../../ports/repositories.ts';
import type { Models } from '../models.ts';
import { toDateOrNull } from './row.ts';

export const recoveryCodeRepository = (m: Models, transaction?: Transaction): RecoveryCodeRepository => ({
  async replace(userId, codeHashes) {
    await m.RecoveryCode.destroy({ where: { userId }, transaction });
    await m.RecoveryCode.bulkCreate(
      codeHashes.map((codeHash) => ({ userId, codeHash, usedAt: null })),
      { transaction },
    );
  },
  async unused(userId) {
    const rows = await m.RecoveryCode.findAll({ where: { userId, usedAt: null }, attributes: ['codeHash'], raw: true, transaction });
    return rows.map((r) => r.codeHash);
  },
  async consume(userId, codeHash, now) {
    // The usedAt IS NULL condition makes this a compare-and-set: a code is spent once.
    const [n] = await m.RecoveryCode.update({ usedAt: now }, { where: { userId, codeHash, usedAt: null }, transaction });
    return n > 0;
  },
  countUnused: (userId) => m.RecoveryCode.count({ where: { userId, usedAt: null }, transaction }),
});

export const loginThrottleRepository = (m: Models, transaction?: Transaction): LoginThrottleRepository => {
  const q = m.LoginThrottle.sequelize!;
  const read = async (key: string) => m.LoginThrottle.findByPk(key, { raw: true, transaction });
  type Options = Parameters<LoginThrottleRepository['attempt']>[2];
  const attempt = async (key: string, now: Date, o: Options, racesLeft: number): Promise<{ lockedUntil: Date | null; failures: number }> => {
    // One UPDATE decides and counts: expressions read the row as it was (locked_until is
    // listed first so MySQL, which assigns left to right, agrees with SQLite).
    const stale = 'updated_at < :forget';
    const [, affected] = await q.query(
      `UPDATE login_throttle SET
         locked_until = CASE WHEN (CASE WHEN ${stale} THEN 1 ELSE failures + 1 END) > :free THEN :lockUntil ELSE NULL END,
         failures = CASE WHEN ${stale} THEN 1 ELSE failures + 1 END,
         updated_at = :now
       WHERE \`key\` = :key AND (locked_until IS NULL OR locked_until <= :now)`,
      { replacements: { key, now, free: o.free, forget: o.forgetBefore, lockUntil: o.lockUntil }, type: QueryTypes.UPDATE, transaction },
    );
    if (affected === 0) {
      const row = await read(key);
      const lockedUntil = row ? toDateOrNull(row.lockedUntil) : null;
      if (lockedUntil && lockedUntil > now) return { lockedUntil, failures: row!.failures };
      // A racing first attempt made the row after our UPDATE: count again. Endless races (never
      // seen) refuse the attempt rather than let it through uncounted.
      if (row) return racesLeft > 0 ? attempt(key, now, o, racesLeft - 1) : { lockedUntil: o.lockUntil, failures: row.failures };
      try {
        await m.LoginThrottle.create({ key, failures: 1, lockedUntil: o.free < 1 ? o.lockUntil : null, updatedAt: now }, { transaction });
        return { lockedUntil: null, failures: 1 };
      } catch (e) {
        if (!(e instanceof UniqueConstraintError)) throw e;
        return racesLeft > 0 ? attempt(key, now, o, racesLeft - 1) : { lockedUntil: o.lockUntil, failures: 1 }; // a racing first attempt made the row
      }
    }
    const row = await read(key);
    return { lockedUntil: null, failures: row ? row.failures : 1 };
  };
  return {
    attempt: (key, now, o) => attempt(key, now, o, 3),
    async lock(key, until) {
      await m.LoginThrottle.update({ lockedUntil: until }, { where: { key }, transaction });
    },
    async forgive(key) {
      await m.LoginThrottle.update({ failures: q.literal('failures - 1') }, { where: { key, failures: { [Op.gt]: 0 } }, transaction });
    },
    async clear(key) {
      await m.LoginThrottle.destroy({ where: { key }, transaction });
    },
  };
};
