import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { t } from '../i18n.ts';

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  required?: boolean;
}

/** A label, the control (given its ids), a hint and an error message wired for screen readers. */
export const Field = ({ label, hint, error, required, children }: { label: string; hint?: string | undefined; error?: string | undefined; required?: boolean; children: (p: ControlProps) => JSX.Element }) => {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>
        {label}
        {required ? <span class="req" aria-hidden="true"> *</span> : null}
      </label>
      {children({ id, ...(described ? { 'aria-describedby': described } : {}), ...(error ? { 'aria-invalid': true } : {}), ...(required ? { required: true } : {}) })}
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="error-text" id={`${id}-err`}>
          {error}
        </p>
      ) : null}
    </div>
  );
};

/** What to tell a person about a failure. */
export const errorMessage = (e: unknown): string => {
  if (e instanceof ApiError) {
    if (e.status === 0) return t('app.offline');
    if (e.status === 401) return t('app.sessionEnded');
    if (e.status === 403 && e.kind === 'forbidden' && !e.detail) return t('app.forbidden');
    return e.detail;
  }
  return e instanceof Error ? e.message : String(e);
};

/** A failure, with the server's field errors listed; focused when it appears so it is heard. */
export const ErrorBox = ({ error, onRetry }: { error: unknown; onRetry?: () => void }) => {
  const ref = useRef<HTMLDivElement>(null);
  const message = error ? errorMessage(error) : '';
  // Focus moves to a new message (not on every re-render of the same one).
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!error) return null;
  const fields = error instanceof ApiError ? error.errors : [];
  return (
    <div class="alert alert-error" role="alert" tabIndex={-1} ref={ref}>
      <p>{message}</p>
      {fields.length ? (
        <>
          <p>{t('form.errors')}</p>
          <ul>
            {fields.map((f) => (
              <li key={f.field}>
                <strong>{f.field}</strong>: {f.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {onRetry ? (
        <button type="button" class="btn" onClick={onRetry}>
          {t('app.retry')}
        </button>
      ) : null}
    </div>
  );
};

export const Notice = ({ children, tone = 'info' }: { children: ComponentChildren; tone?: 'info' | 'ok' | 'warn' }) => (
  <div class={`alert alert-${tone}`} role="status">
    {children}
  </div>
);

export const Loading = () => (
  <p class="muted" role="status">
    {t('app.loading')}
  </p>
);

export const Pager = ({ page, total, limit, onPage }: { page: number; total: number; limit: number; onPage: (p: number) => void }) => {
  const pages = Math.max(1, Math.ceil(total / limit));
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={t('pager.label')}>
      <button type="button" class="btn" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ← {t('pager.prev')}
      </button>
      <span aria-live="polite">{t('pager.of', { page, pages })}</span>
      <button type="button" class="btn" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('pager.next')} →
      </button>
    </nav>
  );
};

/** The first heading of a page; the app focuses it after each navigation. */
export const PageTitle = ({ children }: { children: ComponentChildren }) => (
  <h1 id="page-title" tabIndex={-1}>
    {children}
  </h1>
);
