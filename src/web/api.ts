/**
 * The one way pages talk to the API. The session is an HttpOnly cookie the browser sends by
 * itself; every request that changes state echoes the readable `__Host-naskah_csrf` cookie in
 * X-CSRF-Token. Failures become an ApiError carrying the problem+json document.
 */
import { CSRF_COOKIE } from '../domain/session-cookies.ts';
import { t } from './i18n.ts';
import { fieldMessage, type FieldProblemLike } from './problem-text.ts';

export const API = '/api/v1';
const PROBLEM_BASE = 'https://naskah.invalid/problems/';

export interface FieldProblem extends FieldProblemLike {
  /** For a problem in a sent file (a classification scheme): the line it is on. */
  line?: number;
}

/** An RFC 9457 problem from the server (or a network failure, status 0). */
export class ApiError extends Error {
  readonly status: number;
  /** The problem type's last segment, e.g. `totp-required`, `not-found`, `network`. */
  readonly kind: string;
  readonly detail: string;
  readonly errors: FieldProblem[];
  readonly body: Record<string, unknown>;
  readonly retryAfter: number | null;
  /** The server's X-Request-Id for this answer: what a person quotes when reporting a 500. */
  readonly requestId: string | null;

  constructor(status: number, body: Record<string, unknown>, retryAfter: number | null = null, requestId: string | null = null) {
    const detail = typeof body.detail === 'string' ? body.detail : `HTTP ${status}`;
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    const type = typeof body.type === 'string' ? body.type : '';
    this.kind = type.startsWith(PROBLEM_BASE) ? type.slice(PROBLEM_BASE.length) : type || (status === 0 ? 'network' : `http-${status}`);
    this.detail = detail;
    this.errors = Array.isArray(body.errors) ? (body.errors as FieldProblem[]) : [];
    this.body = body;
    this.retryAfter = retryAfter;
    this.requestId = requestId;
  }

  /** What is wrong with one form field, in the reader's words, if the server named it (its own words are English). */
  fieldError(field: string): string | undefined {
    const e = this.errors.find((x) => x.field === field);
    return e ? fieldMessage(e, t) : undefined;
  }
}

export const isAbort = (e: unknown): boolean => e instanceof DOMException && e.name === 'AbortError';

const readCookie = (name: string): string => {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return '';
};

/** The anti-forgery token of the cookie session (empty when there is none). */
export const csrfToken = (): string => readCookie(CSRF_COOKIE);

// Set by the app: a 401 anywhere means the session ended (expired, logged out elsewhere, disabled).
let onSessionLost: (() => void) | null = null;
export const whenSessionLost = (fn: () => void): void => {
  onSessionLost = fn;
};

export type Query = Record<string, string | number | undefined | null>;

export const withQuery = (path: string, query?: Query): string => {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
};

export interface RequestOptions {
  query?: Query;
  json?: unknown;
  signal?: AbortSignal;
  /** A bearer token instead of the cookie (only the second-factor enrolment token). */
  bearer?: string;
  /** Do not treat a 401 as the end of the session (the login form expects them). */
  expect401?: boolean;
  /** A body sent as it is, with its own type (a CSV file, an image), instead of `json`. */
  raw?: { body: string | Blob; contentType: string };
  /** The ETag of what the user read: the server answers 412 when it changed since. */
  ifMatch?: string;
}

const headersFor = (method: string, o: { bearer?: string | undefined; contentType?: string | undefined }): Record<string, string> => {
  const h: Record<string, string> = { accept: 'application/json' };
  if (o.contentType) h['content-type'] = o.contentType;
  if (o.bearer) h.authorization = `Bearer ${o.bearer}`;
  else if (method !== 'GET' && method !== 'HEAD') h['x-csrf-token'] = csrfToken();
  return h;
};

/** Retry-After in seconds (the server sends seconds, never a date); null when absent or unusable. */
const retryAfterOf = (header: string | null): number | null => {
  const n = Number(header);
  return header && Number.isFinite(n) && n > 0 ? n : null;
};

const problemOf = async (res: Response): Promise<ApiError> => {
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    body = { detail: res.statusText };
  }
  return new ApiError(res.status, body, retryAfterOf(res.headers.get('retry-after')), res.headers.get('x-request-id'));
};

/** Sends a request; resolves with the JSON body (undefined for 204), rejects with ApiError. */
export const request = async <T>(method: string, path: string, o: RequestOptions = {}): Promise<T> => {
  let res: Response;
  try {
    res = await fetch(withQuery(`${API}${path}`, o.query), {
      method,
      headers: {
        ...headersFor(method, { bearer: o.bearer, contentType: o.raw?.contentType ?? (o.json !== undefined ? 'application/json' : undefined) }),
        ...(o.ifMatch ? { 'if-match': o.ifMatch } : {}),
      },
      credentials: 'same-origin',
      ...(o.raw ? { body: o.raw.body } : o.json !== undefined ? { body: JSON.stringify(o.json) } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
    });
  } catch (e) {
    if (isAbort(e)) throw e;
    throw new ApiError(0, { detail: (e as Error).message });
  }
  if (!res.ok) {
    const err = await problemOf(res);
    if (res.status === 401 && !o.expect401 && !o.bearer) onSessionLost?.();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
};

export const get = <T>(path: string, o?: RequestOptions) => request<T>('GET', path, o);
export const post = <T>(path: string, json?: unknown, o?: RequestOptions) => request<T>('POST', path, { ...o, json: json ?? {} });
export const patch = <T>(path: string, json: unknown, o?: RequestOptions) => request<T>('PATCH', path, { ...o, json });
export const del = <T>(path: string, o?: RequestOptions) => request<T>('DELETE', path, o);

/** A document's bytes as a Blob (for previews: the server sends them as an attachment). */
export const getBlob = async (path: string, signal?: AbortSignal): Promise<Blob> => {
  const res = await fetch(`${API}${path}`, { credentials: 'same-origin', ...(signal ? { signal } : {}) });
  if (!res.ok) throw await problemOf(res);
  return res.blob();
};

/** POSTs JSON and takes the answer as a Blob (a rendered preview). */
export const postForBlob = async (path: string, json: unknown): Promise<Blob> => {
  const res = await fetch(`${API}${path}`, {
    method: 'POST',
    headers: headersFor('POST', { contentType: 'application/json' }),
    credentials: 'same-origin',
    body: JSON.stringify(json),
  });
  if (!res.ok) throw await problemOf(res);
  return res.blob();
};

export interface UploadHandle<T> {
  done: Promise<{ status: number; body: T }>;
  abort(): void;
}

/**
 * A multipart upload with progress (fetch cannot report upload progress; XMLHttpRequest can).
 * `onProgress` gets the fraction sent, 0…1.
 */
export const upload = <T>(path: string, form: FormData, onProgress: (fraction: number) => void): UploadHandle<T> => {
  const xhr = new XMLHttpRequest();
  const done = new Promise<{ status: number; body: T }>((resolve, reject) => {
    xhr.open('POST', `${API}${path}`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('x-csrf-token', csrfToken());
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        body = { detail: xhr.statusText };
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve({ status: xhr.status, body: body as T });
        return;
      }
      if (xhr.status === 401) onSessionLost?.();
      reject(new ApiError(xhr.status, body, retryAfterOf(xhr.getResponseHeader('retry-after')), xhr.getResponseHeader('x-request-id')));
    };
    xhr.onerror = () => reject(new ApiError(0, { detail: 'network error' }));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
};
