//! A short, fixed rolling-update story told to the engine directly, written out one line per
//! tick. The native test (`tests/web_parity.rs`) and the browser test (`tests/web.rs`) both play
//! it and compare it with the same golden file: the engine must give byte-identical results on
//! 64-bit native and 32-bit wasm (no `usize` or platform RNG leaking into the simulation).

use deploysim::engine::{Deployment, SimConfig, Simulation};
use deploysim::scenario::testing::SimDriver;
use std::fmt::Write;

/// The golden file both platforms must reproduce.
pub const GOLDEN_PATH: &str = "tests/golden/web_trace.txt";

/// Given the default 3-node cluster and seed 7, a 4-replica `web` Deployment on nginx:1.25;
/// at tick 10 the image moves to nginx:1.26; at tick 25 it scales to 6; at tick 40 it rolls back
/// to nginx:1.25 by editing the template. Runs ticks 0..=60.
pub fn rolling_update_trace() -> String {
    let mut sim = SimDriver::new(Simulation::new(SimConfig {
        seed: 7,
        ..SimConfig::default()
    }));
    let mut out = String::new();
    sim.create_deployment(Deployment::new("default", "web", "web", "nginx:1.25", 4))
        .expect("a valid deployment");
    sim.run_tick();
    write_tick(&mut out, &mut sim);
    for t in 1..=60 {
        sim.step_with(|sim| {
            if !matches!(t, 10 | 25 | 40) {
                return;
            }
            let mut d = sim
                .deployment("default", "web")
                .expect("web exists")
                .clone();
            match t {
                10 => d.spec.template.spec.containers[0].image = "nginx:1.26".into(),
                25 => d.spec.replicas = 6,
                _ => d.spec.template.spec.containers[0].image = "nginx:1.25".into(),
            }
            sim.update_deployment(d).expect("a valid update");
        });
        write_tick(&mut out, &mut sim);
    }
    out
}

/// One tick of the trace: its pods, then the events it reported.
fn write_tick(out: &mut String, sim: &mut SimDriver) {
    let _ = write!(out, "t={}", sim.now());
    for pod in sim.pods() {
        let _ = write!(
            out,
            " {}:{}:{}{}",
            pod.metadata.name,
            pod.phase.as_str(),
            if pod.is_ready() { "ready" } else { "-" },
            if pod.is_terminating() { ":term" } else { "" },
        );
    }
    out.push('\n');
    for event in sim.take_events() {
        let _ = writeln!(out, "  {} {}", event.object.label(), event.message());
    }
}
