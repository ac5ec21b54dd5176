import { useState } from 'preact/hooks';
import { get, post } from '../api.ts';
import { notificationHref, notificationText, refreshUnread } from '../components/bell.tsx';
import { ErrorBox, Loading, Pager, PageTitle } from '../components/ui.tsx';
import { dateTime } from '../format.ts';
import { useLoad, useTitle } from '../hooks.ts';
import { label, t } from '../i18n.ts';
import { Link, navigate, useLocation, withParams } from '../router.tsx';
import { officeName, useSession } from '../session.tsx';
import type { Notification, Page } from '../types.ts';

const LIMIT = 20;

/** My notifications (deadline reminders, drafts to review or sign), newest first; mark them read. */
export const NotificationsPage = () => {
  const { units } = useSession();
  useTitle(t('notif.title'), officeName(units));
  const loc = useLocation();
  const page = Math.max(1, Number(loc.query.get('page')) || 1);
  const onlyUnread = loc.query.get('unread') === 'true';
  const list = useLoad(
    (signal) => get<Page<Notification>>('/notifications', { query: { page, limit: LIMIT, ...(onlyUnread ? { unread: 'true' } : {}) }, signal }),
    [loc.href],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const markRead = async (ids: string[]) => {
    setBusy(true);
    setError(null);
    try {
      for (const id of ids) await post(`/notifications/${encodeURIComponent(id)}/read`);
      list.reload();
      await refreshUnread();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const unreadHere = list.data?.items.filter((n) => !n.readAt).map((n) => n.id) ?? [];
  return (
    <>
      <PageTitle>{t('notif.title')}</PageTitle>
      <div class="actions">
        <Link class="btn" href={`/notifications${withParams(loc.query, { unread: onlyUnread ? undefined : 'true', page: undefined })}`}>
          {onlyUnread ? t('notif.showAll') : t('notif.showUnread')}
        </Link>
        <button type="button" class="btn" disabled={busy || unreadHere.length === 0} onClick={() => void markRead(unreadHere)}>
          {t('notif.markAll')}
        </button>
      </div>
      <ErrorBox error={error} />
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorBox error={list.error} onRetry={list.reload} />
      {list.data ? (
        list.data.items.length ? (
          <>
            <ol class="letter-list notifications">
              {list.data.items.map((n) => {
                const href = notificationHref(n);
                return (
                  <li key={n.id} class={`letter-card${n.readAt ? '' : ' unread'}`}>
                    <p class="letter-head">
                      {n.readAt ? null : <span class="badge badge-new">{t('dispo.new')}</span>}
                      <span class={`badge badge-notif-${n.kind}`}>{label('notif.kind', n.kind)}</span>{' '}
                      <time class="small muted" dateTime={n.createdAt}>
                        {dateTime(n.createdAt)}
                      </time>
                    </p>
                    <p>
                      {href ? (
                        <Link
                          href={href}
                          onClick={() => {
                            if (!n.readAt)
                              void post(`/notifications/${encodeURIComponent(n.id)}/read`).then(
                                () => refreshUnread(),
                                () => undefined,
                              );
                          }}
                        >
                          {notificationText(n.message)}
                        </Link>
                      ) : (
                        notificationText(n.message)
                      )}
                    </p>
                    {n.readAt ? null : (
                      <button type="button" class="btn btn-small" disabled={busy} onClick={() => void markRead([n.id])}>
                        {t('notif.markRead')}
                      </button>
                    )}
                  </li>
                );
              })}
            </ol>
            <Pager
              page={page}
              total={list.data.total}
              limit={LIMIT}
              onPage={(p) => navigate(`/notifications${withParams(loc.query, { page: p > 1 ? p : undefined })}`)}
            />
          </>
        ) : (
          <p class="muted">{onlyUnread ? t('notif.emptyUnread') : t('notif.empty')}</p>
        )
      ) : null}
    </>
  );
};
