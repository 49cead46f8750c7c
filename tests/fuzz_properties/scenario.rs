//! The `scenario` fuzz property: any text is a scenario file `Scenario::parse` accepts or refuses
//! with a message naming the file; an accepted scenario saved with `to_yaml` reads back as the
//! same scenario; and it starts (or its manifests are refused, with a message) and plays its
//! first ticks without a panic. So that no input makes one run last seconds, a scenario whose
//! manifests ask for more than `MAX_REPLICAS` pods is only read, not played, and playing stops
//! once its Deployments ask for more.

use deploysim::manifest::{parse_documents, ManifestObject};
use deploysim::scenario::{Run, Scenario, ScenarioError};

/// The name the file is read under.
const SOURCE: &str = "fuzzed.yaml";
/// Most pods a scenario's Deployments may ask for and be played.
const MAX_REPLICAS: i64 = 64;
/// Ticks played after tick 0.
const TICKS: i64 = 8;

/// Runs the property on one input; panics where it does not hold.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let scenario = match Scenario::parse(text, SOURCE) {
        Ok(scenario) => scenario,
        Err(error) => {
            let message = error.to_string();
            assert!(
                message.starts_with(&format!("{SOURCE}: ")) && message.len() > SOURCE.len() + 2,
                "a refusal that does not say why: {message:?}"
            );
            return;
        }
    };
    let saved = scenario.to_yaml();
    match Scenario::parse(&saved, SOURCE) {
        Ok(again) => assert_eq!(again, scenario, "saved as\n{saved}"),
        Err(error) => panic!("a saved scenario does not read back: {error}\n{saved}"),
    }
    if manifest_replicas(&scenario.manifests) > MAX_REPLICAS {
        return;
    }
    let mut run = match Run::start(scenario) {
        Ok(run) => run,
        Err(ScenarioError::Manifests { message, .. }) => {
            assert!(!message.is_empty(), "manifests refused without a word");
            return;
        }
        Err(other) => panic!("a checked scenario fails to start otherwise: {other}"),
    };
    while run.tick() < TICKS.min(run.scenario().duration) {
        let asked: i64 = run
            .sim()
            .deployments()
            .map(|d| i64::from(d.spec.replicas))
            .sum();
        if asked > MAX_REPLICAS {
            return;
        }
        run.step();
    }
}

/// The pods the manifests' Deployments ask for, and at least the autoscalers' minimum each.
fn manifest_replicas(manifests: &str) -> i64 {
    let Ok(objects) = parse_documents(manifests) else {
        return 0;
    };
    objects
        .iter()
        .map(|object| match object {
            ManifestObject::Deployment(d) => i64::from(d.spec.replicas),
            ManifestObject::HorizontalPodAutoscaler(h) => i64::from(h.spec.min_replicas),
            ManifestObject::Service(_) | ManifestObject::Other { .. } => 0,
        })
        .sum()
}
