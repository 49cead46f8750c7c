// Shared machinery for the end-to-end tests: a static server for dist/, headless Chromium through
// playwright-core, and helpers that read the screen through the test contract (README, "Testing
// contract"): pods are [data-testid="pod"] with data-phase, data-ready, data-revision, data-rs.
//
// Nothing here sleeps as an assertion: `eventually` polls what is on screen until it holds or a
// deadline passes, since the app plays in simulated time.

import { before, after } from 'node:test';
import { createServer } from 'node:http';
import { readFile, mkdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = process.env.DIST_DIR ?? path.join(ROOT, 'dist');
export const SCREENSHOTS = path.join(ROOT, 'tests', 'e2e', 'screenshots');

// The flags every headless run needs on these machines: root needs --no-sandbox, and without the
// background-networking flags Chromium keeps trying to reach Google's hosts.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves `dir` on 127.0.0.1 at a free port. Returns { url, close }. */
export async function serveDist(dir = DIST) {
  await stat(path.join(dir, 'index.html')).catch(() => {
    throw new Error(`${dir}/index.html is missing: run \`trunk build --release --offline\` first`);
  });
  const server = createServer(async (req, res) => {
    try {
      const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = path.normalize(path.join(dir, urlPath));
      if (!file.startsWith(dir)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if (urlPath.endsWith('/')) file = path.join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch (e) {
      res.writeHead(e.code === 'ENOENT' || e.code === 'EISDIR' ? 404 : 500);
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * Headless Chromium from the system (never a downloaded one). Playwright starts it with a fresh
 * temporary profile (user-data-dir) that it deletes on close; every test then opens its own
 * browser context, so no storage leaks from one test into the next.
 */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/**
 * The server and browser of one test file: started before its first test, closed after its last.
 * The object is filled in by `before`, so tests use it as it is (`withApp(suite, ...)`).
 */
export function useSuite() {
  const suite = {};
  before(async () => {
    Object.assign(suite, await startSuite());
  });
  after(async () => {
    await suite.close?.();
  });
  return suite;
}

/** Starts the server and the browser (the benchmark uses this directly). */
export async function startSuite() {
  const server = await serveDist();
  const browser = await launchBrowser();
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Opens the app in a new context. Every console error, uncaught exception, Content-Security-Policy
 * violation and request to another origin (the page must run offline) is recorded;
 * `session.assertClean()` fails on any of them.
 */
export async function openApp(suite, { speed = 50, query = '', viewport, context, url: fullUrl } = {}) {
  const ctx = context ?? (await suite.browser.newContext({ viewport: viewport ?? { width: 1280, height: 800 } }));
  const page = await ctx.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('dialog', (dialog) => dialog.accept());
  // The page's Content-Security-Policy must never have to refuse anything it does.
  await page.exposeFunction('__reportViolation', (what) => problems.push(`CSP violation: ${what}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__reportViolation(`${e.violatedDirective} refused ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  const origin = new URL(suite.server.url).origin;
  await ctx.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) {
      return route.continue();
    }
    problems.push(`request to another origin: ${url}`);
    return route.abort();
  });
  const params = new URLSearchParams(query);
  if (speed !== undefined && speed !== null) params.set('speed', String(speed));
  const qs = params.toString();
  const url = fullUrl ?? suite.server.url + (qs ? `?${qs}` : '');
  await page.goto(url, { waitUntil: 'load' });
  return {
    page,
    context: ctx,
    url,
    problems,
    assertClean() {
      if (problems.length > 0) {
        throw new Error(`the page reported problems:\n  ${problems.join('\n  ')}`);
      }
    },
    async close() {
      await ctx.close();
    },
  };
}

/** Every pod on screen, read in one go inside the page (one consistent frame). */
export async function readPods(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="pod"]')].map((e) => ({
      phase: e.getAttribute('data-phase'),
      ready: e.getAttribute('data-ready') === 'true',
      revision: e.getAttribute('data-revision'),
      rs: e.getAttribute('data-rs'),
      visible: e.getClientRects().length > 0,
    })),
  );
}

/** Pods that count as replicas: not Terminating, not finished. */
export const live = (pods) =>
  pods.filter((p) => !['Terminating', 'Succeeded', 'Failed'].includes(p.phase));

/** A short description of the pods on screen, for failure messages. */
export function describePods(pods) {
  const groups = new Map();
  for (const p of pods) {
    const key = `rev=${p.revision} rs=${p.rs} ${p.phase}${p.ready ? '/ready' : ''}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return `${pods.length} pods: ` + ([...groups].map(([k, n]) => `${n}x ${k}`).join(', ') || 'none');
}

/**
 * Polls `read()` until `check(value)` is true; returns the value. On timeout, throws with
 * `what` and the last value seen (described by `describe`).
 */
export async function eventually(read, check, { timeout = 20_000, interval = 50, what = 'condition', describe = JSON.stringify } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await read();
      lastError = undefined;
      if (await check(last)) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const seen = lastError ? `error: ${lastError.message}` : describe(last);
      throw new Error(`timed out after ${timeout} ms waiting for ${what}; last seen: ${seen}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Waits until exactly `n` live pods are on screen, all Ready, all in one revision; returns them. */
export async function settled(page, n, { timeout = 20_000, revision, rs } = {}) {
  return eventually(
    () => readPods(page),
    (pods) => {
      const l = live(pods);
      return (
        pods.length === n &&
        l.length === n &&
        l.every((p) => p.ready && p.phase === 'Running') &&
        new Set(l.map((p) => p.revision)).size === 1 &&
        (revision === undefined || l[0]?.revision === String(revision)) &&
        (rs === undefined || l[0]?.rs === rs)
      );
    },
    {
      timeout,
      what: `${n} Ready pods${revision !== undefined ? ` at revision ${revision}` : ''}${rs ? ` of ${rs}` : ''} and nothing else`,
      describe: describePods,
    },
  );
}

export function consoleInput(page) {
  return page.getByRole('textbox', { name: /kubectl command/i });
}

export function consoleOutput(page) {
  return page.getByTestId('console-output');
}

/**
 * Opens one of the tabs below the story area (Console, YAML, kubectl get, Conditions & events,
 * History, Scenario) by clicking it, as a person would.
 */
export async function openTab(page, name) {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  await eventually(() => tab.getAttribute('aria-selected'), (s) => s === 'true', { what: `the ${name} tab to open` });
}

/**
 * Types a command into the kubectl console and presses Enter, as a person would (opening the
 * Console tab first when another tab is open).
 */
export async function kubectl(page, line) {
  const input = consoleInput(page);
  if (!(await input.isVisible())) await openTab(page, 'Console');
  await input.click();
  await input.fill(line);
  await input.press('Enter');
}

/**
 * Runs a command and waits until what the console shows for it (the text after what it showed
 * before, or all of it when the console starts afresh) matches `expected` (string or RegExp).
 */
export async function kubectlExpect(page, line, expected, { timeout = 10_000 } = {}) {
  const out = consoleOutput(page);
  const before = (await out.count()) > 0 ? await out.innerText() : '';
  await kubectl(page, line);
  const fresh = (text) => (text.startsWith(before) ? text.slice(before.length) : text);
  const matches = (text) => {
    if (text === before) return false;
    const t = fresh(text);
    return typeof expected === 'string' ? t.includes(expected) : expected.test(t);
  };
  const text = await eventually(() => out.innerText(), matches, {
    timeout,
    what: `the console to answer \`${line}\` with ${expected}`,
    describe: (t) => JSON.stringify(t === undefined ? t : fresh(t).slice(-400)),
  });
  return fresh(text);
}

/**
 * Records, on every DOM change, the largest number of distinct revisions among the visible pods
 * at one moment, so that a short overlap during a rollout cannot slip between two polls.
 */
export async function recordRevisionOverlap(page) {
  await page.evaluate(() => {
    const rec = { maxDistinct: 0, revisions: [] };
    window.__deploysimOverlap = rec;
    const look = () => {
      const revs = new Set(
        [...document.querySelectorAll('[data-testid="pod"]')]
          .filter((e) => e.getClientRects().length > 0)
          .map((e) => e.getAttribute('data-revision')),
      );
      if (revs.size > rec.maxDistinct) {
        rec.maxDistinct = revs.size;
        rec.revisions = [...revs].sort();
      }
    };
    new MutationObserver(look).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-revision', 'data-phase', 'data-ready', 'data-rs'],
    });
    look();
  });
  return {
    read: () => page.evaluate(() => ({ ...window.__deploysimOverlap })),
  };
}

/** Saves a screenshot under tests/e2e/screenshots/. */
export async function screenshot(page, name, options = {}) {
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, ...options });
  return file;
}

/** Whether the document scrolls sideways (content wider than the viewport). */
export async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const el = document.scrollingElement ?? document.documentElement;
    return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, overflow: el.scrollWidth > el.clientWidth };
  });
}

/**
 * Opens the app, runs `body(session)`, saves a screenshot named `name` (also when the body
 * fails, which helps), then fails on any console error, uncaught exception or outside request.
 */
export async function withApp(suite, name, options, body) {
  const session = await openApp(suite, options);
  let failure;
  try {
    await body(session);
  } catch (e) {
    failure = e;
  }
  await screenshot(session.page, failure ? `${name}-FAILED` : name).catch(() => {});
  try {
    if (!failure) session.assertClean();
  } finally {
    await session.close();
  }
  if (failure) {
    if (session.problems.length) failure.message += `\nthe page also reported:\n  ${session.problems.join('\n  ')}`;
    throw failure;
  }
}

/**
 * Answers the question a returning visitor is asked after a reload ("Resume where you left
 * off ...?"), as a person would: clicks "Resume" or "Start fresh". Returns the question's text.
 */
export async function answerResume(page, answer = 'Resume') {
  const dialog = page.getByRole('dialog', { name: 'Welcome back' });
  await dialog.waitFor();
  const text = await dialog.innerText();
  await dialog.getByRole('button', { name: answer, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  return text;
}
