import { SECURITY_LEVELS } from '../../domain/security-level.ts';
import { errors, idParam, json, ref } from './openapi-parts.ts';

const str = { type: 'string' };
const bool = { type: 'boolean' };
const obj = (properties: Record<string, object>, required: string[] = []) => ({ type: 'object', ...(required.length ? { required } : {}), properties });
const ifMatch = {
  name: 'If-Match',
  in: 'header',
  required: false,
  schema: str,
  description: 'the ETag (version) the change was made on; 412 when it is no longer current',
};
const history = obj({
  version: { type: 'integer' },
  original: { type: 'object', description: 'the details as first registered' },
  corrections: {
    type: 'array',
    items: obj({
      version: { type: 'integer' },
      at: str,
      actorId: str,
      reason: { type: ['string', 'null'] },
      changed: { type: 'array', items: str },
      before: {},
      after: {},
    }),
  },
  voided: { type: ['object', 'null'], properties: { at: str, by: str, reason: str } },
});

/** PATCH on /letters/incoming/{id}, joined to that path's GET in openapi-letters.ts. */
export const patchIncoming = {
  summary:
    "Correct a registered letter's details (a clerk of its unit, an admin): audited with the values before and after, versioned; its scan's description, level and unit follow. A security level above the corrector's clearance is 403; a unit outside their filing scope 403 (outside-filing-scope); a new unit gives the letter that unit's next agenda number, its old number staying in the old register marked void",
  parameters: [idParam('id'), ifMatch],
  requestBody: json(
    obj({
      letterNumber: str,
      letterDate: { type: 'string', format: 'date' },
      sender: str,
      subject: str,
      urgency: str,
      receivedAt: { type: 'string', format: 'date-time' },
      classificationCode: { type: ['string', 'null'] },
      securityLevel: { type: 'string', enum: [...SECURITY_LEVELS] },
      unitCode: str,
      reason: str,
    }),
  ),
  responses: { 200: { description: 'the corrected letter (ETag: its version)', ...json(ref('IncomingLetter')) }, ...errors(400, 401, 403, 404, 409, 412, 422) },
};

/** Issue 18: corrections, voiding, and what is known of a file before it is registered. */
export const correctionPaths = {
  '/api/v1/letters/incoming/{id}/void': {
    post: {
      summary:
        'Void an agenda entry with a reason: the number stays in the register marked void and is never given again; 409 while a disposition of it is open',
      parameters: [idParam('id'), ifMatch],
      requestBody: json(obj({ reason: str }, ['reason'])),
      responses: { 200: { description: 'the voided letter', ...json(ref('IncomingLetter')) }, ...errors(400, 401, 403, 404, 409, 412) },
    },
  },
  '/api/v1/letters/incoming/{id}/corrections': {
    get: {
      summary: "A letter's corrections (version, who, when, why, values before and after), its details as first registered, and its void mark",
      parameters: [idParam('id')],
      responses: { 200: { description: 'the history', ...json(history) }, ...errors(401, 404) },
    },
  },
  '/api/v1/letters/incoming/suggest': {
    post: {
      summary:
        "Suggestions for the registration form from a dropped file: letter number, date, sender, subject, from a PDF's text layer (first pages) or else from OCR of the first page of a scan, under a time limit (source ocr-timed-out: no suggestions). Nothing is stored. 429 reading-busy with Retry-After when too many scans are being read for clerks at once",
      requestBody: { content: { 'multipart/form-data': { schema: obj({ file: { type: 'string', format: 'binary' } }, ['file']) } } },
      responses: {
        200: {
          description: 'what the text says',
          ...json(
            obj({
              mimeType: str,
              textLayer: bool,
              source: { type: 'string', enum: ['text-layer', 'ocr', 'ocr-timed-out'] },
              suggestions: obj({ letterNumber: str, letterDate: { type: 'string', format: 'date' }, sender: str, subject: str }),
            }),
          ),
        },
        ...errors(400, 401, 403, 413, 415, 422, 429, 503),
      },
    },
  },
  '/api/v1/documents/by-sha256/{sha256}': {
    get: {
      summary:
        'Whether these bytes are archived already (clerks, admins), asked before registering: a document the caller may see is named with its letter; one they may not see is only said to exist (visible: false)',
      parameters: [idParam('sha256')],
      responses: {
        200: {
          description: 'what is archived',
          ...json(
            obj({
              exists: bool,
              visible: bool,
              document: { type: ['object', 'null'], properties: { id: str, title: str, kind: str, createdAt: str } },
              letter: {
                type: ['object', 'null'],
                properties: { id: str, agendaNumber: { type: 'integer' }, agendaYear: { type: 'integer' }, unitCode: str, voided: bool },
              },
            }),
          ),
        },
        ...errors(401, 403, 422),
      },
    },
  },
};
