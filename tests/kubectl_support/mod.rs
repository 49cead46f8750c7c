//! What the kubectl scenario tests share: typing a line at the console, letting simulated time
//! pass, and the settled `web` Deployment most scenarios start from.

// Each test crate uses its own subset of these helpers.
#![allow(dead_code)]

use deploysim::engine::Simulation;
use deploysim::kubectl::{run, Files, Output};
use deploysim::scenario::testing::SimDriver;

/// Types one line at the console, with no files to read.
pub fn kubectl(sim: &mut Simulation, line: &str) -> Output {
    run(sim, line, &Files::none())
}

/// Runs the controllers on what was typed, then lets `n` seconds pass.
pub fn ticks(sim: &mut SimDriver, n: i64) {
    sim.run_tick();
    sim.drive_for(n);
}

/// A line kubectl accepts: what it prints.
pub fn ok(sim: &mut Simulation, line: &str) -> String {
    let out = kubectl(sim, line);
    assert!(out.ok, "{line}: {}", out.stderr);
    out.stdout
}

/// A line kubectl refuses, printing nothing on stdout: what it says on stderr.
pub fn err(sim: &mut Simulation, line: &str) -> String {
    let out = kubectl(sim, line);
    assert!(!out.ok, "{line} should fail: {}", out.stdout);
    assert_eq!(out.stdout, "");
    out.stderr
}

/// Given a deployment web with 3 replicas of nginx:1.25 that has settled for 20 seconds.
pub fn settled_web() -> SimDriver {
    let mut sim = SimDriver::default();
    assert_eq!(
        ok(
            &mut sim,
            "kubectl create deployment web --image=nginx:1.25 --replicas=3",
        ),
        "deployment.apps/web created\n"
    );
    ticks(&mut sim, 20);
    sim
}
