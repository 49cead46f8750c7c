//! `kubectl get`: the tables of KUBECTL.md §8–§10 read from a simulation driven tick by tick.

mod kubectl_support;

use deploysim::engine::{SimConfig, Simulation};
use deploysim::scenario::testing::SimDriver;
use kubectl_support::{kubectl, settled_web, ticks};

#[test]
fn given_a_settled_deployment_when_getting_deployments_then_the_table_matches_kubectl() {
    let mut sim = settled_web();
    let out = kubectl(&mut sim, "kubectl get deployments");
    assert!(out.ok);
    assert_eq!(
        out.stdout,
        "NAME   READY   UP-TO-DATE   AVAILABLE   AGE\n\
         web    3/3     3            3           20s\n"
    );
    assert_eq!(out.stderr, "");
    let wide = kubectl(&mut sim, "kubectl get deploy -o wide");
    assert_eq!(
        wide.stdout,
        "NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR\n\
         web    3/3     3            3           20s   nginx        nginx:1.25   app=web\n"
    );
    let labels = kubectl(&mut sim, "kubectl get deployment.apps web --show-labels");
    assert_eq!(
        labels.stdout,
        "NAME   READY   UP-TO-DATE   AVAILABLE   AGE   LABELS\n\
         web    3/3     3            3           20s   app=web\n"
    );
    let all = kubectl(&mut sim, "kubectl get deploy -A");
    assert_eq!(
        all.stdout,
        "NAMESPACE   NAME   READY   UP-TO-DATE   AVAILABLE   AGE\n\
         default     web    3/3     3            3           20s\n"
    );
}

#[test]
fn given_a_settled_deployment_then_rs_pods_and_names_are_listed() {
    let mut sim = settled_web();
    let rs = sim
        .replica_sets()
        .next()
        .expect("one ReplicaSet")
        .metadata
        .name
        .clone();
    let out = kubectl(&mut sim, "kubectl get rs");
    assert_eq!(
        out.stdout,
        format!(
            "NAME             DESIRED   CURRENT   READY   AGE\n{rs}   3         3         3       20s\n"
        )
    );
    let pods = kubectl(&mut sim, "kubectl get po");
    let lines: Vec<&str> = pods.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "NAME                   READY   STATUS    RESTARTS   AGE"
    );
    assert_eq!(lines.len(), 4);
    for line in &lines[1..] {
        assert!(line.starts_with(&format!("{rs}-")), "{line}");
        assert!(
            line.ends_with("   1/1     Running   0          20s"),
            "{line}"
        );
    }
    let names = kubectl(&mut sim, "kubectl get deploy,rs -o name");
    assert_eq!(
        names.stdout,
        format!("deployment.apps/web\nreplicaset.apps/{rs}\n")
    );
    let selected = kubectl(&mut sim, "kubectl get pods -l app=web -o name");
    assert_eq!(selected.stdout.lines().count(), 3);
    let none = kubectl(&mut sim, "kubectl get pods -l app=db");
    assert!(none.ok);
    assert_eq!(none.stdout, "");
    assert_eq!(none.stderr, "No resources found in default namespace.\n");
}

#[test]
fn given_several_kinds_then_each_table_is_prefixed_with_its_kind() {
    let mut sim = settled_web();
    let out = kubectl(&mut sim, "kubectl get deploy,rs");
    let text = out.stdout;
    assert!(text.starts_with(
        "NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment.apps/web   3/3"
    ));
    assert!(text.contains("\n\nNAME                             DESIRED   CURRENT   READY   AGE\nreplicaset.apps/web-"));
}

#[test]
fn get_all_lists_pods_then_deployments_then_replica_sets_in_the_order_asked() {
    let mut sim = settled_web();
    let out = kubectl(&mut sim, "kubectl get all -o name");
    let kinds: Vec<&str> = out
        .stdout
        .lines()
        .map(|l| l.split('/').next().unwrap_or_default())
        .collect();
    assert_eq!(
        kinds,
        ["pod", "pod", "pod", "deployment.apps", "replicaset.apps"]
    );
    let out = kubectl(&mut sim, "kubectl get rs,deploy -o name");
    assert!(
        out.stdout.starts_with("replicaset.apps/web-"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.ends_with("deployment.apps/web\n"),
        "{}",
        out.stdout
    );
    let watch = kubectl(&mut sim, "kubectl get pods -w");
    assert!(!watch.ok);
    assert!(watch.stderr.starts_with("error: --watch is not available"));
}

#[test]
fn given_three_nodes_when_one_is_cordoned_then_the_node_table_says_so() {
    let mut sim = SimDriver::default();
    ticks(&mut sim, 65);
    assert_eq!(
        kubectl(&mut sim, "kubectl cordon node-2").stdout,
        "node/node-2 cordoned\n"
    );
    let out = kubectl(&mut sim, "kubectl get nodes");
    assert_eq!(
        out.stdout,
        "NAME     STATUS                     ROLES    AGE   VERSION\n\
         node-1   Ready                      <none>   65s   v1.34.0\n\
         node-2   Ready,SchedulingDisabled   <none>   65s   v1.34.0\n\
         node-3   Ready                      <none>   65s   v1.34.0\n"
    );
}

#[test]
fn missing_objects_and_empty_namespaces_are_reported_like_kubectl() {
    let mut sim = settled_web();
    let out = kubectl(&mut sim, "kubectl get deployment nope");
    assert!(!out.ok);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "Error from server (NotFound): deployments.apps \"nope\" not found\n"
    );
    let empty = kubectl(&mut sim, "kubectl get deploy -n prod");
    assert!(empty.ok);
    assert_eq!(empty.stderr, "No resources found in prod namespace.\n");
    let unknown = kubectl(&mut sim, "kubectl get foo");
    assert_eq!(
        unknown.stderr,
        "error: the server doesn't have a resource type \"foo\"\n"
    );
    let bad = kubectl(&mut sim, "kubectl get deploy -o table");
    assert!(!bad.ok);
    assert!(bad
        .stderr
        .starts_with("error: unable to match a printer suitable for the output format \"table\""));
}

#[test]
fn yaml_of_one_object_is_the_object_and_of_a_listing_is_a_list() {
    let mut sim = settled_web();
    let one = kubectl(&mut sim, "kubectl get deploy web -o yaml");
    assert!(
        one.stdout
            .starts_with("apiVersion: apps/v1\nkind: Deployment\n"),
        "{}",
        one.stdout
    );
    let list = kubectl(&mut sim, "kubectl get deploy -o yaml");
    assert!(list
        .stdout
        .starts_with("apiVersion: v1\nitems:\n- apiVersion: apps/v1\n  kind: Deployment\n"));
    assert!(list
        .stdout
        .ends_with("kind: List\nmetadata:\n  resourceVersion: \"\"\n"));
    let json = kubectl(&mut sim, "kubectl get deploy web -o json");
    assert!(
        json.stdout
            .starts_with("{\n    \"apiVersion\": \"apps/v1\",\n"),
        "{}",
        json.stdout
    );
}

#[test]
fn given_a_crashing_image_then_pods_show_restarts_with_their_age() {
    use deploysim::engine::{ImageProfile, ImageRegistry};
    let mut images = ImageRegistry::builtin();
    images.set(
        "crashy:1",
        ImageProfile {
            crash_after_seconds: Some(5),
            ..ImageProfile::DEFAULT
        },
    );
    let mut sim = SimDriver::new(Simulation::new(SimConfig {
        images,
        ..SimConfig::default()
    }));
    assert!(
        kubectl(
            &mut sim,
            "kubectl create deployment crashy --image=crashy:1"
        )
        .ok
    );
    let mut seen = Vec::new();
    sim.run_tick();
    for _ in 0..120 {
        let pod = sim.pods().next().expect("one pod");
        let status = deploysim::kubectl::pod_status(pod);
        if seen.last() != Some(&status) {
            seen.push(status);
        }
        sim.step();
    }
    assert!(seen.contains(&"CrashLoopBackOff".to_string()), "{seen:?}");
    assert!(seen.contains(&"Running".to_string()), "{seen:?}");
    let table = kubectl(&mut sim, "kubectl get pods").stdout;
    let row = table.lines().nth(1).expect("a row");
    // RESTARTS reads like `4 (12s ago)`
    let restarts = row
        .split_whitespace()
        .skip(3)
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        restarts.contains(" (") && restarts.contains("s ago)"),
        "{row}"
    );
}
