// The page explains its Kubernetes words: a term shows its explanation on hover and on keyboard
// focus (a tooltip that describes it), Escape hides it, every tooltip stays inside the viewport at
// 360 px and at 1280 px, and the Glossary dialog lists every term, closes with Escape and gives
// focus back. axe-core finds nothing serious with a tooltip shown or the glossary open.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { useSuite, withApp, settled, eventually, screenshot } from './helpers.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const T = { timeout: 90_000 };
const suite = useSuite();

/** The term word showing `text` (exactly), first of them. */
const term = (page, text) => page.locator('.term-word', { hasText: new RegExp(`^${text}$`) }).first();

/** The tooltip that describes a term word (through aria-describedby). */
async function tipOf(word) {
  const id = await word.getAttribute('aria-describedby');
  assert.ok(id, 'the term is described by a tooltip');
  return word.page().locator(`[id="${id}"]`);
}

async function axe(page, label) {
  // Evaluated by the test driver, which the page's Content-Security-Policy does not govern
  // (it refuses injected inline scripts, as it should).
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }),
  );
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const lines = bad.map((v) => `[${v.impact}] ${v.id}: ${v.help} (e.g. ${v.nodes[0]?.target?.join(' ')})`);
  assert.equal(bad.length, 0, `serious/critical accessibility violations on ${label}:\n  ${lines.join('\n  ')}`);
}

test('hovering a term shows its explanation; Escape hides it', T, async () => {
  await withApp(suite, 'glossary-hover', {}, async ({ page }) => {
    await settled(page, 4);
    const word = term(page, 'maxSurge');
    const tip = await tipOf(word);
    assert.equal(await tip.getAttribute('role'), 'tooltip');
    assert.equal(await tip.isVisible(), false, 'hidden until asked for');
    await word.hover();
    await eventually(() => tip.isVisible(), (v) => v, { what: 'the maxSurge tooltip on hover' });
    assert.match(await tip.innerText(), /pods above replicas.*rounded up/);
    await screenshot(page, 'glossary-hover-maxsurge');
    // The pointer can move onto the tooltip without losing it (WCAG 1.4.13, hoverable).
    const wordBox = await word.boundingBox();
    const tipBox = await tip.boundingBox();
    await page.mouse.move(wordBox.x + 4, tipBox.y + 1, { steps: 4 });
    await page.mouse.move(tipBox.x + tipBox.width / 2, tipBox.y + tipBox.height / 2, { steps: 4 });
    assert.equal(await tip.isVisible(), true, 'the tooltip stays while the pointer is on it');
    await page.keyboard.press('Escape');
    await eventually(() => tip.isVisible(), (v) => !v, { what: 'Escape to hide the tooltip' });
    // The next hover shows tooltips again.
    const floor = term(page, 'availability floor');
    await floor.hover();
    const floorTip = await tipOf(floor);
    await eventually(() => floorTip.isVisible(), (v) => v, { what: 'the next hover to show a tooltip' });
    assert.match(await floorTip.innerText(), /^replicas − maxUnavailable/);
  });
});

test('Tab to a term shows its explanation; Escape hides it', T, async () => {
  await withApp(suite, 'glossary-focus', {}, async ({ page }) => {
    await settled(page, 4);
    // The explanation is no part of the label it sits in: the controls keep their names.
    assert.equal(await page.getByLabel('Image of container web', { exact: true }).count(), 1);
    assert.equal(await page.getByLabel('maxSurge', { exact: true }).count(), 1);
    // The Replicas label comes just before the stepper: one Shift+Tab back from it.
    await page.getByRole('button', { name: 'One replica fewer' }).focus();
    await page.keyboard.press('Shift+Tab');
    const word = term(page, 'Replicas');
    await eventually(() => word.evaluate((e) => e === document.activeElement), (v) => v, { what: 'focus on the Replicas term' });
    const tip = await tipOf(word);
    await eventually(() => tip.isVisible(), (v) => v, { what: 'the Replicas tooltip on focus' });
    assert.match(await tip.innerText(), /How many pods the Deployment wants/);
    await screenshot(page, 'glossary-focus-replicas');
    await page.keyboard.press('Escape');
    await eventually(() => tip.isVisible(), (v) => !v, { what: 'Escape to hide the focused tooltip' });
    // A control can be the term: the pause button is described by its tooltip.
    const pause = page.getByRole('button', { name: 'Pause rollout' });
    const pauseTip = await tipOf(pause);
    await pause.focus();
    await eventually(() => pauseTip.isVisible(), (v) => v, { what: 'the pause tooltip on focus' });
    assert.match(await pauseTip.innerText(), /paused Deployment/);
    await axe(page, 'a tooltip shown');
  });
});

for (const [width, height] of [
  [360, 740],
  [1280, 800],
]) {
  test(`every tooltip stays inside the viewport at ${width}x${height}, in every tab`, T, async () => {
    await withApp(suite, `glossary-tips-${width}`, { viewport: { width, height } }, async ({ page }) => {
      await settled(page, 4);
      const seen = new Set();
      let widest = { right: 0 };
      // The story area first, then each tab's panel (a hidden panel's terms cannot take focus).
      const tabs = page.getByRole('tab');
      for (let t = -1; t < (await tabs.count()); t++) {
        // Opened from the keyboard, as a keyboard user would (focus then shows the tooltip).
        if (t >= 0) {
          await tabs.nth(t).focus();
          await page.keyboard.press('Enter');
        }
        const words = page.locator('.term-word:visible, .term > button:visible');
        const n = await words.count();
        for (let i = 0; i < n; i++) {
          const word = words.nth(i);
          const id = await word.getAttribute('aria-describedby');
          if (seen.has(id)) continue;
          seen.add(id);
          const tip = await tipOf(word);
          await word.focus();
          const box = await eventually(
            () => tip.evaluate((e) => {
              const r = e.getBoundingClientRect();
              return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, shown: r.width > 0, text: e.textContent };
            }),
            (b) => b.shown,
            { what: `tooltip ${id} shown on focus` },
          );
          assert.ok(
            box.left >= 0 && box.right <= width && box.top >= 0 && box.bottom <= height,
            `tooltip ${id} (${box.text.slice(0, 40)}...) lies outside the ${width}x${height} viewport: ${JSON.stringify(box)}`,
          );
          if (box.right > widest.right) widest = { right: box.right, tab: t, i };
        }
      }
      assert.ok(seen.size >= 30, `at least 30 terms on the page, found ${seen.size}`);
      // A screenshot of the tooltip furthest right (the right edge is where one could be clipped).
      if (widest.tab >= 0) {
        await tabs.nth(widest.tab).focus();
        await page.keyboard.press('Enter');
      }
      await page.locator('.term-word:visible, .term > button:visible').nth(widest.i).focus();
      await screenshot(page, `glossary-tip-right-edge-${width}`);
    });
  });
}

test('the glossary lists every term, closes with Escape and gives focus back', T, async () => {
  await withApp(suite, 'glossary-dialog', { viewport: { width: 360, height: 740 } }, async ({ page }) => {
    await settled(page, 4);
    const open = page.getByRole('button', { name: 'Glossary' });
    await open.click();
    const dialog = page.getByRole('dialog', { name: 'Glossary' });
    await eventually(() => dialog.isVisible(), (v) => v, { what: 'the glossary dialog' });
    const entries = dialog.getByTestId('glossary-entry');
    const names = await entries.locator('dt').allInnerTexts();
    for (const want of ['Deployment', 'ReplicaSet', 'pod', 'revision', 'maxSurge', 'maxUnavailable', 'surge ceiling',
      'availability floor', 'Ready', 'Available', 'condition', 'node', 'image', 'replicas', 'RollingUpdate', 'Recreate',
      'rollout', 'rollback (undo)', 'minReadySeconds', 'progressDeadlineSeconds', 'Progressing', 'Terminating', 'Pending',
      'CrashLoopBackOff', 'ImagePullBackOff', 'namespace', 'label / selector', 'kubectl', 'event']) {
      assert.ok(names.includes(want), `the glossary lists ${want}: ${names.join(', ')}`);
    }
    assert.equal(new Set(names).size, names.length, 'each term once');
    // Each entry has an id a link can point at.
    const ids = await entries.evaluateAll((es) => es.map((e) => e.id));
    assert.ok(ids.every((id) => /^glossary-[a-z-]+$/.test(id)), `entry ids: ${ids.join(' ')}`);
    await screenshot(page, 'glossary-dialog-360');
    await axe(page, 'the glossary open');
    await page.keyboard.press('Escape');
    await eventually(() => dialog.isVisible(), (v) => !v, { what: 'Escape to close the glossary' });
    await eventually(() => open.evaluate((e) => e === document.activeElement), (v) => v, { what: 'focus back on the Glossary button' });
    // The Close button closes it too.
    await open.click();
    await eventually(() => dialog.isVisible(), (v) => v, { what: 'the glossary again' });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await eventually(() => dialog.isVisible(), (v) => !v, { what: 'Close to close the glossary' });
    await eventually(() => open.evaluate((e) => e === document.activeElement), (v) => v, { what: 'focus back after Close' });
  });
});
