import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium, driven headless; playwright never downloads a browser here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where the walk's screenshots go (gitignored with the rest of .tmp/); E2E_SCREENSHOTS=1 only switches them on. */
export const SCREENSHOTS = path.resolve('.tmp/e2e-screenshots');

export const launch = async (): Promise<Browser> => {
  if (!existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: apt-get install chromium (Debian), or set CHROMIUM_PATH`);
  await mkdir(SCREENSHOTS, { recursive: true });
  // naskah.test: the local server under a name that is not a secure context (an office LAN address over plain http).
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--disable-dev-shm-usage', `--host-resolver-rules=MAP ${INSECURE_HOST} 127.0.0.1`],
  });
};

export const INSECURE_HOST = 'naskah.test';

export const DESKTOP = { viewport: { width: 1280, height: 800 } };
export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

/**
 * A browser context whose pages report script errors and CSP violations into `problems`: the
 * UI must run under its own policy without a single refused resource.
 */
export const newContext = async (
  browser: Browser,
  options: typeof DESKTOP | typeof PHONE,
  problems: string[],
): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({ ...options, locale: 'id-ID' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  return { context, page };
};

const require = createRequire(import.meta.url);
let axeSource: string | null = null;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core (WCAG 2.1 A/AA and best practices) on the page as it is and fails on any
 * serious or critical violation. The script is evaluated over the DevTools protocol, which the
 * page's CSP does not govern, so the policy stays as strict as in production.
 */
export const expectAccessible = async (page: Page, name: string): Promise<AxeViolation[]> => {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axeSource);
  const violations =
    (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })))`)) as AxeViolation[];
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `${name}: ${JSON.stringify(serious, null, 2)}`).to.deep.equal([]);
  return violations;
};

/**
 * A full-page screenshot for people to look at, with E2E_SCREENSHOTS=1 (`npm run test:e2e:shots`).
 * Not in the default run: it asserts nothing, and encoding ~150 full pages cost CI about a minute.
 */
export const screenshot = async (page: Page, name: string): Promise<void> => {
  if (process.env.E2E_SCREENSHOTS !== '1') return;
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
};

/** The page is no wider than the window (nothing to scroll sideways on a phone). */
export const expectNoSidewaysScroll = async (page: Page, name: string): Promise<void> => {
  const width = page.viewportSize()!.width;
  const m = (await page.evaluate(`(() => {
    const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > ${width} + 1);
    return { scroll: document.documentElement.scrollWidth, inner: window.innerWidth, body: document.body.scrollWidth, wide: wide.slice(0, 5).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)) };
  })()`)) as { scroll: number; inner: number; body: number; wide: string[] };
  expect(m, `${name}: ${JSON.stringify(m)}`).to.deep.include({ scroll: width, inner: width });
};

/** A file "dropped" on an element, as a person dragging it from the file manager would. */
export const dropFile = async (page: Page, selector: string, file: { name: string; mimeType: string; bytes: Buffer }): Promise<void> => {
  const dataTransfer = await page.evaluateHandle(`(() => {
    const bytes = Uint8Array.from(atob(${JSON.stringify(file.bytes.toString('base64'))}), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], ${JSON.stringify(file.name)}, { type: ${JSON.stringify(file.mimeType)} }));
    return dt;
  })()`);
  await page.dispatchEvent(selector, 'dragover', { dataTransfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
};

/**
 * The browser side of an e2e suite. Call it in a `describe`: after each test it saves a picture
 * of every open page when the test failed (`<prefix>-failed-<n>.png`), closes the test's
 * contexts and fails on any script error or CSP violation seen; after the suite it closes the
 * browser. `open` gives a fresh context (its own cookies) and page, launching the browser once.
 */
export const browserSession = (prefix: string) => {
  let browser: Browser | undefined;
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      let n = 0;
      for (const c of contexts) for (const p of c.pages()) await screenshot(p, `${prefix}-failed-${++n}`).catch(() => undefined);
    }
    for (const c of contexts.splice(0)) await c.close();
    expect(problems.splice(0), 'script errors or CSP violations in the page').to.deep.equal([]);
  });
  after(async () => {
    await browser?.close();
  });
  return {
    async open(options: typeof DESKTOP | typeof PHONE): Promise<{ context: BrowserContext; page: Page }> {
      browser ??= await launch();
      const opened = await newContext(browser, options, problems);
      contexts.push(opened.context);
      return opened;
    },
  };
};
