//! The engine benchmark (a command, not a test): simulates rolling updates of 10,000 and
//! 100,000 replicas from start to finish and prints wall time and cost per tick, then a
//! 1,000-replica Deployment with an HPA and traffic over a simulated hour, in ticks per second.
//! Run with `cargo run --profile bench-native --bin deploysim-bench [REPLICAS...]`.
//!
//! Wall time depends on what else the machine runs; on Linux the on-CPU time of this process
//! (from `/proc/self/schedstat`) is printed beside it.

use std::time::Instant;

use deploysim::engine::{Deployment, SimConfig, Simulation};
use deploysim::scenario::{Run, Scenario};

fn main() {
    let sizes: Vec<i32> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000, 100_000]
    } else {
        sizes
    };
    println!("rolling update of N replicas (nginx:1.25 -> nginx:1.26, maxSurge 25%, maxUnavailable 25%, 3 nodes)");
    println!(
        "{:>9} {:>7} {:>12} {:>12} {:>14} {:>12} {:>9}",
        "replicas", "ticks", "bring-up", "rollout", "rollout CPU", "per tick", "events"
    );
    for replicas in sizes {
        bench(replicas);
    }
    bench_autoscaled();
}

/// 1,000 replicas of `app:v1` behind a Service, an HPA (500 to 2,000 at 50% of 100m) and an
/// hour of traffic: 45,000 requests per second (50% on 1,000 pods), a ramp to 90,000 from
/// 600 s to 1,200 s, and down to 30,000 from 2,400 s to 3,000 s.
const AUTOSCALED: &str = "duration: 3600
images:
  app:v1: {pullSeconds: 1, readySeconds: 2, stopSeconds: 1, capacityRps: 100, cpuPerRequest: 1m, cpuIdle: 5m}
manifests: |
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web}
  spec:
    replicas: 1000
    selector: {matchLabels: {app: web}}
    template:
      metadata: {labels: {app: web}}
      spec:
        containers:
        - name: web
          image: app:v1
          ports: [{name: http, containerPort: 8080}]
          resources: {requests: {cpu: 100m}}
  ---
  apiVersion: v1
  kind: Service
  metadata: {name: web}
  spec:
    selector: {app: web}
    ports: [{port: 80, targetPort: http}]
traffic:
  - {at: 0, service: web, rps: 45000}
  - {at: 600, service: web, rps: 90000, over: 600}
  - {at: 2400, service: web, rps: 30000, over: 600}
actions:
  - {at: 0, run: \"kubectl autoscale deployment/web --min=500 --max=2000 --cpu-percent=50\"}
";

fn bench_autoscaled() {
    println!();
    println!("1,000-replica Deployment with an HPA (500..2,000 at 50%) and traffic over a simulated hour");
    println!(
        "{:>7} {:>12} {:>12} {:>14} {:>13} {:>13} {:>9} {:>9}",
        "ticks", "wall", "CPU", "ticks/s", "sync tick", "other tick", "peak", "events"
    );
    let scenario = Scenario::parse(AUTOSCALED, "autoscaled.yaml").expect("a valid scenario");
    let duration = scenario.duration;
    let start = Instant::now();
    let cpu_start = cpu_time();
    let mut run = Run::start(scenario).expect("starts");
    let (mut sync, mut other) = (Vec::new(), Vec::new());
    let (mut peak, mut events) = (0, 0usize);
    while run.tick() < duration {
        let tick_start = Instant::now();
        let record = run.step();
        let spent = tick_start.elapsed().as_secs_f64() * 1e3;
        if record.t % 15 == 0 {
            &mut sync
        } else {
            &mut other
        }
        .push(spent);
        events += record.events.len();
        peak = peak.max(
            run.sim()
                .deployment("default", "web")
                .expect("exists")
                .spec
                .replicas,
        );
    }
    let wall = start.elapsed().as_secs_f64();
    let cpu = match (cpu_start, cpu_time()) {
        (Some(a), Some(b)) => format!("{:.1}ms", (b - a) * 1e3),
        _ => "n/a".to_string(),
    };
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    println!(
        "{:>7} {:>10.1}ms {:>12} {:>14.0} {:>11.3}ms {:>11.3}ms {:>9} {:>9}",
        duration + 1,
        wall * 1e3,
        cpu,
        (duration + 1) as f64 / wall,
        mean(&sync),
        mean(&other),
        peak,
        events
    );
}

fn bench(replicas: i32) {
    let mut sim = Simulation::new(SimConfig::default());
    sim.create_deployment(Deployment::new(
        "default",
        "web",
        "web",
        "nginx:1.25",
        replicas,
    ))
    .expect("valid deployment");
    let start = Instant::now();
    sim.run_tick();
    while !settled(&sim, replicas) {
        sim.advance();
        sim.run_tick();
        sim.take_events();
    }
    let bring_up = start.elapsed();
    let mut d = sim.deployment("default", "web").expect("exists").clone();
    d.spec.template.spec.containers[0].image = "nginx:1.26".into();
    let start = Instant::now();
    let cpu_start = cpu_time();
    sim.advance();
    sim.update_deployment(d).expect("valid update");
    let first_tick = sim.now();
    let mut events = 0usize;
    loop {
        sim.run_tick();
        events += sim.take_events().len();
        sim.take_decisions();
        let done = settled(&sim, replicas)
            && sim
                .deployment("default", "web")
                .expect("exists")
                .status
                .updated_replicas
                == replicas
            && sim.pod_count() == replicas as usize;
        if done {
            break;
        }
        sim.advance();
    }
    let rollout = start.elapsed();
    let rollout_cpu = match (cpu_start, cpu_time()) {
        (Some(a), Some(b)) => format!("{:.1}ms", (b - a) * 1e3),
        _ => "n/a".to_string(),
    };
    let ticks = sim.now() - first_tick + 1;
    println!(
        "{:>9} {:>7} {:>10.1}ms {:>10.1}ms {:>14} {:>10.3}ms {:>9}",
        replicas,
        ticks,
        bring_up.as_secs_f64() * 1e3,
        rollout.as_secs_f64() * 1e3,
        rollout_cpu,
        rollout.as_secs_f64() * 1e3 / ticks as f64,
        events
    );
}

fn settled(sim: &Simulation, replicas: i32) -> bool {
    let d = sim.deployment("default", "web").expect("exists");
    d.status.available_replicas == replicas && d.status.replicas == replicas
}

/// Seconds this process has spent on a CPU (Linux `/proc/self/schedstat`), if available.
fn cpu_time() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/self/schedstat").ok()?;
    let nanos: f64 = text.split_whitespace().next()?.parse().ok()?;
    Some(nanos / 1e9)
}
