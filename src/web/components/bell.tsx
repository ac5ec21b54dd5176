import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api.ts';
import { usePoll } from '../hooks.ts';
import { currentLang, t } from '../i18n.ts';
import { Link, useLocation } from '../router.tsx';
import type { Notification, Page } from '../types.ts';

const POLL_MS = 60_000;
let unread: number | null = null;
const listeners = new Set<() => void>();

/** Asks the server for the unread count again (after a page marks some read, or a navigation). */
export const refreshUnread = async (): Promise<void> => {
  const page = await get<Page<Notification>>('/notifications', { query: { unread: 'true', limit: 1 } });
  unread = page.total;
  for (const l of listeners) l();
};

/**
 * Opening a letter or a disposition answers its notices: my unread ones about it are marked read
 * (a failure only leaves them unread).
 */
export const useReadNoticesAbout = (subjectId: string): void => {
  useEffect(() => {
    const ac = new AbortController();
    get<Page<Notification>>('/notifications', { query: { unread: 'true', limit: 100 }, signal: ac.signal })
      .then(async (page) => {
        const about = page.items.filter((n) => n.subjectId === subjectId);
        for (const n of about) await post(`/notifications/${encodeURIComponent(n.id)}/read`);
        if (about.length) await refreshUnread();
      })
      .catch(() => undefined);
    return () => ac.abort();
  }, [subjectId]);
};

/** The server writes "Indonesian — English"; the reader's half. */
export const notificationText = (message: string): string => {
  const [id, en] = message.split(' — ');
  return currentLang() === 'en' && en ? en : (id ?? message);
};

/** The page of each kind of subject a notification may be about (records: what became due, by day). */
const SUBJECT_PAGES = new Map<string, (id: string) => string>([
  ['disposition', (id) => `/dispositions/${id}`],
  ['outgoing_letter', (id) => `/outgoing/${id}`],
  ['incoming_letter', (id) => `/incoming/${id}`],
  ['disposal', (id) => `/disposals/${id}`],
  ['document', (id) => `/documents/${id}`],
  ['records', () => '/records/due'],
]);

/** Where a notification points. */
export const notificationHref = (n: Pick<Notification, 'subjectType' | 'subjectId'>): string | null => SUBJECT_PAGES.get(n.subjectType)?.(n.subjectId) ?? null;

/** The bell in the top bar: a link to the notifications with the unread count, kept fresh. */
export const Bell = () => {
  const loc = useLocation();
  const [, setTick] = useState(0);
  useEffect(() => {
    const l = () => setTick((n) => n + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  useEffect(() => {
    refreshUnread().catch(() => undefined);
  }, [loc.path]);
  usePoll(async () => void (await refreshUnread()), POLL_MS, true);
  const n = unread ?? 0;
  const text = n === 0 ? t('notif.none') : t('notif.unread', { n });
  return (
    <Link
      href="/notifications"
      class="bell"
      aria-label={`${t('notif.title')}: ${text}`}
      {...(loc.path === '/notifications' ? { 'aria-current': 'page' as const } : {})}
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" focusable="false">
        <path
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          fill="currentColor"
        />
      </svg>
      {n > 0 ? <span class="bell-count">{n > 99 ? '99+' : n}</span> : null}
    </Link>
  );
};
