/**
 * Every precise problem type the server may send (the last segment of a problem document's
 * `type`), beyond the generic ones named after an error code (`not-found`, `conflict`, …). The
 * server speaks English in `detail`; people read the web UI's Indonesian text for the type, so
 * each type here must have one there: AppError accepts only these (the compiler checks every
 * throw), the UI's table is a Record over them, and test/unit/web/problem-codes.test.ts scans the
 * source for any that slipped past both.
 */
export const PROBLEM_TYPES = [
  // signing and certificates
  'wrong-pin',
  'wrong-passphrase',
  'no-certificate',
  'pkcs12-unreadable',
  'certificate-untrusted',
  'certificate-unusable',
  'certificate-expired',
  'certificate-not-yet-valid',
  'certificate-revoked',
  'certificate-not-for-signing',
  'certificate-mismatch',
  'certificate-changed',
  'signer-locked',
  'signing-service-unavailable',
  'signature-not-verifiable',
  'not-stamped',
  'timestamp-unavailable',
  'pin-unacceptable',
  'certificate-not-requested',
  'pin-held-elsewhere',
  // a letter a signing finds in another state (one batch letter among others)
  'letter-signed-already',
  'letter-not-approved',
  'letter-being-signed',
  'nip-invalid',
  // logging in
  'totp-required',
  'totp-invalid',
  'totp-enrolment-required',
  'password-guessable',
  'password-unchanged',
  'password-change-required',
  'password-reset-by-admin',
  'password-reset-invalid',
  // files
  'malware-found',
  'archived-elsewhere',
  'record-no-longer-kept',
  'reading-busy',
  // registering and filing
  'outside-filing-scope',
  'unknown-unit',
  // correcting and voiding a registered letter
  'letter-void',
  'letter-routing-open',
  'letter-delivered',
  // dispositions
  'forwarded-still-open',
  'disposition-closed',
] as const;

export type ProblemType = (typeof PROBLEM_TYPES)[number];
