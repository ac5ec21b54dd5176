/**
 * The public log (issue 20): no login, each address on a request budget. Requests and responses,
 * declared once (see documents.schemas.ts). Its routes are mounted at the root, outside /api/v1,
 * and register each operation's whole path.
 */
import { z } from 'zod';
import { operation } from '../openapi/operation.ts';
import { one } from '../validate.ts';
import { timestamp } from './common.schemas.ts';

const index = (max = Number.MAX_SAFE_INTEGER) => one(z.coerce.number().int().min(0).max(max));
export const inclusionQuery = z.object({
  leaf: one(z.string().regex(/^(\d{1,15}|[0-9a-fA-F]{64})$/, 'a leaf position, or its leaf hash as 64 hex digits')).meta({
    description: 'a leaf position, or its leaf hash (64 hex digits)',
  }),
  size: index().optional().meta({ description: 'the tree size (default: the current one)' }),
});
export const consistencyQuery = z.object({ from: index(), to: index() });
export const rangeQuery = z.object({ start: index(), end: index() });
/** A verifier requiring k cosignatures asks for the newest head that many trusted witnesses cosigned. */
export const checkpointQuery = z.object({ cosignatures: index(64).optional() });

const hashes = z.array(z.string().meta({ description: 'SHA-256, hex' }));
const text = (description: string) => z.string().meta({ description });
const errors = [422, 429] as const;

export const publicLogOps = {
  checkpoint: operation({
    method: 'get',
    path: '/log/checkpoint',
    summary:
      "Public: the latest signed tree head (C2SP tlog-checkpoint signed note), with witnesses' cosignature lines; with `cosignatures=k`, the newest head k of the office's witnesses validly cosigned (404 when none is yet)",
    public: true,
    query: checkpointQuery,
    responses: { 200: { description: 'the checkpoint: origin, size, base64 root, `audit <seq> <hash>`, blank line, signature lines', type: 'text/plain' } },
    errors: [404, ...errors],
  }),
  key: operation({
    method: 'get',
    path: '/log/key',
    summary: "Public: the log's verifier key (signed-note format name+keyid+base64)",
    public: true,
    responses: { 200: { description: 'the key: name+keyid+base64', type: 'text/plain' } },
  }),
  inclusion: operation({
    method: 'get',
    path: '/log/proof/inclusion',
    summary: 'Public: RFC 9162 inclusion proof of a leaf (by position or leaf hash) in the tree of `size` leaves (default: current)',
    public: true,
    query: inclusionQuery,
    responses: {
      200: {
        description: 'the proof',
        schema: z.object({ index: z.number().int(), size: z.number().int(), leafHash: z.string(), inclusionProof: hashes }),
      },
    },
    errors: [404, ...errors],
  }),
  consistency: operation({
    method: 'get',
    path: '/log/proof/consistency',
    summary: 'Public: RFC 9162 consistency proof between two tree sizes',
    public: true,
    query: consistencyQuery,
    responses: { 200: { description: 'the proof', schema: z.object({ from: z.number().int(), to: z.number().int(), consistencyProof: hashes }) } },
    errors,
  }),
  leaves: operation({
    method: 'get',
    path: '/log/leaves',
    summary: 'Public: leaves [start, end), at most 1000 per request, for mirrors',
    public: true,
    query: rangeQuery,
    responses: {
      200: {
        description: 'leaves',
        schema: z.object({ start: z.number().int(), leaves: z.array(z.object({ index: z.number().int(), hash: z.string(), text: z.string() })) }),
      },
    },
    errors,
  }),
  cosignature: operation({
    method: 'post',
    path: '/log/cosignature',
    summary: "Public: a witness's cosigned checkpoint (tlog-cosignature/v1 line), kept when the witness is configured and the head is this log's",
    public: true,
    body: { 'text/plain': text('the checkpoint text, a blank line, the cosignature line') },
    responses: { 201: { description: 'kept', schema: z.object({ witness: z.string(), size: z.number().int() }) } },
    errors: [400, 403, 409, ...errors],
  }),
  witnessViews: operation({
    method: 'get',
    path: '/log/witness/views',
    summary: "Public: the latest checkpoint of each other office's log this office witnessed (split-view detection)",
    public: true,
    responses: {
      200: {
        description: 'views',
        schema: z.object({ views: z.array(z.object({ origin: z.string(), size: z.number().int(), note: z.string(), at: timestamp })) }),
      },
    },
    errors: [429],
  }),
};
