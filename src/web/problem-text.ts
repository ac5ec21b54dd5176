/**
 * A failure in the reader's language. The server writes its problem documents in English (one
 * API for every client), so the UI puts its own headline on top, chosen by the problem's type or
 * status, keeps the server's precise `detail` as a second line, and names field errors by the
 * form's own labels. Pure: the caller passes `t`, so this runs in Node against both dictionaries
 * (test/unit/web) and needs nothing from the DOM.
 */
import type { MessageKey } from './messages/id.ts';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** A field name as the server sends it → the message key of the form's label for it. */
export type FieldLabels = Partial<Record<string, MessageKey>>;

/**
 * Headlines a form puts on a status where it knows more than the status says (a 409 on a
 * disposal means someone decided or carried it out meanwhile); precise problem types still win.
 */
export type StatusHeadlines = Partial<Record<number, MessageKey>>;

/** What this reads of an ApiError (structural, so it does not pull in api.ts and the browser). */
export interface ProblemLike {
  status: number;
  kind: string;
  detail: string;
  errors: { field: string; message: string }[];
  body: Record<string, unknown>;
  retryAfter: number | null;
  requestId?: string | null;
}

export interface ProblemText {
  headline: string;
  /** The server's own words (English), or null when they would add nothing. */
  detail: string | null;
  /** Said before `detail`: "Keterangan dari server:" in Indonesian, nothing in English. */
  detailLabel: string;
  fields: { field: string; label: string; message: string }[];
}

/** Problem types precise enough to say more than their status does. */
const KIND_HEADLINES: Record<string, MessageKey> = {
  'wrong-pin': 'sign.wrongPin',
  'wrong-passphrase': 'sign.wrongPassphrase',
  'signing-service-unavailable': 'sign.serviceDown',
  'totp-invalid': 'sign.wrongCode',
  'totp-required': 'sign.needCode',
  'totp-enrolment-required': 'sign.needTotp',
  'no-certificate': 'sign.noCertificate',
  'pkcs12-unreadable': 'problem.pkcs12',
  'password-guessable': 'problem.passwordGuessable',
  'certificate-untrusted': 'problem.certificateUntrusted',
  'malware-found': 'problem.malwareFound',
  'nip-invalid': 'problem.nipInvalid',
  'password-change-required': 'problem.passwordChangeRequired',
  'password-unchanged': 'problem.passwordUnchanged',
  'password-reset-invalid': 'problem.passwordResetInvalid',
  'password-reset-by-admin': 'problem.passwordResetByAdmin',
  'certificate-not-requested': 'problem.certificateNotRequested',
  'pin-held-elsewhere': 'problem.pinHeldElsewhere',
};

const STATUS_HEADLINES: Record<number, MessageKey> = {
  400: 'problem.400',
  401: 'app.sessionEnded',
  403: 'problem.403',
  404: 'problem.404',
  409: 'problem.409',
  410: 'problem.410',
  412: 'problem.412',
  413: 'problem.413',
  415: 'problem.415',
  422: 'problem.422',
};

const BACKENDS: Record<string, MessageKey> = {
  database: 'problem.backend.database',
  storage: 'problem.backend.storage',
  search: 'problem.backend.search',
  timestamp: 'problem.backend.timestamp',
  'malware-scanner': 'problem.backend.malwareScanner',
};

/** Which backend a 503 names: the `backend` member, or the timestamp authority by its type. */
const backendName = (p: ProblemLike, t: Translate): string | null => {
  const backend = typeof p.body.backend === 'string' ? p.body.backend : p.kind === 'timestamp-unavailable' ? 'timestamp' : null;
  if (!backend) return null;
  const key = BACKENDS[backend];
  return key ? t(key) : backend;
};

/** The id to quote for a server fault: a member if the problem has one, the one in its detail, else the response's X-Request-Id. */
export const correlationId = (p: ProblemLike): string | null => {
  for (const k of ['requestId', 'correlationId', 'traceId']) {
    const v = p.body[k];
    if (typeof v === 'string' && v) return v;
  }
  return /request id ([A-Za-z0-9._-]{1,64})/i.exec(p.detail)?.[1] ?? p.requestId ?? null;
};

const headline = (p: ProblemLike, t: Translate, own: StatusHeadlines): string => {
  const byKind = KIND_HEADLINES[p.kind] ?? (p.kind.startsWith('certificate-') ? 'problem.certificateUnusable' : undefined) ?? own[p.status];
  if (byKind) return t(byKind);
  if (p.status === 0) return t('app.offline');
  if (p.status === 429) return p.retryAfter ? t('problem.429.wait', { n: Math.ceil(p.retryAfter) }) : t('problem.429');
  if (p.status === 503) {
    const backend = backendName(p, t);
    return backend ? t('problem.503.backend', { backend }) : t('problem.503');
  }
  if (p.status >= 500) {
    const id = correlationId(p);
    return id ? t('problem.500.id', { id }) : t('problem.500');
  }
  const key = STATUS_HEADLINES[p.status];
  return key ? t(key) : t('problem.other', { status: p.status });
};

/** The server's detail when it says something the headline does not. */
const usefulDetail = (p: ProblemLike): string | null => {
  const d = p.detail.trim();
  // A network failure's text is the browser's; `HTTP n` is ApiError's stand-in for a missing detail;
  // an internal error's detail is a generic sentence around the id the headline already quotes.
  if (!d || p.status === 0 || d === `HTTP ${p.status}` || p.kind === 'internal') return null;
  return d;
};

/** `template.addressee`, `pem.1`, `reviewerIds.0`: the exact name first, then its named parts, last first. */
const labelOf = (field: string, labels: FieldLabels, t: Translate): string => {
  const parts = field.split(/[.[\]]+/).filter((s) => s && !/^\d+$/.test(s));
  for (const name of [field, ...parts.reverse()]) {
    const key = labels[name];
    if (key) return t(key);
  }
  return field;
};

export const describeProblem = (p: ProblemLike, t: Translate, labels: FieldLabels = {}, headlines: StatusHeadlines = {}): ProblemText => ({
  headline: headline(p, t, headlines),
  detail: usefulDetail(p),
  detailLabel: t('problem.serverSays'),
  fields: p.errors.map((e) => ({ field: e.field, label: labelOf(String(e.field), labels, t), message: String(e.message) })),
});
