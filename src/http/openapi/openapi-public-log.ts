import { errors, json, q } from './openapi-parts.ts';

const hashes = { type: 'array', items: { type: 'string', description: 'SHA-256, hex' } };
const obj = (properties: Record<string, object>) => ({ type: 'object', properties });
const num = { type: 'integer' };
const text = (description: string) => ({ content: { 'text/plain': { schema: { type: 'string', description } } } });
const required = (p: ReturnType<typeof q>) => ({ ...p, required: true });

/** The public log (issue 20): no login, rate-limited per address. */
export const publicLogPaths = {
  '/log/checkpoint': {
    get: {
      summary:
        "Public: the latest signed tree head (C2SP tlog-checkpoint signed note), with witnesses' cosignature lines; with `cosignatures=k`, the newest head k of the office's witnesses validly cosigned (404 when none is yet)",
      security: [],
      parameters: [q('cosignatures', num)],
      responses: {
        200: { description: 'the checkpoint', ...text('origin, size, base64 root, `audit <seq> <hash>`, blank line, signature lines') },
        ...errors(404, 422, 429),
      },
    },
  },
  '/log/key': {
    get: {
      summary: "Public: the log's verifier key (signed-note format name+keyid+base64)",
      security: [],
      responses: { 200: { description: 'the key', ...text('name+keyid+base64') } },
    },
  },
  '/log/proof/inclusion': {
    get: {
      summary: 'Public: RFC 9162 inclusion proof of a leaf (by position or leaf hash) in the tree of `size` leaves (default: current)',
      security: [],
      parameters: [required(q('leaf')), q('size', num)],
      responses: {
        200: { description: 'the proof', ...json(obj({ index: num, size: num, leafHash: { type: 'string' }, inclusionProof: hashes })) },
        ...errors(404, 422, 429),
      },
    },
  },
  '/log/proof/consistency': {
    get: {
      summary: 'Public: RFC 9162 consistency proof between two tree sizes',
      security: [],
      parameters: [required(q('from', num)), required(q('to', num))],
      responses: { 200: { description: 'the proof', ...json(obj({ from: num, to: num, consistencyProof: hashes })) }, ...errors(422, 429) },
    },
  },
  '/log/leaves': {
    get: {
      summary: 'Public: leaves [start, end), at most 1000 per request, for mirrors',
      security: [],
      parameters: [required(q('start', num)), required(q('end', num))],
      responses: {
        200: {
          description: 'leaves',
          ...json(obj({ start: num, leaves: { type: 'array', items: obj({ index: num, hash: { type: 'string' }, text: { type: 'string' } }) } })),
        },
        ...errors(422, 429),
      },
    },
  },
  '/log/cosignature': {
    post: {
      summary: "Public: a witness's cosigned checkpoint (tlog-cosignature/v1 line), kept when the witness is configured and the head is this log's",
      security: [],
      requestBody: text('the checkpoint text, a blank line, the cosignature line'),
      responses: { 201: { description: 'kept', ...json(obj({ witness: { type: 'string' }, size: num })) }, ...errors(400, 403, 409, 422, 429) },
    },
  },
  '/log/witness/views': {
    get: {
      summary: "Public: the latest checkpoint of each other office's log this office witnessed (split-view detection)",
      security: [],
      responses: {
        200: {
          description: 'views',
          ...json(obj({ views: { type: 'array', items: obj({ origin: { type: 'string' }, size: num, note: { type: 'string' }, at: { type: 'string' } }) } })),
        },
        ...errors(429),
      },
    },
  },
};
