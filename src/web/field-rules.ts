/**
 * Field rules checked in the browser before anything is sent (issue 18), taken from src/domain so
 * each rule is written once: a password's length (password-policy.ts) and a unit code's form
 * (unit-code.ts). The server checks the same again. Pure: the caller passes `t`.
 */
import { normalisePassword, PASSWORD_MAX, PASSWORD_MIN } from '../domain/password-policy.ts';
import { CODE_MAX, isWellFormedCode } from '../domain/unit-code.ts';
import type { Translate } from './problem-text.ts';

/** Why a new password would be refused for its length, or null. */
export const passwordRule = (password: string, t: Translate): string | null => {
  const normal = normalisePassword(password);
  const n = [...normal].length;
  if (n < PASSWORD_MIN) return t('rule.passwordShort', { n: PASSWORD_MIN });
  if (n > PASSWORD_MAX) return t('field.tooLong', { n: PASSWORD_MAX });
  if (normal.trim() === '') return t('rule.passwordSpaces');
  return null;
};

/** Why a unit code would be refused for its form, or null. */
export const unitCodeRule = (code: string, t: Translate): string | null => (isWellFormedCode(code) ? null : t('rule.unitCode', { n: CODE_MAX }));
