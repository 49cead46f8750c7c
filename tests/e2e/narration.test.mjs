// The narration above the pods and the "Why" panel explain what happens as it happens: a pod
// deleted from the console is replaced (self-healing), and a crashing image stalls the rollout
// until the progress deadline passes. The narration is [data-testid="narration"], one line,
// role=status; each "Why" line is [data-testid="decision"], oldest first within its story, the
// latest visible without scrolling.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite, withApp, settled, eventually, kubectlExpect, screenshot } from './helpers.mjs';

const T = { timeout: 120_000 };
const suite = useSuite();

const narration = (page) => page.getByTestId('narration').innerText();

/** The "Why" lines in reading order, and whether the last one shows inside its scroll box. */
async function readWhy(page) {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll('[data-testid="decision"]')];
    const box = document.querySelector('[aria-label^="Decisions by story"]');
    // On screen the stories read oldest first: sort by position, top to bottom.
    const shown = lines
      .map((e) => ({ text: e.innerText, top: e.getBoundingClientRect().top, e }))
      .sort((a, b) => a.top - b.top);
    const last = shown.at(-1);
    let visible = false;
    if (box && last) {
      const b = box.getBoundingClientRect();
      const r = last.e.getBoundingClientRect();
      visible = r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
    }
    return { texts: shown.map((s) => s.text), visible };
  });
}

test('deleting a pod: the narration and "Why" say the ReplicaSet replaces it', T, async () => {
  await withApp(suite, 'narration-self-healing', {}, async ({ page }) => {
    await settled(page, 4);
    await eventually(() => narration(page), (t) => t.startsWith('All 4 pods of web run nginx:1.25 and are ready. Try:'), {
      what: 'the idle narration',
    });
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const label = await page.getByTestId('pod').first().getAttribute('aria-label');
    const pod = label.split(':')[0];
    await kubectlExpect(page, `kubectl delete pod ${pod}`, `pod "${pod}" deleted`);
    const said = await eventually(() => narration(page), (t) => t.startsWith(`Self-healing: pod ${pod} went, so ReplicaSet`), {
      what: 'the self-healing narration',
    });
    assert.match(said, /creates a replacement; \d of 4 ready$/);
    const why = await eventually(() => readWhy(page), (w) => w.texts.some((t) => t.includes(`Pod ${pod} was deleted; ReplicaSet`)), {
      what: 'the self-healing decision',
    });
    const heal = why.texts.findLast((t) => t.includes(`Pod ${pod} was deleted`));
    assert.match(heal, /wants 4 and has 3, so it creates 1: web-/);
    assert.ok(why.visible, 'the latest "Why" line shows without scrolling');
    // Oldest first: the Deployment's creation comes before the self-heal.
    const created = why.texts.findIndex((t) => t.includes('created with 4 replicas'));
    assert.ok(created >= 0 && created < why.texts.indexOf(heal), `oldest first: ${why.texts.join(' | ')}`);
    await screenshot(page, 'narration-self-healing-why');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await settled(page, 4);
  });
});

test('a crashing image: the narration says the rollout cannot progress, then that the deadline passed', T, async () => {
  await withApp(suite, 'narration-deadline', {}, async ({ page }) => {
    await settled(page, 4);
    await kubectlExpect(page, 'kubectl set image deployment/web web=ghcr.io/deploysim/hello:2.1', 'image updated');
    const stuck = await eventually(() => narration(page), (t) => t.includes('cannot progress'), {
      what: 'the stuck narration',
    });
    assert.match(
      stuck,
      /^New pods keep crashing: the rollout cannot progress; after 600 s \(at t=\d+s\) the Deployment will report ProgressDeadlineExceeded, and Kubernetes will not roll back by itself/,
    );
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'narration-stuck');
    const passed = await eventually(() => narration(page), (t) => t.includes('The progress deadline passed'), {
      what: 'the deadline narration',
      timeout: 60_000,
    });
    assert.match(passed, /Progressing is False \(ProgressDeadlineExceeded\)\. Roll back with kubectl rollout undo deployment\/web$/);
    const why = await readWhy(page);
    assert.ok(why.texts.at(-1).includes('reason ProgressDeadlineExceeded'), `latest line last: ${why.texts.at(-1)}`);
    assert.ok(why.visible, 'the latest "Why" line shows without scrolling');
  });
});
