/**
 * What is wrong with one field, beyond the shape checks the request schemas make (those carry
 * zod's own issue codes: `too_small`, `invalid_format`, …). A use case that refuses a field names
 * one of these, so a client says it in its own language; the English `message` is for people
 * reading the API. The web UI has a text for each (a Record over this list), and
 * test/unit/web/problem-codes.test.ts fails on a field error in the server source without a code.
 * `limit` carries the number a text needs (a year, a count, a line).
 */
export const FIELD_CODES = [
  // something named that does not exist (or that the caller may not see)
  'unknown_unit',
  'unknown_user',
  'unknown_contact',
  'unknown_letter_type',
  'unknown_letter',
  'unknown_record',
  'unknown_parent',
  'unknown_classification',
  'retired_classification',
  // the person named cannot take this part
  'not_official',
  'user_disabled',
  'not_cleared',
  'reviewer_is_drafter',
  'reviewer_is_signer',
  'not_letter_worker',
  'self_recipient',
  'admin_account',
  'outside_reach',
  'own_unit',
  // secrets and second factors
  'wrong_password',
  'same_password',
  'wrong_pin',
  'wrong_passphrase',
  'pin_unacceptable',
  'totp_required',
  'totp_wrong',
  'token_invalid',
  'nip_invalid',
  'password_guessable',
  // files
  'file_missing',
  'file_empty',
  'upload_limit',
  'file_unreadable',
  'malware_found',
  'no_certificate',
  'not_ca',
  'certificate_expired',
  'unsupported_characters',
  // values and combinations
  'required',
  'not_a_date',
  'year_range',
  'hidden_characters',
  'duplicate',
  'name_taken',
  'not_in_type',
  'not_allowed',
  'before_start',
  'in_future',
  'in_past',
  'wrong_year',
  'range_too_long',
  'too_many_rows',
  'would_cycle',
  'number_format',
  'needs_password',
  'not_held',
  'choose_one',
  'outside_validity',
  'stale_version',
  'record_unfit',
  // a classification scheme file's lines
  'scheme_header',
  'scheme_code',
  'scheme_name',
  'scheme_years',
  'scheme_final',
  'scheme_retention',
  'scheme_fields',
  'scheme_duplicate',
  'scheme_parent',
] as const;

export type FieldCode = (typeof FIELD_CODES)[number];
