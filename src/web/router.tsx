import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** A tiny history-API router: the URL is the state (path + query), so back, reload and links work. */

const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};
window.addEventListener('popstate', notify);

export interface Location {
  path: string;
  query: URLSearchParams;
  /** Path and query, for redirects back after login. */
  href: string;
}

const current = (): Location => ({
  path: window.location.pathname,
  query: new URLSearchParams(window.location.search),
  href: window.location.pathname + window.location.search,
});

export const navigate = (to: string, o: { replace?: boolean } = {}): void => {
  if (to === window.location.pathname + window.location.search) return;
  if (o.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
};

/** Re-renders the caller when the URL changes. */
export const useLocation = (): Location => {
  const [loc, setLoc] = useState(current);
  useEffect(() => {
    const l = () => setLoc(current());
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return loc;
};

/** `/documents/:id` against a path: the parameters, or null. */
export const matchPath = (pattern: string, path: string): Record<string, string> | null => {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i]!;
    if (seg.startsWith(':')) {
      try {
        params[seg.slice(1)] = decodeURIComponent(s[i]!);
      } catch {
        return null;
      }
    } else if (seg !== s[i]) return null;
  }
  return params;
};

/** The query string with some keys changed (undefined or '' removes a key). */
export const withParams = (query: URLSearchParams, changes: Record<string, string | number | undefined>): string => {
  const q = new URLSearchParams(query);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === '') q.delete(k);
    else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
};

interface AnchorProps {
  href: string;
  children?: ComponentChildren;
  class?: string;
  onClick?: (e: MouseEvent) => void;
  'aria-current'?: 'page';
  'aria-label'?: string;
}

/** An ordinary link that the router follows without a page load (modified clicks open as usual). */
export const Link = ({ href, children, onClick, ...rest }: AnchorProps) => (
  <a
    href={href}
    onClick={(e) => {
      onClick?.(e);
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      navigate(href);
    }}
    {...rest}
  >
    {children}
  </a>
);
