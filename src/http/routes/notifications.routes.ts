import { Router } from 'express';
import type { AppDeps } from '../../app/deps.ts';
import { listMyNotifications, readMyNotification } from '../../app/notifications/my-notifications.ts';
import { reply, routePath } from '../openapi/operation.ts';
import { notificationId, notificationQuery, notificationOps as ops } from '../schemas/notifications.schemas.ts';
import { parse } from '../validate.ts';

/** The caller's own notifications (deadline reminders and escalations). */
export const notificationsRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.get(routePath(ops.list), async (req, res) => {
    const { page, limit, unread } = parse(notificationQuery, req.query);
    res.json(reply(ops.list, 200, await listMyNotifications(deps, req.actor!, unread === 'true', page, limit)));
  });
  r.post(routePath(ops.read), async (req, res) => {
    await readMyNotification(deps, req.actor!, parse(notificationId, req.params.id));
    res.status(204).end();
  });
  return r;
};
