//! `kubectl describe deployment|rs|pod|node [NAME]` (kubectl `pkg/describe/describe.go`), rendered
//! with the describe tab writer (KUBECTL.md §11). A name that matches nothing exactly selects
//! every object whose name starts with it, as kubectl does.

pub mod events;
pub mod fields;
pub mod node;
pub mod template;

use crate::engine::{
    ApiError, ConditionStatus, ContainerState, Deployment, Node, ObjectKind, Pod, PodPhase,
    ReplicaSet, Service, Simulation, WaitingReason,
};
use crate::manifest::clock::rfc1123z;

use super::duration::human_duration;
use super::error::CmdError;
use super::parse::{select, FlagKind, FlagSpec, Kind, Parsed, Selection, NAMESPACE};
use super::pod_info::{node_ip, pod_ip};
use super::revisions::{new_replica_set, old_replica_sets};
use super::Output;

pub const FLAGS: &[FlagSpec] = &[
    NAMESPACE,
    FlagSpec::new("all-namespaces", Some('A'), FlagKind::Bool),
    FlagSpec::new("selector", Some('l'), FlagKind::Str),
];

pub fn run(sim: &Simulation, p: &Parsed) -> Result<Output, CmdError> {
    if p.args.is_empty() {
        return Err(CmdError::usage(
            "Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).",
            "kubectl describe",
        ));
    }
    let selection = select(&p.args, "describe")?;
    let namespace = p.namespace();
    let all = p.bool("all-namespaces");
    let selector = super::selector::Selector::parse(p.str("selector").unwrap_or(""))?;
    let mut texts = Vec::new();
    let mut errors = Vec::new();
    let mut wanted: Vec<(Kind, Option<String>)> = Vec::new();
    match &selection {
        Selection::Types { kinds, names } if names.is_empty() => {
            wanted.extend(kinds.iter().map(|k| (*k, None)));
        }
        _ => wanted.extend(selection.pairs().into_iter().map(|(k, n)| (k, Some(n)))),
    }
    for (kind, name) in wanted {
        let in_scope = |ns: &str| all || ns == namespace;
        // exact name, else every name with that prefix, else NotFound
        let pick = |candidate: &str| match &name {
            None => true,
            Some(n) => candidate.starts_with(n.as_str()),
        };
        let exact = |candidate: &str| name.as_deref() == Some(candidate);
        let before = texts.len();
        match kind {
            Kind::Deployment => {
                let list: Vec<&Deployment> = sim
                    .deployments()
                    .filter(|d| {
                        in_scope(&d.metadata.namespace) && selector.matches(&d.metadata.labels)
                    })
                    .collect();
                let chosen = narrow(&list, |d| &d.metadata.name, pick, exact);
                texts.extend(chosen.into_iter().map(|d| describe_deployment(sim, d)));
            }
            Kind::ReplicaSet => {
                let list: Vec<&ReplicaSet> = sim
                    .replica_sets()
                    .filter(|r| {
                        in_scope(&r.metadata.namespace) && selector.matches(&r.metadata.labels)
                    })
                    .collect();
                let chosen = narrow(&list, |r| &r.metadata.name, pick, exact);
                texts.extend(chosen.into_iter().map(|r| describe_replica_set(sim, r)));
            }
            Kind::Pod => {
                let list: Vec<&Pod> = sim
                    .pods()
                    .filter(|p| {
                        in_scope(&p.metadata.namespace) && selector.matches(&p.metadata.labels)
                    })
                    .collect();
                let chosen = narrow(&list, |p| &p.metadata.name, pick, exact);
                texts.extend(chosen.into_iter().map(|p| describe_pod(sim, p)));
            }
            Kind::HorizontalPodAutoscaler => {
                let list: Vec<&crate::engine::HorizontalPodAutoscaler> = sim
                    .horizontal_pod_autoscalers()
                    .filter(|h| {
                        in_scope(&h.metadata.namespace) && selector.matches(&h.metadata.labels)
                    })
                    .collect();
                let chosen = narrow(&list, |h| &h.metadata.name, pick, exact);
                texts.extend(
                    chosen
                        .into_iter()
                        .map(|h| super::autoscale::describe_hpa(sim, h)),
                );
            }
            Kind::Node => {
                let list: Vec<&Node> = sim
                    .nodes()
                    .iter()
                    .filter(|n| selector.matches(&n.labels))
                    .collect();
                let chosen = narrow(&list, |n| &n.name, pick, exact);
                texts.extend(chosen.into_iter().map(|n| node::describe_node(sim, n)));
            }
            Kind::Service => {
                let list: Vec<&Service> = sim
                    .services()
                    .filter(|s| {
                        in_scope(&s.metadata.namespace) && selector.matches(&s.metadata.labels)
                    })
                    .collect();
                let chosen = narrow(&list, |s| &s.metadata.name, pick, exact);
                texts.extend(
                    chosen
                        .into_iter()
                        .map(|s| super::services::describe_service(sim, s)),
                );
            }
            Kind::Endpoints => {
                return Err(CmdError::other(
                    "describing endpoints is not simulated: \"kubectl get endpoints\" lists them and \"kubectl describe service\" shows them per port",
                ));
            }
        }
        if texts.len() == before {
            if let Some(name) = name {
                errors.push(CmdError::Api(ApiError::not_found(kind.resource(), &name)));
            }
        }
    }
    let stderr: String = errors.iter().map(|e| format!("{e}\n")).collect();
    if texts.is_empty() && errors.is_empty() {
        return Ok(Output {
            ok: true,
            stdout: String::new(),
            stderr: if all {
                "No resources found\n".to_string()
            } else {
                format!("No resources found in {namespace} namespace.\n")
            },
            deferred: false,
        });
    }
    Ok(Output {
        ok: errors.is_empty(),
        stdout: texts.join("\n\n"),
        stderr,
        deferred: false,
    })
}

/// The exact match if there is one, else every prefix match.
fn narrow<'a, T>(
    list: &[&'a T],
    name: impl Fn(&T) -> &String,
    pick: impl Fn(&str) -> bool,
    exact: impl Fn(&str) -> bool,
) -> Vec<&'a T> {
    if let Some(found) = list.iter().find(|o| exact(name(o))) {
        return vec![*found];
    }
    list.iter().filter(|o| pick(name(o))).copied().collect()
}

/// `describeDeployment` (KUBECTL.md §11).
pub fn describe_deployment(sim: &Simulation, d: &Deployment) -> String {
    let mut out = String::new();
    out.push_str(&format!("Name:\t{}\n", d.metadata.name));
    out.push_str(&format!("Namespace:\t{}\n", d.metadata.namespace));
    out.push_str(&format!(
        "CreationTimestamp:\t{}\n",
        rfc1123z(d.metadata.creation_timestamp)
    ));
    fields::labels(&mut out, "", "Labels", &d.metadata.labels);
    fields::annotations(&mut out, "", "Annotations", &d.metadata.annotations);
    out.push_str(&format!(
        "Selector:\t{}\n",
        d.spec.selector.to_selector_string()
    ));
    out.push_str(&format!(
        "Replicas:\t{} desired | {} updated | {} total | {} available | {} unavailable\n",
        d.spec.replicas,
        d.status.updated_replicas,
        d.status.replicas,
        d.status.available_replicas,
        d.status.unavailable_replicas
    ));
    out.push_str(&format!(
        "StrategyType:\t{}\n",
        d.spec.strategy.kind.as_str()
    ));
    out.push_str(&format!("MinReadySeconds:\t{}\n", d.spec.min_ready_seconds));
    if let Some(ru) = &d.spec.strategy.rolling_update {
        let text = |v: &Option<crate::engine::intstr::IntOrString>| {
            v.as_ref().map_or("<nil>".to_string(), ToString::to_string)
        };
        out.push_str(&format!(
            "RollingUpdateStrategy:\t{} max unavailable, {} max surge\n",
            text(&ru.max_unavailable),
            text(&ru.max_surge)
        ));
    }
    out.push_str(&template::pod_template(&d.spec.template));
    if !d.status.conditions.is_empty() {
        out.push_str("Conditions:\n  Type\tStatus\tReason\n");
        out.push_str("  ----\t------\t------\n");
        for c in &d.status.conditions {
            out.push_str(&format!(
                "  {} \t{}\t{}\n",
                c.kind.as_str(),
                c.status.as_str(),
                c.reason.as_str()
            ));
        }
    }
    let new = new_replica_set(sim, d);
    let old = old_replica_sets(sim, d);
    if new.is_some() || !old.is_empty() {
        out.push_str(&format!("OldReplicaSets:\t{}\n", replica_sets_text(&old)));
        out.push_str(&format!(
            "NewReplicaSet:\t{}\n",
            replica_sets_text(&new.into_iter().collect::<Vec<_>>())
        ));
    }
    let (namespace, name) = (&d.metadata.namespace, &d.metadata.name);
    events::with_events(&out, sim, ObjectKind::Deployment, namespace, name)
}

/// `printReplicaSetsByLabels`: `name (current/desired replicas created)`, joined by `, `.
fn replica_sets_text(list: &[&ReplicaSet]) -> String {
    if list.is_empty() {
        return "<none>".to_string();
    }
    list.iter()
        .map(|rs| {
            format!(
                "{} ({}/{} replicas created)",
                rs.metadata.name, rs.status.replicas, rs.spec.replicas
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `ReplicaSetDescriber`.
pub fn describe_replica_set(sim: &Simulation, rs: &ReplicaSet) -> String {
    let mut out = String::new();
    out.push_str(&format!("Name:\t{}\n", rs.metadata.name));
    out.push_str(&format!("Namespace:\t{}\n", rs.metadata.namespace));
    out.push_str(&format!(
        "Selector:\t{}\n",
        rs.spec.selector.to_selector_string()
    ));
    fields::labels(&mut out, "", "Labels", &rs.metadata.labels);
    fields::annotations(&mut out, "", "Annotations", &rs.metadata.annotations);
    if let Some(owner) = sim.owner_of_replica_set(rs) {
        out.push_str(&format!(
            "Controlled By:\tDeployment/{}\n",
            owner.metadata.name
        ));
    }
    out.push_str(&format!(
        "Replicas:\t{} current / {} desired\n",
        rs.status.replicas, rs.spec.replicas
    ));
    let (mut running, mut waiting, mut succeeded, mut failed) = (0, 0, 0, 0);
    for pod in sim.pods_of(rs) {
        match pod.phase {
            PodPhase::Running => running += 1,
            PodPhase::Pending => waiting += 1,
            PodPhase::Succeeded => succeeded += 1,
            PodPhase::Failed => failed += 1,
            PodPhase::Unknown => {}
        }
    }
    out.push_str(&format!(
        "Pods Status:\t{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n"
    ));
    out.push_str(&template::pod_template(&rs.spec.template));
    let (namespace, name) = (&rs.metadata.namespace, &rs.metadata.name);
    events::with_events(&out, sim, ObjectKind::ReplicaSet, namespace, name)
}

/// `PodDescriber`, for the fields the simulation models.
pub fn describe_pod(sim: &Simulation, pod: &Pod) -> String {
    let owner = sim.owner_of_pod(pod);
    let spec = owner.map(|rs| &rs.spec.template.spec);
    let mut out = String::new();
    out.push_str(&format!("Name:\t{}\n", pod.metadata.name));
    out.push_str(&format!("Namespace:\t{}\n", pod.metadata.namespace));
    out.push_str("Priority:\t0\n");
    out.push_str(&format!(
        "Service Account:\t{}\n",
        spec.and_then(|s| s.service_account()).unwrap_or("default")
    ));
    match &pod.node_name {
        Some(node) => out.push_str(&format!(
            "Node:\t{node}/{}\n",
            node_ip(sim, node).unwrap_or_default()
        )),
        None => out.push_str("Node:\t<none>\n"),
    }
    out.push_str(&format!(
        "Start Time:\t{}\n",
        rfc1123z(pod.metadata.creation_timestamp)
    ));
    fields::labels(&mut out, "", "Labels", &pod.metadata.labels);
    fields::annotations(&mut out, "", "Annotations", &pod.metadata.annotations);
    match pod.metadata.deletion_timestamp {
        Some(since) if !matches!(pod.phase, PodPhase::Succeeded | PodPhase::Failed) => {
            let grace = pod.termination_grace_period_seconds;
            out.push_str(&format!(
                "Status:\tTerminating (lasts {})\n",
                human_duration(since + grace - sim.now())
            ));
            out.push_str(&format!("Termination Grace Period:\t{grace}s\n"));
        }
        _ => out.push_str(&format!("Status:\t{}\n", pod.phase.as_str())),
    }
    if let Some(reason) = pod.reason {
        out.push_str(&format!("Reason:\t{}\n", reason.as_str()));
    }
    match pod_ip(sim, pod) {
        Some(ip) => {
            out.push_str(&format!("IP:\t{ip}\nIPs:\n  IP:\t{ip}\n"));
        }
        None => out.push_str("IP:\t\nIPs:\t<none>\n"),
    }
    if let Some(rs) = owner {
        out.push_str(&format!(
            "Controlled By:\tReplicaSet/{}\n",
            rs.metadata.name
        ));
    }
    if let Some(spec) = spec {
        if !spec.init_containers.is_empty() {
            template::containers(
                &mut out,
                "Init Containers",
                &spec.init_containers,
                &pod.init_container_statuses,
                "",
            );
        }
        template::containers(
            &mut out,
            "Containers",
            &spec.containers,
            &pod.container_statuses,
            "",
        );
    }
    out.push_str("Conditions:\n  Type\tStatus\n");
    for (kind, status) in pod_conditions(pod) {
        out.push_str(&format!(
            "  {kind} \t{} \n",
            ConditionStatus::from(status).as_str()
        ));
    }
    if let Some(spec) = spec {
        template::volumes(&mut out, spec, "");
    } else {
        out.push_str("Volumes:\t<none>\n");
    }
    out.push_str(&format!("QoS Class:\t{}\n", qos_class(spec)));
    fields::labels(
        &mut out,
        "",
        "Node-Selectors",
        &spec.map(|s| s.node_selector.clone()).unwrap_or_default(),
    );
    let mut tolerations = spec.map(template::tolerations_of).unwrap_or_default();
    // the DefaultTolerationSeconds admission plugin adds these to every pod
    for taint in [
        "node.kubernetes.io/not-ready",
        "node.kubernetes.io/unreachable",
    ] {
        tolerations.push(format!("{taint}:NoExecute op=Exists for 300s"));
    }
    template::tolerations(&mut out, "", &tolerations);
    let (namespace, name) = (&pod.metadata.namespace, &pod.metadata.name);
    events::with_events(&out, sim, ObjectKind::Pod, namespace, name)
}

/// The pod conditions describe lists, in the kubelet's order.
fn pod_conditions(pod: &Pod) -> Vec<(&'static str, bool)> {
    if pod.node_name.is_none() {
        return vec![("PodScheduled", false)];
    }
    let started = pod.container_statuses.iter().any(|c| {
        c.state
            != ContainerState::Waiting {
                reason: WaitingReason::ContainerCreating,
            }
    });
    let initialized = pod
        .init_container_statuses
        .iter()
        .all(|c| matches!(c.state, ContainerState::Terminated { exit_code: 0, .. }));
    let containers_ready =
        !pod.container_statuses.is_empty() && pod.container_statuses.iter().all(|c| c.ready);
    vec![
        ("PodReadyToStartContainers", started),
        ("Initialized", initialized),
        ("Ready", pod.is_ready()),
        ("ContainersReady", containers_ready),
        ("PodScheduled", true),
    ]
}

/// `qos.GetPodQOS`, from the containers' requests and limits.
fn qos_class(spec: Option<&crate::engine::PodSpec>) -> &'static str {
    let Some(spec) = spec else {
        return "BestEffort";
    };
    let resources: Vec<&serde_json::Value> = spec
        .containers
        .iter()
        .filter_map(|c| c.extra.get("resources"))
        .collect();
    let has = |r: &serde_json::Value, key: &str| {
        r.get(key)
            .and_then(serde_json::Value::as_object)
            .is_some_and(|m| !m.is_empty())
    };
    if resources
        .iter()
        .all(|r| !has(r, "requests") && !has(r, "limits"))
    {
        return "BestEffort";
    }
    let guaranteed = resources.len() == spec.containers.len()
        && resources.iter().all(|r| {
            let limits = r.get("limits");
            let requests = r.get("requests");
            ["cpu", "memory"].iter().all(|k| {
                let limit = limits.and_then(|l| l.get(*k));
                limit.is_some()
                    && requests
                        .and_then(|q| q.get(*k))
                        .is_none_or(|q| Some(q) == limit)
            })
        });
    if guaranteed {
        "Guaranteed"
    } else {
        "Burstable"
    }
}
