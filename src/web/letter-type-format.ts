import { PLACEHOLDERS } from '../domain/letter-types.ts';
import type { MessageKey } from './i18n.ts';

/**
 * What is wrong with a number format, in the reader's words, before it is sent (the server
 * checks the same rule: only known placeholders, {seq} and {year} present, braces balanced).
 */
export const formatProblem = (format: string): MessageKey | null => {
  const names = [...format.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
  if (names.some((n) => !(PLACEHOLDERS as readonly string[]).includes(n))) return 'types.formatUnknown';
  if (!names.includes('seq')) return 'types.formatNoSeq';
  if (!names.includes('year')) return 'types.formatNoYear';
  if (/[{}]/.test(format.replace(/\{[a-z]+\}/g, ''))) return 'types.formatBraces';
  return null;
};
