// The page's shape: the story area (the pods, the narration, the Why with its latest decision,
// the chart and the controls) in the first screen at 1280x800 during a rolling update, without
// scrolling; the rest behind tabs that work with the keyboard and stay open across a reload;
// nothing cut off at 360 px, whichever tab is open.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useSuite,
  withApp,
  settled,
  readPods,
  eventually,
  describePods,
  horizontalOverflow,
  screenshot,
  answerResume,
} from './helpers.mjs';

const T = { timeout: 90_000 };
const suite = useSuite();

const TABS = ['Console', 'YAML', 'kubectl get', 'Conditions & events', 'History'];

/** The box of `selector` (the first match) relative to the viewport, or null. */
function box(page, selector) {
  return page.evaluate((s) => {
    const e = document.querySelector(s);
    if (!e || e.getClientRects().length === 0) return null;
    const r = e.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
  }, selector);
}

function assertInside(what, b, { width, height }) {
  assert.ok(b, `${what} is not on screen`);
  assert.ok(
    b.top >= 0 && b.left >= 0 && b.bottom <= height + 0.5 && b.right <= width + 0.5,
    `${what} is not entirely inside the first ${width}x${height} screen: ${JSON.stringify(b)}`,
  );
}

test('1280x800 during a rolling update: pods, narration, Why with its latest decision, chart and controls in the first screen', T, async () => {
  const viewport = { width: 1280, height: 800 };
  await withApp(suite, 'layout-1280x800-rollout', { speed: 2, viewport }, async ({ page }) => {
    const before = await settled(page, 4, { timeout: 30_000 });
    // Start the rollout with the Image control, which is itself in the first screen.
    const image = page.getByLabel(/^Image\b/);
    assertInside('the Image control', await image.boundingBox().then((b) => b && { top: b.y, left: b.x, bottom: b.y + b.height, right: b.x + b.width }), viewport);
    await image.selectOption('nginx:1.26');
    await eventually(
      () => readPods(page),
      (pods) => pods.some((p) => p.ready && p.rs !== before[0].rs) && pods.some((p) => p.rs === before[0].rs),
      { timeout: 30_000, what: 'a Ready new pod while old ones remain', describe: describePods },
    );
    await page.evaluate(() => document.activeElement?.blur());
    assert.equal(await page.evaluate(() => window.scrollY), 0, 'nothing scrolled the page');
    // Every pod, the pods' box, the Why, the chart and the replica and image controls.
    const pods = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="pod"]')].map((e) => {
        const r = e.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
      }),
    );
    assert.ok(pods.length >= 4);
    pods.forEach((b, i) => assertInside(`pod ${i}`, b, viewport));
    assertInside('the pods', await box(page, '#pods'), viewport);
    assertInside('the chart', await box(page, '#chart'), viewport);
    assertInside('the Why panel', await box(page, '#why'), viewport);
    assertInside('the Replicas control', await box(page, 'input[aria-label="Replicas"]'), viewport);
    // The narration, once the page has one.
    if ((await page.locator('[data-testid="narration"]').count()) > 0) {
      assertInside('the narration', await box(page, '[data-testid="narration"]'), viewport);
    }
    // The Why shows a decision of the latest tick decided on, inside its own box.
    const latest = await page.evaluate(() => {
      const why = document.querySelector('#why');
      const items = [...why.querySelectorAll('li')];
      const time = (li) => Number((li.textContent.match(/t=(\d+)s/) ?? [])[1] ?? -1);
      const max = Math.max(...items.map(time));
      const list = why.querySelector('.scroll')?.getBoundingClientRect() ?? why.getBoundingClientRect();
      const shown = items
        .filter((li) => time(li) === max)
        .map((li) => li.getBoundingClientRect())
        .some((r) => r.top >= list.top - 0.5 && r.bottom <= list.bottom + 0.5);
      return { count: items.length, max, shown };
    });
    assert.ok(latest.count >= 2, `the Why lists the rollout's decisions: ${JSON.stringify(latest)}`);
    assert.ok(latest.shown, `a decision of t=${latest.max}s, the latest, is visible in the Why: ${JSON.stringify(latest)}`);
    // The tabs are in the first screen too: the console is one click away.
    assertInside('the tabs', await box(page, '[role="tablist"]'), viewport);
    await screenshot(page, 'layout-1280x800-rollout-first-screen');
  });
});

test('the tabs: a click or the arrow keys open a tab, only the open tab is a Tab stop, and it stays open after a reload', T, async () => {
  await withApp(suite, 'layout-tabs', {}, async ({ page }) => {
    await settled(page, 4);
    const tab = (name) => page.getByRole('tab', { name, exact: true });
    const names = await page.getByRole('tab').allInnerTexts();
    assert.deepEqual(names, TABS);
    const selected = () =>
      page.evaluate(() => [...document.querySelectorAll('[role="tab"][aria-selected="true"]')].map((e) => e.textContent));
    assert.deepEqual(await selected(), ['Console'], 'the console is open at first');
    // Each tab controls its panel, which is shown only while the tab is selected.
    for (const name of TABS) {
      await tab(name).click();
      assert.deepEqual(await selected(), [name]);
      const panel = page.getByRole('tabpanel');
      assert.equal(await panel.count(), 1, 'one panel is shown');
      assert.equal(await panel.getAttribute('aria-labelledby'), await tab(name).getAttribute('id'));
      assert.equal(await tab(name).getAttribute('aria-controls'), await panel.getAttribute('id'));
    }
    // The keyboard: arrows move and open, wrapping around; Home and End; one Tab stop.
    await tab('Console').click();
    await page.keyboard.press('ArrowRight');
    await eventually(() => selected(), (s) => s[0] === 'YAML', { what: 'ArrowRight to open YAML' });
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'YAML', 'the focus follows');
    await page.getByRole('textbox', { name: /Deployment YAML/i }).waitFor({ state: 'visible' });
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await eventually(() => selected(), (s) => s[0] === 'History', { what: 'ArrowLeft to wrap around to History' });
    await page.keyboard.press('Home');
    await eventually(() => selected(), (s) => s[0] === 'Console', { what: 'Home to open Console' });
    await page.keyboard.press('End');
    await eventually(() => selected(), (s) => s[0] === 'History', { what: 'End to open History' });
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'History');
    const stops = await page.evaluate(() =>
      [...document.querySelectorAll('[role="tab"]')].filter((e) => e.tabIndex === 0).map((e) => e.textContent),
    );
    assert.deepEqual(stops, ['History'], 'only the open tab is a Tab stop');
    // A reload opens the same tab.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowRight');
    await eventually(() => selected(), (s) => s[0] === 'History', { what: 'ArrowLeft, ArrowRight back to History' });
    await page.reload({ waitUntil: 'load' });
    await answerResume(page, 'Resume');
    await settled(page, 4);
    await eventually(() => selected(), (s) => s[0] === 'History', { what: 'History still open after the reload' });
    await page.getByRole('button', { name: /Roll back|current/ }).or(page.getByText('current', { exact: true })).first().waitFor({ state: 'visible' });
  });
});

test('the skip link opens the console', T, async () => {
  await withApp(suite, 'layout-skip-link', {}, async ({ page }) => {
    await settled(page, 4);
    const skip = page.getByRole('link', { name: /Skip to the kubectl console/ });
    await page.getByRole('tab', { name: 'YAML', exact: true }).click();
    await skip.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: /kubectl command/i }).waitFor({ state: 'visible' });
  });
});

test('360x740: nothing is wider than the screen or cut off, whichever tab is open', T, async () => {
  const width = 360;
  await withApp(suite, 'layout-360x740', { viewport: { width, height: 740 } }, async ({ page }) => {
    await settled(page, 4);
    for (const name of TABS) {
      await page.getByRole('tab', { name, exact: true }).click();
      await page.getByRole('tabpanel').waitFor({ state: 'visible' });
      const scroll = await horizontalOverflow(page);
      assert.ok(scroll.scrollWidth <= width, `with ${name} open the page is ${scroll.scrollWidth}px wide`);
      // Every control, heading and pod lies within the screen, unless a box of its own scrolls
      // sideways to show it (a wide table does).
      const clipped = await page.evaluate((w) => {
        const scrolls = (e) => {
          for (let a = e.parentElement; a; a = a.parentElement) {
            const x = getComputedStyle(a).overflowX;
            if (x === 'auto' || x === 'scroll') return true;
          }
          return false;
        };
        return [...document.querySelectorAll('button, input, select, textarea, h1, h2, h3, [role="tab"], [data-testid="pod"], svg, p, li')]
          .filter((e) => e.getClientRects().length > 0 && !scrolls(e))
          .map((e) => ({ e, r: e.getBoundingClientRect() }))
          .filter(({ r }) => r.left < -0.5 || r.right > w + 0.5)
          .map(({ e, r }) => `${e.tagName.toLowerCase()} "${(e.getAttribute('aria-label') ?? e.textContent).slice(0, 40)}" ${Math.round(r.left)}..${Math.round(r.right)}`);
      }, width);
      assert.deepEqual(clipped, [], `with ${name} open, cut off at ${width}px`);
      await screenshot(page, `layout-360x740-${name.toLowerCase().replace(/[^a-z]+/g, '-')}`, { fullPage: true });
    }
  });
});

test('1920x1080: the story uses the width, with everything in the first screen', T, async () => {
  const viewport = { width: 1920, height: 1080 };
  await withApp(suite, 'layout-1920x1080', { viewport }, async ({ page }) => {
    await settled(page, 4);
    for (const s of ['#pods', '#chart', '#why', '[role="tablist"]']) assertInside(s, await box(page, s), viewport);
    const story = await box(page, '.story');
    assert.ok(story.right - story.left > 1800, `the story spans the screen: ${JSON.stringify(story)}`);
  });
});
