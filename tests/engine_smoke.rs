//! End-to-end checks of the engine: a Deployment comes up, rolls out, and settles.

use deploysim::engine::intstr::IntOrString;
use deploysim::engine::{
    Deployment, DeploymentConditionReason, DeploymentConditionType, Fencepost, SimConfig,
    Simulation, Step,
};
use deploysim::scenario::testing::SimDriver;

#[test]
fn given_a_new_deployment_when_time_passes_then_all_pods_become_ready() {
    let mut sim = SimDriver::default();
    sim.create_deployment(Deployment::new("default", "web", "web", "nginx:1.25", 4))
        .unwrap();
    sim.run_tick();
    assert_eq!(sim.pod_count(), 4);
    let t = sim.drive_until(60, |s| {
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
            e.reason(),
            e.object.label(),
            e.message()
        );
    }
}

#[test]
fn given_a_ready_deployment_when_the_image_changes_then_it_rolls_out_within_surge() {
    let mut sim = SimDriver::default();
    sim.create_deployment(Deployment::new("default", "web", "web", "nginx:1.25", 10))
        .unwrap();
    sim.run_tick();
    sim.drive_until(60, |s| {
        s.deployment("default", "web")
            .unwrap()
            .status
            .available_replicas
            == 10
    });
    sim.take_events();
    let mut d = sim.deployment("default", "web").unwrap().clone();
    d.spec.template.spec.containers[0].image = "nginx:1.26".into();
    sim.step_with(|s| {
        s.update_deployment(d).unwrap();
    });
    let done = sim.drive_until(200, |s| {
        let d = s.deployment("default", "web").unwrap();
        let total: i32 = s.replica_sets_of(d).iter().map(|rs| rs.spec.replicas).sum();
        assert!(total <= 13, "at most replicas + maxSurge");
        d.status.updated_replicas == 10
            && d.status.available_replicas == 10
            && d.status.replicas == 10
    });
    assert_eq!(
        done, 10,
        "three waves of surge and scale-down, three seconds apart"
    );
    let decisions = sim.take_decisions();
    let surge = decisions.iter().find_map(|d| match &d.step {
        Step::NewReplicaSetCreated { max_surge, .. } => Some(max_surge),
        _ => None,
    });
    assert_eq!(
        surge,
        Some(&Fencepost {
            written: IntOrString::Str("25%".into()),
            of: 10,
            value: 3
        }),
        "maxSurge 25% of 10 = 3 (rounded up): at most 10 + 3 = 13 pods in all"
    );
    let d = sim.deployment("default", "web").unwrap();
    let progressing = d
        .status
        .condition(DeploymentConditionType::Progressing)
        .unwrap();
    assert_eq!(
        progressing.reason,
        DeploymentConditionReason::NewReplicaSetAvailable
    );
    assert_eq!(d.revision(), 2);
}

#[test]
fn given_more_replicas_than_the_simulator_holds_then_the_api_refuses_and_changes_nothing() {
    let mut sim = Simulation::new(SimConfig::default());
    let err = sim
        .create_deployment(Deployment::new(
            "default",
            "web",
            "web",
            "nginx:1.25",
            100_001,
        ))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "The Deployment \"web\" is invalid: spec.replicas: Invalid value: 100001: must be less than or equal to 100000 (DeploySim simulates at most 100000 replicas per Deployment)"
    );
    assert_eq!(sim.deployments().count(), 0);
    sim.create_deployment(Deployment::new("default", "web", "web", "nginx:1.25", 3))
        .unwrap();
    let mut d = sim.deployment("default", "web").unwrap().clone();
    d.spec.replicas = 200_000;
    assert!(sim.update_deployment(d).is_err());
    assert_eq!(sim.deployment("default", "web").unwrap().spec.replicas, 3);
}
