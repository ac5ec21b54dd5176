/**
 * A failure in the reader's language. The server writes its problem documents in English (one
 * API for every client); the UI says each in its own words, chosen by the problem's type (every
 * type the server may send has its text: see domain/problem-types.ts) or status, and each field
 * problem by its kind under the form's own label. The server's English `detail` and field
 * messages are never shown. Pure: the caller passes `t`, so this runs in Node against both
 * dictionaries (test/unit/web) and needs nothing from the DOM.
 */
import { FIELD_CODES, type FieldCode } from '../domain/field-codes.ts';
import type { ProblemType } from '../domain/problem-types.ts';
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
  errors: FieldProblemLike[];
  body: Record<string, unknown>;
  retryAfter: number | null;
  requestId?: string | null;
}

/** One field's problem as the server sends it: its English message, and its kind and bound when validation found it. */
export interface FieldProblemLike {
  field: string;
  message: string;
  code?: string;
  limit?: number;
  origin?: string;
}

export interface ProblemText {
  headline: string;
  fields: { field: string; label: string; message: string }[];
}

/** Every precise problem type's text: the compiler demands one for each type the server may send. */
export const KIND_HEADLINES: Record<ProblemType, MessageKey> = {
  'wrong-pin': 'sign.wrongPin',
  'wrong-passphrase': 'sign.wrongPassphrase',
  'no-certificate': 'sign.noCertificate',
  'pkcs12-unreadable': 'problem.pkcs12',
  'certificate-untrusted': 'problem.certificateUntrusted',
  'certificate-unusable': 'problem.certificateUnusable',
  'certificate-expired': 'problem.certificateUnusable',
  'certificate-not-yet-valid': 'problem.certificateUnusable',
  'certificate-revoked': 'problem.certificateUnusable',
  'certificate-not-for-signing': 'problem.certificateUnusable',
  'certificate-mismatch': 'problem.certificateMismatch',
  'certificate-changed': 'problem.certificateChanged',
  'signer-locked': 'problem.signerLocked',
  'signing-service-unavailable': 'sign.serviceDown',
  'signature-not-verifiable': 'problem.notVerifiable',
  'not-stamped': 'problem.notStamped',
  'timestamp-unavailable': 'problem.timestampDown',
  'pin-unacceptable': 'problem.pinUnacceptable',
  'totp-required': 'sign.needCode',
  'totp-invalid': 'sign.wrongCode',
  'totp-enrolment-required': 'sign.needTotp',
  'password-guessable': 'problem.passwordGuessable',
  'malware-found': 'problem.malwareFound',
  'letter-void': 'void.isVoid',
  'letter-signed-already': 'problem.letterSignedAlready',
  'letter-not-approved': 'problem.letterNotApproved',
  'letter-being-signed': 'problem.letterBeingSigned',
  'letter-routing-open': 'void.routingOpen',
  'letter-delivered': 'void.delivered',
  'archived-elsewhere': 'problem.archivedElsewhere',
  'record-no-longer-kept': 'problem.noLongerKept',
  'outside-filing-scope': 'problem.outsideFilingScope',
  'unknown-unit': 'problem.unknownUnit',
  'forwarded-still-open': 'problem.forwardedOpen',
  'disposition-closed': 'problem.dispositionClosed',
  'nip-invalid': 'problem.nipInvalid',
  'password-change-required': 'problem.passwordChangeRequired',
  'password-unchanged': 'problem.passwordUnchanged',
  'password-reset-invalid': 'problem.passwordResetInvalid',
  'password-reset-by-admin': 'problem.passwordResetByAdmin',
  'certificate-not-requested': 'problem.certificateNotRequested',
  'pin-held-elsewhere': 'problem.pinHeldElsewhere',
  'reading-busy': 'problem.readingBusy',
};

/** The text key of a problem type, when the type is a precise one (else its status decides). */
export const kindHeadline = (kind: string): MessageKey | undefined => (Object.hasOwn(KIND_HEADLINES, kind) ? KIND_HEADLINES[kind as ProblemType] : undefined);

/** Problem kinds named after an error code, for a result that reports a problem by its kind alone (a batch's letters). */
const CODE_KINDS: Record<string, MessageKey> = {
  forbidden: 'problem.403',
  'not-found': 'problem.404',
  conflict: 'problem.409',
  gone: 'problem.410',
  invalid: 'problem.422',
  unavailable: 'problem.503',
};

/** A problem reported by its kind alone (no status, no fields), in words; an unknown kind reads as a server fault. */
export const kindText = (kind: string | undefined, t: Translate): string => {
  const key = (kind && (kindHeadline(kind) ?? CODE_KINDS[kind])) || 'problem.500';
  return t(key);
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

/** Which backend a 503 names (the `backend` member), in words; an unknown one is not named. */
const backendName = (p: ProblemLike, t: Translate): string | null => {
  const key = typeof p.body.backend === 'string' ? BACKENDS[p.body.backend] : undefined;
  return key ? t(key) : null;
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
  const byKind = kindHeadline(p.kind) ?? own[p.status];
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

const isFieldCode = (code: string | undefined): code is FieldCode => (FIELD_CODES as readonly (string | undefined)[]).includes(code);

/** The text key of a use case's own field rule (domain/field-codes.ts), if the code is one. */
export const fieldCodeText = (code: string | undefined): MessageKey | undefined => (isFieldCode(code) ? `fieldCode.${code}` : undefined);

/** A field's problem in the reader's words, by its kind and bound; a problem without a known kind in general words. */
export const fieldMessage = (e: FieldProblemLike, t: Translate): string => {
  const n = e.limit ?? 0;
  const own = fieldCodeText(e.code);
  if (own) return t(own, { n });
  const counts = e.origin === 'array' || e.origin === 'set';
  const sized = e.origin === 'string' || counts;
  switch (e.code) {
    case 'too_small':
      if (e.origin === 'string' && n <= 1) return t('field.required');
      return sized ? t(counts ? 'field.tooFew' : 'field.tooShort', { n }) : t('field.tooSmall', { n });
    case 'too_big':
      return sized ? t(counts ? 'field.tooMany' : 'field.tooLong', { n }) : t('field.tooBig', { n });
    case 'invalid_format':
    case 'invalid_type':
      return e.code === 'invalid_type' ? t('field.required') : t('field.format');
    case 'invalid_value':
    case 'invalid_union':
      return t('field.choice');
    case 'unrecognized_keys':
      return t('field.unknown');
    default:
      return t('field.invalid');
  }
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
  fields: p.errors.map((e) => ({ field: e.field, label: labelOf(String(e.field), labels, t), message: fieldMessage(e, t) })),
});
