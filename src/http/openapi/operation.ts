/**
 * One declaration per API operation: its request schemas (the zod schemas the route parses
 * with) and its response schemas. The OpenAPI document is generated from these
 * (generate-paths.ts), and in tests every JSON answer of a declared operation is checked against
 * them (response-check.ts), so a field the schema does not declare fails the test that sees it.
 */
import type { z } from 'zod';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One answer: JSON described by `schema`, or bytes of `type` (a PDF, an image), or no body. */
export interface Reply {
  description: string;
  /** The JSON body (a response schema declares every field it may carry; see response-check.ts). */
  schema?: z.ZodType;
  /** A non-JSON body's media type (binary), or each it may have (a PNG or a JPEG; HTML beside the JSON of `schema`, the other choice by Accept). */
  type?: string | readonly string[];
  /** With `type`: the body is a stream of JSON values of this shape, one a line (NDJSON). */
  lines?: z.ZodType;
}

export interface Operation {
  method: Method;
  /** The whole path in express form, as the router matches it: `/api/v1/documents/:id`. */
  path: string;
  summary: string;
  /** Path parameters, one property each (the schemas the route parses `req.params` with). */
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Request headers (If-Match, ...), one property each. */
  headers?: z.ZodObject;
  /** The body by media type (the same fields may come as JSON or as a form; an image, a text or a whole CSV file as itself). */
  body?: Partial<Record<'application/json' | 'multipart/form-data' | 'text/plain' | 'text/csv' | 'image/png' | 'image/jpeg', z.ZodType>>;
  responses: Record<number, Reply>;
  /** The problem+json statuses it may answer. */
  errors?: readonly number[];
  /** No login needed. */
  public?: boolean;
}

/** Declares an operation (typed; the identity otherwise). */
export const operation = <O extends Operation>(o: O): O => o;

/** An express path as OpenAPI writes it: `/documents/:id` → `/documents/{id}`. */
export const openApiPath = (expressPath: string): string => expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/**
 * The path under the API's mount point (`/api/v1`), as the routers register it. The public
 * routers mounted at the root (`/verify/...`, `/log/...`) register an operation's whole `path`.
 */
export const API_BASE = '/api/v1';
export const routePath = (o: Operation): string => {
  if (!o.path.startsWith(`${API_BASE}/`)) throw new Error(`${o.path} is not under ${API_BASE}`);
  return o.path.slice(API_BASE.length);
};

/** The JSON body operation `O` declares for `status` (as the presenter writes it, before JSON). */
export type ReplyBody<O extends Operation, S extends keyof O['responses']> = O['responses'][S] extends { schema: infer Z extends z.ZodType }
  ? z.input<Z>
  : never;

/**
 * A route's answer, typed by its declaration: the compiler points at a presenter that drops a
 * declared field or changes its type (a field the schema lacks is the response check's to find).
 */
export const reply = <O extends Operation, S extends keyof O['responses'] & number>(_op: O, _status: S, body: ReplyBody<O, S>): ReplyBody<O, S> => body;
