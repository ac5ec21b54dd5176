import type { Transaction } from 'sequelize';
import type { SecurityLevel } from '../../../domain/security-level.ts';
import type { AccessChange, AccessRequestRecord, AccessRequestRepository, AccessRequestStatus } from '../../../ports/repositories.ts';
import type { Models } from '../models.ts';
import type { AccessRequestRow } from '../models/accounts.models.ts';
import { mapOne, toDate, toDateOrNull } from './row.ts';
import { pagedRows } from './paged.ts';

const toRequest = (r: AccessRequestRow): AccessRequestRecord => ({
  id: r.id,
  userId: r.userId,
  changes: JSON.parse(r.changes) as AccessChange,
  level: r.level as SecurityLevel,
  status: r.status as AccessRequestStatus,
  requestedBy: r.requestedBy,
  requestedAt: toDate(r.requestedAt),
  decidedBy: r.decidedBy,
  decidedAt: toDateOrNull(r.decidedAt),
});

export const accessRequestRepository = (m: Models, transaction?: Transaction): AccessRequestRepository => ({
  async create(r) {
    await m.AccessRequest.create({ ...r, changes: JSON.stringify(r.changes) }, { transaction });
  },
  async findById(id) {
    return mapOne(await m.AccessRequest.findByPk(id, { raw: true, transaction }), toRequest);
  },
  async list(filter, page, limit) {
    const where = filter.status ? { status: filter.status } : {};
    return pagedRows(
      m.AccessRequest,
      {
        where,
        order: [
          ['requestedAt', 'DESC'],
          ['id', 'ASC'],
        ],
        page,
        limit,
        transaction,
      },
      toRequest,
    );
  },
  async decide(id, status, by, at) {
    const [n] = await m.AccessRequest.update({ status, decidedBy: by, decidedAt: at }, { where: { id, status: 'pending' }, transaction });
    return n === 1;
  },
});
