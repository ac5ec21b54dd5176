import type { IncomingLetterRecord } from './correspondence.ts';

/** What a clerk may correct on a registered incoming letter (issue 18). */
export const INCOMING_DETAIL_FIELDS = [
  'letterNumber',
  'letterDate',
  'sender',
  'subject',
  'urgency',
  'receivedAt',
  'classificationCode',
  'securityLevel',
  'unitCode',
] as const;
export type IncomingDetailField = (typeof INCOMING_DETAIL_FIELDS)[number];
export type IncomingDetails = Pick<IncomingLetterRecord, IncomingDetailField>;

/** A value as the audit trail and the history keep it (instants as ISO text). */
const plainValue = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : v);

/**
 * The fields `patch` really changes on `letter`, with their values before and after, in the
 * order of INCOMING_DETAIL_FIELDS (what a correction's audit entry records).
 */
export const detailChanges = (letter: IncomingDetails, patch: Partial<IncomingDetails>) => {
  const changed = INCOMING_DETAIL_FIELDS.filter((k) => patch[k] !== undefined && plainValue(patch[k]) !== plainValue(letter[k]));
  return {
    changed,
    before: Object.fromEntries(changed.map((k) => [k, plainValue(letter[k])])),
    after: Object.fromEntries(changed.map((k) => [k, plainValue(patch[k])])),
  };
};

/**
 * The fields of the letter's document that mirror the letter (its title is the subject, its date
 * the letter date; its level and unit decide who may read the scan), so a correction reaches
 * search, its access filter and the document page too.
 */
export const documentMirror = (d: Partial<IncomingDetails>) => ({
  ...(d.subject !== undefined ? { title: d.subject } : {}),
  ...(d.letterDate !== undefined ? { documentDate: d.letterDate } : {}),
  ...(d.letterNumber !== undefined ? { letterNumber: d.letterNumber } : {}),
  ...(d.sender !== undefined ? { sender: d.sender } : {}),
  ...(d.classificationCode !== undefined ? { classificationCode: d.classificationCode } : {}),
  ...(d.securityLevel !== undefined ? { securityLevel: d.securityLevel } : {}),
  ...(d.unitCode !== undefined ? { unitCode: d.unitCode } : {}),
});

/**
 * Why an entry cannot be voided, or null when it can: a void entry stays void, and a letter
 * whose routing is still open is withdrawn or completed first (voiding must not strand work in
 * someone's inbox).
 */
export const voidBlock = (letter: Pick<IncomingLetterRecord, 'voided'>, openDispositions: number): string | null => {
  if (letter.voided) return 'this agenda entry is void already';
  if (openDispositions > 0) return `${openDispositions} disposition(s) of this letter are still open: withdraw or complete them first`;
  return null;
};
