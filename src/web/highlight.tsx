import type { ComponentChild } from 'preact';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

const decode = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });

/**
 * A search passage ("HTML-escaped text with <mark>…</mark>") as preact nodes. It is never
 * given to innerHTML: only the <mark> tags become elements, everything else is text, so even
 * a passage the server failed to escape cannot inject markup.
 */
export const Highlighted = ({ html }: { html: string }) => {
  const out: ComponentChild[] = [];
  let inMark = false;
  let key = 0;
  for (const part of html.split(/(<\/?mark>)/i)) {
    if (/^<mark>$/i.test(part)) inMark = true;
    else if (/^<\/mark>$/i.test(part)) inMark = false;
    else if (part) out.push(inMark ? <mark key={key++}>{decode(part)}</mark> : decode(part));
  }
  return <>{out}</>;
};
