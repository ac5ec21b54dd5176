import { errors, json, q } from './openapi-parts.ts';

const str = { type: 'string' };
const int = { type: 'integer' };
const obj = (properties: Record<string, object>, required: string[] = []) => ({ type: 'object', ...(required.length ? { required } : {}), properties });
/** The incoming register, dispositions and the office figures. */
export const letterPaths = {
  '/api/v1/stats': {
    get: {
      summary:
        'Office figures (officials, admins, auditors): letters per month, median hours to first disposition and to completion, overdue dispositions per unit',
      parameters: [q('from', { type: 'string', pattern: '^\\d{4}-\\d{2}$' }), q('to', { type: 'string', pattern: '^\\d{4}-\\d{2}$' })],
      responses: {
        200: {
          description: 'the figures over the letters the caller may see',
          ...json(
            obj({
              from: str,
              to: str,
              timeZone: str,
              months: { type: 'array', items: obj({ month: str, incoming: int, outgoingDrafted: int, outgoingSigned: int }) },
              toFirstDisposition: obj({ medianHours: { type: ['number', 'null'] }, letters: int }),
              toCompletion: obj({ medianHours: { type: ['number', 'null'] }, letters: int }),
              overdueByUnit: { type: 'array', items: obj({ unitCode: str, overdue: int }) },
            }),
          ),
        },
        ...errors(401, 403, 422),
      },
    },
  },
};
