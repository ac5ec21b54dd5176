/**
 * Test-only: every JSON answer of a declared operation (operation.ts) must match the schema it
 * declares for that status, with no field the schema does not name. A mismatch answers 500 with
 * what is wrong (and says it on stderr), so the test that made the request fails where it looks.
 * Switched on by the test app (startNaskah's `checkResponses`), never in production.
 */
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { TYPE_BASE } from '../problem.ts';
import type { Operation } from './operation.ts';

/** Paths of `value` the parsed output does not have: fields the schema does not declare. */
const undeclared = (value: unknown, parsed: unknown, at: string[] = []): string[] => {
  if (Array.isArray(value)) return value.flatMap((v, i) => undeclared(v, Array.isArray(parsed) ? parsed[i] : undefined, [...at, String(i)]));
  if (!value || typeof value !== 'object') return [];
  const kept = (parsed && typeof parsed === 'object' ? parsed : {}) as Record<string, unknown>;
  return Object.entries(value).flatMap(([k, v]) => (k in kept ? undeclared(v, kept[k], [...at, k]) : [[...at, k].join('.')]));
};

/**
 * What is wrong with `body` as operation `op`'s answer with `status`; empty when nothing is.
 * The body is checked as it goes on the wire (JSON: dates as strings, undefined fields gone).
 */
export const replyProblems = (op: Operation, status: number, body: unknown): string[] => {
  const schema: z.ZodType | undefined = op.responses[status]?.schema;
  if (!schema) return [`${op.method.toUpperCase()} ${op.path} declares no JSON answer with status ${status}`];
  const wire: unknown = body === undefined ? undefined : JSON.parse(JSON.stringify(body));
  const r = schema.safeParse(wire);
  if (!r.success) return r.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
  return undeclared(wire, r.data).map((p) => `${p}: not declared in the response schema`);
};

// A router mounted at an operation's own path serves it at '/': the trailing slash is not part of the path.
const key = (method: string, path: string) => `${method.toLowerCase()} ${path.replace(/:[A-Za-z0-9_]+/g, ':').replace(/(.)\/$/, '$1')}`;

/** The middleware: wraps res.json; the operation is found from the route express matched. */
export const checkResponses = (ops: readonly Operation[]): RequestHandler => {
  const byRoute = new Map(ops.map((o) => [key(o.method, o.path), o]));
  return (req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const route = req.route as { path?: unknown } | undefined;
      const op = typeof route?.path === 'string' ? byRoute.get(key(req.method, `${req.baseUrl}${route.path}`)) : undefined;
      const problems = op ? replyProblems(op, res.statusCode, body) : [];
      if (problems.length === 0) return json(body);
      const detail = `the answer of ${req.method} ${req.originalUrl} (${res.statusCode}) does not match its declared schema: ${problems.join('; ')}`;
      process.stderr.write(`response check: ${detail}\n`);
      return res
        .status(500)
        .type('application/problem+json')
        .send(JSON.stringify({ type: `${TYPE_BASE}response-schema`, title: 'Answer does not match its schema', status: 500, detail }));
    };
    next();
  };
};
