import type { FunctionComponent } from 'preact';
import type { MessageKey } from './i18n.ts';
import { AdminBackupsPage } from './pages/admin-backups.tsx';
import { AdminCertificatesPage } from './pages/admin-certificates.tsx';
import { AdminClassificationsPage } from './pages/admin-classifications.tsx';
import { AdminJobsPage } from './pages/admin-jobs.tsx';
import { AdminLetterheadPage } from './pages/admin-letterhead.tsx';
import { AdminLetterTypesPage } from './pages/admin-letter-types.tsx';
import { AdminUnitsPage } from './pages/admin-units.tsx';
import { AdminUsersPage } from './pages/admin-users.tsx';
import { AuditPage } from './pages/audit.tsx';
import { BerkasPage } from './pages/berkas.tsx';
import { BerkasListPage } from './pages/berkas-list.tsx';
import { CheckPage } from './pages/check.tsx';
import { DispositionPage } from './pages/disposition.tsx';
import { DispositionsPage } from './pages/dispositions.tsx';
import { DisposalPage } from './pages/disposal.tsx';
import { DisposalsPage } from './pages/disposals.tsx';
import { DocumentPage } from './pages/document.tsx';
import { FixityPage } from './pages/fixity.tsx';
import { HoldPage } from './pages/hold.tsx';
import { HoldsPage } from './pages/holds.tsx';
import { HomePage } from './pages/home.tsx';
import { ImportPage } from './pages/import.tsx';
import { IncomingLetterPage } from './pages/incoming-letter.tsx';
import { IncomingListPage } from './pages/incoming-list.tsx';
import { IncomingNewPage } from './pages/incoming-new.tsx';
import { IncomingRegisterPage } from './pages/incoming-register.tsx';
import { NotificationsPage } from './pages/notifications.tsx';
import { OutgoingLetterPage } from './pages/outgoing-letter.tsx';
import { OutgoingListPage } from './pages/outgoing-list.tsx';
import { OutgoingNewPage } from './pages/outgoing-new.tsx';
import { OutgoingSignPage } from './pages/outgoing-sign.tsx';
import { OutgoingSignQueuePage } from './pages/outgoing-sign-queue.tsx';
import { RecordsDuePage } from './pages/records-due.tsx';
import { ResetPasswordPage } from './pages/reset-password.tsx';
import { AccountPage } from './pages/account.tsx';
import { RecordsHomePage } from './pages/records-home.tsx';
import { RecordsUnclassifiedPage } from './pages/records-unclassified.tsx';
import { SearchPage } from './pages/search.tsx';
import { StatsPage } from './pages/stats.tsx';
import { TransferPage } from './pages/transfer.tsx';
import { TransfersPage } from './pages/transfers.tsx';
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
  /** Also open without logging in (then outside the logged-in frame). */
  public?: boolean;
}

const WORKERS: Role[] = ['staff', 'official', 'clerk'];
// The records lifecycle (issue 11), as the API lets each role in: keepers run it, officials
// decide on disposals, auditors read it all and may hold records.
const KEEPERS: Role[] = ['archivist', 'admin'];
const HOLDERS: Role[] = ['archivist', 'admin', 'auditor'];
const DISPOSAL_READERS: Role[] = ['archivist', 'official', 'admin', 'auditor'];

/**
 * Every page. A new page: one file in pages/, one line here. The server sends the app's shell
 * for any browser navigation outside /api and /verify (see src/http/routes/web.routes.ts), so
 * nothing server-side changes. The first match wins: fixed paths before `:id` ones.
 */
export const ROUTES: PageRoute[] = [
  { path: '/', page: HomePage, nav: 'nav.home' },
  { path: '/search', page: SearchPage, nav: 'nav.search' },
  { path: '/documents/:id', page: DocumentPage },
  { path: '/incoming', page: IncomingListPage, nav: 'nav.incoming' },
  { path: '/incoming/new', page: IncomingNewPage, roles: ['clerk', 'admin'] },
  { path: '/incoming/register', page: IncomingRegisterPage },
  { path: '/incoming/:id', page: IncomingLetterPage },
  { path: '/dispositions', page: DispositionsPage, roles: WORKERS, nav: 'nav.dispositions' },
  { path: '/dispositions/:id', page: DispositionPage },
  { path: '/outgoing', page: OutgoingListPage, roles: WORKERS, nav: 'nav.outgoing' },
  { path: '/outgoing/new', page: OutgoingNewPage, roles: WORKERS },
  { path: '/outgoing/sign-queue', page: OutgoingSignQueuePage, roles: ['official'] },
  { path: '/outgoing/:id', page: OutgoingLetterPage },
  { path: '/outgoing/:id/sign', page: OutgoingSignPage, roles: ['official'] },
  { path: '/berkas', page: BerkasListPage, roles: [...WORKERS, 'archivist', 'admin'], nav: 'nav.berkas' },
  { path: '/berkas/:id', page: BerkasPage },
  { path: '/notifications', page: NotificationsPage },
  { path: '/upload', page: UploadPage, roles: ['clerk', 'admin'], nav: 'nav.upload' },
  { path: '/import', page: ImportPage, roles: ['clerk', 'admin'], nav: 'nav.import' },
  { path: '/stats', page: StatsPage, roles: ['official', 'admin', 'auditor'], nav: 'nav.stats' },
  { path: '/records', page: RecordsHomePage, roles: KEEPERS, nav: 'nav.records' },
  { path: '/records/due', page: RecordsDuePage, roles: KEEPERS },
  { path: '/records/unclassified', page: RecordsUnclassifiedPage, roles: KEEPERS },
  { path: '/holds', page: HoldsPage, roles: HOLDERS },
  { path: '/holds/:id', page: HoldPage, roles: HOLDERS },
  { path: '/disposals', page: DisposalsPage, roles: DISPOSAL_READERS },
  { path: '/disposals/:id', page: DisposalPage, roles: DISPOSAL_READERS },
  { path: '/transfers', page: TransfersPage, roles: HOLDERS },
  { path: '/transfers/:id', page: TransferPage, roles: HOLDERS },
  { path: '/check', page: CheckPage, nav: 'nav.check', public: true },
  { path: '/reset-password', page: ResetPasswordPage, public: true },
  { path: '/account', page: AccountPage, nav: 'nav.account' },
  { path: '/admin/units', page: AdminUnitsPage, roles: ['admin'], nav: 'nav.units' },
  { path: '/admin/users', page: AdminUsersPage, roles: ['admin'], nav: 'nav.users' },
  { path: '/admin/certificates', page: AdminCertificatesPage, roles: ['admin'], nav: 'nav.certificates' },
  { path: '/admin/classifications', page: AdminClassificationsPage, roles: KEEPERS, nav: 'nav.classifications' },
  { path: '/admin/letter-types', page: AdminLetterTypesPage, roles: ['admin'], nav: 'nav.letterTypes' },
  { path: '/admin/letterhead', page: AdminLetterheadPage, roles: ['admin'], nav: 'nav.letterhead' },
  { path: '/admin/jobs', page: AdminJobsPage, roles: ['admin'], nav: 'nav.jobs' },
  { path: '/admin/backups', page: AdminBackupsPage, roles: ['admin'], nav: 'nav.backups' },
  { path: '/fixity', page: FixityPage, roles: HOLDERS, nav: 'nav.fixity' },
  { path: '/audit', page: AuditPage, roles: ['auditor', 'admin'], nav: 'nav.audit' },
];

export const NAV = ROUTES.filter((r): r is PageRoute & { nav: MessageKey } => r.nav !== undefined).map((r) => ({ path: r.path, label: r.nav, roles: r.roles }));

/** The page open without logging in at this path, if any. */
export const publicRoute = (path: string): PageRoute | undefined => ROUTES.find((r) => r.public && r.path === path);
