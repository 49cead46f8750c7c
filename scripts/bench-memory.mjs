// The browser's memory over a simulated day, against dist/ served locally in headless Chromium:
// a Deployment of 10 pods under 800 requests per second, rolled to a new image every hour, with
// the Events tab open showing pod events, played from t=0 to t=86400 (a share link at t=86400,
// replayed a slice at a time), then 60 more seconds of the page left alone. Prints the JS heap
// (V8's used heap after a garbage collection) and the wasm memory at each stage, and fails when
// either is over its bound (JS_BOUND_MB, WASM_BOUND_MB).
//
// Usage: node scripts/bench-memory.mjs   (DIST_DIR=... for another build)

import { startSuite, openApp, eventually, openTab } from '../tests/e2e/helpers.mjs';

const JS_BOUND_MB = Number(process.env.JS_BOUND_MB ?? 16);
const WASM_BOUND_MB = Number(process.env.WASM_BOUND_MB ?? 64);

const image = '{pullSeconds: 1, readySeconds: 3, stopSeconds: 2, capacityRps: 100, cpuPerRequest: 2m, cpuIdle: 5m}';
const rollouts = Array.from({ length: 24 }, (_, h) => `  - {at: ${h * 3600 + 1800}, run: "kubectl set image deployment/web web=app:v${(h % 2) + 2}"}`);
const DAY = `title: A day under load
duration: 86400
images:
  "app:v1": ${image}
  "app:v2": ${image}
  "app:v3": ${image}
manifests: |
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web}
  spec:
    replicas: 10
    strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 2, maxUnavailable: 0}}
    selector: {matchLabels: {app: web}}
    template:
      metadata: {labels: {app: web}}
      spec:
        containers:
        - {name: web, image: "app:v1", ports: [{name: http, containerPort: 8080}], resources: {requests: {cpu: 100m}}}
  ---
  {apiVersion: v1, kind: Service, metadata: {name: web}, spec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}}
traffic:
  - {at: 5, service: web, rps: 800}
actions:
${rollouts.join('\n')}
`;

const suite = await startSuite();
const figures = [];
let over = false;
try {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  // The wasm instance, as Trunk's start script announces it.
  await context.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => {
      window.__wasm = e.detail.wasm;
    });
  });
  const url = `${suite.server.url}#s=${Buffer.from(DAY).toString('base64url')}&t=86400`;
  const s = await openApp(suite, { url, context });
  const { page } = s;
  const cdp = await context.newCDPSession(page);
  const measure = async (stage) => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? NaN);
    const mb = (n) => n / 1024 / 1024;
    const line = `${stage}: JS heap ${mb(usedSize).toFixed(1)} MiB, wasm memory ${mb(wasm).toFixed(1)} MiB`;
    console.log(line);
    figures.push(line);
    if (mb(usedSize) > JS_BOUND_MB || mb(wasm) > WASM_BOUND_MB || Number.isNaN(wasm)) over = true;
  };
  await page.getByTestId('replaying').waitFor();
  await measure('at t=0, replaying');
  const started = Date.now();
  await eventually(
    () => page.locator('.clock').innerText(),
    (t) => t === 't = 86400s',
    { what: 'the day replayed', timeout: 600_000, interval: 1000 },
  );
  console.log(`the day replayed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await measure('at t=86400 (24 rollouts, 800 rps all day)');
  await openTab(page, 'Conditions & events');
  await page.getByLabel(/Routine pod events/).check();
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.getByRole('button', { name: 'Play' }).click();
  await page.getByLabel('Speed', { exact: true }).selectOption('50');
  await page.waitForTimeout(60_000);
  await measure('after Reset and 60 s playing at 50x with the Events tab open');
  s.assertClean();
  await s.close();
} finally {
  await suite.close();
}
console.log(`\nBounds: JS heap ${JS_BOUND_MB} MiB, wasm memory ${WASM_BOUND_MB} MiB`);
for (const f of figures) console.log(`  ${f}`);
if (over) {
  console.error('over a bound');
  process.exit(1);
}
