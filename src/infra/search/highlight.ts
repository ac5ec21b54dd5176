import { MARK_CLOSE, MARK_OPEN } from './text-fold.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes the five characters that matter in HTML text and attribute values. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * Turns an engine's passage, whose matches are wrapped in private-use markers, into safe HTML:
 * escape everything first, then swap the markers (which escaping leaves alone) for <mark> tags.
 * Returns null when the passage holds no match, so callers can drop it. Whitespace runs
 * (page breaks, OCR line ends) collapse to one space.
 */
export const toHighlight = (passage: string | null | undefined): string | null => {
  if (!passage?.includes(MARK_OPEN)) return null;
  const html = escapeHtml(passage.replace(/\s+/g, ' ').trim()).split(MARK_OPEN).join('<mark>').split(MARK_CLOSE).join('</mark>');
  return balance(html);
};

// A passage cut mid-match (Meilisearch crops by words) may leave a marker unclosed.
const balance = (html: string): string => {
  const opened = html.split('<mark>').length - 1;
  const closed = html.split('</mark>').length - 1;
  return opened > closed ? html + '</mark>'.repeat(opened - closed) : html;
};
