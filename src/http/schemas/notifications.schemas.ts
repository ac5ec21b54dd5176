/** The caller's own notifications (deadline reminders, escalations, records notices): requests and responses, declared once (see documents.schemas.ts). */
import { z } from 'zod';
import { operation } from '../openapi/operation.ts';
import { one, paging } from '../validate.ts';
import { pageOf, timestamp } from './common.schemas.ts';

export const notificationQuery = z.object({ ...paging, unread: one(z.enum(['true', 'false'])).optional() });
export const notificationId = z.string().uuid('not a notification id');

const notificationSchema = z
  .object({
    id: z.string(),
    kind: z.string().meta({
      description:
        'due_soon (24 h before), due_today (from the start of the due day, office time), overdue (to the holders), overdue_escalation (to the sender); records and operations notices have their own kinds',
    }),
    message: z.string().meta({ description: 'Indonesian, then English; the subject of a rahasia letter is withheld' }),
    subjectType: z
      .string()
      .meta({ description: 'what it is about: disposition, incoming_letter, outgoing_letter, disposal, transfer, records, document, public_log' }),
    subjectId: z.string(),
    readAt: timestamp.nullable(),
    createdAt: timestamp,
  })
  .meta({ id: 'Notification' });

export const notificationOps = {
  list: operation({
    method: 'get',
    path: '/api/v1/notifications',
    summary: 'Your own notifications, newest first',
    query: notificationQuery,
    responses: { 200: { description: 'a page of notifications', schema: pageOf(notificationSchema) } },
    errors: [401, 422],
  }),
  read: operation({
    method: 'post',
    path: '/api/v1/notifications/:id/read',
    summary: 'Mark one of your notifications read (again is fine)',
    params: z.object({ id: notificationId }),
    responses: { 204: { description: 'read' } },
    errors: [401, 404, 422],
  }),
};
