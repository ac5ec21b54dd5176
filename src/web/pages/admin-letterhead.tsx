import { useEffect, useState } from 'preact/hooks';
import { API, ApiError, del, get, request } from '../api.ts';
import { ErrorBox, Field, Loading, Notice, PageTitle } from '../components/ui.tsx';
import { useLoad, useTitle } from '../hooks.ts';
import { type MessageKey, t } from '../i18n.ts';
import { officeName, useSession } from '../session.tsx';

interface Letterhead {
  governmentLine: string | null;
  officeName: string | null;
  address: string | null;
  telephone: string | null;
  email: string | null;
  website: string | null;
  logo: { type: string; width: number; height: number; bytes: number } | null;
  updatedAt: string | null;
}

const LINES = ['governmentLine', 'officeName', 'address', 'telephone', 'email', 'website'] as const;
type Line = (typeof LINES)[number];
type Lines = Record<Line, string>;
const linesOf = (h: Letterhead): Lines => Object.fromEntries(LINES.map((k) => [k, h[k] ?? ''])) as Lines;

/** The logo as it is now, and a file chosen to replace it (PNG or JPEG, checked by the server). */
const LogoPanel = ({ head, onChanged }: { head: Letterhead; onChanged: (h: Letterhead) => void }) => {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (act: () => Promise<Letterhead>) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await act());
      setFile(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const send = (e: Event) => {
    e.preventDefault();
    if (file) void run(() => request<Letterhead>('PUT', '/letterhead/logo', { raw: { body: file, contentType: file.type || 'application/octet-stream' } }));
  };
  return (
    <section class="card" aria-labelledby="logo-title">
      <h2 id="logo-title">{t('letterhead.logo')}</h2>
      {head.logo ? (
        <p>
          <img class="letterhead-logo" src={`${API}/letterhead/logo?v=${encodeURIComponent(head.updatedAt ?? '')}`} alt={t('letterhead.logoAlt')} />
          <br />
          <span class="small muted">{t('letterhead.logoSize', { w: head.logo.width, h: head.logo.height, kb: Math.ceil(head.logo.bytes / 1024) })}</span>
        </p>
      ) : (
        <p class="muted">{t('letterhead.noLogo')}</p>
      )}
      <ErrorBox error={error} />
      <form onSubmit={send}>
        <Field label={t('letterhead.logoFile')} hint={t('letterhead.logoHint')}>
          {(p) => <input {...p} type="file" name="logo" accept="image/png,image/jpeg" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />}
        </Field>
        <div class="actions">
          <button type="submit" class="btn btn-primary" disabled={!file || busy}>
            {t('letterhead.upload')}
          </button>
          {head.logo ? (
            <button type="button" class="btn" disabled={busy} onClick={() => void run(() => del<Letterhead>('/letterhead/logo'))}>
              {t('letterhead.removeLogo')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
};

/** The office's letterhead (kop surat) every letter prints: its lines and its logo (admins). */
export const AdminLetterheadPage = () => {
  const { units } = useSession();
  useTitle(t('letterhead.title'), officeName(units));
  const loaded = useLoad((signal) => get<Letterhead>('/letterhead', { signal }), []);
  const [lines, setLines] = useState<Lines | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (loaded.data && !lines) setLines(linesOf(loaded.data));
  }, [loaded.data]);

  const save = async (e: Event) => {
    e.preventDefault();
    if (!lines) return;
    setError(null);
    setDone(false);
    try {
      const saved = await request<Letterhead>('PUT', '/letterhead', { json: lines });
      loaded.setData(saved);
      setLines(linesOf(saved));
      setDone(true);
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    }
  };

  if (loaded.error) return <ErrorBox error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data || !lines) return <Loading />;
  return (
    <>
      <PageTitle>{t('letterhead.title')}</PageTitle>
      <p>{t('letterhead.intro')}</p>
      <div class="two-col">
        <section class="card" aria-labelledby="lines-title">
          <h2 id="lines-title">{t('letterhead.lines')}</h2>
          {done ? <Notice tone="ok">{t('letterhead.saved')}</Notice> : null}
          {error && !error.errors.length ? <ErrorBox error={error} /> : null}
          <form onSubmit={save}>
            {LINES.map((k) => (
              <Field key={k} label={t(`letterhead.${k}` as MessageKey)} error={error?.fieldError(k)}>
                {(p) =>
                  k === 'email' ? (
                    <input {...p} name={k} type="email" value={lines[k]} onInput={(e) => setLines({ ...lines, [k]: e.currentTarget.value })} />
                  ) : (
                    <input {...p} name={k} value={lines[k]} onInput={(e) => setLines({ ...lines, [k]: e.currentTarget.value })} />
                  )
                }
              </Field>
            ))}
            <button type="submit" class="btn btn-primary">
              {t('letterhead.save')}
            </button>
          </form>
        </section>
        <LogoPanel head={loaded.data} onChanged={(h) => loaded.setData(h)} />
      </div>
    </>
  );
};
