//! The engine benchmark (a command, not a test): simulates rolling updates of 10,000 and
//! 100,000 replicas from start to finish and prints wall time and cost per tick.
//! Run with `cargo run --profile bench-native --bin deploysim-bench`.

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
        "{:>9} {:>7} {:>12} {:>12} {:>14} {:>12}",
        "replicas", "ticks", "bring-up", "rollout", "per tick", "events"
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
    let ticks = sim.now() - first_tick + 1;
    println!(
        "{:>9} {:>7} {:>10.1}ms {:>10.1}ms {:>12.3}ms {:>12}",
        replicas,
        ticks,
        bring_up.as_secs_f64() * 1e3,
        rollout.as_secs_f64() * 1e3,
        rollout.as_secs_f64() * 1e3 / ticks as f64,
        events
    );
}

fn settled(sim: &Simulation, replicas: i32) -> bool {
    let d = sim.deployment("default", "web").expect("exists");
    d.status.available_replicas == replicas && d.status.replicas == replicas
}
