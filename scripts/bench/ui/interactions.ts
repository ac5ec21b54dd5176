/**
 * The timed interactions: each returns one Sample per repetition, measured in the page by
 * probe.ts. Warm-up repetitions (the first `warm`) are run but not returned. Between
 * repetitions the page is left to settle for a moment, as a person reads before the next click.
 */
import type { Page } from 'playwright-core';
import { type Condition, measure, type Sample } from './probe.ts';

export interface Runs {
  n: number;
  warm: number;
}

const PAUSE_MS = 250;
const pause = (ms = PAUSE_MS) => new Promise((r) => setTimeout(r, ms));
const js = (s: string) => JSON.stringify(s);

/** The final content of a routed page is there and nothing in <main> still shows progress. */
export const settled = (sel: string) => `(!!__ui.$(${js(sel)}) && !__ui.progressIn(__ui.$('#main')))`;
const onPage = (path: string) => `(location.pathname === ${js(path)} && __ui.newPage(${js(path)}))`;
const underPath = (prefix: string) => `__ui.newPage(${js(prefix)})`;
const pageProgress = (where: string) => `(${where} && __ui.progressIn(__ui.$('#main')))`;

const repeat = async (r: Runs, one: (i: number) => Promise<Sample>): Promise<Sample[]> => {
  const out: Sample[] = [];
  for (let i = 0; i < r.warm + r.n; i++) {
    const s = await one(i);
    if (i >= r.warm) out.push(s);
    await pause();
  }
  return out;
};

/** A page of the main navigation and what shows it is complete. */
export interface NavPage {
  key: string;
  path: string;
  done: string;
}

export const NAV_PAGES: Record<string, NavPage> = {
  home: { key: 'home', path: '/', done: '#recent-title ~ ol.doc-list' },
  search: { key: 'search', path: '/search', done: 'section.results[aria-busy="false"] .doc-list' },
  incoming: { key: 'incoming register', path: '/incoming', done: 'section[aria-labelledby="register-title"][aria-busy="false"] .letter-card' },
  dispositions: { key: 'dispositions inbox', path: '/dispositions', done: '.summary-line' },
  outgoing: { key: 'outgoing list', path: '/outgoing', done: 'section[aria-labelledby="out-list-title"][aria-busy="false"]' },
  stats: { key: 'stats', path: '/stats', done: 'svg.chart' },
  users: { key: 'admin users', path: '/admin/users', done: 'table tbody tr' },
};

const navCondition = (p: NavPage): Condition => ({ on: ['click'], final: `(${onPage(p.path)} && ${settled(p.done)})`, progress: pageProgress(onPage(p.path)) });

/** A click on a navigation link → the page. */
export const navigateOnce = (page: Page, p: NavPage): Promise<Sample> => measure(page, navCondition(p), () => page.click(`#main-nav a[href="${p.path}"]`));

/**
 * Rounds through `pages` by the navigation links (each page reached from the one before it);
 * samples per page key.
 */
export const navRounds = async (page: Page, pages: NavPage[], r: Runs): Promise<Map<string, Sample[]>> => {
  const out = new Map<string, Sample[]>(pages.map((p) => [p.key, []]));
  for (let round = 0; round < r.warm + r.n; round++) {
    for (const p of pages) {
      const s = await navigateOnce(page, p);
      if (round >= r.warm) out.get(p.key)!.push(s);
      await pause();
    }
  }
  return out;
};

const back = async (page: Page, ready: string) => {
  const before = page.url();
  await page.evaluate('history.back()');
  await page.waitForURL((u) => u.href !== before);
  await page.locator(ready).first().waitFor();
};

/**
 * Typing a query into the search box, one key at a time (each key held `delayMs`, so keys come
 * about that far apart). Timed from the last keystroke: answered once "searching…" shows in the
 * results (already showing counts too: the person sees it at the next paint) or the query's
 * results are there; final once the results of the whole query (its count line) are shown.
 */
/**
 * Typing a query into the empty search box, timed twice per query: the first keystroke (answered
 * when "Mencari…" or results show: nothing is on screen before it), and the last one, answered only
 * by the results for the whole query (the progress from the earlier keys is already on screen, so
 * it cannot count). The second includes the box's deliberate pause before it searches.
 */
export const searchTyping = async (page: Page, queries: string[], r: Runs, delayMs: number): Promise<{ first: Sample[]; last: Sample[] }> => {
  const first: Sample[] = [];
  const last = await repeat(r, async (i) => {
    const q = queries[i % queries.length]!;
    // Start from the empty box with its (unfiltered) results shown.
    if ((await page.inputValue('#q')) !== '') {
      await page.fill('#q', '');
      await page.waitForURL((u) => !u.searchParams.get('q'));
    }
    await page.locator('section.results[aria-busy="false"] .result-count:not(:empty)').waitFor();
    await page.focus('#q');
    const progress = `__ui.progressIn(__ui.$('section.results'))`;
    const resultsFor = (typed: string) => `(__ui.q() === ${js(typed)} && !!__ui.$('section.results[aria-busy="false"]') && __ui.text('.result-count') !== '')`;
    const one = await measure(page, { on: ['keydown'], final: resultsFor(q.slice(0, 1)), progress, timeoutMs: 5000 }, () => page.keyboard.press(q.slice(0, 1)));
    if (i >= r.warm) first.push(one);
    await page.keyboard.type(q.slice(1, -1), { delay: delayMs });
    return measure(page, { on: ['keydown'], final: resultsFor(q), progress }, () => page.keyboard.press(q.slice(-1), { delay: delayMs }));
  });
  return { first, last };
};

/** From a list, a click on item k's link → its page (then back to the list). */
export const openFromList = async (
  page: Page,
  o: { item: (k: number) => string; under: string; done: string; listReady: string; items: number },
  r: Runs,
): Promise<Sample[]> =>
  repeat(r, async (i) => {
    await page.locator(o.listReady).first().waitFor();
    const s = await measure(page, { on: ['click'], final: `(${underPath(o.under)} && ${o.done})`, progress: pageProgress(underPath(o.under)) }, () =>
      page.click(o.item(i % o.items)),
    );
    await pause();
    await back(page, o.listReady);
    return s;
  });

/** The language button in the top bar: the whole page in the other language (no progress to show). */
export const toggleLanguage = async (page: Page, r: Runs): Promise<Sample[]> =>
  repeat(r, async () => {
    const next = (await page.getAttribute('.top-actions button[lang]', 'lang'))!;
    return measure(
      page,
      {
        on: ['click'],
        before: `__ui.mark.nav = __ui.text('#main-nav'); __ui.mark.main = __ui.text('#main')`,
        final: `(document.documentElement.lang === ${js(next)} && __ui.text('#main-nav') !== __ui.mark.nav && __ui.text('#main') !== __ui.mark.main)`,
      },
      () => page.click('.top-actions button[lang]'),
    );
  });

/**
 * Uploading a document (PDF files on disk) on the upload page: the submit click → the progress bar (or the
 * "stored, being read" notice) shows; final: → "ready, searchable".
 */
export const uploadDocuments = async (page: Page, files: string[], r: Runs): Promise<Sample[]> =>
  repeat(r, async (i) => {
    // By path: the browser reads the file itself (bytes sent over the protocol take seconds per MB).
    await page.setInputFiles('.dropzone input[type=file]', files[i % files.length]!);
    await page.locator('.dropzone .chosen').waitFor();
    const s = await measure(
      page,
      {
        on: ['click'],
        final: `__ui.visible('.upload-status .alert-ok')`,
        progress: `(__ui.visible('#upload-progress') || __ui.visible('.upload-status [role=status]'))`,
        timeoutMs: 60_000,
      },
      () => page.click('form button[type=submit]'),
    );
    await page.click('.upload-status .actions button');
    await page.locator('.dropzone .chosen').waitFor({ state: 'detached' });
    return s;
  });
