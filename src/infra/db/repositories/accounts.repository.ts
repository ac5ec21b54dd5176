import { Op, type Transaction, type WhereOptions } from 'sequelize';
import { filingScopeOf } from '../../../domain/filing-scope.ts';
import { type Role, normaliseRoles } from '../../../domain/roles.ts';
import type { SecurityLevel } from '../../../domain/security-level.ts';
import type { SessionPurpose, SessionRepository, UnitRecord, UnitRepository, UserPatch, UserRecord, UserRepository } from '../../../ports/repositories.ts';
import type { Models } from '../models.ts';
import type { UnitRow, UserRow } from '../models/accounts.models.ts';
import { mapOne, toBool, toDate, toDateOrNull, toNumOrNull } from './row.ts';
import { pagedRows } from './paged.ts';

// Several roles per user live comma-separated in the `role` column.
const rolesOf = (v: string): Role[] => v.split(',').filter(Boolean) as Role[];
const roleColumn = (roles: Role[]): string => normaliseRoles(roles).join(',');

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  passwordHash: r.passwordHash,
  name: r.name,
  roles: rolesOf(r.role),
  unitCode: r.unitCode,
  clearance: r.clearance as SecurityLevel,
  disabled: toBool(r.disabled),
  totpSecret: r.totpSecret,
  totpEnabledAt: toDateOrNull(r.totpEnabledAt),
  totpLastStep: toNumOrNull(r.totpLastStep),
  email: r.email,
  filingScope: filingScopeOf(r.filingScope, r.filingUnits),
  nip: r.nip,
  jabatan: r.jabatan,
  mustChangePassword: toBool(r.mustChangePassword),
  certificateRequestedAt: toDateOrNull(r.certificateRequestedAt),
  passwordResetHash: r.passwordResetHash,
  passwordResetExpiresAt: toDateOrNull(r.passwordResetExpiresAt),
  createdAt: toDate(r.createdAt),
});

const toRow = ({ roles, filingScope, ...rest }: UserPatch): Partial<UserRow> => ({
  ...rest,
  ...(roles ? { role: roleColumn(roles) } : {}),
  ...(filingScope ? { filingScope: filingScope.kind, filingUnits: filingScope.kind === 'units' ? filingScope.unitCodes.join(',') : null } : {}),
});

const toUnit = (r: UnitRow): UnitRecord => ({ code: r.code, name: r.name, parentCode: r.parentCode });

export const userRepository = (m: Models, transaction?: Transaction): UserRepository => ({
  async create(user) {
    const record: UserRecord = {
      ...user,
      email: user.email ?? null,
      nip: user.nip ?? null,
      jabatan: user.jabatan ?? null,
      mustChangePassword: user.mustChangePassword ?? false,
      certificateRequestedAt: user.certificateRequestedAt ?? null,
      passwordResetHash: null,
      passwordResetExpiresAt: null,
      roles: normaliseRoles(user.roles),
      createdAt: new Date(),
    };
    const { id, username, passwordHash, name, unitCode, clearance, createdAt } = record;
    await m.User.create(
      { ...toRow(record), id, username, passwordHash, name, role: roleColumn(record.roles), unitCode, clearance, createdAt },
      { transaction },
    );
    return record;
  },
  async findById(id) {
    return mapOne(await m.User.findByPk(id, { raw: true, transaction }), toUser);
  },
  async findByUsername(username) {
    return mapOne(await m.User.findOne({ where: { username }, raw: true, transaction }), toUser);
  },
  async update(id, patch) {
    const [n] = await m.User.update(toRow(patch), { where: { id }, transaction });
    return n > 0;
  },
  async spendTotpStep(id, step) {
    const [n] = await m.User.update(
      { totpLastStep: step },
      { where: { id, [Op.or]: [{ totpLastStep: null }, { totpLastStep: { [Op.lt]: step } }] }, transaction },
    );
    return n > 0;
  },
  async findByResetToken(hash, now) {
    return mapOne(await m.User.findOne({ where: { passwordResetHash: hash, passwordResetExpiresAt: { [Op.gt]: now } }, raw: true, transaction }), toUser);
  },
  async spendResetToken(id, hash, patch) {
    const [n] = await m.User.update(
      { ...toRow(patch), passwordResetHash: null, passwordResetExpiresAt: null },
      { where: { id, passwordResetHash: hash }, transaction },
    );
    return n > 0;
  },
  async list(filter, page, limit) {
    const where: WhereOptions[] = [];
    if (filter.unitCode) where.push({ unitCode: filter.unitCode });
    // Roles are a comma list; matching whole names between commas keeps "staff" from matching a longer name.
    if (filter.role)
      where.push({
        [Op.or]: [
          { role: filter.role },
          { role: { [Op.like]: `${filter.role},%` } },
          { role: { [Op.like]: `%,${filter.role}` } },
          { role: { [Op.like]: `%,${filter.role},%` } },
        ],
      });
    if (filter.q) {
      const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push({ [Op.or]: [{ username: { [Op.like]: like } }, { name: { [Op.like]: like } }] });
    }
    return pagedRows(m.User, { where: { [Op.and]: where }, order: [['username', 'ASC']], page, limit, transaction }, toUser);
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
  async update(code, patch) {
    const [n] = await m.Unit.update(patch, { where: { code }, transaction });
    return n > 0;
  },
  async all() {
    return (await m.Unit.findAll({ raw: true, transaction, order: [['code', 'ASC']] })).map(toUnit);
  },
});

export const sessionRepository = (m: Models, transaction?: Transaction): SessionRepository => ({
  async create(s) {
    await m.Session.create({ ...s, createdAt: new Date() }, { transaction });
  },
  async findLive(tokenHash, now) {
    const r = await m.Session.findOne({
      where: { tokenHash, revokedAt: null, expiresAt: { [Op.gt]: now } },
      raw: true,
      transaction,
    });
    return r ? { tokenHash: r.tokenHash, userId: r.userId, purpose: r.purpose as SessionPurpose, expiresAt: toDate(r.expiresAt) } : null;
  },
  async revoke(tokenHash) {
    await m.Session.update({ revokedAt: new Date() }, { where: { tokenHash }, transaction });
  },
  async revokeAllOf(userId) {
    const [n] = await m.Session.update({ revokedAt: new Date() }, { where: { userId, revokedAt: null }, transaction });
    return n;
  },
});
