//! `kubectl describe deployment|rs|pod`: the layout of KUBECTL.md §11, checked line by line on a
//! simulated rollout.

mod kubectl_support;

use deploysim::scenario::testing::SimDriver;
use kubectl_support::{kubectl, ok, settled_web, ticks};

#[test]
fn given_a_finished_rollout_then_describe_deployment_matches_the_reference_layout() {
    let mut sim = settled_web();
    let old = sim.replica_sets().next().expect("rs").metadata.name.clone();
    assert!(
        kubectl(
            &mut sim,
            "kubectl set image deployment/web nginx=nginx:1.26"
        )
        .ok
    );
    ticks(&mut sim, 100);
    let d = sim.deployment("default", "web").expect("web").clone();
    let new = sim
        .replica_sets()
        .map(|rs| rs.metadata.name.clone())
        .find(|n| *n != old)
        .expect("a second ReplicaSet");
    let out = kubectl(&mut sim, "kubectl describe deployment web");
    assert!(out.ok, "{}", out.stderr);
    let head = format!(
        "Name:                   web\n\
         Namespace:              default\n\
         CreationTimestamp:      Thu, 01 Jan 2026 00:00:00 +0000\n\
         Labels:                 app=web\n\
         Annotations:            deployment.kubernetes.io/revision: 2\n\
         Selector:               app=web\n\
         Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable\n\
         StrategyType:           RollingUpdate\n\
         MinReadySeconds:        0\n\
         RollingUpdateStrategy:  25% max unavailable, 25% max surge\n\
         Pod Template:\n\
         \x20 Labels:  app=web\n\
         \x20 Containers:\n\
         \x20  nginx:\n\
         \x20   Image:         nginx:1.26\n\
         \x20   Port:          <none>\n\
         \x20   Host Port:     <none>\n\
         \x20   Environment:   <none>\n\
         \x20   Mounts:        <none>\n\
         \x20 Volumes:         <none>\n\
         \x20 Node-Selectors:  <none>\n\
         \x20 Tolerations:     <none>\n\
         Conditions:\n\
         \x20 Type           Status  Reason\n\
         \x20 ----           ------  ------\n\
         \x20 Available      True    MinimumReplicasAvailable\n\
         \x20 Progressing    True    NewReplicaSetAvailable\n\
         OldReplicaSets:  {old} (0/0 replicas created)\n\
         NewReplicaSet:   {new} (3/3 replicas created)\n\
         Events:\n"
    );
    assert!(
        out.stdout.starts_with(&head),
        "got:\n{}\nwant prefix:\n{head}",
        out.stdout
    );
    let events: Vec<&str> = out.stdout[head.len()..].lines().collect();
    assert!(
        events[0].starts_with("  Type    Reason             Age"),
        "{}",
        events[0]
    );
    assert!(
        events[1].starts_with("  ----    ------             ----"),
        "{}",
        events[1]
    );
    let scaling: Vec<&&str> = events[2..]
        .iter()
        .filter(|l| l.starts_with("  Normal  ScalingReplicaSet  "))
        .collect();
    assert_eq!(scaling.len(), events.len() - 2, "{events:#?}");
    assert!(events[2].ends_with(&format!(
        "deployment-controller  Scaled up replica set {old} from 0 to 3"
    )));
    assert!(events
        .last()
        .expect("events")
        .ends_with(&format!("Scaled down replica set {old} from 1 to 0")));
    assert_eq!(d.status.available_replicas, 3);
}

#[test]
fn describe_accepts_a_name_prefix_and_describes_pods_and_replica_sets() {
    let mut sim = SimDriver::default();
    ok(
        &mut sim,
        "kubectl create deployment web --image=nginx:1.25 --replicas=2",
    );
    ticks(&mut sim, 20);
    let rs = kubectl(&mut sim, "kubectl describe rs web");
    assert!(rs.ok);
    assert!(
        rs.stdout.starts_with("Name:           web-"),
        "{}",
        rs.stdout
    );
    assert!(rs.stdout.contains("\nControlled By:  Deployment/web\n"));
    assert!(rs
        .stdout
        .contains("\nReplicas:       2 current / 2 desired\n"));
    assert!(rs
        .stdout
        .contains("\nPods Status:    2 Running / 0 Waiting / 0 Succeeded / 0 Failed\n"));
    let pods = kubectl(&mut sim, "kubectl describe pods web");
    assert!(pods.ok);
    assert_eq!(pods.stdout.matches("\nStatus:").count(), 2);
    let first = pods.stdout.split("\n\n\n").next().expect("first pod");
    for line in [
        "Namespace:        default",
        "Service Account:  default",
        "Status:           Running",
        "    State:          Running",
        "    Ready:          True",
        "    Restart Count:  0",
        "QoS Class:                    BestEffort",
        "  Normal  Scheduled",
        "default-scheduler  Successfully assigned default/web-",
        "kubelet            Pulling image \"nginx:1.25\"",
        "kubelet            Started container nginx",
    ] {
        assert!(first.contains(line), "missing {line:?} in\n{first}");
    }
    let none = kubectl(&mut sim, "kubectl describe pod zzz");
    assert_eq!(
        none.stderr,
        "Error from server (NotFound): pods \"zzz\" not found\n"
    );
}

#[test]
fn describe_node_shows_the_cordon_taint_and_the_pods_bound_to_it() {
    let mut sim = settled_web();
    assert!(kubectl(&mut sim, "kubectl cordon node-1").ok);
    let on_node: Vec<String> = sim
        .pods()
        .filter(|p| p.node_name.as_deref() == Some("node-1"))
        .map(|p| p.metadata.name.clone())
        .collect();
    let out = kubectl(&mut sim, "kubectl describe node node-1");
    assert!(out.ok, "{}", out.stderr);
    let text = out.stdout;
    for line in [
        "Name:               node-1\n",
        "Roles:              <none>\n",
        "Taints:             node.kubernetes.io/unschedulable:NoSchedule\n",
        "Unschedulable:      true\n",
        "  InternalIP:  192.168.49.2\n",
        "  Kubelet Version:            v1.34.0\n",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    assert!(
        text.contains(&format!(
            "Non-terminated Pods:          ({} in total)\n",
            on_node.len()
        )),
        "{text}"
    );
    for pod in &on_node {
        assert!(
            text.contains(&format!("  default                     {pod}")),
            "{text}"
        );
    }
    // the events line joins the column block of the resource totals above it
    assert!(
        text.ends_with("  memory    0 (0%)    0 (0%)\nEvents:     <none>\n"),
        "{text}"
    );
}

#[test]
fn given_an_image_that_cannot_be_pulled_then_describe_pod_counts_the_repeated_events() {
    let mut sim = SimDriver::default();
    ok(
        &mut sim,
        "kubectl create deployment web --image=nginx:9.9.9",
    );
    ticks(&mut sim, 120);
    let out = kubectl(&mut sim, "kubectl describe pod web");
    assert!(out.ok, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("      Reason:       ImagePullBackOff\n")
            || out.stdout.contains("      Reason:       ErrImagePull\n"),
        "{}",
        out.stdout
    );
    let events: Vec<&str> = out
        .stdout
        .lines()
        .skip_while(|l| *l != "Events:")
        .skip(3)
        .collect();
    let backoff = events
        .iter()
        .find(|l| l.contains("Back-off pulling image \"nginx:9.9.9\""))
        .expect("a back-off event");
    assert!(
        backoff.contains(" (x"),
        "repeated events are counted: {backoff}"
    );
    assert!(backoff.contains("kubelet"), "{backoff}");
    // each distinct message appears once
    let mut messages: Vec<&str> = events
        .iter()
        .map(|l| l.rsplit("  ").next().unwrap_or(""))
        .collect();
    let total = messages.len();
    messages.sort_unstable();
    messages.dedup();
    assert_eq!(messages.len(), total, "{events:#?}");
}
