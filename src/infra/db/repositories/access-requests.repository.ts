import type { Transaction } from 'sequelize';
import type { SecurityLevel } from '../../../domain/security-level.ts';
import type { AccessChange, AccessRequestRecord, AccessRequestRepository, AccessRequestStatus } from '../../../ports/repositories.ts';
import type { Models } from '../models.ts';
import { mapOne, type RawRow, str, strOrNull, toDate, toDateOrNull } from './row.ts';
import { pagedRows } from './paged.ts';

const toRequest = (r: RawRow): AccessRequestRecord => ({
  id: str(r.id),
  userId: str(r.userId),
  changes: JSON.parse(str(r.changes)) as AccessChange,
  level: str(r.level) as SecurityLevel,
  status: str(r.status) as AccessRequestStatus,
  requestedBy: str(r.requestedBy),
  requestedAt: toDate(r.requestedAt),
  decidedBy: strOrNull(r.decidedBy),
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
