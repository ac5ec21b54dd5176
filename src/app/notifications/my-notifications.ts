import type { Actor } from '../../domain/access.ts';
import type { NotificationRecord } from '../../domain/correspondence.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';

/** The public shape of a notification (never its dedupe key or email state). */
export const presentNotification = (n: NotificationRecord) => ({
  id: n.id,
  kind: n.kind,
  message: n.message,
  subjectType: n.subjectType,
  subjectId: n.subjectId,
  readAt: n.readAt?.toISOString() ?? null,
  createdAt: n.createdAt.toISOString(),
});

/** The caller's own notifications, newest first; `unreadOnly` leaves out those read. */
export const listMyNotifications = async (deps: AppDeps, actor: Actor, unreadOnly: boolean, page: number, limit: number) => {
  const { items, total } = await deps.db.notifications.listFor(actor.id, unreadOnly, page, limit);
  return { items: items.map(presentNotification), total, page, limit };
};

/** Marks one of the caller's notifications read (again is fine); another user's is not found. */
export const readMyNotification = async (deps: AppDeps, actor: Actor, id: string): Promise<void> => {
  if (!(await deps.db.notifications.markRead(id, actor.id, deps.clock.now()))) throw new AppError('not_found', 'no such notification');
};
