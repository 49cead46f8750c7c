// The console and what feeds it: the examples picker at the top, a scenario's own commands shown
// as they run (and taken back by a seek), a console that fits `get pods -o wide` and `describe`,
// Tab completion, and the YAML editor following the live object.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useSuite,
  withApp,
  readPods,
  settled,
  eventually,
  describePods,
  kubectl,
  kubectlExpect,
  consoleInput,
  consoleOutput,
  screenshot,
} from './helpers.mjs';

const T = { timeout: 90_000 };
const suite = useSuite();

/** Opens the picker in the top bar and the example titled `title`. */
async function openExample(page, title) {
  await page.locator('.topbar summary', { hasText: 'Examples' }).click();
  await page.getByRole('button', { name: title, exact: true }).click();
}

const clock = (page) => page.locator('.timeline output');

/** Opens the tab named `name`, when the page has tabs. */
async function openTabIfAny(page, name) {
  const tab = page.getByRole('tab', { name, exact: true });
  if ((await tab.count()) > 0) await tab.click();
}

/** The YAML editor, opened if it sits behind a tab or a disclosure. */
async function yamlEditor(page) {
  const editor = page.getByRole('textbox', { name: /Deployment YAML/i });
  if (!(await editor.isVisible())) {
    await page.getByRole('tab', { name: /YAML/i }).or(page.getByRole('button', { name: /YAML/i })).first().click();
  }
  await editor.waitFor({ state: 'visible' });
  return editor;
}

test('the examples picker at the top lists titles with descriptions and opens one at t=0 with the pods in view', T, async () => {
  await withApp(suite, 'examples-opened', {}, async ({ page }) => {
    await settled(page, 4);
    const summary = page.locator('.topbar summary', { hasText: 'Examples' });
    assert.ok(await summary.isVisible(), 'the picker is in the top bar');
    await summary.click();
    const open = page.getByRole('button', { name: 'Node failure and self-healing', exact: true });
    await open.waitFor();
    const description = await open.evaluate((b) => document.getElementById(b.getAttribute('aria-describedby')).innerText);
    assert.match(description, /ReplicaSet replaces them/);
    for (const title of ['Rolling update, bad image, rollback', 'Recreate: stop all, then start', 'One recipe, three environments']) {
      assert.ok(await page.getByRole('button', { name: title, exact: true }).isVisible(), title);
    }
    assert.ok(await page.getByText('Paste a scenario file').isVisible(), 'pasting stays reachable');
    await screenshot(page, 'examples-picker');
    await open.click();
    await eventually(() => clock(page).innerText(), (t) => t === 't = 0s', { what: 'the clock at 0 s' });
    assert.equal(await page.getByRole('button', { name: 'Play', exact: true }).count(), 1, 'it opens paused');
    const pods = await eventually(() => readPods(page), (p) => p.length === 6, { what: '6 pods', describe: describePods });
    assert.ok(pods.every((p) => p.visible));
    const box = await page.locator('.cluster').boundingBox();
    const viewport = page.viewportSize();
    const bar = await page.locator('.topbar').boundingBox();
    const below = Math.max(0, bar.y + bar.height) - 1;
    assert.ok(box.y >= below && box.y < viewport.height / 2, `the pods are in view (top at ${box.y}, the bar ends at ${below})`);
    assert.match(await page.locator('.picker .current').innerText(), /Node failure/);
    assert.equal(await page.locator('.picker-panel').isVisible(), false, 'the picker closes');
  });
});

test("a scenario's commands appear in the console as they run, tagged, and a seek back takes them back", T, async () => {
  await withApp(suite, 'scenario-commands', {}, async ({ page }) => {
    await openExample(page, 'Rolling update, bad image, rollback');
    const out = consoleOutput(page);
    assert.doesNotMatch(await out.innerText(), /set image/, 'nothing has run yet');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    const first = 'kubectl set image deployment/web web=nginx:1.26';
    await eventually(() => out.innerText(), (t) => t.includes('kubectl set image deployment/web web=nginx:1.255'), {
      what: 'the second scripted command',
      timeout: 30_000,
    });
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const entry = out.locator('.entry', { hasText: first });
    assert.match(await entry.innerText(), /\(t=10s\)\s*scenario/);
    assert.match(await entry.innerText(), /deployment\.apps\/web image updated/);
    await screenshot(page, 'scenario-commands-tagged');
    // Back to t=15: the command of t=25 has not run yet there.
    const scrubber = page.getByRole('slider', { name: /Timeline/ });
    await scrubber.focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 15; i++) await page.keyboard.press('ArrowRight');
    await eventually(() => clock(page).innerText(), (t) => t === 't = 15s', { what: 'the clock at 15 s' });
    const text = await out.innerText();
    assert.ok(text.includes(first), 'the command of t=10 stays');
    assert.ok(!text.includes('nginx:1.255'), 'the command of t=25 is taken back');
    // And it comes again when the time does.
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await eventually(() => out.innerText(), (t) => t.split('nginx:1.255').length === 2, {
      what: 'the command of t=25, once',
      timeout: 30_000,
    });
  });
});

test('the console fits `get pods -o wide` and describe: lines scroll sideways, Wide gives it the page width', T, async () => {
  await withApp(suite, 'console-wide', {}, async ({ page }) => {
    await settled(page, 4);
    await kubectlExpect(page, 'kubectl get pods -o wide', 'NOMINATED NODE');
    const pre = consoleOutput(page).locator('pre.out').last();
    assert.equal(await pre.evaluate((e) => getComputedStyle(e).whiteSpace), 'pre', 'table lines never wrap');
    const wide = page.getByRole('button', { name: 'Wide', exact: true });
    await wide.click();
    assert.equal(await wide.getAttribute('aria-pressed'), 'true');
    const box = await page.locator('section.console').boundingBox();
    assert.ok(box.width >= 1200, `the console takes the page width (${box.width} px)`);
    const fits = () => consoleOutput(page).evaluate((e) => e.scrollWidth <= e.clientWidth);
    assert.ok(await fits(), 'get pods -o wide fits without scrolling');
    await screenshot(page, 'console-get-pods-wide');
    const pod = (await consoleOutput(page).innerText()).match(/web-[a-z0-9]+-[a-z0-9]{5}/)[0];
    await kubectlExpect(page, `kubectl describe pod ${pod}`, 'Events:');
    await kubectlExpect(page, 'kubectl describe deployment web', 'Events:');
    assert.ok(await fits(), 'describe fits without scrolling');
    await screenshot(page, 'console-describe-wide');
    await wide.click();
    assert.equal(await wide.getAttribute('aria-pressed'), 'false');
    await screenshot(page, 'console-describe');
  });
});

test('Tab completes commands, names and flags, and moves the focus on when there is nothing to complete', T, async () => {
  await withApp(suite, 'console-completion', {}, async ({ page }) => {
    await settled(page, 4);
    const input = consoleInput(page);
    const tab = async (typed) => {
      await input.fill(typed);
      await input.press('End');
      await input.press('Tab');
      return input.inputValue();
    };
    assert.equal(await tab('kubectl sc'), 'kubectl scale ');
    assert.equal(await tab('kubectl scale deployment/'), 'kubectl scale deployment/web ');
    assert.equal(await tab('kubectl scale deployment/web --rep'), 'kubectl scale deployment/web --replicas=');
    assert.equal(await tab('kubectl rollout u'), 'kubectl rollout undo ');
    assert.equal(await tab('kubectl delete pod --a'), 'kubectl delete pod --all ');
    assert.equal(await tab('kubectl get pods -o w'), 'kubectl get pods -o wide ');
    const line = await tab('kubectl describe pod ');
    assert.match(line, /^kubectl describe pod web-[a-z0-9]+-$/, 'the pods\' common prefix');
    const listed = page.getByTestId('completions');
    assert.equal((await listed.innerText()).match(/web-/g).length, 4, 'the four pods are listed');
    await page.locator('section.console').scrollIntoViewIfNeeded();
    await screenshot(page, 'console-completion-list');
    assert.ok(await input.evaluate((e) => e === document.activeElement), 'the focus stays while completing');
    assert.equal(await tab('kubectl version '), 'kubectl version ');
    assert.ok(!(await input.evaluate((e) => e === document.activeElement)), 'nothing to complete: Tab moves on');
    const help = await input.evaluate((e) => document.getElementById(e.getAttribute('aria-describedby')).innerText);
    assert.match(help, /Tab completes/);
  });
});

test('kubectl delete pod --all deletes every pod, and the ReplicaSet brings 4 back', T, async () => {
  await withApp(suite, 'delete-all', {}, async ({ page }) => {
    const before = await settled(page, 4);
    const out = await kubectlExpect(page, 'kubectl delete pod --all', 'deleted from default namespace');
    assert.equal(out.match(/pod "web-[^"]+" deleted from default namespace/g).length, 4, out);
    await kubectlExpect(page, 'kubectl delete pods -l app=nothing', 'No resources found');
    const after = await settled(page, 4);
    assert.equal(after[0].rs, before[0].rs, 'the same ReplicaSet');
  });
});

test('the YAML editor shows the live object after the Image control changed it, and Apply does not roll it back', T, async () => {
  await withApp(suite, 'yaml-live', {}, async ({ page }) => {
    const original = await settled(page, 4);
    const editor = await yamlEditor(page);
    assert.match(await editor.inputValue(), /image: nginx:1\.25/);
    await page.getByLabel(/^Image\b/).selectOption('nginx:1.26');
    await eventually(
      () => readPods(page),
      (pods) => pods.length === 4 && pods.every((p) => p.ready && p.rs !== original[0].rs),
      { what: '4 Ready pods of the new ReplicaSet', describe: describePods },
    );
    const updated = await readPods(page);
    await eventually(() => editor.inputValue(), (t) => /image: nginx:1\.26/.test(t), {
      what: 'the editor to show nginx:1.26',
    });
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await openTabIfAny(page, 'Console');
    await kubectlExpect(page, 'kubectl get deployment web -o wide', 'nginx:1.26');
    await settled(page, 4, { rs: updated[0].rs });
  });
});

test('edited YAML is kept when the live object changes: the editor says what changed and reloads only when asked', T, async () => {
  await withApp(suite, 'yaml-stale', {}, async ({ page }) => {
    await settled(page, 4);
    const editor = await yamlEditor(page);
    const text = (await editor.inputValue()).replace(/replicas: 4/, 'replicas: 3');
    await editor.fill(text);
    await openTabIfAny(page, 'Console');
    await kubectlExpect(page, 'kubectl set image deployment/web web=nginx:1.26', 'image updated');
    await yamlEditor(page);
    const notice = page.getByTestId('yaml-stale');
    await eventually(() => notice.innerText(), (t) => t.includes('The Deployment changed since you started editing (image is now nginx:1.26)'), {
      what: 'the notice',
    });
    assert.equal(await editor.inputValue(), text, 'the user\'s text is kept');
    await notice.scrollIntoViewIfNeeded();
    await screenshot(page, 'yaml-stale-notice');
    await notice.getByRole('button', { name: 'Reload from cluster' }).click();
    const live = await editor.inputValue();
    assert.match(live, /image: nginx:1\.26/);
    assert.match(live, /replicas: 4/);
    await notice.waitFor({ state: 'detached' });
  });
});
