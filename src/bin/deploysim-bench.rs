//! The engine benchmark (a command, not a test): simulates rolling updates of 10,000 and
//! 100,000 replicas from start to finish and prints wall time and cost per tick.
//! Run with `cargo run --profile bench-native --bin deploysim-bench [REPLICAS...]`.
//!
//! Wall time depends on what else the machine runs; on Linux the on-CPU time of this process
//! (from `/proc/self/schedstat`) is printed beside it.

use std::time::Instant;

use deploysim::engine::{Deployment, SimConfig, Simulation};

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
