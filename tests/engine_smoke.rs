//! End-to-end checks of the engine: a Deployment comes up, rolls out, and settles.

use deploysim::engine::{Deployment, SimConfig, Simulation};

fn run_until(sim: &mut Simulation, limit: i64, done: impl Fn(&Simulation) -> bool) -> i64 {
    while sim.now() < limit {
        sim.advance();
        sim.run_tick();
        if done(sim) {
            return sim.now();
        }
    }
    panic!("condition not reached by tick {limit}");
}

#[test]
fn given_a_new_deployment_when_time_passes_then_all_pods_become_ready() {
    let mut sim = Simulation::new(SimConfig::default());
    sim.create_deployment(Deployment::new("default", "web", "web", "nginx:1.25", 4))
        .unwrap();
    sim.run_tick();
    assert_eq!(sim.pod_count(), 4);
    let t = run_until(&mut sim, 60, |s| {
        s.deployment("default", "web")
            .unwrap()
            .status
            .available_replicas
            == 4
    });
    assert_eq!(t, 3, "nginx pulls in 2 s and is ready 1 s later");
    for e in sim.take_events() {
        println!(
            "{} {:?} {} {}",
            e.time,
            e.reason,
            e.object_label(),
            e.message
        );
    }
}

#[test]
fn given_a_ready_deployment_when_the_image_changes_then_it_rolls_out_within_surge() {
    let mut sim = Simulation::new(SimConfig::default());
    sim.create_deployment(Deployment::new("default", "web", "web", "nginx:1.25", 10))
        .unwrap();
    sim.run_tick();
    run_until(&mut sim, 60, |s| {
        s.deployment("default", "web")
            .unwrap()
            .status
            .available_replicas
            == 10
    });
    sim.take_events();
    let mut d = sim.deployment("default", "web").unwrap().clone();
    d.spec.template.spec.containers[0].image = "nginx:1.26".into();
    sim.advance();
    sim.update_deployment(d).unwrap();
    sim.run_tick();
    let done = run_until(&mut sim, 200, |s| {
        let d = s.deployment("default", "web").unwrap();
        let total: i32 = s.replica_sets_of(d).iter().map(|rs| rs.spec.replicas).sum();
        assert!(total <= 13, "at most replicas + maxSurge");
        d.status.updated_replicas == 10
            && d.status.available_replicas == 10
            && d.status.replicas == 10
    });
    for e in sim.take_events() {
        if e.object.kind == "Deployment" {
            println!("{} {}", e.time, e.message);
        }
    }
    for dec in sim.take_decisions() {
        println!("{} {}", dec.time, dec.text);
    }
    let d = sim.deployment("default", "web").unwrap();
    println!("done at {done}: {:?}", d.status.conditions);
    assert_eq!(d.revision(), 2);
}
