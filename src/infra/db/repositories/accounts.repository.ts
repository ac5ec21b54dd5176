import { Op, type Transaction } from 'sequelize';
import type { Role } from '../../../domain/roles.ts';
import type { SecurityLevel } from '../../../domain/security-level.ts';
import type { SessionRepository, UnitRecord, UnitRepository, UserRecord, UserRepository } from '../../../ports/repositories.ts';
import type { Models } from '../models.ts';
import { mapAll, mapOne, type RawRow, str, strOrNull, toDate } from './row.ts';

const toUser = (r: RawRow): UserRecord => ({
  id: str(r.id),
  username: str(r.username),
  passwordHash: str(r.passwordHash),
  name: str(r.name),
  role: str(r.role) as Role,
  unitCode: str(r.unitCode),
  clearance: str(r.clearance) as SecurityLevel,
  disabled: Boolean(r.disabled),
  createdAt: toDate(r.createdAt),
});

const toUnit = (r: RawRow): UnitRecord => ({ code: str(r.code), name: str(r.name), parentCode: strOrNull(r.parentCode) });

export const userRepository = (m: Models, transaction?: Transaction): UserRepository => ({
  async create(user) {
    const row = { ...user, createdAt: new Date() };
    await m.User.create(row, { transaction });
    return row;
  },
  async findById(id) {
    return mapOne(await m.User.findByPk(id, { raw: true, transaction }), toUser);
  },
  async findByUsername(username) {
    return mapOne(await m.User.findOne({ where: { username }, raw: true, transaction }), toUser);
  },
  count: () => m.User.count({ transaction }),
});

export const unitRepository = (m: Models, transaction?: Transaction): UnitRepository => ({
  async create(unit) {
    await m.Unit.create({ ...unit, createdAt: new Date() }, { transaction });
    return unit;
  },
  async findByCode(code) {
    return mapOne(await m.Unit.findByPk(code, { raw: true, transaction }), toUnit);
  },
  async all() {
    return mapAll(await m.Unit.findAll({ raw: true, transaction, order: [['code', 'ASC']] }), toUnit);
  },
});

export const sessionRepository = (m: Models, transaction?: Transaction): SessionRepository => ({
  async create(s) {
    await m.Session.create({ ...s, createdAt: new Date() }, { transaction });
  },
  async findLive(tokenHash, now) {
    const r = (await m.Session.findOne({ where: { tokenHash, revokedAt: null, expiresAt: { [Op.gt]: now } }, raw: true, transaction })) as unknown as RawRow | null;
    return r ? { tokenHash: str(r.tokenHash), userId: str(r.userId), expiresAt: toDate(r.expiresAt) } : null;
  },
  async revoke(tokenHash) {
    await m.Session.update({ revokedAt: new Date() }, { where: { tokenHash }, transaction });
  },
});
