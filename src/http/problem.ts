import type { ErrorRequestHandler, Response } from 'express';
import { AppError, type ErrorCode, type FieldError } from '../domain/errors.ts';

/** Each error code's HTTP status and title (clients show their own words per code: see web/problem-text.ts). */
export const STATUS: Record<ErrorCode, [number, string]> = {
  bad_request: [400, 'Bad request'],
  unauthenticated: [401, 'Not logged in'],
  forbidden: [403, 'Not allowed'],
  not_found: [404, 'Not found'],
  conflict: [409, 'Conflict'],
  gone: [410, 'Gone'],
  precondition_failed: [412, 'Precondition failed'],
  too_large: [413, 'Too large'],
  unsupported_type: [415, 'Unsupported file type'],
  invalid: [422, 'Invalid values'],
  rate_limited: [429, 'Too many requests'],
  unavailable: [503, 'Service unavailable'],
};

export const TYPE_BASE = 'https://naskah.invalid/problems/';

/** Writes an RFC 9457 problem document. */
export const sendProblem = (
  res: Response,
  code: ErrorCode,
  detail: string,
  extra: { errors?: FieldError[]; backend?: string; problemType?: string; members?: Record<string, unknown>; retryAfterSeconds?: number } = {},
): void => {
  const [status, title] = STATUS[code];
  if (code === 'unauthenticated') res.setHeader('WWW-Authenticate', 'Bearer');
  if (code === 'unavailable') res.setHeader('Retry-After', '5');
  if (extra.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(extra.retryAfterSeconds))));
  const type = `${TYPE_BASE}${extra.problemType ?? code.replace(/_/g, '-')}`;
  res
    .status(status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        ...extra.members,
        type,
        title,
        status,
        detail,
        ...(extra.errors ? { errors: extra.errors } : {}),
        ...(extra.backend ? { backend: extra.backend } : {}),
      }),
    );
};

/** Body-parser and multer failures, translated to what the client did wrong. */
const fromFrameworkError = (err: { code?: string; type?: string; status?: number; message?: string; field?: string }): AppError | null => {
  const map: Record<string, [ErrorCode, string]> = {
    LIMIT_FILE_SIZE: ['too_large', 'the file is larger than the upload limit'],
    LIMIT_PART_COUNT: ['too_large', 'too many parts in the form'],
    LIMIT_FILE_COUNT: ['too_large', 'too many files in the form'],
    LIMIT_FIELD_COUNT: ['too_large', 'too many fields in the form'],
    LIMIT_FIELD_VALUE: ['too_large', 'a form field is too long'],
    LIMIT_FIELD_KEY: ['bad_request', 'a form field name is too long'],
    LIMIT_UNEXPECTED_FILE: ['bad_request', 'unexpected file field (send the file as "file")'],
    MISSING_FIELD_NAME: ['bad_request', 'a form part has an empty field name'],
  };
  if (err.code && map[err.code]) {
    const [code, detail] = map[err.code]!;
    return new AppError(
      code,
      detail,
      err.field ? { errors: [{ field: err.field, message: detail, code: code === 'too_large' ? 'upload_limit' : 'not_allowed' }] } : {},
    );
  }
  if (err.type === 'entity.parse.failed') return new AppError('bad_request', 'the body is not valid JSON');
  if (err.type === 'entity.too.large') return new AppError('too_large', 'the body is too large');
  if (err.status && err.status >= 400 && err.status < 500) return new AppError('bad_request', err.message ?? 'bad request');
  // busboy's words for a broken multipart body
  if (/Unexpected end of form|Malformed part header|Multipart: Boundary not found|Unexpected end of multipart/i.test(err.message ?? '')) {
    return new AppError('bad_request', 'the multipart body is malformed or was cut off');
  }
  return null;
};

/** The one place errors become HTTP responses. Unknown errors are 500 with a request id, never a stack. */
export const errorHandler =
  (log: { error(o: object, m: string): void }): ErrorRequestHandler =>
  (err, req, res, _next) => {
    const known = err instanceof AppError ? err : fromFrameworkError(err as never);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    // Refused before its body was read (a 403 before an upload, a 413): closing the connection
    // spares the client sending, and us receiving, the rest of it.
    if (!req.complete) res.setHeader('Connection', 'close');
    if (known) {
      if (known.code === 'unavailable') log.error({ reqId: req.id, backend: known.backend, err: (known.cause as Error)?.message }, 'backend unavailable');
      const { errors, backend, problemType, members, retryAfterSeconds } = known;
      sendProblem(res, known.code, known.detail, { errors, backend, problemType, members, retryAfterSeconds });
      return;
    }
    log.error({ reqId: req.id, err: (err as Error)?.stack ?? String(err) }, 'unhandled error');
    res
      .status(500)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type: `${TYPE_BASE}internal`,
          title: 'Internal error',
          status: 500,
          detail: `something went wrong; quote request id ${req.id} when reporting it`,
        }),
      );
  };
