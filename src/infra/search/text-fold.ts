/**
 * The JavaScript twin of FTS5's `unicode61 remove_diacritics 2` tokenizer: the vocabulary, the
 * query parser and the letter-number key must split and fold text exactly as the index does,
 * or a typo candidate would name a term the index never saw.
 */

const MARKS = /\p{M}+/gu;
const TOKEN = /[\p{L}\p{N}]+/gu;

const ASCII = /^[\x00-\x7f]*$/;

/** Lower-cases and strips diacritics (é → e, Ñ → n). ASCII, most of what is indexed, skips NFD. */
export const fold = (s: string): string => (ASCII.test(s) ? s.toLowerCase() : s.normalize('NFD').replace(MARKS, '').toLowerCase());

/** Splits text into folded tokens (letters and digits; everything else separates). */
export const tokenize = (s: string): string[] => fold(s).match(TOKEN) ?? [];

/** The private-use characters snippet() wraps matches in; stripped from indexed text. */
export const MARK_OPEN = '\uE000';
export const MARK_CLOSE = '\uE001';
const MARKERS = /[\uE000\uE001]/g;

/** Removes our marker characters so stored text can never forge a highlight. */
export const stripMarkers = (s: string): string => s.replace(MARKERS, '');

/**
 * The key a letter number is matched on as a whole: its folded tokens joined by one space,
 * so `800/123/BKD/2025`, `800.123.bkd.2025` and `800-123-BKD-2025` are one key.
 */
export const letterKey = (s: string | null | undefined): string | null => {
  if (!s) return null;
  const tokens = tokenize(s);
  return tokens.length > 0 ? tokens.join(' ') : null;
};

/** Whether a term goes into the typo vocabulary: words of letters only, 4 to 32 long. */
export const isVocabularyTerm = (t: string): boolean => t.length >= 4 && t.length <= 32 && !/\p{N}/u.test(t);
