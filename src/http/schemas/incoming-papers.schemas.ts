/** The register on paper and the disposition sheet (issue 18): requests and responses, declared once (see documents.schemas.ts). */
import { z } from 'zod';
import { INCOMING_STATUSES, URGENCIES } from '../../domain/correspondence.ts';
import { operation, type Reply } from '../openapi/operation.ts';
import { code, isoDate, one } from '../validate.ts';
import { day } from './common.schemas.ts';
import { letterId } from './incoming.schemas.ts';

const blank = <T extends z.ZodType>(t: T) => one(z.preprocess((v) => (v === '' ? undefined : v), t.optional()));

/** The register's period (received dates, both inclusive) and unit. */
export const registerQuery = z
  .object({
    from: blank(isoDate).meta({ description: 'first day received (office calendar), inclusive' }),
    to: blank(isoDate).meta({ description: 'last day received, inclusive' }),
    unitCode: blank(code).meta({ description: "one unit's register; omitted: every unit the caller may see" }),
  })
  .refine((p) => !p.from || !p.to || p.from <= p.to, { message: 'from must not be after to', path: ['to'], params: { code: 'before_start' } });

const entry = z.object({
  id: z.string(),
  unitCode: z.string(),
  agendaNumber: z.number().int(),
  agendaYear: z.number().int(),
  receivedDate: day,
  letterNumber: z.string(),
  letterDate: day,
  sender: z.string(),
  subject: z.string(),
  urgency: z.enum(URGENCIES),
  classificationCode: z.string().nullable(),
  status: z.enum(INCOMING_STATUSES),
  disposedTo: z.array(z.string()).meta({ description: 'where the first dispositions sent it, each with its status in Indonesian' }),
});
const heading = z.object({ office: z.string(), unit: z.string(), period: z.string(), printedAt: z.string() });

const paper = (path: string, summary: string, bytes: Reply) =>
  operation({ method: 'get', path: `/api/v1/letters/incoming/${path}`, summary, query: registerQuery, responses: { 200: bytes }, errors: [401, 422] });

export const incomingPaperOps = {
  register: operation({
    method: 'get',
    path: '/api/v1/letters/incoming/register',
    summary: 'The incoming register (Buku Agenda) of a period and unit, oldest first, as the caller may see it (at most 5,000 letters)',
    query: registerQuery,
    responses: { 200: { description: 'the table', schema: z.object({ heading, items: z.array(entry), total: z.number().int() }) } },
    errors: [401, 422],
  }),
  csv: paper(
    'register.csv',
    'The register as CSV: UTF-8 with a byte order mark, every field quoted, a cell starting like a formula prefixed with an apostrophe',
    { description: 'one letter a line; audited', type: 'text/csv' },
  ),
  pdf: paper('register.pdf', 'The register as an A4 landscape PDF: office, unit and period on every page, numbered pages', {
    description: 'the printed register; audited',
    type: 'application/pdf',
  }),
  sheet: operation({
    method: 'get',
    path: '/api/v1/letters/incoming/:id/disposition-sheet.pdf',
    summary:
      "A letter's disposition sheet (lembar disposisi): its particulars and every disposition with sender, addressee, instruction, due date, status, report",
    params: z.object({ id: letterId }),
    responses: { 200: { description: 'the sheet', type: 'application/pdf' } },
    errors: [401, 404, 422],
  }),
};
