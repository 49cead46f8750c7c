// Presenting and coming back: presenter mode at 1920x1080, the keyboard shortcuts and their help
// overlay, "Next event" and the diff a jump in time shows, the skeleton before the wasm has
// loaded, and the question a returning visitor is asked after a reload.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useSuite,
  withApp,
  settled,
  eventually,
  kubectl,
  kubectlExpect,
  consoleInput,
  consoleOutput,
  screenshot,
  answerResume,
  readPods,
  describePods,
} from './helpers.mjs';

const T = { timeout: 90_000 };
const suite = useSuite();

const clockOf = (page) => page.locator('.timeline output');
const seconds = async (page) => Number((await clockOf(page).innerText()).replace(/\D+/g, ''));
const presenterButton = (page) => page.getByRole('button', { name: 'Presenter mode' });

/** The smallest font size (px) among the visible elements matching `selector` (null: none). */
async function smallestFont(page, selector) {
  return page.evaluate((sel) => {
    const sizes = [...document.querySelectorAll(sel)]
      .filter((e) => e.getClientRects().length > 0 && e.textContent.trim() !== '')
      .map((e) => parseFloat(getComputedStyle(e).fontSize));
    return sizes.length ? Math.min(...sizes) : null;
  }, selector);
}

test('presenter mode at 1920x1080: large type, the pods first, the rest hidden, kept across a reload', T, async () => {
  await withApp(suite, 'presenter-1920-off', { viewport: { width: 1920, height: 1080 } }, async ({ page }) => {
    await settled(page, 4);
    await kubectlExpect(page, 'kubectl set image deployment/web web=nginx:1.26', 'image updated');
    await presenterButton(page).click();
    assert.equal(await presenterButton(page).getAttribute('aria-pressed'), 'true');
    await settled(page, 4, { revision: 2 });

    for (const [what, selector] of [
      ['the ReplicaSet labels', '.group-title, .group-title *'],
      ['the time controls', '.timeline button, .timeline select, .timeline output'],
      ['the narration', '[data-testid="narration"]'],
    ]) {
      const px = await smallestFont(page, selector);
      if (px !== null) assert.ok(px >= 20, `${what}: ${px}px`);
    }
    assert.ok((await smallestFont(page, '.group-title')) !== null, 'the ReplicaSets are labelled');
    const pod = await page.getByTestId('pod').first().boundingBox();
    assert.ok(pod.width >= 34 && pod.y + pod.height <= 1080, `a pod: ${JSON.stringify(pod)}`);
    for (const [what, locator] of [
      ['the console', consoleInput(page)],
      ['the tabs', page.getByRole('tablist')],
      ['the chart', page.locator('.story-chart')],
      ['the Replicas control', page.getByLabel('Replicas', { exact: true })],
    ]) {
      assert.equal(await locator.isVisible(), false, `${what} is hidden`);
    }
    await screenshot(page, 'presenter-1920');

    await page.reload({ waitUntil: 'load' });
    await answerResume(page, 'Resume');
    assert.equal(await presenterButton(page).getAttribute('aria-pressed'), 'true', 'kept across a reload');
    await page.keyboard.press('p');
    assert.equal(await presenterButton(page).getAttribute('aria-pressed'), 'false', 'P turns it off');
    await consoleInput(page).waitFor({ state: 'visible' });
  });
});

test('keyboard shortcuts: Space and K play and pause, . steps, N jumps, + and - change the speed, keys typed in a field are text', T, async () => {
  await withApp(suite, 'shortcuts-end', { speed: 5 }, async ({ page }) => {
    await settled(page, 4, { timeout: 30_000 });
    await page.keyboard.press(' ');
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
    const paused = await seconds(page);
    await page.keyboard.press('.');
    await eventually(() => seconds(page), (t) => t === paused + 1, { what: '. to step one second' });

    // Typed into the console, the same keys are text.
    await kubectl(page, 'kubectl scale deployment/web --replicas=6');
    await consoleInput(page).press('k');
    assert.equal(await consoleInput(page).inputValue(), 'k');
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
    await consoleInput(page).fill('');
    await page.locator('h1').click();

    const before = await seconds(page);
    await page.keyboard.press('n');
    const diff = page.getByTestId('diff');
    const text = await eventually(() => diff.innerText(), (t) => t.startsWith(`From t=${before}s to t=`), {
      what: 'N to jump and say what changed',
    });
    assert.ok((await seconds(page)) > before, text);

    const speed = page.getByLabel('Speed', { exact: true });
    await page.keyboard.press('+');
    await eventually(() => speed.inputValue(), (v) => v === '10', { what: '+ to play faster' });
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    await eventually(() => speed.inputValue(), (v) => v === '2', { what: '- to play slower' });

    await page.keyboard.press('k');
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    await settled(page, 6, { timeout: 30_000 });
  });
});

test('the help overlay: ? opens it with focus inside, it lists every shortcut, Escape closes it and focus returns', T, async () => {
  await withApp(suite, 'help-overlay-closed', {}, async ({ page }) => {
    await settled(page, 4);
    const step = page.getByRole('button', { name: 'Step', exact: true });
    await step.focus();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute('aria-modal'), 'true');
    assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), 'focus is in the dialog');
    const listed = await dialog.innerText();
    for (const key of ['Space', 'K', '.', 'N', '+', '-', 'P', '?', 'Esc']) assert.ok(listed.includes(key), `${key}: ${listed}`);
    await screenshot(page, 'help-overlay');
    // Keys do nothing behind it.
    const presenter = await presenterButton(page).getAttribute('aria-pressed');
    await page.keyboard.press('p');
    assert.equal(await presenterButton(page).getAttribute('aria-pressed'), presenter);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.ok(await step.evaluate((e) => e === document.activeElement), 'focus is back on Step');

    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});

test('after a scrub back, Next event moves through the recorded history, and each jump says what changed', T, async () => {
  await withApp(suite, 'next-event-dismissed', {}, async ({ page }) => {
    await settled(page, 4);
    await kubectlExpect(page, 'kubectl set image deployment/web web=nginx:1.26', 'image updated');
    await settled(page, 4, { revision: 2 });
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const scrubber = page.getByRole('slider', { name: /Timeline/ });
    const horizon = Number(await scrubber.getAttribute('max'));

    await scrubber.focus();
    await page.keyboard.press('Home');
    const diff = page.getByTestId('diff');
    const back = await eventually(() => diff.innerText(), (t) => t.startsWith(`From t=${horizon}s to t=0s:`), {
      what: 'the diff of the scrub back',
    });
    assert.match(back, /image nginx:1\.26 → nginx:1\.25/);
    assert.equal(await diff.getAttribute('role'), 'status');

    const next = page.getByRole('button', { name: 'Next event', exact: true });
    await next.click();
    await eventually(() => seconds(page), (t) => t > 0, { what: 'Next event to move on' });
    const reached = await seconds(page);
    assert.ok(reached < horizon, `it stopped at the first second that did something (${reached})`);
    assert.equal(Number(await scrubber.getAttribute('max')), horizon, 'nothing forked');
    assert.match(await diff.innerText(), new RegExp(`^From t=0s to t=${reached}s: `));
    await screenshot(page, 'next-event-diff');
    for (let i = 0; i < 3; i++) {
      const t = await seconds(page);
      await next.click();
      await eventually(() => seconds(page), (now) => now > t, { what: `Next event to move on from ${t} s` });
    }
    assert.equal(Number(await scrubber.getAttribute('max')), horizon, 'still nothing forked');

    await page.getByRole('button', { name: 'Dismiss the changes' }).click();
    await diff.waitFor({ state: 'detached' });
    const pods = await readPods(page);
    assert.ok(pods.length > 0, describePods(pods));
  });
});

test('before the wasm has loaded, a skeleton and a loading message; then the app replaces them', T, async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  await page.route(/\.wasm$/, async (route) => {
    await gate;
    await route.continue();
  });
  try {
    await page.goto(`${suite.server.url}?speed=50`, { waitUntil: 'domcontentloaded' });
    const message = page.getByRole('status').filter({ hasText: 'Loading the simulator' });
    await message.waitFor();
    const boxes = await page.locator('.skeleton .sk').evaluateAll((els) =>
      els.filter((e) => e.getBoundingClientRect().height > 20).length,
    );
    assert.ok(boxes >= 4, `${boxes} grey boxes`);
    await screenshot(page, 'skeleton');
    release();
    await settled(page, 4);
    assert.equal(await page.locator('.skeleton').isVisible(), false, 'the skeleton is gone');
    assert.equal(await message.isVisible(), false, 'the message is gone');
    assert.deepEqual(problems, []);
  } finally {
    release();
    await context.close();
  }
});

test('a returning visitor is asked: Resume keeps the session', T, async () => {
  await withApp(suite, 'resume-yes', {}, async ({ page }) => {
    await settled(page, 4);
    await kubectlExpect(page, 'kubectl scale deployment/web --replicas=3', 'scaled');
    await settled(page, 3);
    await page.reload({ waitUntil: 'load' });
    const dialog = page.getByRole('dialog', { name: 'Welcome back' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Resume where you left off \(t=\d+s, Deployment web\)\?/);
    assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), 'focus is in the question');
    await screenshot(page, 'resume-question');
    await answerResume(page, 'Resume');
    await settled(page, 3);
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
  });
});

test('a returning visitor is asked: Start fresh (with the keyboard) opens the default scenario', T, async () => {
  await withApp(suite, 'resume-fresh', {}, async ({ page }) => {
    await settled(page, 4);
    await kubectlExpect(page, 'kubectl set image deployment/web web=nginx:1.26', 'image updated');
    await settled(page, 4, { revision: 2 });
    await page.reload({ waitUntil: 'load' });
    const dialog = page.getByRole('dialog', { name: 'Welcome back' });
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Start fresh');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await settled(page, 4, { revision: 1 });
    assert.ok(!(await consoleOutput(page).innerText()).includes('nginx:1.26'), 'the console starts afresh');
    // The fresh session is what a reload now asks about.
    await page.reload({ waitUntil: 'load' });
    await answerResume(page, 'Resume');
    await settled(page, 4, { revision: 1 });
  });
});
