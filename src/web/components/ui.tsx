import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { FIELD_LABELS } from '../field-labels.ts';
import { percent } from '../format.ts';
import { t } from '../i18n.ts';
import { describeProblem, type FieldLabels, type ProblemText, type StatusHeadlines } from '../problem-text.ts';

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  required?: boolean;
}

/** A label, the control (given its ids), a hint and an error message wired for screen readers. */
export const Field = ({
  label,
  hint,
  error,
  required,
  children,
}: {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  children: (p: ControlProps) => JSX.Element;
}) => {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>
        {label}
        {required ? (
          <span class="req" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {children({
        id,
        ...(described ? { 'aria-describedby': described } : {}),
        ...(error ? { 'aria-invalid': true } : {}),
        ...(required ? { required: true } : {}),
      })}
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

/** A failure as words in the chosen language (see problem-text.ts); other errors by their message. */
export const problemText = (e: unknown, labels?: FieldLabels, headlines?: StatusHeadlines): ProblemText => {
  if (e instanceof ApiError) return describeProblem(e, t, { ...FIELD_LABELS, ...labels }, headlines);
  return { headline: e instanceof Error ? e.message : String(e), fields: [] };
};

/** What to tell a person about a failure, in one line (ErrorBox adds the field errors). */
export const errorMessage = (e: unknown): string => problemText(e).headline;

/**
 * A failure: the headline in the reader's language, the field errors by the form's labels (`labels` for names the form labels its own way; `headlines` for
 * statuses it can say more about). Focused when it appears, so it is heard.
 */
export const ErrorBox = ({
  error,
  onRetry,
  labels,
  headlines,
}: {
  error: unknown;
  onRetry?: () => void;
  labels?: FieldLabels;
  headlines?: StatusHeadlines;
}) => {
  const ref = useRef<HTMLDivElement>(null);
  const text = error ? problemText(error, labels, headlines) : null;
  const message = text?.headline ?? '';
  // Focus moves to a new message (not on every re-render of the same one).
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!text) return null;
  return (
    <div class="alert alert-error" role="alert" tabIndex={-1} ref={ref}>
      <p class="problem-headline">{text.headline}</p>
      {text.fields.length ? (
        <>
          <p>{t('form.errors')}</p>
          <ul>
            {text.fields.map((f, i) => (
              <li key={`${f.field}-${i}`}>
                <strong>{f.label}</strong>: {f.message}
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

/**
 * A file on its way to the server: a labelled bar of the share sent (`label` replaces the
 * "sending n %" text, e.g. once the server is checking what it received). `id` ties label and bar.
 */
export const SendingProgress = ({ id, fraction, label }: { id: string; fraction: number; label?: string }) => (
  <>
    <label for={id}>{label ?? t('upload.sending', { pct: percent(fraction) })}</label>
    <progress id={id} max={100} value={percent(fraction)} />
  </>
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
