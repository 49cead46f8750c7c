// Accessibility: axe-core (injected from node_modules, no network) finds no serious or critical
// violation, on the first screen and in the middle of a rolling update. Lesser findings are
// printed so they can be fixed too.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { useSuite, withApp, settled, kubectlExpect, consoleInput, consoleOutput, eventually } from './helpers.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const T = { timeout: 90_000 };

const suite = useSuite();

async function axe(page, label) {
  // Evaluated by the test driver, which the page's Content-Security-Policy does not govern
  // (it refuses injected inline scripts, as it should).
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }),
  );
  const lines = result.violations.map(
    (v) => `[${v.impact}] ${v.id}: ${v.help} (${v.nodes.length}x, e.g. ${v.nodes[0]?.target?.join(' ')})`,
  );
  if (lines.length) console.log(`axe on ${label}:\n  ${lines.join('\n  ')}`);
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.equal(bad.length, 0, `serious/critical accessibility violations on ${label}:\n  ${lines.join('\n  ')}`);
}

test('axe: no serious or critical violations on the first screen', T, async () => {
  await withApp(suite, 'a11y-first-screen', {}, async ({ page }) => {
    await settled(page, 4);
    await axe(page, 'the first screen');
  });
});

test('axe: no serious or critical violations during a rollout, in dark mode', T, async () => {
  await withApp(suite, 'a11y-rollout-dark', { speed: 2 }, async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await settled(page, 4, { timeout: 30_000 });
    await kubectlExpect(page, 'kubectl set image deployment/web web=nginx:1.26', 'image updated');
    await axe(page, 'a rollout in dark mode');
  });
});

test('axe: no serious or critical violations in presenter mode, with the help overlay open', T, async () => {
  await withApp(suite, 'a11y-presenter-help', { viewport: { width: 1920, height: 1080 } }, async ({ page }) => {
    await settled(page, 4);
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    await axe(page, 'presenter mode');
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await axe(page, 'the help overlay');
  });
});

test('the kubectl console is reachable with the keyboard alone', T, async () => {
  await withApp(suite, 'a11y-keyboard', {}, async ({ page }) => {
    await settled(page, 4);
    const input = consoleInput(page);
    let reached = false;
    // The skip link is the short way; walking every control (the time bar, the glossary's
    // terms, the controls) takes about 60 presses today.
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await input.evaluate((e) => e === document.activeElement);
    }
    assert.ok(reached, 'Tab reaches the kubectl command input within 80 presses');
    const output = consoleOutput(page);
    const before = await output.innerText();
    await page.keyboard.type('kubectl get deployments');
    await page.keyboard.press('Enter');
    await eventually(
      () => output.innerText(),
      (text) => text !== before && /NAME[\s\S]*web/.test(text.slice(text.startsWith(before) ? before.length : 0)),
      { what: 'the deployments table after typing with the keyboard' },
    );
  });
});
