// Browser figures for scripts/bench-web.sh, against dist/ served locally in headless Chromium:
//   1. time from navigation start to the first Ready pod on screen (default speed, and ?speed=50)
//   2. frame rate while 1,000 pods roll to a new image
// Prints each command it runs and each figure.

import {
  startSuite,
  openApp,
  readPods,
  eventually,
  describePods,
  kubectlExpect,
} from '../tests/e2e/helpers.mjs';

const PODS = Number(process.env.BENCH_PODS ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SPEED = Number(process.env.BENCH_SPEED ?? 1);

const suite = await startSuite();
const say = (s) => console.log(s);
const figures = [];
try {
  // 1. Navigation to first Ready pod. performance.now() counts from navigation start.
  for (const speed of [null, 50]) {
    // An observer installed before the page's own scripts run records when the first pod and
    // the first Ready pod appear (performance.now() counts from navigation start).
    const ctx = await suite.browser.newContext();
    await ctx.addInitScript(() => {
      const seen = (window.__bench = {});
      const look = () => {
        if (seen.firstPod === undefined && document.querySelector('[data-testid="pod"]')) {
          seen.firstPod = performance.now();
        }
        if (seen.firstReady === undefined && document.querySelector('[data-testid="pod"][data-ready="true"]')) {
          seen.firstReady = performance.now();
        }
      };
      new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true });
    });
    const s = await openApp(suite, { speed, context: ctx });
    const t = await eventually(
      () => s.page.evaluate(() => ({ ...window.__bench })),
      (b) => b.firstReady !== undefined,
      { what: 'a Ready pod', timeout: 60_000 },
    );
    const nav = await s.page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return { domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd };
    });
    const where = speed ? `?speed=${speed}` : 'default speed';
    const label = `navigation -> first Ready pod (${where})`;
    const value = `${t.firstReady.toFixed(0)} ms (first pod drawn at ${t.firstPod.toFixed(0)} ms, load event at ${nav.load.toFixed(0)} ms)`;
    figures.push([label, value]);
    say(`${label}: ${value}`);
    s.assertClean();
    await s.close();
  }

  // 2. Frame rate with 1,000 pods during a rolling update.
  const s = await openApp(suite, { speed: 50, context: await suite.browser.newContext({ viewport: { width: 1280, height: 800 } }) });
  const { page } = s;
  await eventually(() => readPods(page), (p) => p.filter((x) => x.ready).length === 4, {
    what: '4 Ready pods', describe: describePods, timeout: 30_000,
  });
  let cmd = `kubectl scale deployment/web --replicas=${PODS}`;
  say(`$ ${cmd}`);
  await kubectlExpect(page, cmd, 'scaled');
  const t0 = Date.now();
  await eventually(() => page.locator('[data-testid="pod"][data-ready="true"]').count(), (n) => n >= PODS, {
    what: `${PODS} Ready pods`, timeout: 120_000, interval: 250,
  });
  say(`${PODS} pods Ready after ${((Date.now() - t0) / 1000).toFixed(1)} s wall time at ?speed=50`);
  if (SPEED !== 50) {
    // Slow down so that the rollout lasts through the measurement.
    const speedControl = page.getByLabel('Speed', { exact: true });
    if ((await speedControl.count()) > 0) {
      const tag = await speedControl.evaluate((e) => e.tagName);
      if (tag === 'SELECT') {
        const values = await speedControl.evaluate((e) => [...e.options].map((o) => o.value));
        const want = values.find((v) => Number(v) === SPEED) ?? values[0];
        await speedControl.selectOption(want);
      } else {
        await speedControl.fill(String(SPEED));
      }
      say(`speed control set to ${SPEED}`);
    }
  }
  const revisionsOnScreen = () =>
    page.evaluate(() => new Set([...document.querySelectorAll('[data-testid="pod"]')].map((e) => e.dataset.revision)).size);
  const measure = async (label) => {
    const before = await revisionsOnScreen();
    const fps = await page.evaluate(
      (seconds) =>
        new Promise((resolve) => {
          const times = [];
          const start = performance.now();
          const frame = (t) => {
            times.push(t);
            if (t - start < seconds * 1000) requestAnimationFrame(frame);
            else {
              const gaps = times.slice(1).map((x, i) => x - times[i]).sort((a, b) => a - b);
              const q = (f) => gaps[Math.min(gaps.length - 1, Math.floor(f * gaps.length))];
              const span = (times.at(-1) - times[0]) / 1000;
              resolve({ fps: (times.length - 1) / span, median: q(0.5), p95: q(0.95), worst: gaps.at(-1) });
            }
          };
          requestAnimationFrame(frame);
        }),
      SECONDS,
    );
    const after = await revisionsOnScreen();
    const value =
      `${fps.fps.toFixed(1)} fps (frame time median ${fps.median.toFixed(1)} ms, p95 ${fps.p95.toFixed(1)} ms, ` +
      `worst ${fps.worst.toFixed(1)} ms; revisions on screen: ${before} at the start, ${after} at the end)`;
    figures.push([label, value]);
    say(`${label}: ${value}`);
  };
  await measure(`frame rate, ${PODS} pods idle (${SECONDS} s of requestAnimationFrame)`);
  cmd = 'kubectl set image deployment/web web=nginx:1.26';
  say(`$ ${cmd}`);
  await kubectlExpect(page, cmd, 'image updated');
  await measure(`frame rate, ${PODS} pods during a rolling update (${SECONDS} s of requestAnimationFrame)`);
  // The same under load: a Service in front of the pods and traffic, then another update.
  for (const [line, said] of [
    ['kubectl expose deployment/web --port=80', 'exposed'],
    [`traffic web ${PODS * 150}`, 'requests per second'],
    ['kubectl set image deployment/web web=nginx:1.27', 'image updated'],
  ]) {
    say(`$ ${line}`);
    await kubectlExpect(page, line, said);
  }
  await measure(`frame rate, ${PODS} pods during a rolling update under ${PODS * 150} requests per second (${SECONDS} s of requestAnimationFrame)`);
  const pods = await readPods(page);
  say(`after the measurement: ${describePods(pods).slice(0, 300)}`);
  s.assertClean();
  await s.close();
} finally {
  await suite.close();
}

console.log('\nFigures');
for (const [k, v] of figures) console.log(`  ${k}: ${v}`);
