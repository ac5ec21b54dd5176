import type { FieldCode } from './field-codes.ts';
import type { ProblemType } from './problem-types.ts';

/** The issue codes the request schemas (zod) give a field. */
export type SchemaIssueCode =
  | 'invalid_type'
  | 'too_big'
  | 'too_small'
  | 'invalid_format'
  | 'not_multiple_of'
  | 'unrecognized_keys'
  | 'invalid_union'
  | 'invalid_key'
  | 'invalid_element'
  | 'invalid_value'
  | 'custom';

/**
 * The one error type the layers below http throw on purpose. `code` decides the HTTP status
 * (see http/problem.ts); `detail` is safe to show a client; `errors` lists field problems.
 */
export type ErrorCode =
  | 'bad_request' // 400 malformed input
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404 (also: exists but not visible to the caller)
  | 'conflict' // 409
  | 'gone' // 410
  | 'precondition_failed' // 412 the client edited a version that is no longer current (If-Match) the record was destroyed (disposal) or handed over (transfer); its metadata stays
  | 'too_large' // 413
  | 'unsupported_type' // 415
  | 'invalid' // 422 valid syntax, invalid values or unreadable file contents
  | 'rate_limited' // 429
  | 'unavailable'; // 503 a backend (database, storage, search, malware scanner) is down

/** The backends a 503 may name. */
export type Backend = 'database' | 'storage' | 'search' | 'malware-scanner' | 'mail';

export interface FieldError {
  field: string;
  message: string;
  /**
   * What is wrong, for clients to say in their own language: a zod issue code (`too_small`,
   * `too_big`, `invalid_format`, `invalid_type`, `invalid_value`, …) with its `limit`, or a use
   * case's own (domain/field-codes.ts).
   */
  code?: SchemaIssueCode | FieldCode;
  limit?: number;
  /** What the bound counts: `string` (characters), `array` (items), `number`, `file`… */
  origin?: string;
  /** For a problem in an uploaded file: the line it is on. */
  line?: number;
}

/** The kind of problem an error is, as the last segment of its problem document's `type`: its precise type, else its code's. */
export const problemKindOf = (e: AppError): string => e.problemType ?? e.code.replace(/_/g, '-');

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;
  readonly errors?: FieldError[];
  /** Which backend failed, for `unavailable`. */
  readonly backend?: Backend;
  /** A more precise problem type than the code's (e.g. `totp-required`), for clients to branch on. */
  readonly problemType?: ProblemType;
  /** Extra members of the problem document (e.g. an enrolment token). */
  readonly members?: Record<string, unknown>;
  /** For `rate_limited`: when to try again. */
  readonly retryAfterSeconds?: number;

  constructor(
    code: ErrorCode,
    detail: string,
    extra: {
      errors?: FieldError[];
      backend?: Backend;
      cause?: unknown;
      problemType?: ProblemType;
      members?: Record<string, unknown>;
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(detail, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    if (extra.errors) this.errors = extra.errors;
    if (extra.backend) this.backend = extra.backend;
    if (extra.problemType) this.problemType = extra.problemType;
    if (extra.members) this.members = extra.members;
    if (extra.retryAfterSeconds !== undefined) this.retryAfterSeconds = extra.retryAfterSeconds;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
