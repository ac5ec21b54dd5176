import type { FunctionComponent } from 'preact';
import type { MessageKey } from './i18n.ts';
import { AdminUnitsPage } from './pages/admin-units.tsx';
import { AdminUsersPage } from './pages/admin-users.tsx';
import { AuditPage } from './pages/audit.tsx';
import { DocumentPage } from './pages/document.tsx';
import { HomePage } from './pages/home.tsx';
import { ImportPage } from './pages/import.tsx';
import { SearchPage } from './pages/search.tsx';
import { UploadPage } from './pages/upload.tsx';
import type { Role } from './types.ts';

export interface PageProps {
  params: Record<string, string>;
}

export interface PageRoute {
  /** `/documents/:id`: segments starting with `:` are parameters. */
  path: string;
  page: FunctionComponent<PageProps>;
  /** Who may open it (any logged-in user when absent); the API checks again. */
  roles?: Role[];
  /** Shown in the navigation under this label. */
  nav?: MessageKey;
}

/**
 * Every logged-in page. A new page: one file in pages/, one line here. The server sends the
 * app's shell for any browser navigation outside /api (see src/http/routes/web.routes.ts),
 * so nothing server-side changes.
 */
export const ROUTES: PageRoute[] = [
  { path: '/', page: HomePage, nav: 'nav.home' },
  { path: '/search', page: SearchPage, nav: 'nav.search' },
  { path: '/documents/:id', page: DocumentPage },
  { path: '/upload', page: UploadPage, roles: ['clerk', 'admin'], nav: 'nav.upload' },
  { path: '/import', page: ImportPage, roles: ['clerk', 'admin'], nav: 'nav.import' },
  { path: '/admin/units', page: AdminUnitsPage, roles: ['admin'], nav: 'nav.units' },
  { path: '/admin/users', page: AdminUsersPage, roles: ['admin'], nav: 'nav.users' },
  { path: '/audit', page: AuditPage, roles: ['auditor', 'admin'], nav: 'nav.audit' },
];

export const NAV = ROUTES.filter((r): r is PageRoute & { nav: MessageKey } => r.nav !== undefined).map((r) => ({ path: r.path, label: r.nav, roles: r.roles }));
