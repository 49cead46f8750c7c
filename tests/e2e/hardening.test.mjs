// Untrusted input and a locked-down page: the Content-Security-Policy refuses what the page never
// does (an injected inline script) and nothing it does; a share link that is too long, points far
// past the end of the simulated day or carries markup, and a saved session that is corrupted or
// cannot be written, each get a clear message in the page and a working simulator.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite, withApp, readPods, live, eventually, kubectlExpect, openTab, screenshot, consoleOutput } from './helpers.mjs';

const T = { timeout: 180_000 };
const suite = useSuite();
const STORAGE_KEY = 'deploysim.session.v1';

/** A share link opening `yaml` at tick `t`. */
const link = (yaml, t) => `${suite.server.url}#s=${Buffer.from(yaml).toString('base64url')}&t=${t}`;

/** A scenario of four nginx pods, its manifest written as JSON (YAML's flow style). */
const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    replicas: 4,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } },
  },
};
const WEB = `title: Web\nduration: 120\nmanifests: '${JSON.stringify(deployment)}'\n`;

const noticeText = (page) => page.locator('.notice:not(.replaying)').first().innerText();
const clock = (page) => page.locator('.clock').innerText();

test('the page carries its own Content-Security-Policy and nothing it does is refused', T, async () => {
  await withApp(suite, 'hardening-csp', {}, async ({ page, problems }) => {
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    for (const part of ["default-src 'none'", "script-src 'self' 'wasm-unsafe-eval' 'sha256-", "connect-src 'self'"]) {
      assert.ok(policy.includes(part), `${part} in ${policy}`);
    }
    assert.ok(!policy.includes('unsafe-eval\'') || policy.includes("'wasm-unsafe-eval'"), policy);
    assert.ok(!/script-src[^;]*'unsafe-inline'/.test(policy), `no inline scripts but the hashed one: ${policy}`);
    // What the page does: play, read through the worker, share, open every tab.
    await eventually(() => readPods(page), (p) => live(p).filter((x) => x.ready).length === 4, { what: '4 Ready pods' });
    await kubectlExpect(page, 'kubectl get deploy', /web\s+4\/4/);
    await page.getByRole('button', { name: 'Share' }).click();
    for (const tab of ['YAML', 'kubectl get', 'Conditions & events', 'History', 'Console']) await openTab(page, tab);
    assert.deepEqual(problems, [], 'no violation while the page works');
    // What it never does: an inline script injected into the page does not run.
    const ran = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.append(s);
      await new Promise((r) => setTimeout(r, 100));
      return window.__injected === true;
    });
    assert.equal(ran, false, 'the injected script was refused');
    await eventually(() => Promise.resolve(problems.length), (n) => n > 0, { what: 'the refusal reported' });
    for (const p of problems) assert.match(p, /script-src|inline script/, 'only the injected script was refused');
    problems.length = 0;
  });
});

test('a share link of nearly 2 MB is refused with a message, and the default scenario plays', T, async () => {
  // Chromium takes addresses of up to 2 MB.
  const huge = `${suite.server.url}#s=${'A'.repeat(1_900_000)}&t=3`;
  await withApp(suite, 'hardening-huge-link', { url: huge }, async ({ page }) => {
    assert.match(await noticeText(page), /The shared link is too long \(1856 KiB; a link holds at most 256 KiB of scenario\); showing the default scenario\./);
    await eventually(() => readPods(page), (p) => live(p).filter((x) => x.ready).length === 4, { what: '4 Ready pods' });
  });
});

test('a link at t=999999999999 opens at the end of the day, replayed in slices with its progress shown', T, async () => {
  await withApp(suite, 'hardening-late-link', { url: link(WEB, 999999999999) }, async ({ page }) => {
    assert.match(await noticeText(page), /time t=999999999999 is past the end of the simulated day; it opens at t=86400\./);
    const banner = page.getByTestId('replaying');
    await banner.waitFor();
    assert.match(await banner.innerText(), /Replaying every second up to t=86400s: t=\d+s so far\. A step, a seek or a command stops it there\./);
    // The page keeps drawing frames while it replays: a frame at least every half second (a
    // replay at once froze it for seconds), and the progress moves on from frame to frame.
    const seen = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const values = [];
          let last = performance.now();
          let worst = 0;
          const frame = (t) => {
            worst = Math.max(worst, t - last);
            last = t;
            const banner = document.querySelector('[data-testid="replaying"]');
            if (!banner) return resolve({ values, worst });
            values.push(Number(banner.textContent.match(/t=(\d+)s so far/)[1]));
            if (values.length < 30) requestAnimationFrame(frame);
            else resolve({ values, worst });
          };
          requestAnimationFrame(frame);
        }),
    );
    assert.ok(seen.worst < 500, `the longest frame took ${seen.worst} ms`);
    assert.ok(new Set(seen.values).size > 5, `progress over frames: ${seen.values.join(' ')}`);
    await screenshot(page, 'hardening-replaying');
    await banner.waitFor({ state: 'detached', timeout: 120_000 });
    assert.equal(await clock(page), 't = 86400s');
    assert.equal(live(await readPods(page)).filter((x) => x.ready).length, 4);
  });
});

test('a step during a replay ends it at the tick it reached, and the page shows the tick after', T, async () => {
  await withApp(suite, 'hardening-step-in-replay', { url: link(WEB, 80000) }, async ({ page }) => {
    const banner = page.getByTestId('replaying');
    await banner.waitFor();
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await banner.waitFor({ state: 'detached' });
    const t = Number((await clock(page)).match(/t = (\d+)s/)[1]);
    assert.ok(t > 1 && t < 80000, `stopped at t=${t}`);
    await eventually(() => readPods(page), (p) => live(p).filter((x) => x.ready).length === 4, { what: '4 Ready pods' });
  });
});

test('markup in a shared scenario is shown as text and never runs', T, async () => {
  const title = '<img src=x onerror="window.__pwned=1"><b>Bold</b>';
  const yaml = WEB.replace('title: Web', `title: ${JSON.stringify(title)}`);
  await withApp(suite, 'hardening-markup', { url: link(yaml, 2) }, async ({ page }) => {
    await eventually(() => readPods(page), (p) => live(p).length === 4, { what: '4 pods' });
    assert.ok((await page.locator('body').innerText()).includes(title), 'the title is shown as typed');
    assert.equal(await page.locator('img[src="x"]').count(), 0, 'no element was made of it');
    // Markup typed into the console is echoed as text (and refused as the shell syntax it is).
    await kubectlExpect(page, 'kubectl get deploy <b>x</b>', "'<' (pipes, redirections and command lists) is a shell feature");
    assert.ok((await consoleOutput(page).innerText()).includes('$ kubectl get deploy <b>x</b>'));
    assert.equal(await consoleOutput(page).locator('b').count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  });
});

test('a corrupted saved session gives a message and a clean start', T, async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(([key]) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(key, '{"scenario": "manifests: |\\n  kind: [unclosed", "tick": ');
      sessionStorage.setItem('seeded', '1');
    }
  }, [STORAGE_KEY]);
  await withApp(suite, 'hardening-corrupt-storage', { context }, async ({ page }) => {
    assert.match(await noticeText(page), /The saved session could not be read; showing the default scenario\./);
    await eventually(() => readPods(page), (p) => live(p).filter((x) => x.ready).length === 4, { what: '4 Ready pods' });
  });
});

test('a saved session far past the end of the day is asked about, then opens at the end', T, async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const saved = JSON.stringify({ scenario: WEB, tick: 999999999999, speed: 1, playing: false });
  await context.addInitScript(([key, value]) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(key, value);
      sessionStorage.setItem('seeded', '1');
    }
  }, [STORAGE_KEY, saved]);
  await withApp(suite, 'hardening-late-session', { context }, async ({ page }) => {
    assert.match(await noticeText(page), /The saved session's time t=999999999999 is past the end of the simulated day; it opens at t=86400\./);
    await page.getByRole('dialog', { name: 'Welcome back' }).getByRole('button', { name: 'Resume', exact: true }).click();
    await page.getByTestId('replaying').waitFor({ state: 'detached', timeout: 120_000 });
    assert.equal(await clock(page), 't = 86400s');
  });
});

test('a browser storage that refuses to save says so once, and the simulator goes on', T, async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await withApp(suite, 'hardening-full-storage', { context }, async ({ page }) => {
    await eventually(() => noticeText(page), (s) => s.includes('This session could not be saved in the browser (its storage is full or turned off): a reload will start afresh.'), { what: 'the notice' });
    await page.locator('.notice').getByRole('button', { name: 'Dismiss' }).click();
    await kubectlExpect(page, 'kubectl scale deployment/web --replicas=2', 'deployment.apps/web scaled');
    await eventually(() => readPods(page), (p) => live(p).length === 2, { what: '2 pods' });
    assert.equal(await page.locator('.notice').count(), 0, 'said once');
  });
});
