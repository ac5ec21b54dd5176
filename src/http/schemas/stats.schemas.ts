/** The office figures: request and response, declared once (see documents.schemas.ts). */
import { z } from 'zod';
import { operation } from '../openapi/operation.ts';
import { one, YEAR_MESSAGE, yearInRange } from '../validate.ts';

// Years 1900–2999: beyond, the month arithmetic leaves what a Date can hold ("Invalid time value").
const month = one(
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
    .refine(yearInRange, YEAR_MESSAGE),
);
export const statsQuery = z.object({ from: month.optional(), to: month.optional() });

const turnaround = z.object({ medianHours: z.number().nullable(), letters: z.number().int() });

export const statsOps = {
  stats: operation({
    method: 'get',
    path: '/api/v1/stats',
    summary:
      'Office figures (officials, admins, auditors): letters per month, median hours to first disposition and to completion, overdue dispositions per unit',
    query: statsQuery,
    responses: {
      200: {
        description: 'the figures over the letters the caller may see',
        schema: z
          .object({
            from: z.string().meta({ description: 'YYYY-MM' }),
            to: z.string().meta({ description: 'YYYY-MM' }),
            timeZone: z.string(),
            months: z.array(z.object({ month: z.string(), incoming: z.number().int(), outgoingDrafted: z.number().int(), outgoingSigned: z.number().int() })),
            toFirstDisposition: turnaround,
            toCompletion: turnaround,
            overdueByUnit: z.array(z.object({ unitCode: z.string(), overdue: z.number().int() })),
          })
          .meta({ id: 'OfficeStats' }),
      },
    },
    errors: [401, 403, 422],
  }),
};
