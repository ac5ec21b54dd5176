import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, get, post, whenSessionLost } from './api.ts';
import { ErrorBox, Loading, PageTitle } from './components/ui.tsx';
import { Layout, PublicLayout } from './components/layout.tsx';
import { onLangChange, t } from './i18n.ts';
import { LoginPage } from './pages/login.tsx';
import { NotFoundPage } from './pages/not-found.tsx';
import { matchPath, navigate, useLocation } from './router.tsx';
import { publicRoute, ROUTES } from './routes.ts';
import { hasRole, SessionContext, type Session } from './session.tsx';
import type { Unit, User } from './types.ts';

type Boot =
  | { state: 'loading' }
  | { state: 'anonymous'; notice?: 'sessionEnded' }
  /** A password-only cookie session of someone who since must have a second factor. */
  | { state: 'enrol' }
  | { state: 'in'; user: User; units: Unit[] }
  | { state: 'error'; error: unknown };

const loginPath = (next: string) => (next && next !== '/' && !next.startsWith('/login') ? `/login?next=${encodeURIComponent(next)}` : '/login');

const safeNext = (next: string | null): string => (next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/');

/** The whole app: who is logged in decides between the login page and the routed pages. */
export const App = () => {
  const loc = useLocation();
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [, setLangTick] = useState(0);
  useEffect(() => onLangChange(() => setLangTick((n) => n + 1)), []);

  const enter = useCallback(async (user: User) => {
    const { items } = await get<{ items: Unit[] }>('/units');
    setBoot({ state: 'in', user, units: items });
  }, []);

  const start = useCallback(async () => {
    setBoot({ state: 'loading' });
    try {
      await enter(await get<User>('/auth/me', { expect401: true }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setBoot({ state: 'anonymous' });
      else if (e instanceof ApiError && e.kind === 'totp-enrolment-required') setBoot({ state: 'enrol' });
      else setBoot({ state: 'error', error: e });
    }
  }, [enter]);

  useEffect(() => {
    void start();
    whenSessionLost(() => setBoot({ state: 'anonymous', notice: 'sessionEnded' }));
  }, [start]);

  // Logged out: every page but /login and the public ones sends there (and comes back after logging in).
  useEffect(() => {
    if ((boot.state === 'anonymous' || boot.state === 'enrol') && loc.path !== '/login' && !publicRoute(loc.path))
      navigate(loginPath(loc.href), { replace: true });
    if (boot.state === 'in' && loc.path === '/login') navigate(safeNext(loc.query.get('next')), { replace: true });
  }, [boot.state, loc.path]);

  const session = useMemo<Session | null>(() => {
    if (boot.state !== 'in') return null;
    return {
      user: boot.user,
      units: boot.units,
      reloadUnits: async () => {
        const { items } = await get<{ items: Unit[] }>('/units');
        setBoot((b) => (b.state === 'in' ? { ...b, units: items } : b));
      },
      logout: async () => {
        try {
          await post('/auth/logout');
        } catch {
          // already ended on the server: the cookies are cleared below either way
        }
        setBoot({ state: 'anonymous' });
        navigate('/login', { replace: true });
      },
    };
  }, [boot]);

  if (boot.state === 'loading') return <Loading />;
  // A page for everyone (checking a signed letter): outside the logged-in frame when not logged in.
  const open = publicRoute(loc.path);
  if (open && (boot.state === 'anonymous' || boot.state === 'enrol')) {
    const Page = open.page;
    return (
      <PublicLayout>
        <Page key={loc.path} params={{}} />
      </PublicLayout>
    );
  }
  if (boot.state === 'error') {
    return (
      <main id="main" class="narrow">
        <PageTitle>{t('app.error')}</PageTitle>
        <ErrorBox error={boot.error} onRetry={() => void start()} />
      </main>
    );
  }
  if (boot.state !== 'in' || !session) {
    return <LoginPage heldToEnrolment={boot.state === 'enrol'} notice={boot.state === 'anonymous' ? boot.notice : undefined} onLoggedIn={(u) => enter(u)} />;
  }

  if (loc.path === '/login') return <Loading />;
  for (const r of ROUTES) {
    const params = matchPath(r.path, loc.path);
    if (!params) continue;
    const Page = r.page;
    return (
      <SessionContext.Provider value={session}>
        <Layout>{r.roles && !hasRole(session.user, ...r.roles) ? <PageTitle>{t('app.forbidden')}</PageTitle> : <Page key={loc.path} params={params} />}</Layout>
      </SessionContext.Provider>
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Layout>
        <NotFoundPage />
      </Layout>
    </SessionContext.Provider>
  );
};
