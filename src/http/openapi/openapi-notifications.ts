/** The OpenAPI description of the caller's notifications (deadline reminders and escalations). */
import { errors, idParam, json, q } from './openapi-parts.ts';

const str = { type: 'string' };
const dateTime = { type: 'string', format: 'date-time' };

export const notificationSchemas = {
  Notification: {
    type: 'object',
    properties: {
      id: str,
      kind: {
        type: 'string',
        description:
          'due_soon (24 h before), due_today (from the start of the due day, office time), overdue (to the holders), overdue_escalation (to the sender)',
      },
      message: { type: 'string', description: 'Indonesian, then English; the subject of a rahasia letter is withheld' },
      subjectType: { type: 'string', enum: ['disposition'] },
      subjectId: str,
      readAt: { ...dateTime, nullable: true },
      createdAt: dateTime,
    },
  },
};

export const notificationPaths = {
  '/api/v1/notifications': {
    get: {
      summary: 'Your own notifications, newest first',
      parameters: [
        q('unread', { type: 'string', enum: ['true', 'false'] }),
        q('page', { type: 'integer', minimum: 1 }),
        q('limit', { type: 'integer', minimum: 1, maximum: 100 }),
      ],
      responses: {
        200: {
          description: 'a page of notifications',
          ...json({
            type: 'object',
            properties: {
              items: { type: 'array', items: { $ref: '#/components/schemas/Notification' } },
              total: { type: 'integer' },
              page: { type: 'integer' },
              limit: { type: 'integer' },
            },
          }),
        },
        ...errors(401, 422),
      },
    },
  },
  '/api/v1/notifications/{id}/read': {
    post: {
      summary: 'Mark one of your notifications read (again is fine)',
      parameters: [idParam('id')],
      responses: { 204: { description: 'read' }, ...errors(401, 404, 422) },
    },
  },
};
