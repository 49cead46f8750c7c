// The pods and the chart, read as a person reads them: each group of pods is headed by its
// ReplicaSet under its Deployment (and its namespace when there are several); a ReplicaSet keeps
// its colour for life; the pods are one Tab stop with arrow keys inside; "Roll back" from the
// keyboard leaves the focus somewhere safe; the chart's pods line never crosses the surge
// ceiling, says which lines coincide, and marks only the commands that changed the cluster,
// each with a label.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  useSuite,
  withApp,
  readPods,
  settled,
  eventually,
  describePods,
  kubectlExpect,
  consoleOutput,
  openTab,
  screenshot,
  SCREENSHOTS,
} from './helpers.mjs';

const T = { timeout: 120_000 };
const suite = useSuite();

/** Each group heading of the cluster view, with the heading just before it (its Deployment's). */
async function groupHeadings(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.cluster :is(h3, h4, h5)')].map((h) => ({
      level: h.tagName,
      text: h.textContent.replace(/\s+/g, ' ').trim(),
    })),
  );
}

/** The colour each ReplicaSet's pods are drawn in (their border), by ReplicaSet name. */
async function colours(page) {
  return page.evaluate(() => {
    const out = {};
    for (const e of document.querySelectorAll('[data-testid="pod"]')) {
      out[e.getAttribute('data-rs')] = getComputedStyle(e).borderTopColor;
    }
    return out;
  });
}

/** Opens the History tab, where the "Rollout history" panel is. */
async function showHistory(page) {
  await openTab(page, 'History');
  await page.getByRole('heading', { name: 'Rollout history' }).waitFor({ state: 'visible' });
}

test('each group of pods is headed by its ReplicaSet (name, revision, image, desired/ready), under its Deployment', T, async () => {
  await withApp(suite, 'pods-replicaset-headings', {}, async ({ page }) => {
    const pods = await settled(page, 4);
    const headings = await groupHeadings(page);
    const rs = headings.findIndex((h) => h.text.startsWith('ReplicaSet '));
    assert.ok(rs > 0, `a ReplicaSet heading below another one: ${JSON.stringify(headings)}`);
    assert.match(headings[rs].text, new RegExp(`^ReplicaSet ${pods[0].rs} · revision 1 · nginx:1\\.25 · 4 desired / 4 ready$`));
    assert.match(headings[rs - 1].text, /^Deployment web · 4 desired \/ 4 ready$/);
    assert.ok(headings[rs - 1].level < headings[rs].level, 'the ReplicaSet heading is under the Deployment heading');
  });
});

test('a ReplicaSet keeps its colour when a rollback gives it a new revision (bug: the colour followed the revision)', T, async () => {
  await withApp(suite, 'pods-colour-after-rollback', {}, async ({ page }) => {
    const first = await settled(page, 4);
    const before = await colours(page);
    await kubectlExpect(page, 'kubectl set image deployment/web web=nginx:1.26', 'image updated');
    const second = await settled(page, 4, { revision: 2 });
    const during = await colours(page);
    assert.notEqual(during[second[0].rs], before[first[0].rs], 'two ReplicaSets, two colours');
    await kubectlExpect(page, 'kubectl rollout undo deployment/web --to-revision=1', 'rolled back');
    // Revision 1's ReplicaSet comes back as revision 3, in the colour it always had.
    await settled(page, 4, { rs: first[0].rs, revision: 3 });
    const after = await colours(page);
    assert.equal(after[first[0].rs], before[first[0].rs], `colour of ${first[0].rs} after the rollback`);
    // The history draws each revision in its ReplicaSet's colour too.
    await showHistory(page);
    const swatch = await page.evaluate(() => {
      const row = [...document.querySelectorAll('tr')].find((tr) => tr.querySelector('td')?.textContent.trim() === '3');
      return row && getComputedStyle(row.querySelector('.swatch')).backgroundColor;
    });
    assert.equal(swatch, before[first[0].rs], 'revision 3 in the history has its ReplicaSet\'s colour');
  });
});

test('with several namespaces, a heading per namespace above its Deployments', T, async () => {
  await withApp(suite, 'pods-namespaces', {}, async ({ page }) => {
    await page.locator('.topbar summary', { hasText: 'Examples' }).click();
    await page.getByRole('button', { name: 'One recipe, three environments', exact: true }).click();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await eventually(
      () => readPods(page),
      (pods) => pods.length === 8 && pods.every((p) => p.ready && p.phase === 'Running'),
      { what: '8 Ready pods', describe: describePods },
    );
    const namespaces = await page.evaluate(() =>
      [...document.querySelectorAll('.cluster section[aria-label^="Namespace "]')].map((s) => ({
        heading: s.querySelector('h3')?.textContent.replace(/\s+/g, ' ').trim(),
        deployment: s.querySelector('h4')?.textContent.replace(/\s+/g, ' ').trim(),
        pods: s.querySelectorAll('[data-testid="pod"]').length,
      })),
    );
    assert.deepEqual(namespaces, [
      { heading: 'Namespace dev', deployment: 'Deployment shop · 1 desired / 1 ready', pods: 1 },
      { heading: 'Namespace prod', deployment: 'Deployment shop · 5 desired / 5 ready', pods: 5 },
      { heading: 'Namespace staging', deployment: 'Deployment shop · 2 desired / 2 ready', pods: 2 },
    ]);
    await page.locator('.cluster').screenshot({ path: path.join(SCREENSHOTS, 'pods-namespaces-cluster.png') });
  });
});

test('"Roll back" with the keyboard leaves the focus off every other Roll back button (bug: a second Enter rolled back again)', T, async () => {
  await withApp(suite, 'pods-rollback-focus', {}, async ({ page }) => {
    const first = await settled(page, 4);
    await kubectlExpect(page, 'kubectl set image deployment/web web=nginx:1.26', 'image updated');
    await settled(page, 4, { revision: 2 });
    await showHistory(page);
    const button = page.getByRole('button', { name: 'Roll back to revision 1', exact: true });
    await button.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Roll back to revision 2', exact: true }).waitFor();
    await settled(page, 4, { rs: first[0].rs, revision: 3 });
    const focused = await page.evaluate(() => ({
      tag: document.activeElement?.tagName,
      name: document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent,
    }));
    assert.ok(!/roll back/i.test(focused.name ?? ''), `the focus is on ${JSON.stringify(focused)}`);
    assert.notEqual(focused.tag, 'BODY', 'the focus is not lost either');
    // Enter again does nothing: no second rollback.
    const rolledBack = (text) => (text.match(/rolled back/g) ?? []).length;
    await page.keyboard.press('Enter');
    await kubectlExpect(page, 'kubectl rollout history deployment/web', 'REVISION');
    assert.equal(rolledBack(await consoleOutput(page).innerText()), 1, 'one rollback only');
  });
});

test('1,000 pods are one Tab stop; the arrow keys, Home and End move between them, Enter opens one (bug: each pod was a Tab stop)', T, async () => {
  await withApp(suite, 'pods-1000-keyboard', {}, async ({ page }) => {
    await settled(page, 4);
    await kubectlExpect(page, 'kubectl scale deployment/web --replicas=1000', 'scaled');
    await eventually(() => readPods(page), (pods) => pods.length === 1000, { what: '1000 pods', describe: describePods, timeout: 60_000 });
    const active = () =>
      page.evaluate(() => {
        const e = document.activeElement;
        return { pod: e?.getAttribute('data-testid') === 'pod', id: e?.id, top: e?.offsetTop, left: e?.offsetLeft };
      });
    // From the "Group by node" box, Tab through the legend's and headings' words up to the pods:
    // the element just before them, then one Tab onto them.
    await page.getByLabel(/Group by/).focus();
    let firstPod = await active();
    for (let i = 0; i < 30 && !firstPod.pod; i++) {
      await page.keyboard.press('Tab');
      firstPod = await active();
    }
    assert.ok(firstPod.pod, 'Tab reaches the pods');
    await page.keyboard.press('Tab');
    assert.ok(!(await active()).pod, 'a second Tab leaves the pods');
    await page.keyboard.press('Shift+Tab');
    assert.equal((await active()).id, firstPod.id, 'Shift+Tab comes back to the pods');
    await page.keyboard.press('ArrowRight');
    const second = await active();
    assert.ok(second.pod && second.id !== firstPod.id && second.left > firstPod.left, `ArrowRight moves right: ${JSON.stringify([firstPod, second])}`);
    await page.keyboard.press('ArrowDown');
    const below = await active();
    assert.ok(below.pod && below.top > second.top && below.left === second.left, `ArrowDown moves a row down: ${JSON.stringify([second, below])}`);
    await page.keyboard.press('ArrowUp');
    assert.equal((await active()).id, second.id, 'ArrowUp comes back');
    await page.keyboard.press('End');
    const last = await active();
    const ids = await page.evaluate(() => [...document.querySelectorAll('[data-testid="pod"]')].map((e) => e.id));
    assert.equal(last.id, ids.at(-1), 'End goes to the last pod');
    await page.keyboard.press('Home');
    assert.equal((await active()).id, ids[0], 'Home goes to the first pod');
    await page.keyboard.press('End');
    await page.keyboard.press('Tab');
    assert.ok(!(await active()).pod, 'Tab leaves the pods from the last one too');
    await page.keyboard.press('Shift+Tab');
    assert.equal((await active()).id, ids.at(-1), 'Shift+Tab comes back to the pod last focused');
    const tabStops = await page.evaluate(() => [...document.querySelectorAll('[data-testid="pod"]')].filter((e) => e.tabIndex >= 0).length);
    assert.equal(tabStops, 1, 'exactly one pod is in the Tab order');
    await page.keyboard.press('Enter');
    await eventually(
      () => page.evaluate(() => document.activeElement?.getAttribute('aria-pressed') ?? document.querySelector('[aria-pressed="true"][data-testid="pod"]')?.id),
      (v) => v === 'true' || typeof v === 'string',
      { what: 'Enter to select the pod' },
    );
    await screenshot(page, 'pods-1000-keyboard-view');
  });
});

/** Records, on every render of the chart, its legend values: pods line and surge ceiling. */
async function recordChart(page) {
  await page.evaluate(() => {
    const rec = { worst: -Infinity, seen: [] };
    window.__deploysimChart = rec;
    const look = () => {
      const items = [...document.querySelectorAll('.chart-legend li')].map((li) => li.textContent.trim());
      const value = (re) => items.map((t) => t.match(re)).find(Boolean)?.[1];
      const pods = Number(value(/^(?:total pods|pods \(not terminating\)) (\d+)/));
      const ceiling = Number(value(/^surge ceiling (\d+)/));
      if (pods - ceiling > rec.worst) {
        rec.worst = pods - ceiling;
        rec.seen = items;
      }
    };
    new MutationObserver(look).observe(document.querySelector('.chart'), { subtree: true, childList: true, characterData: true });
    look();
  });
  return { read: () => page.evaluate(() => ({ ...window.__deploysimChart })) };
}

test('during a rollout the chart\'s pods line never rises above the surge ceiling (bug: terminating pods were counted)', T, async () => {
  await withApp(suite, 'chart-ceiling', { speed: 10 }, async ({ page }) => {
    await settled(page, 4);
    const chart = await recordChart(page);
    await kubectlExpect(page, 'kubectl set image deployment/web web=nginx:1.26', 'image updated');
    await settled(page, 4, { revision: 2, timeout: 30_000 });
    const seen = await chart.read();
    assert.ok(seen.worst <= 0, `the pods line went above the ceiling: ${JSON.stringify(seen.seen)}`);
    const svg = page.locator('.chart svg[role="img"]');
    assert.equal(await svg.getAttribute('data-over-ceiling'), '0', 'no sample above the ceiling');
    assert.equal(await svg.getAttribute('data-max-pods'), '5', 'the rollout used its one surge pod');
    await page.locator('.chart').evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await page.locator('.chart').screenshot({ path: path.join(SCREENSHOTS, 'chart-ceiling-chart.png') });
  });
});

test('lines that coincide are told apart: the legend says which values are equal and each line is drawn apart', T, async () => {
  await withApp(suite, 'chart-coincide', {}, async ({ page }) => {
    await settled(page, 4);
    const legend = () => page.evaluate(() => [...document.querySelectorAll('.chart-legend li')].map((li) => li.textContent.trim()).join('\n'));
    const text = await eventually(legend, (t) => /available 4 = desired/.test(t), { what: 'the legend to say available = desired' });
    assert.match(text, /ready 4 = desired/);
    assert.match(text, /updated 4 = desired/);
    // Equal values, different heights: the last points of desired, ready and available differ.
    const lastY = await page.evaluate(() =>
      Object.fromEntries(
        ['s-desired', 's-ready', 's-available', 's-updated', 's-pods'].map((c) => {
          const pts = document.querySelector(`.chart polyline.${c}`).getAttribute('points').trim().split(' ');
          return [c, pts.at(-1).split(',')[1]];
        }),
      ),
    );
    assert.equal(new Set(Object.values(lastY)).size, 5, `each line at its own height: ${JSON.stringify(lastY)}`);
    // At t=0 nothing is ready: zero is said as a value, never as equal to another zero (bug: the
    // legend read "ready 0 = terminating").
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByRole('slider', { name: /Timeline/ }).focus();
    await page.keyboard.press('Home');
    const atStart = await eventually(legend, (t) => /ready 0/.test(t), { what: 'the legend at t=0' });
    assert.doesNotMatch(atStart, / 0 = /);
    assert.match(atStart, /terminating 0/);
  });
});

test('only commands that changed the cluster mark the chart, each with its label (bug: every command left a bare mark)', T, async () => {
  await withApp(suite, 'chart-marks', {}, async ({ page }) => {
    await settled(page, 4);
    const marks = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('.chart svg[role="img"] .mark')].map((m) => ({
          label: [...m.querySelectorAll('text')].map((t) => t.textContent).join(''),
          title: m.querySelector('title')?.textContent ?? '',
        })),
      );
    const before = (await marks()).length;
    await kubectlExpect(page, 'kubectl get pods', 'NAME');
    await kubectlExpect(page, 'kubectl scale deployment/nope --replicas=2', /not ?found/);
    assert.equal((await marks()).length, before, 'a read adds no mark');
    await kubectlExpect(page, 'kubectl set image deployment/web web=nginx:1.26', 'image updated');
    const after = await eventually(marks, (m) => m.length === before + 1, { what: 'one new mark' });
    assert.equal(after.at(-1).label, 'set image');
    assert.match(after.at(-1).title, /kubectl set image deployment\/web web=nginx:1\.26/);
    await kubectlExpect(page, 'kubectl scale deployment/web --replicas=6', 'scaled');
    const scaled = await eventually(marks, (m) => m.length === before + 2, { what: 'a mark for the scale' });
    assert.equal(scaled.at(-1).label, 'scale 6');
    assert.ok(scaled.every((m) => m.label !== ''), `every mark has a label: ${JSON.stringify(scaled)}`);
    await page.locator('.chart').evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await page.locator('.chart').screenshot({ path: path.join(SCREENSHOTS, 'chart-marks-chart.png') });
  });
});
