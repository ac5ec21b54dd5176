import { errors, idParam, json, q } from './openapi-parts.ts';

const str = { type: 'string' };
const binary = (type: string, description: string) => ({ description, content: { [type]: { schema: { type: 'string', format: 'binary' } } } });
const period = [
  q('from', { type: 'string', format: 'date', description: 'first day received (office calendar), inclusive' }),
  q('to', { type: 'string', format: 'date', description: 'last day received, inclusive' }),
  q('unitCode', { type: 'string', description: "one unit's register; omitted: every unit the caller may see" }),
];
const entry = {
  type: 'object',
  properties: {
    id: str,
    unitCode: str,
    agendaNumber: { type: 'integer' },
    agendaYear: { type: 'integer' },
    receivedDate: { type: 'string', format: 'date' },
    letterNumber: str,
    letterDate: { type: 'string', format: 'date' },
    sender: str,
    subject: str,
    urgency: { type: 'string', enum: ['biasa', 'penting', 'segera', 'sangat_segera'] },
    classificationCode: { type: 'string', nullable: true },
    status: str,
    disposedTo: { type: 'array', items: str, description: 'where the first dispositions sent it, each with its status in Indonesian' },
  },
};
const heading = { type: 'object', properties: { office: str, unit: str, period: str, printedAt: str } };

/** The register on paper and the disposition sheet (issue 18). */
export const paperPaths = {
  '/api/v1/letters/incoming/register': {
    get: {
      summary: 'The incoming register (Buku Agenda) of a period and unit, oldest first, as the caller may see it (at most 5,000 letters)',
      parameters: period,
      responses: {
        200: {
          description: 'the table',
          ...json({ type: 'object', properties: { heading, items: { type: 'array', items: entry }, total: { type: 'integer' } } }),
        },
        ...errors(401, 422),
      },
    },
  },
  '/api/v1/letters/incoming/register.csv': {
    get: {
      summary: 'The register as CSV: UTF-8 with a byte order mark, every field quoted, a cell starting like a formula prefixed with an apostrophe',
      parameters: period,
      responses: { 200: binary('text/csv', 'one letter a line; audited'), ...errors(401, 422) },
    },
  },
  '/api/v1/letters/incoming/register.pdf': {
    get: {
      summary: 'The register as an A4 landscape PDF: office, unit and period on every page, numbered pages',
      parameters: period,
      responses: { 200: binary('application/pdf', 'the printed register; audited'), ...errors(401, 422) },
    },
  },
  '/api/v1/letters/incoming/{id}/disposition-sheet.pdf': {
    get: {
      summary:
        "A letter's disposition sheet (lembar disposisi): its particulars and every disposition with sender, addressee, instruction, due date, status, report",
      parameters: [idParam('id')],
      responses: { 200: binary('application/pdf', 'the sheet'), ...errors(401, 404, 422) },
    },
  },
};
