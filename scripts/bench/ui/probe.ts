/**
 * Timing an interaction inside the page, so Playwright's own round trips are not counted.
 *
 * `measure()` first arms a probe in the page (over the DevTools protocol, which the page's CSP
 * does not govern; the page's own code is untouched), then lets Playwright perform the input.
 * The probe takes t0 from the input event itself (`event.timeStamp` of the `click` or the last
 * `keydown`, caught in the capture phase on window before any handler of the page: the time
 * the renderer received the input, so main-thread queueing counts against the page). From
 * then on it checks two conditions at every DOM mutation (MutationObserver) and every frame
 * (requestAnimationFrame):
 * - answered: the final content is there, or a progress indicator for this interaction is
 *   visible (a `<progress>`, role=progressbar, or a visible element whose text is the UI's
 *   "loading…"/"searching…" word in either language; aria-busy alone is not counted, sighted
 *   users cannot see it);
 * - final: the interaction's final content is there and nothing in it still shows progress.
 * When a condition first holds, the probe waits for the next paint (a requestAnimationFrame,
 * then a message posted from it, which runs after that frame is painted) and records
 * performance.now() − t0. So each figure is input → first frame that shows the answer.
 */
import type { Page } from 'playwright-core';
import { en } from '../../../src/web/messages/en.ts';
import { id } from '../../../src/web/messages/id.ts';

/** Texts the UI shows while it waits for the server (both languages). */
const LOADING_WORDS = [id['app.loading'], en['app.loading'], id['search.searching'], en['search.searching']];

/** Helpers installed once per document as `window.__ui`; conditions are expressions over them. */
const LIBRARY = `(() => {
  if (window.__ui) return;
  const WORDS = ${JSON.stringify(LOADING_WORDS)};
  const visible = (e) => (e.checkVisibility ? e.checkVisibility() : e.getClientRects().length > 0);
  const $ = (sel) => document.querySelector(sel);
  const ui = {
    $,
    visible: (sel) => [...document.querySelectorAll(sel)].some(visible),
    progressIn: (root) => {
      if (!root) return false;
      for (const e of root.querySelectorAll('progress, [role=progressbar]')) if (visible(e)) return true;
      for (const e of root.querySelectorAll('[role=status], [aria-live], p, span')) {
        const t = (e.textContent || '').trim();
        if (t && WORDS.some((w) => t.startsWith(w)) && visible(e)) return true;
      }
      return false;
    },
    /** The routed page at a path prefix has replaced the one shown when the probe was armed. */
    newPage: (prefix) => {
      const h = document.getElementById('page-title');
      return location.pathname.startsWith(prefix) && !!h && h.dataset.uiOld !== '1';
    },
    q: () => new URLSearchParams(location.search).get('q'),
    text: (sel) => (($(sel) || {}).textContent || '').trim(),
    mark: {},
    last: null,
    arm: (events, isFinal, isProgress, timeoutMs) => {
      const old = document.getElementById('page-title');
      if (old) old.dataset.uiOld = '1';
      // A condition already true before the input would answer at the next frame, whatever the
      // page does: progress on screen at arming does not count, final content there is an error.
      const progressAtArm = !!isProgress();
      const st = { t0: null, answered: null, by: null, final: null, timedOut: false, finalAtArm: !!isFinal(), progressAtArm };
      let wantAnswer = true, wantFinal = true, over = false, raf = 0, timer = 0;
      let resolve;
      ui.last = new Promise((r) => (resolve = r));
      const afterPaint = (cb) => requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => cb(performance.now()); ch.port2.postMessage(0); });
      const finish = () => {
        if (over) return;
        over = true;
        mo.disconnect();
        cancelAnimationFrame(raf);
        clearTimeout(timer);
        for (const ev of events) removeEventListener(ev, onInput, true);
        resolve(st);
      };
      const check = () => {
        if (st.t0 === null || over) return;
        const t0 = st.t0;
        const fin = wantFinal && isFinal();
        if (wantAnswer && (fin || (!progressAtArm && isProgress()))) {
          wantAnswer = false;
          const by = fin ? 'final' : 'progress';
          afterPaint((now) => { st.answered = now - t0; st.by = by; });
        }
        if (fin) {
          wantFinal = false;
          afterPaint((now) => { st.final = now - t0; finish(); });
        }
      };
      const onInput = (e) => {
        const now = performance.now();
        st.t0 = e.timeStamp > 0 && e.timeStamp <= now && now - e.timeStamp < 1000 ? e.timeStamp : now;
        check();
      };
      const loop = () => { check(); raf = requestAnimationFrame(loop); };
      const mo = new MutationObserver(check);
      mo.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
      for (const ev of events) addEventListener(ev, onInput, true);
      raf = requestAnimationFrame(loop);
      timer = setTimeout(() => { st.timedOut = true; finish(); }, timeoutMs);
    },
  };
  window.__ui = ui;
})()`;

export interface Condition {
  /** Input events that start the clock; the last one before the answer counts. */
  on: ('click' | 'keydown')[];
  /** JS expression (over `__ui`), true once the final content is on screen. */
  final: string;
  /** JS expression, true once progress for this interaction is visible; absent: only final answers. */
  progress?: string;
  /** JS run before arming, e.g. to remember what is on screen now in `__ui.mark`. */
  before?: string;
  timeoutMs?: number;
}

export interface Sample {
  /** Input → first paint showing the final content or progress, ms. */
  answered: number;
  by: 'final' | 'progress';
  /** Input → first paint showing the final content, ms. */
  final: number;
  /** Nothing answered (or the final content never came) within the timeout, counted as the timeout. */
  timedOut: boolean;
}

/** Arms the probe, runs `act` (the Playwright input), and returns what the page measured. */
export const measure = async (page: Page, c: Condition, act: () => Promise<void>): Promise<Sample> => {
  await page.evaluate(LIBRARY);
  const timeout = c.timeoutMs ?? 15_000;
  await page.evaluate(`(() => { ${c.before ?? ''}; __ui.arm(${JSON.stringify(c.on)}, () => (${c.final}), () => (${c.progress ?? 'false'}), ${timeout}); })()`);
  await act();
  const st = (await page.evaluate('__ui.last')) as {
    t0: number | null;
    answered: number | null;
    by: 'final' | 'progress' | null;
    final: number | null;
    timedOut: boolean;
    finalAtArm: boolean;
  };
  if (st.finalAtArm) throw new Error(`the final condition held before the input, so nothing could be timed: ${c.final}`);
  if (st.t0 === null) throw new Error('the probe saw no input event');
  // A timed-out condition counts as the whole timeout (and fails the bar), never as missing.
  return { answered: st.answered ?? timeout, by: st.by ?? 'final', final: st.final ?? timeout, timedOut: st.timedOut };
};
