import { type Transaction, UniqueConstraintError } from 'sequelize';
import type { NotificationRecord } from '../../../domain/correspondence.ts';
import type { NotificationRepository } from '../../../ports/correspondence-repositories.ts';
import type { Models } from '../models.ts';
import type { NotificationRow } from '../models/correspondence.models.ts';
import { mapOne, toDate, toDateOrNull } from './row.ts';
import { pagedRows } from './paged.ts';

const toNotification = (r: NotificationRow): NotificationRecord => ({
  id: r.id,
  userId: r.userId,
  kind: r.kind,
  dedupeKey: r.dedupeKey,
  subjectType: r.subjectType,
  subjectId: r.subjectId,
  message: r.message,
  readAt: toDateOrNull(r.readAt),
  emailState: r.emailState as NotificationRecord['emailState'],
  createdAt: toDate(r.createdAt),
});

/**
 * Notifications. `add` is insert-if-absent on the unique dedupe_key: any number of scans in any
 * number of processes record a reminder once. `setEmailState` is the compare-and-set that lets
 * exactly one sender take a pending email.
 */
export const notificationRepository = (m: Models, transaction?: Transaction): NotificationRepository => ({
  async add(n) {
    // Read first: scans offer the same reminders again and again, and a read is cheaper than a
    // refused insert (which on SQLite also waits for the write lock).
    if (await m.Notification.findOne({ where: { dedupeKey: n.dedupeKey }, attributes: ['id'], raw: true, transaction })) return false;
    try {
      await m.Notification.create({ ...n }, { transaction });
      return true;
    } catch (e) {
      // Another process recorded it between our read and our insert.
      if (e instanceof UniqueConstraintError) return false;
      throw e;
    }
  },
  async listFor(userId, unreadOnly, page, limit) {
    const where = unreadOnly ? { userId, readAt: null } : { userId };
    return pagedRows(
      m.Notification,
      {
        where,
        order: [
          ['createdAt', 'DESC'],
          ['id', 'DESC'],
        ],
        page,
        limit,
        transaction,
      },
      toNotification,
    );
  },
  async markRead(id, userId, now) {
    const [n] = await m.Notification.update({ readAt: now }, { where: { id, userId, readAt: null }, transaction });
    if (n > 0) return true;
    // Read before: still the caller's (the first readAt stays).
    return (await m.Notification.count({ where: { id, userId }, transaction })) > 0;
  },
  async withdraw(subjectType, subjectId, kind) {
    return m.Notification.destroy({ where: { subjectType, subjectId, kind }, transaction });
  },
  async findById(id) {
    return mapOne(await m.Notification.findByPk(id, { raw: true, transaction }), toNotification);
  },

  async setEmailState(id, from, to) {
    const [n] = await m.Notification.update({ emailState: to }, { where: { id, emailState: from }, transaction });
    return n > 0;
  },
});
