/**
 * The web UI's interaction bar (issue 6): every interaction answers within 200 ms on this
 * machine or shows progress.
 *
 * The real app in this process (embedded adapters, a temp data dir, web and worker roles, the
 * UI built from src/web first) with a seeded office (scripts/bench/ui/office.ts: units, a
 * clerk, two officials and the admin with TOTP, two staff, a corpus of born-digital letters —
 * 3,000, --quick 400 — incoming letters disposed to a division, outgoing drafts in review), and
 * Debian's chromium (headless, 1280 × 800, one browser context per person, logged in through
 * the login page with their second factor). Per interaction, the page itself measures
 * (scripts/bench/ui/probe.ts) from the input event's timestamp to the first paint that shows
 * the final content or a visible progress indicator ("answered", the bar: median ≤ 200 ms),
 * and to the first paint of the final content (informative, no bar). p95 is reported without a
 * bar (a shared, noisy machine: docs/quality.md bars medians). The machine is named in the note of
 * each bar: there is no same-run reference for a UI latency. The app, the worker (idle during the timing
 * except after uploads), chromium and this script share the machine's cores.
 *
 * Interactions (20 each after 2 warm-ups, the language button 4; --quick 5 after 1, or 2):
 * - the navigation links: an official goes round search → incoming → dispositions → outgoing →
 *   stats → home; the admin between admin users and home (only the users page is reported);
 * - typing a query (1–3 words of a corpus letter, a third with a typo) into the search box,
 *   keys about 100 ms apart (shorter than the box's pause): from the last keystroke;
 * - opening a document from a result, an incoming letter from the register (its page with the
 *   disposition form), a disposition from the inbox (the form to complete or forward it);
 * - the language button (on a search page of 20 highlighted results);
 * - submitting a 2 MB born-digital PDF on the upload page (answered by its progress bar).
 *
 *   npm run bench -- ui [--quick]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildWeb } from '../build-web.ts';
import { CHROMIUM, DESKTOP, newContext } from '../../test/e2e/support/browser.ts';
import { logIn, type Member } from '../../test/e2e/support/office.ts';
import { api } from '../../test/support/http.ts';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { type Bench, type BenchFigure, median, percentile } from './figure.ts';
import { letterFile } from './ingest/letter-files.ts';
import { NAV_PAGES, navigateOnce, navRounds, openFromList, type Runs, searchTyping, settled, toggleLanguage, uploadDocuments } from './ui/interactions.ts';
import { seedOffice, type UiOffice, UPLOAD_SEED } from './ui/office.ts';
import type { Sample } from './ui/probe.ts';
import { typedQueries } from './ui/queries.ts';

const BAR_MS = 200;
/** The search box waits this long after a keystroke before it searches (src/web/pages/search.tsx). */
const SEARCH_PAUSE_MS = 250;
/** Results for the whole query within the pause plus the bar's 200 ms for the answer itself (docs/quality.md). */
const RESULTS_BAR_MS = SEARCH_PAUSE_MS + BAR_MS;
const TYPE_DELAY_MS = 100;
const UPLOAD_BYTES = 2 * 1024 * 1024;

const ms = (x: number) => `${x.toFixed(0)} ms`;

interface FigureOptions {
  finalName?: string;
  answeredIs?: string;
  /** The bar on the answered median, when not the 200 ms of an answer or progress, and its row in docs/quality.md. */
  barMs?: number;
  row?: string;
}

/** The figures of one interaction: answered median (the bar), answered p95, final median (when it differs). */
const figuresOf = (name: string, s: Sample[], machine: string, o: FigureOptions = {}): BenchFigure[] => {
  const answered = s.map((x) => x.answered);
  const final = s.map((x) => x.final);
  const byProgress = s.filter((x) => x.by === 'progress').length;
  const timedOut = s.filter((x) => x.timedOut).length;
  const how = `${s.length} times; answered by ${o.answeredIs ?? `final content ${s.length - byProgress}×, progress ${byProgress}×`}${timedOut ? `; ${timedOut} timed out (counted as the timeout)` : ''}`;
  const out: BenchFigure[] = [
    {
      name: `${name}: input → answered, median`,
      value: median(answered),
      unit: 'ms',
      bar: { op: '<=', limit: o.barMs ?? BAR_MS, of: 'value', row: o.row ?? 'ui-answer' },
      note: `${how}; max ${ms(Math.max(...answered))}; ${machine}`,
    },
    { name: `${name}: input → answered, p95`, value: percentile(answered, 95), unit: 'ms', note: 'no bar (the bar is on the median)' },
  ];
  if (o.finalName !== '')
    out.push({
      name: `${name}: input → ${o.finalName ?? 'final content'}, median`,
      value: median(final),
      unit: 'ms',
      note: `informative, no bar; p95 ${ms(percentile(final, 95))}`,
    });
  return out;
};

interface Setting {
  app: TestApp;
  browser: Browser;
  office: UiOffice;
  runs: Runs;
  sizes: Sizes;
  /** A folder for the files to upload (removed by the caller). */
  uploads: string;
  log: (m: string) => void;
}

interface Sizes {
  corpus: number;
  letters: number;
  drafts: number;
}

/** Every interaction, person by person; the figures in the order measured. */
const timeInteractions = async ({ app, browser, office, runs, sizes, uploads, log }: Setting): Promise<BenchFigure[]> => {
  const cpu = os.cpus();
  const machine = `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), chromium ${browser.version()} headless; app, worker, browser and bench share them; no same-run reference`;
  const problems: string[] = [];
  const as = async (who: Member): Promise<Page> => {
    const { page } = await newContext(browser, DESKTOP, problems);
    await logIn(app, page, who);
    return page;
  };
  const figures: BenchFigure[] = [];
  const add = (name: string, s: Sample[], o: FigureOptions = {}) => figures.push(...figuresOf(name, s, machine, o));

  // --- The office head: navigation, search, documents, language, letters.
  const head = await as(office.head);
  const rounds = await navRounds(
    head,
    [NAV_PAGES.search!, NAV_PAGES.incoming!, NAV_PAGES.dispositions!, NAV_PAGES.outgoing!, NAV_PAGES.stats!, NAV_PAGES.home!],
    runs,
  );
  for (const [key, s] of rounds) add(`nav link → ${key}`, s);
  log('navigation timed');

  await navigateOnce(head, NAV_PAGES.search!);
  const typing = await searchTyping(head, typedQueries(runs.n + runs.warm, sizes.corpus), runs, TYPE_DELAY_MS);
  add('search box: first keystroke into the empty box', typing.first, { finalName: '' });
  add('search box: last keystroke → results for the whole query', typing.last, {
    finalName: '',
    barMs: RESULTS_BAR_MS,
    row: 'ui-search-results',
    answeredIs: `the results alone (the progress from earlier keys was on screen already); ${SEARCH_PAUSE_MS} ms of it is the box's pause before it searches`,
  });
  log('search typing timed');

  // A query with a full page of highlighted results, checked over the API as the head.
  const token = await app.login(office.head.username, office.head.password);
  let resultsQuery = '';
  for (const q of ['undangan', 'pelaksanaan', 'laporan', 'kegiatan', 'surat']) {
    if (Number((await api(app, token, 'GET', `/api/v1/search?q=${q}&limit=1`)).body.total) >= 20) {
      resultsQuery = q;
      break;
    }
  }
  if (!resultsQuery) throw new Error('no seeded query finds 20 documents');
  await head.goto(`${app.url}/search?q=${resultsQuery}`);
  const hits = 'section.results[aria-busy="false"] .doc-hit';
  const docDone = `(${settled('.doc-meta dl')} && !!__ui.$('.doc-text .extracted') && !!__ui.$('iframe.preview-pdf'))`;
  add(
    'open a document from a search result',
    await openFromList(head, { item: (k) => `.doc-list > li:nth-child(${k + 1}) h3 a`, under: '/documents/', done: docDone, listReady: hits, items: 10 }, runs),
  );
  log('document pages timed');

  await head.locator(hits).first().waitFor();
  add(`language button (search page, ${resultsQuery}: 20 results)`, await toggleLanguage(head, { n: runs.n, warm: runs.warm * 2 }), {
    finalName: '',
    answeredIs: 'the page in the other language (nothing to wait for)',
  });
  if ((await head.getAttribute('html', 'lang')) !== 'id') await head.click('.top-actions button[lang]');
  log('language timed');

  await navigateOnce(head, NAV_PAGES.incoming!);
  const register = 'section[aria-labelledby="register-title"][aria-busy="false"] .letter-card';
  const letterDone = `(${settled('.doc-meta .agenda-number')} && !!__ui.$('.dispose-form') && !!__ui.$('.doc-preview iframe'))`;
  add(
    'open an incoming letter from the register',
    await openFromList(
      head,
      {
        item: (k) => `.letter-list > li:nth-child(${k + 1}) h3 a`,
        under: '/incoming/',
        done: letterDone,
        listReady: register,
        items: Math.min(10, sizes.letters),
      },
      runs,
    ),
    {
      finalName: 'letter, preview, routing and disposition form',
    },
  );
  log('incoming letters timed');

  // --- A staff member of the division: a disposition from the inbox, with its forms.
  const staff = await as(office.staff);
  await navigateOnce(staff, NAV_PAGES.dispositions!);
  const dispoDone = `(${settled('#complete-title')} && !!__ui.$('.dispose-form') && !!__ui.$('.doc-preview iframe'))`;
  add(
    'open a disposition (its forms) from the inbox',
    await openFromList(
      staff,
      {
        item: (k) => `.inbox > li:nth-child(${k + 1}) h3 a`,
        under: '/dispositions/',
        done: dispoDone,
        listReady: '.inbox .letter-card',
        items: Math.min(10, sizes.letters),
      },
      runs,
    ),
    {
      finalName: 'disposition, preview, tree and forms',
    },
  );
  log('dispositions timed');

  // --- The admin: the users page (and back home, not reported).
  const admin = await as(office.admin);
  add(`nav link → ${NAV_PAGES.users!.key}`, (await navRounds(admin, [NAV_PAGES.users!, NAV_PAGES.home!], runs)).get(NAV_PAGES.users!.key)!);
  log('admin timed');

  // --- The clerk uploads (last: it sets the worker to work).
  const clerk = await as(office.clerk);
  await navigateOnce(clerk, { key: 'upload', path: '/upload', done: '.dropzone' });
  const files: string[] = [];
  for (let i = 0; i < runs.n + runs.warm; i++) {
    files.push(path.join(uploads, `unggahan-${i + 1}.pdf`));
    await writeFile(files[i]!, (await letterFile([UPLOAD_SEED + i], UPLOAD_BYTES)).bytes);
  }
  add('upload a 2 MB PDF: submit', await uploadDocuments(clerk, files, runs), { finalName: '"ready, searchable" shown' });
  log('uploads timed');

  if (problems.length) log(`page errors or CSP violations during the bench (the figures may be off): ${problems.join(' | ')}`);
  return figures;
};

const bench: Bench = async ({ quick }) => {
  const t0 = performance.now();
  const log = (m: string) => console.log(`  ${m} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  const runs: Runs = quick ? { n: 5, warm: 1 } : { n: 20, warm: 2 };
  const sizes: Sizes = quick ? { corpus: 400, letters: 8, drafts: 2 } : { corpus: 3_000, letters: 30, drafts: 4 };
  await buildWeb();
  const uploads = await mkdtemp(path.join(os.tmpdir(), 'naskah-ui-bench-'));
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  try {
    app = await startTestApp();
    const office = await seedOffice(app, sizes);
    log(`office seeded: ${sizes.corpus} documents, ${sizes.letters} incoming letters disposed, ${sizes.drafts} drafts`);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--disable-dev-shm-usage'] });
    return await timeInteractions({ app, browser, office, runs, sizes, uploads, log });
  } finally {
    await browser?.close();
    await app?.stop();
    await rm(uploads, { recursive: true, force: true });
  }
};

export default bench;
