import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.ts';
import { listMyNotifications, readMyNotification } from '../../app/notifications/my-notifications.ts';
import { one, paging, parse } from '../validate.ts';

const listQuery = z.object({ ...paging, unread: one(z.enum(['true', 'false'])).optional() });
const notificationId = z.string().uuid('not a notification id');

/** The caller's own notifications (deadline reminders and escalations). */
export const notificationsRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.get('/notifications', async (req, res) => {
    const { page, limit, unread } = parse(listQuery, req.query);
    res.json(await listMyNotifications(deps, req.actor!, unread === 'true', page, limit));
  });
  r.post('/notifications/:id/read', async (req, res) => {
    await readMyNotification(deps, req.actor!, parse(notificationId, req.params.id));
    res.status(204).end();
  });
  return r;
};
