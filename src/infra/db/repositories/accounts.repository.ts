import { Op, type Transaction, type WhereOptions } from 'sequelize';
import { filingScopeOf } from '../../../domain/filing-scope.ts';
import { type Role, normaliseRoles } from '../../../domain/roles.ts';
import type { SecurityLevel } from '../../../domain/security-level.ts';
import type { SessionPurpose, SessionRepository, UnitRecord, UnitRepository, UserPatch, UserRecord, UserRepository } from '../../../ports/repositories.ts';
import type { Models } from '../models.ts';
import { mapAll, mapOne, type RawRow, str, strOrNull, toDate, toDateOrNull, toNumOrNull } from './row.ts';
import { pagedRows } from './paged.ts';

// Several roles per user live comma-separated in the `role` column.
const rolesOf = (v: unknown): Role[] => str(v).split(',').filter(Boolean) as Role[];
const roleColumn = (roles: Role[]): string => normaliseRoles(roles).join(',');

const toUser = (r: RawRow): UserRecord => ({
  id: str(r.id),
  username: str(r.username),
  passwordHash: str(r.passwordHash),
  name: str(r.name),
  roles: rolesOf(r.role),
  unitCode: str(r.unitCode),
  clearance: str(r.clearance) as SecurityLevel,
  disabled: Boolean(r.disabled),
  totpSecret: strOrNull(r.totpSecret),
  totpEnabledAt: toDateOrNull(r.totpEnabledAt),
  totpLastStep: toNumOrNull(r.totpLastStep),
  email: strOrNull(r.email),
  filingScope: filingScopeOf(strOrNull(r.filingScope), strOrNull(r.filingUnits)),
  nip: strOrNull(r.nip),
  jabatan: strOrNull(r.jabatan),
  mustChangePassword: Boolean(r.mustChangePassword),
  certificateRequestedAt: toDateOrNull(r.certificateRequestedAt),
  passwordResetHash: strOrNull(r.passwordResetHash),
  passwordResetExpiresAt: toDateOrNull(r.passwordResetExpiresAt),
  createdAt: toDate(r.createdAt),
});

const toRow = ({ roles, filingScope, ...rest }: UserPatch): Record<string, unknown> => ({
  ...rest,
  ...(roles ? { role: roleColumn(roles) } : {}),
  ...(filingScope ? { filingScope: filingScope.kind, filingUnits: filingScope.kind === 'units' ? filingScope.unitCodes.join(',') : null } : {}),
});

const toUnit = (r: RawRow): UnitRecord => ({ code: str(r.code), name: str(r.name), parentCode: strOrNull(r.parentCode) });

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
    await m.User.create({ ...toRow(record), id: record.id, username: record.username, createdAt: record.createdAt }, { transaction });
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
    return mapAll(await m.Unit.findAll({ raw: true, transaction, order: [['code', 'ASC']] }), toUnit);
  },
});

export const sessionRepository = (m: Models, transaction?: Transaction): SessionRepository => ({
  async create(s) {
    await m.Session.create({ ...s, createdAt: new Date() }, { transaction });
  },
  async findLive(tokenHash, now) {
    const r = (await m.Session.findOne({
      where: { tokenHash, revokedAt: null, expiresAt: { [Op.gt]: now } },
      raw: true,
      transaction,
    })) as unknown as RawRow | null;
    return r ? { tokenHash: str(r.tokenHash), userId: str(r.userId), purpose: str(r.purpose) as SessionPurpose, expiresAt: toDate(r.expiresAt) } : null;
  },
  async revoke(tokenHash) {
    await m.Session.update({ revokedAt: new Date() }, { where: { tokenHash }, transaction });
  },
  async revokeAllOf(userId) {
    const [n] = await m.Session.update({ revokedAt: new Date() }, { where: { userId, revokedAt: null }, transaction });
    return n;
  },
});
