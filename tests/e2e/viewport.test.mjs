// The layout at a phone, a small laptop window and a full-HD screen: everything fits without
// sideways scrolling, the pods and the console are reachable, and a command still works.
// Also writes docs/screenshot.png (1280x800) when UPDATE_SCREENSHOT=1.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  ROOT,
  useSuite,
  withApp,
  settled,
  kubectlExpect,
  consoleInput,
  horizontalOverflow,
  screenshot,
  readPods,
  eventually,
  describePods,
} from './helpers.mjs';

const T = { timeout: 90_000 };
const suite = useSuite();

for (const [width, height] of [
  [360, 740],
  [800, 500],
  [1920, 1080],
]) {
  test(`viewport ${width}x${height}: no sideways scroll, pods and console usable`, T, async () => {
    await withApp(suite, `viewport-${width}x${height}`, { viewport: { width, height } }, async ({ page }) => {
      await settled(page, 4);
      const scroll = await horizontalOverflow(page);
      assert.ok(!scroll.overflow, `the page scrolls sideways: ${scroll.scrollWidth}px of content in ${scroll.clientWidth}px`);
      // Every pod lies within the width of the screen.
      const boxes = await page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="pod"]')]
          .map((e) => e.getBoundingClientRect())
          .map((r) => ({ left: r.left, right: r.right, w: r.width })),
      );
      assert.equal(boxes.length, 4);
      for (const b of boxes) {
        assert.ok(b.w > 0 && b.left >= 0 && b.right <= width + 0.5, `a pod sticks out: ${JSON.stringify(b)}`);
      }
      // The console can be scrolled to and used.
      const input = consoleInput(page);
      await input.scrollIntoViewIfNeeded();
      const box = await input.boundingBox();
      assert.ok(
        box && box.width >= 120 && box.x >= 0 && box.x + box.width <= width + 0.5,
        `the console input is too narrow or off screen: ${JSON.stringify(box)}`,
      );
      await kubectlExpect(page, 'kubectl scale deployment/web --replicas=5', 'scaled');
      await settled(page, 5);
      const after = await horizontalOverflow(page);
      assert.ok(!after.overflow, `the page scrolls sideways after scaling: ${JSON.stringify(after)}`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `viewport-${width}x${height}-full`, { fullPage: true });
    });
  });
}

test('the README screenshot: 1280x800 in the middle of a rolling update', T, async () => {
  await withApp(suite, 'overview-1280x800', { speed: 1, viewport: { width: 1280, height: 800 } }, async ({ page }) => {
    await settled(page, 4, { timeout: 40_000 });
    await kubectlExpect(page, 'kubectl scale deployment/web --replicas=8', 'scaled');
    await settled(page, 8, { timeout: 40_000 });
    await kubectlExpect(page, 'kubectl set image deployment/web web=nginx:1.26', 'image updated');
    // A telling moment: some new pods Ready while old ones still serve.
    const pods = await eventually(
      () => readPods(page),
      (p) => {
        const revs = new Set(p.filter((x) => x.ready).map((x) => x.revision));
        return revs.size >= 2 && p.some((x) => x.phase === 'Terminating');
      },
      { timeout: 40_000, what: 'Ready pods of both revisions and a terminating one', describe: describePods },
    );
    assert.ok(pods.length >= 8, describePods(pods));
    // The first screen, as a visitor sees it (typing in the console scrolled down to it).
    await page.evaluate(() => {
      document.activeElement?.blur();
      window.scrollTo(0, 0);
    });
    const file = await screenshot(page, 'overview-1280x800-rollout');
    if (process.env.UPDATE_SCREENSHOT) {
      await mkdir(path.join(ROOT, 'docs'), { recursive: true });
      await copyFile(file, path.join(ROOT, 'docs', 'screenshot.png'));
    }
  });
});
