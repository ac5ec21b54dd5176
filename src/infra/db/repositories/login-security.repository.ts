import { Op, type Transaction, UniqueConstraintError } from 'sequelize';
import type { LoginThrottleRepository, RecoveryCodeRepository } from '../../../ports/repositories.ts';
import type { Models } from '../models.ts';
import { mapAll, str, toDateOrNull, toNum } from './row.ts';

export const recoveryCodeRepository = (m: Models, transaction?: Transaction): RecoveryCodeRepository => ({
  async replace(userId, codeHashes) {
    await m.RecoveryCode.destroy({ where: { userId }, transaction });
    await m.RecoveryCode.bulkCreate(codeHashes.map((codeHash) => ({ userId, codeHash, usedAt: null })), { transaction });
  },
  async consume(userId, codeHash, now) {
    // The usedAt IS NULL condition makes this a compare-and-set: a code is spent once.
    const [n] = await m.RecoveryCode.update({ usedAt: now }, { where: { userId, codeHash, usedAt: null }, transaction });
    return n > 0;
  },
  countUnused: (userId) => m.RecoveryCode.count({ where: { userId, usedAt: null }, transaction }),
});

export const loginThrottleRepository = (m: Models, transaction?: Transaction): LoginThrottleRepository => ({
  async get(keys) {
    if (keys.length === 0) return [];
    return mapAll(await m.LoginThrottle.findAll({ where: { key: { [Op.in]: keys } }, raw: true, transaction }), (r) => ({ key: str(r.key), failures: toNum(r.failures), lockedUntil: toDateOrNull(r.lockedUntil) }));
  },
  async recordFailure(key, now) {
    // An atomic increment; the first failure inserts (and a racing first insert falls back to the increment).
    const [n] = await m.LoginThrottle.update({ failures: m.LoginThrottle.sequelize!.literal('failures + 1'), updatedAt: now }, { where: { key }, transaction });
    if (n === 0) {
      try {
        await m.LoginThrottle.create({ key, failures: 1, lockedUntil: null, updatedAt: now }, { transaction });
        return 1;
      } catch (e) {
        if (!(e instanceof UniqueConstraintError)) throw e;
        await m.LoginThrottle.update({ failures: m.LoginThrottle.sequelize!.literal('failures + 1'), updatedAt: now }, { where: { key }, transaction });
      }
    }
    const row = (await m.LoginThrottle.findByPk(key, { raw: true, transaction })) as unknown as { failures: unknown } | null;
    return row ? toNum(row.failures) : 1;
  },
  async lock(key, until) {
    await m.LoginThrottle.update({ lockedUntil: until }, { where: { key }, transaction });
  },
  async clear(key) {
    await m.LoginThrottle.destroy({ where: { key }, transaction });
  },
});
