// The app driven as a person would: read the pods on screen, type kubectl commands, use the
// controls. Runs against the release build in dist/ (scripts/test.sh builds it first).
//
// The default scenario: Deployment `web`, container `web`, image nginx:1.25, 4 replicas.
// `?speed=50` makes simulated time run fast; the assertions poll the screen (`eventually`),
// never sleep.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useSuite,
  withApp,
  readPods,
  live,
  settled,
  eventually,
  describePods,
  kubectl,
  kubectlExpect,
  consoleInput,
  consoleOutput,
  recordRevisionOverlap,
  screenshot,
  openTab,
  answerResume,
} from './helpers.mjs';

const T = { timeout: 90_000 };
const suite = useSuite();

test('the default Deployment comes up: 4 Ready pods of one revision', T, async () => {
  await withApp(suite, 'default-ready', {}, async ({ page }) => {
    const pods = await settled(page, 4);
    assert.equal(pods.filter((p) => p.ready).length, 4);
    assert.ok(pods.every((p) => p.visible), 'every pod is visible');
    assert.ok(pods.every((p) => p.rs && p.rs.startsWith('web-')), `ReplicaSet names: ${describePods(pods)}`);
  });
});

test('kubectl scale from the console brings 6 Ready pods', T, async () => {
  await withApp(suite, 'scale-console', {}, async ({ page }) => {
    const before = await settled(page, 4);
    await kubectlExpect(page, 'kubectl scale deployment/web --replicas=6', 'deployment.apps/web scaled');
    const after = await settled(page, 6);
    assert.equal(after[0].revision, before[0].revision, 'scaling does not start a new revision');
    assert.equal(after[0].rs, before[0].rs, 'scaling keeps the ReplicaSet');
    // And back down: the extra pods terminate and disappear.
    await kubectlExpect(page, 'kubectl scale deployment/web --replicas=2', 'deployment.apps/web scaled');
    await settled(page, 2);
  });
});

test('the Replicas control scales the Deployment', T, async () => {
  await withApp(suite, 'scale-control', {}, async ({ page }) => {
    await settled(page, 4);
    const control = page.getByLabel('Replicas', { exact: true });
    await control.waitFor();
    const type = await control.evaluate((e) => `${e.tagName.toLowerCase()}:${e.getAttribute('type') ?? ''}`);
    if (type === 'select:') {
      await control.selectOption('6');
    } else {
      await setValue(control, '6');
    }
    await settled(page, 6);
    if (type === 'select:') await control.selectOption('3');
    else await setValue(control, '3');
    await settled(page, 3);
  });
});

test('a rolling update shows old and new pods together, then only the new revision', T, async () => {
  await withApp(suite, 'rolling-update', { speed: 10 }, async ({ page }) => {
    const first = await settled(page, 4);
    const overlap = await recordRevisionOverlap(page);
    await kubectlExpect(page, 'kubectl set image deployment/web web=nginx:1.26', 'deployment.apps/web image updated');
    const end = await eventually(
      () => readPods(page),
      (pods) => {
        const l = live(pods);
        return pods.length === 4 && l.length === 4 && l.every((p) => p.ready && p.revision !== first[0].revision);
      },
      { timeout: 30_000, what: '4 Ready pods at a new revision', describe: describePods },
    );
    assert.equal(new Set(end.map((p) => p.revision)).size, 1, describePods(end));
    assert.notEqual(end[0].rs, first[0].rs, 'a new ReplicaSet owns the pods');
    assert.ok(Number(end[0].revision) > Number(first[0].revision), `revision went up: ${describePods(end)}`);
    const seen = await overlap.read();
    assert.ok(
      seen.maxDistinct >= 2,
      `old and new pods were never on screen together (revisions seen at once: ${JSON.stringify(seen.revisions)})`,
    );
  });
});

test('kubectl rollout undo goes back to the first image', T, async () => {
  await withApp(suite, 'rollout-undo', {}, async ({ page }) => {
    const original = await settled(page, 4);
    await kubectlExpect(page, 'kubectl set image deployment/web web=nginx:1.26', 'image updated');
    const updated = await eventually(
      () => readPods(page),
      (pods) => pods.length === 4 && pods.every((p) => p.ready && p.rs !== original[0].rs),
      { what: '4 Ready pods of the new ReplicaSet', describe: describePods },
    );
    await kubectlExpect(page, 'kubectl rollout undo deployment/web', 'deployment.apps/web rolled back');
    // The first ReplicaSet (same pod template, same hash) owns the pods again, at a new revision.
    const back = await settled(page, 4, { rs: original[0].rs });
    assert.ok(Number(back[0].revision) > Number(updated[0].revision), `undo makes a new revision: ${describePods(back)}`);
    await kubectlExpect(page, 'kubectl get deployment web -o wide', 'nginx:1.25');
  });
});

test('the YAML editor applies a changed manifest', T, async () => {
  await withApp(suite, 'yaml-apply', {}, async ({ page }) => {
    await settled(page, 4);
    const editor = page.getByRole('textbox', { name: /Deployment YAML/i });
    if (!(await editor.isVisible())) {
      // The editor may sit behind a tab or a disclosure; open it as a person would.
      await page.getByRole('tab', { name: /YAML/i }).or(page.getByRole('button', { name: /YAML/i })).first().click();
    }
    await editor.waitFor({ state: 'visible' });
    const yaml = await editor.inputValue();
    assert.match(yaml, /replicas:\s*4/, 'the editor shows the current manifest');
    await editor.fill(yaml.replace(/replicas:\s*4/, 'replicas: 5'));
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await settled(page, 5);
  });
});

test('a bad command shows an error and the app keeps working', T, async () => {
  await withApp(suite, 'bad-command', {}, async ({ page }) => {
    await settled(page, 4);
    await kubectlExpect(page, 'kubectl frobnicate deployment/web', /error/i);
    await kubectlExpect(page, 'kubectl scale deployment/nope --replicas=2', /not ?found/i);
    const pods = await readPods(page);
    assert.equal(live(pods).length, 4, `a rejected command changes nothing: ${describePods(pods)}`);
    // The console still answers and the cluster still moves.
    await kubectlExpect(page, 'kubectl scale deployment/web --replicas=5', 'deployment.apps/web scaled');
    await settled(page, 5);
    await expectFocusable(consoleInput(page));
  });
});

test('a reload keeps the state: same pods, same revision', T, async () => {
  await withApp(suite, 'reload', {}, async ({ page }) => {
    const first = await settled(page, 4);
    await kubectlExpect(page, 'kubectl scale deployment/web --replicas=3', 'scaled');
    await kubectlExpect(page, 'kubectl set image deployment/web web=nginx:1.26', 'image updated');
    const beforeReload = await eventually(
      () => readPods(page),
      (pods) => pods.length === 3 && pods.every((p) => p.ready && p.rs !== first[0].rs),
      { what: '3 Ready pods of the new ReplicaSet', describe: describePods },
    );
    await page.reload({ waitUntil: 'load' });
    await answerResume(page, 'Resume');
    const after = await settled(page, 3, { revision: beforeReload[0].revision, rs: beforeReload[0].rs });
    assert.equal(after.length, beforeReload.length);
  });
});

test('"Share" puts a link in the address bar that opens the same state elsewhere', T, async () => {
  await withApp(suite, 'share', {}, async ({ page }) => {
    const first = await settled(page, 4);
    await kubectlExpect(page, 'kubectl scale deployment/web --replicas=3', 'scaled');
    await kubectlExpect(page, 'kubectl set image deployment/web web=nginx:1.26', 'image updated');
    const shared = await eventually(
      () => readPods(page),
      (pods) => pods.length === 3 && pods.every((p) => p.ready && p.rs !== first[0].rs),
      { what: '3 Ready pods of the new ReplicaSet', describe: describePods },
    );
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const link = await eventually(() => page.url(), (u) => u.includes('#'), { what: 'a link in the address bar' });
    // Someone else opens the link: a new browser context, with no storage of its own.
    await withApp(suite, 'share-opened', { url: link }, async ({ page: other }) => {
      const pods = await settled(other, 3, { rs: shared[0].rs, revision: shared[0].revision });
      assert.equal(pods.length, 3);
    });
  });
});

test('the controls have the names the contract gives them', T, async () => {
  await withApp(suite, 'controls', {}, async ({ page }) => {
    await settled(page, 4);
    const missing = [];
    const check = async (what, locator) => {
      if ((await locator.count()) === 0) missing.push(what);
    };
    await check('button "Play" or "Pause"', page.getByRole('button', { name: /^(Play|Pause)$/ }));
    await check('button "Step"', page.getByRole('button', { name: 'Step', exact: true }));
    await check('button "Reset"', page.getByRole('button', { name: 'Reset', exact: true }));
    await check('button "Share"', page.getByRole('button', { name: 'Share', exact: true }));
    await check('control "Speed"', page.getByLabel('Speed', { exact: true }));
    await check('control "Replicas"', page.getByLabel('Replicas', { exact: true }));
    await check('control "Image"', page.getByLabel(/^Image\b/));
    await check('textbox "kubectl command"', consoleInput(page));
    await check('[data-testid=console-output]', consoleOutput(page));
    await openTab(page, 'YAML');
    await check('textbox "Deployment YAML"', page.getByRole('textbox', { name: /Deployment YAML/i }));
    await check('button "Apply"', page.getByRole('button', { name: 'Apply', exact: true }));
    assert.deepEqual(missing, [], `missing from the page: ${missing.join('; ')}`);
  });
});

test('Pause stops the clock, Step moves it one tick, Play resumes', T, async () => {
  await withApp(suite, 'pause-step', { speed: 5 }, async ({ page }) => {
    await settled(page, 4);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
    await kubectlExpect(page, 'kubectl scale deployment/web --replicas=6', 'scaled');
    // Paused: the new pods may appear, but none becomes Ready while the clock stands still.
    const paused = await readPods(page);
    const readyWhilePaused = paused.filter((p) => p.ready).length;
    assert.ok(readyWhilePaused <= 4, describePods(paused));
    // Each Step is one simulated second; nginx needs a few, so a handful of steps brings them up.
    const step = page.getByRole('button', { name: 'Step', exact: true });
    await eventually(
      async () => {
        await step.click();
        return readPods(page);
      },
      (pods) => pods.filter((p) => p.ready).length === 6,
      { timeout: 20_000, interval: 100, what: 'Step to make the 2 new pods Ready', describe: describePods },
    );
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
  });
});

test('the Image picker rolls out a new image and "Roll back" returns', T, async () => {
  await withApp(suite, 'image-rollback', {}, async ({ page }) => {
    const original = await settled(page, 4);
    const picker = page.getByLabel(/^Image\b/);
    const options = await picker.evaluate((e) =>
      e.tagName === 'SELECT' ? [...e.options].map((o) => o.value) : [],
    );
    if (options.length > 0) {
      const next = options.find((o) => o.includes('1.26')) ?? options.find((o) => o !== 'nginx:1.25');
      await picker.selectOption(next);
    } else {
      await setValue(picker, 'nginx:1.26');
    }
    await eventually(
      () => readPods(page),
      (pods) => pods.length === 4 && pods.every((p) => p.ready && p.rs !== original[0].rs),
      { what: '4 Ready pods of a new ReplicaSet', describe: describePods },
    );
    await openTab(page, 'History');
    await page.getByRole('button', { name: /Roll back/i }).first().click();
    await settled(page, 4, { rs: original[0].rs });
  });
});

test('Reset returns to the default scenario', T, async () => {
  await withApp(suite, 'reset', {}, async ({ page }) => {
    const original = await settled(page, 4);
    await kubectlExpect(page, 'kubectl scale deployment/web --replicas=2', 'scaled');
    await settled(page, 2);
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    const after = await settled(page, 4);
    assert.equal(after[0].revision, original[0].revision);
  });
});

test('with dev, staging and prod, the Deployment picker chooses what the controls act on', T, async () => {
  await withApp(suite, 'environments', {}, async ({ page }) => {
    await page.locator('.topbar summary', { hasText: 'Examples' }).click();
    await page.getByRole('button', { name: 'One recipe, three environments', exact: true }).click();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    // dev 1 + staging 2 + prod 5 replicas of the same recipe; dev moves to a new image at t=12.
    const allReady = (n) =>
      eventually(
        () => readPods(page),
        (pods) => pods.length === n && pods.every((p) => p.ready && p.phase === 'Running'),
        { what: `${n} Ready pods and nothing else`, describe: describePods },
      );
    await allReady(8);
    const picker = page.getByLabel('Deployment acted on');
    assert.deepEqual(
      await picker.evaluate((e) => [...e.options].map((o) => o.value)),
      ['dev/shop', 'prod/shop', 'staging/shop'],
    );
    await picker.selectOption('staging/shop');
    await setValue(page.getByLabel('Replicas', { exact: true }), '4');
    await openTab(page, 'Console');
    await eventually(
      () => consoleOutput(page).innerText(),
      (text) => text.includes('kubectl scale deployment/shop -n staging --replicas=4') && text.includes('deployment.apps/shop scaled'),
      { what: 'the scale command for staging in the console' },
    );
    await allReady(10);
    assert.equal(await picker.inputValue(), 'staging/shop', 'the pick stays');
  });
});

/** Types a value into a field and leaves it (Enter, then Tab), as a person would. */
test('after scrubbing back, a read keeps the future and a change asks before discarding it', T, async () => {
  await withApp(suite, 'fork', {}, async ({ page }) => {
    const scrubber = page.getByRole('slider', { name: /Timeline/ });
    const max = async () => Number(await scrubber.getAttribute('max'));
    await eventually(max, (m) => m >= 20, { what: 'the clock to pass 20 s' });
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const horizon = await max();
    // Back to 5 s with the keyboard: Home, then five steps right.
    await scrubber.focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    const clock = page.locator('.timeline output');
    await eventually(() => clock.innerText(), (t) => t === 't = 5s', { what: 'the clock at 5 s' });

    await kubectlExpect(page, 'kubectl get pods', 'NAME');
    assert.equal(await max(), horizon, 'a read keeps the scrubber\'s end');
    assert.equal(await clock.innerText(), 't = 5s');

    const question = page.getByRole('alertdialog');
    const expected = `This discards ${horizon - 5} s of history (t=5s to t=${horizon}s). Run it anyway?`;
    await kubectl(page, 'kubectl scale deployment/web --replicas=2');
    await eventually(() => question.innerText(), (t) => t.includes(expected), { what: 'the question' });
    await screenshot(page, 'fork-question');
    await question.getByRole('button', { name: 'Cancel', exact: true }).click();
    await question.waitFor({ state: 'detached' });
    assert.equal(await max(), horizon, 'Cancel keeps the future');
    assert.equal(await clock.innerText(), 't = 5s');

    await kubectl(page, 'kubectl scale deployment/web --replicas=2');
    await question.getByRole('button', { name: 'Run', exact: true }).click();
    await eventually(() => consoleOutput(page).innerText(), (t) => t.includes('deployment.apps/web scaled'), {
      what: 'the scale to run',
    });
    assert.equal(await max(), 6, 'Run discards the future: the new one starts at 6 s');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await settled(page, 2);
  });
});

async function setValue(locator, value) {
  await locator.fill(value);
  await locator.press('Enter');
  await locator.press('Tab');
}

async function expectFocusable(locator) {
  await locator.focus();
  const focused = await locator.evaluate((e) => e === document.activeElement);
  assert.ok(focused, 'the console input takes the focus');
}
