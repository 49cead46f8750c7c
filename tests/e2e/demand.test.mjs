// Demand on screen: the traffic control sets the load of the Deployment's Service through the
// `traffic` verb, the traffic panel ([data-testid="traffic"]) shows what was offered, served and
// failed, and "N requests failed since your last change" ([data-testid="failed-since"], its
// count in data-failed) turns "nobody noticed the update" into a number; with an autoscaler
// ([data-testid="hpa"]) the pods scale up under a lunch rush.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useSuite,
  withApp,
  settled,
  readPods,
  live,
  eventually,
  describePods,
  screenshot,
  consoleOutput,
} from './helpers.mjs';

const T = { timeout: 120_000 };
const suite = useSuite();

/** The traffic panel's numbers: offered, served, failed, and failed since the last change. */
async function traffic(page) {
  return page.evaluate(() => {
    const n = (id) => Number(document.querySelector(`[data-testid="${id}"]`)?.textContent ?? NaN);
    const since = document.querySelector('[data-testid="failed-since"]');
    return {
      offered: n('traffic-offered'),
      served: n('traffic-served'),
      failed: n('traffic-failed'),
      failedSince: Number(since?.getAttribute('data-failed') ?? NaN),
      sinceText: since?.textContent ?? '',
    };
  });
}

/** Creates the Service with the button the controls offer when there is none. */
async function expose(page) {
  await page.getByRole('button', { name: 'Run kubectl expose deployment/web --port=80' }).click();
  await page.getByTestId('traffic').waitFor();
}

/** Types a load into the traffic control and presses "Set load". */
async function setLoad(page, rps) {
  await page.getByLabel('Requests per second', { exact: true }).fill(String(rps));
  await page.getByRole('button', { name: 'Set load' }).click();
}

test('the traffic control sets the load; the panel shows it served, then failing beyond what 4 pods serve', T, async () => {
  await withApp(suite, 'demand-traffic', { speed: 10 }, async ({ page }) => {
    await settled(page, 4, { timeout: 30_000 });
    await expose(page);
    await setLoad(page, 400);
    await eventually(() => traffic(page), (t) => t.offered === 400 && t.served === 400 && t.failed === 0, {
      what: '400 rps offered, all served',
    });
    assert.match(await consoleOutput(page).innerText(), /traffic web 400/);
    // 4 nginx pods serve 200 rps each
    await setLoad(page, 1000);
    const t = await eventually(() => traffic(page), (t) => t.offered === 1000 && t.failed === 200, {
      what: '200 of 1000 rps failing',
    });
    assert.equal(t.served, 800);
    await eventually(() => page.getByTestId('narration').innerText(), (s) => s.includes('200 of 1000 rps failing: not enough ready pods'), {
      what: 'the narration to say what fails',
    });
    await page.getByTestId('demand-chart').waitFor();
    await screenshot(page, 'demand-failing-1280');
    // A preset ramps down: nothing fails once it is quiet
    await page.getByRole('button', { name: 'Quiet 20 rps' }).click();
    await eventually(() => traffic(page), (t) => t.offered === 20 && t.failed === 0, { what: 'a quiet 20 rps' });
    assert.match(await consoleOutput(page).innerText(), /traffic web 20 --over 10/);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByTestId('traffic').scrollIntoViewIfNeeded();
    await screenshot(page, 'demand-traffic-360');
  });
});

test('a rolling update with maxUnavailable 0 under load fails no request: "0 requests failed since your last change"', T, async () => {
  await withApp(suite, 'demand-rollout-no-failures', { speed: 10 }, async ({ page }) => {
    const before = await settled(page, 4, { timeout: 30_000 });
    await expose(page);
    await setLoad(page, 600);
    await eventually(() => traffic(page), (t) => t.offered === 600, { what: '600 rps offered' });
    await page.getByLabel('maxUnavailable').fill('0');
    await page.getByRole('button', { name: 'Apply strategy' }).click();
    await eventually(() => page.getByLabel('maxUnavailable').inputValue(), (v) => v === '0', { what: 'the strategy applied' });
    await page.getByLabel(/^Image\b/).selectOption('nginx:1.26');
    await eventually(
      () => readPods(page),
      (pods) => pods.some((p) => p.rs !== before[0].rs),
      { what: 'the rollout to start', describe: describePods },
    );
    await settled(page, 4, { timeout: 60_000, revision: 2 });
    const t = await traffic(page);
    assert.equal(t.failedSince, 0, JSON.stringify(t));
    assert.match(t.sinceText, /^0 requests failed since your last change \(t=\d+s\)$/);
    assert.equal(t.failed, 0);
    await screenshot(page, 'demand-rollout-no-failures');
  });
});

/** Two pods asking for 100m of CPU, each serving 100 rps at 1m per request, behind a Service,
 * with an HPA (2 to 10 pods, 50% of the request) created at t=1. */
const AUTOSCALED = `seed: 0
duration: 900
images:
  app:v1: {readySeconds: 1, capacityRps: 100, cpuPerRequest: 1m, cpuIdle: 5m}
manifests: |
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    replicas: 2
    selector:
      matchLabels: {app: web}
    template:
      metadata:
        labels: {app: web}
      spec:
        containers:
        - name: web
          image: app:v1
          resources:
            requests:
              cpu: 100m
  ---
  apiVersion: v1
  kind: Service
  metadata:
    name: web
  spec:
    selector: {app: web}
    ports:
    - port: 80
actions:
  - {at: 1, run: "kubectl autoscale deployment/web --min=2 --max=10 --cpu-percent=50"}
`;

test('with an autoscaler, a lunch rush scales the pods up and the autoscaler shows desired and current', T, async () => {
  const link = `${suite.server.url}?speed=20#s=${Buffer.from(AUTOSCALED).toString('base64url')}`;
  await withApp(suite, 'demand-hpa-rush', { url: link }, async ({ page }) => {
    // A shared link opens paused
    await page.getByRole('button', { name: 'Play' }).click();
    await settled(page, 2, { timeout: 30_000 });
    const hpa = page.getByTestId('hpa');
    await hpa.waitFor();
    await page.getByRole('button', { name: 'Lunch rush' }).click();
    // The way back down waits its turn, shown in the control
    await eventually(() => page.locator('.traffic-control').innerText(), (s) => /At t=\d+s: traffic web 20 --over 60/.test(s), {
      what: 'the end of the rush to be announced',
    });
    const replicas = page.getByTestId('hpa-replicas');
    const scaled = await eventually(
      async () => ({
        desired: Number(await replicas.getAttribute('data-desired')),
        current: Number(await replicas.getAttribute('data-current')),
        pods: live(await readPods(page)).length,
      }),
      (r) => r.desired > 2 && r.pods > 2,
      { timeout: 60_000, what: 'the autoscaler to want more pods, and more pods' },
    );
    assert.match(await replicas.innerText(), new RegExp(`^${scaled.current} current / ${scaled.desired} desired, as of its last sync`));
    assert.match(await page.getByTestId('hpa-cpu').innerText(), /^\d+% \(target 50%\)$/);
    await eventually(() => page.getByTestId('narration').innerText(), (s) => /the autoscaler (wants \d+ pods|wants more pods)/.test(s), {
      what: 'the narration to say what the autoscaler wants',
    });
    // A pod's CPU, in its details
    await page.getByTestId('pod').first().click();
    assert.match(await page.getByTestId('pod-cpu').innerText(), /^\d+m of 100m requested$/);
    await page.getByRole('button', { name: 'Close' }).click();
    await screenshot(page, 'demand-hpa-rush-1280');
  });
});
