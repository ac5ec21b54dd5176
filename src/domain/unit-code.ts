/**
 * What a unit code (and the other short codes the API takes) looks like: a letter or digit, then
 * letters, digits and . _ -, at most 32 in all. The server validates with it and the web UI
 * checks the field with it before sending, so the rule is written once.
 */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
export const CODE_MAX = 32;

/** True when `code` (trimmed) is a well-formed code. */
export const isWellFormedCode = (code: string): boolean => CODE_PATTERN.test(code.trim());
