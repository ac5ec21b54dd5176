/** Liveness and readiness, outside the API's path (load balancers ask them): declared once (see documents.schemas.ts). */
import { z } from 'zod';
import { operation } from '../openapi/operation.ts';

export const healthOps = {
  live: operation({
    method: 'get',
    path: '/healthz',
    summary: 'The process runs',
    public: true,
    responses: { 200: { description: 'ok', schema: z.object({ status: z.literal('ok') }) } },
  }),
  ready: operation({
    method: 'get',
    path: '/readyz',
    summary: 'Database, storage, search (and the malware scanner when configured) answer',
    public: true,
    responses: {
      200: {
        description: 'ready',
        schema: z.object({
          status: z.literal('ready'),
          checks: z.record(z.string(), z.string()).meta({ description: 'each backend checked (database, storage, search, malware-scanner): ok' }),
        }),
      },
    },
    errors: [503],
  }),
};
