// The reader: what prints get, describe and rollout status/history is a second module (a Web
// Worker, deploysim-reader), not part of the first load. The page does not fetch it until the
// console's command line takes the focus or a command that reads needs printing; once loaded it
// keeps answering offline, following the changes made since; and a reader that cannot be
// loaded is said so in the console.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite, withApp, openApp, openTab, settled, eventually, kubectl, kubectlExpect, consoleOutput, screenshot } from './helpers.mjs';

const T = { timeout: 90_000 };
const suite = useSuite();

/** A browser context whose requests (by path) are recorded in `requests`. */
async function recordingContext() {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const requests = [];
  context.on('request', (r) => requests.push(new URL(r.url()).pathname));
  return { context, requests };
}

const readerFiles = (requests) => requests.filter((p) => p.includes('deploysim-reader'));

test('the first load does not fetch the reader; the console taking the focus does, once, and reads print', T, async () => {
  const { context, requests } = await recordingContext();
  await withApp(suite, 'reader-first-read', { context }, async ({ page }) => {
    await settled(page, 4);
    assert.ok(requests.some((p) => p.endsWith('.wasm')), 'the page module loaded');
    assert.deepEqual(readerFiles(requests), [], 'the first load fetches nothing of the reader');
    await openTab(page, 'YAML');
    await openTab(page, 'Console');
    assert.deepEqual(readerFiles(requests), [], 'opening the console fetches nothing either');
    await kubectlExpect(page, 'kubectl scale deployment/web --replicas=3', 'scaled');
    // The worker fetches its module after its glue, on its own time: wait for the three.
    const fetched = () => readerFiles(requests).map((p) => p.replace(/^.*\//, '')).sort().join(' ');
    await eventually(fetched, (names) => names === 'deploysim-reader-loader.js deploysim-reader.js deploysim-reader_bg.wasm', {
      what: 'the command line taking the focus to fetch the loader, the glue and the module',
    });
    await kubectlExpect(page, 'kubectl get pods', /NAME\s+READY\s+STATUS/);
    assert.equal(readerFiles(requests).length, 3, 'each once');
    assert.equal(await consoleOutput(page).locator('.waiting').count(), 0, 'nothing is left waiting');
    await kubectlExpect(page, 'kubectl get deploy web', /web\s+3\/3/);
  });
});

test('once loaded, the reader answers offline, and follows changes and seeks', T, async () => {
  const { context, requests } = await recordingContext();
  await withApp(suite, 'reader-offline', { context }, async ({ page }) => {
    await settled(page, 4);
    await kubectlExpect(page, 'kubectl version', 'Client Version');
    await context.setOffline(true);
    const before = requests.length;
    await kubectlExpect(page, 'kubectl scale deployment/web --replicas=2', 'scaled');
    await settled(page, 2);
    await kubectlExpect(page, 'kubectl get deploy web', /web\s+2\/2\s+2\s+2/);
    await kubectlExpect(page, 'kubectl describe deployment web', /Replicas:\s+2 desired/);
    await kubectlExpect(page, 'kubectl rollout status deployment/web', 'successfully rolled out');
    // Back to t=0, before the scale: the answer is the cluster as it was then.
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const scrubber = page.getByRole('slider', { name: /Timeline/ });
    await scrubber.focus();
    await page.keyboard.press('Home');
    await eventually(() => page.locator('.timeline output').innerText(), (t) => t === 't = 0s', { what: 'the clock at 0 s' });
    await kubectlExpect(page, 'kubectl get deploy web', /web\s+0\/4/);
    assert.deepEqual(readerFiles(requests.slice(before)), [], 'nothing of the reader fetched again');
    await screenshot(page, 'reader-offline-answers');
    await context.setOffline(false);
  });
});

test("a scenario's own reads are printed by the reader, in their place in the console", T, async () => {
  await withApp(suite, 'reader-scenario-reads', {}, async ({ page }) => {
    await page.locator('.topbar summary', { hasText: 'Examples' }).click();
    await page.getByRole('button', { name: 'Scaling during a rollout', exact: true }).click();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    const out = consoleOutput(page);
    const text = await eventually(() => out.innerText(), (t) => (t.match(/DESIRED\s+CURRENT\s+READY/g) ?? []).length === 2, {
      what: 'both `kubectl get rs` of the scenario printed',
      timeout: 30_000,
    });
    const order = ['kubectl set image', 'kubectl get rs', 'kubectl scale', 'kubectl get rs'];
    let at = 0;
    for (const command of order) {
      const next = text.indexOf(command, at);
      assert.ok(next >= 0, `${command} after position ${at}:\n${text}`);
      at = next + command.length;
    }
    assert.equal(await out.locator('.waiting').count(), 0, 'nothing is left waiting');
  });
});

test('a reader that cannot be loaded is said so in the console, never a blank', T, async () => {
  const session = await openApp(suite, {});
  const { page, context } = session;
  try {
    await context.route('**/deploysim-reader_bg.wasm', (route) => route.fulfill({ status: 404, body: '' }));
    await settled(page, 4);
    await kubectl(page, 'kubectl get pods');
    const entry = consoleOutput(page).locator('.entry').last();
    await eventually(() => entry.innerText(), (t) => /could not be loaded; reload the page/.test(t), {
      what: 'the failure said in the console',
    });
    assert.equal(await entry.locator('pre.err').count(), 1, 'shown as an error');
    await kubectlExpect(page, 'kubectl scale deployment/web --replicas=2', 'scaled');
    await screenshot(page, 'reader-failed');
    const other = session.problems.filter((p) => !/deploysim-reader|WebAssembly|wasm/i.test(p));
    assert.deepEqual(other, [], 'no other problem');
  } finally {
    await session.close();
  }
});
