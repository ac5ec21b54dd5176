import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { currentLang, label, setLang, t } from '../i18n.ts';
import { Link, useLocation } from '../router.tsx';
import { NAV } from '../routes.ts';
import { hasRole, officeName, useSession } from '../session.tsx';
import { Bell } from './bell.tsx';

export const LangToggle = () => {
  const next = currentLang() === 'id' ? 'en' : 'id';
  return (
    <button type="button" class="btn btn-quiet" lang={next} onClick={() => setLang(next)}>
      {t('lang.toggle')}
    </button>
  );
};

/** The frame of every logged-in page: top bar, navigation for the user's roles, the page. */
export const Layout = ({ children }: { children: ComponentChildren }) => {
  const { user, units, logout } = useSession();
  const loc = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const first = useRef(true);

  // After a navigation: close the phone menu, scroll up and move focus to the new page's
  // heading, so keyboard and screen-reader users start at the top of the new content.
  useEffect(() => {
    setMenuOpen(false);
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    window.requestAnimationFrame(() => document.getElementById('page-title')?.focus());
  }, [loc.path]);

  const items = NAV.filter((n) => !n.roles || hasRole(user, ...n.roles));
  const office = officeName(units);
  return (
    <div class="shell">
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <header class="topbar">
        <div class="brand">
          <Link href="/" class="brand-name">
            {t('app.name')}
          </Link>
          {office ? <span class="office">{office}</span> : null}
        </div>
        <div class="top-actions">
          <p class="who">
            <span class="sr-only">{t('top.user')}: </span>
            <strong>{user.name}</strong> <span class="roles">{user.roles.map((r) => label('role', r)).join(', ')}</span>
          </p>
          <Bell />
          <LangToggle />
          <button type="button" class="btn btn-quiet" onClick={() => void logout()}>
            {t('top.logout')}
          </button>
          <button type="button" class="btn btn-quiet menu-toggle" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen(!menuOpen)}>
            {t('nav.menu')}
          </button>
        </div>
      </header>
      <nav id="main-nav" class={`mainnav${menuOpen ? ' open' : ''}`} aria-label={t('nav.label')}>
        <ul>
          {items.map((n) => {
            const active = n.path === '/' ? loc.path === '/' : loc.path === n.path || loc.path.startsWith(`${n.path}/`);
            return (
              <li key={n.path}>
                <Link href={n.path} {...(active ? { 'aria-current': 'page' as const } : {})}>
                  {t(n.label)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
};

/** The frame of a page anyone may open without logging in: the name, the language, a way to log in. */
export const PublicLayout = ({ children }: { children: ComponentChildren }) => (
  <div class="shell">
    <a class="skip" href="#main">
      {t('app.skip')}
    </a>
    <header class="topbar">
      <div class="brand">
        <span class="brand-name">{t('app.name')}</span>
      </div>
      <div class="top-actions">
        <LangToggle />
        <Link href="/login" class="btn btn-quiet">
          {t('login.title')}
        </Link>
      </div>
    </header>
    <main id="main" tabIndex={-1} class="narrow-page">
      {children}
    </main>
  </div>
);
