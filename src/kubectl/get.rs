//! `kubectl get deployments|rs|pods|nodes [NAME...] [-o wide|name|yaml|json] [--show-labels]
//! [-l SELECTOR] [-A]`: the server-side table printers of KUBECTL.md §8–§10 and the node table.

use std::collections::BTreeMap;

use crate::engine::{
    Deployment, HorizontalPodAutoscaler, Node, Pod, ReplicaSet, Service, Simulation,
};

use super::duration::age;
use super::error::CmdError;
use super::parse::{select, FlagKind, FlagSpec, Kind, Parsed, Selection, NAMESPACE};
use super::pod_info::{node_ip, pod_ip, pod_status, ready_column, restarts_column};
use super::selector::Selector;
use super::serialize;
use super::services;
use super::tabwriter::GET;
use super::Output;
use crate::quote::Quoted;

pub const FLAGS: &[FlagSpec] = &[
    NAMESPACE,
    FlagSpec::new("all-namespaces", Some('A'), FlagKind::Bool),
    FlagSpec::new("output", Some('o'), FlagKind::Str),
    FlagSpec::new("show-labels", None, FlagKind::Bool),
    FlagSpec::new("selector", Some('l'), FlagKind::Str),
    FlagSpec::new("no-headers", None, FlagKind::Bool),
    FlagSpec::new("watch", Some('w'), FlagKind::Bool),
];

/// How the objects are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Table,
    Wide,
    Name,
    Yaml,
    Json,
}

impl Format {
    fn parse(text: Option<&str>) -> Result<Format, CmdError> {
        match text {
            None | Some("") => Ok(Format::Table),
            Some("wide") => Ok(Format::Wide),
            Some("name") => Ok(Format::Name),
            Some("yaml") => Ok(Format::Yaml),
            Some("json") => Ok(Format::Json),
            Some(other) => Err(CmdError::other(format!(
                "unable to match a printer suitable for the output format {other}, allowed formats are: json,name,wide,yaml", other = Quoted(&other)
            ))),
        }
    }
}

/// The table options that change the columns.
#[derive(Debug, Clone, Copy)]
struct Columns {
    wide: bool,
    show_labels: bool,
    namespace: bool,
    kind_prefix: bool,
    headers: bool,
}

/// The objects one `get` found, by kind, in the API server's order.
#[derive(Default)]
struct Found<'a> {
    deployments: Vec<&'a Deployment>,
    replica_sets: Vec<&'a ReplicaSet>,
    pods: Vec<&'a Pod>,
    nodes: Vec<&'a Node>,
    hpas: Vec<&'a HorizontalPodAutoscaler>,
    services: Vec<&'a Service>,
    /// The Services whose Endpoints were asked for (one Endpoints object per Service with a
    /// selector).
    endpoints: Vec<&'a Service>,
}

impl Found<'_> {
    fn kinds(&self) -> usize {
        [
            !self.deployments.is_empty(),
            !self.replica_sets.is_empty(),
            !self.pods.is_empty(),
            !self.nodes.is_empty(),
            !self.hpas.is_empty(),
            !self.services.is_empty(),
            !self.endpoints.is_empty(),
        ]
        .iter()
        .filter(|b| **b)
        .count()
    }
}

pub fn run(sim: &Simulation, p: &Parsed) -> Result<Output, CmdError> {
    if p.args.is_empty() {
        return Err(CmdError::Verbatim(
            "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\n\
             error: Required resource not specified.\n\
             Use \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\n\
             See 'kubectl get -h' for help and examples"
                .to_string(),
        ));
    }
    if p.bool("watch") {
        return Err(CmdError::other(
            "--watch is not available in this console: the cluster view updates live; run the command again to see the latest state",
        ));
    }
    let format = Format::parse(p.str("output"))?;
    let selection = select(&p.args, "get")?;
    let all_namespaces = p.bool("all-namespaces");
    let namespace = p.namespace();
    let selector = Selector::parse(p.str("selector").unwrap_or(""))?;

    let mut found = Found::default();
    let mut errors = Vec::new();
    let mut by_name = false;
    let mut wanted: Vec<(Kind, Option<String>)> = Vec::new();
    match &selection {
        Selection::Types { kinds, names } if names.is_empty() => {
            wanted.extend(kinds.iter().map(|k| (*k, None)));
        }
        _ => {
            by_name = true;
            if all_namespaces {
                return Err(CmdError::other(
                    "a resource cannot be retrieved by name across all namespaces",
                ));
            }
            wanted.extend(selection.pairs().into_iter().map(|(k, n)| (k, Some(n))));
        }
    }
    let in_scope = |ns: &str| all_namespaces || ns == namespace;
    for (kind, name) in &wanted {
        let missing = || {
            CmdError::Api(crate::engine::ApiError::not_found(
                kind.resource(),
                name.as_deref().unwrap_or(""),
            ))
        };
        match (kind, name) {
            (Kind::Deployment, None) => found.deployments.extend(sim.deployments().filter(|d| {
                in_scope(&d.metadata.namespace) && selector.matches(&d.metadata.labels)
            })),
            (Kind::Deployment, Some(n)) => match sim.deployment(&namespace, n) {
                Some(d) => found.deployments.push(d),
                None => errors.push(missing()),
            },
            (Kind::ReplicaSet, None) => found.replica_sets.extend(sim.replica_sets().filter(|r| {
                in_scope(&r.metadata.namespace) && selector.matches(&r.metadata.labels)
            })),
            (Kind::ReplicaSet, Some(n)) => match sim.replica_set(&namespace, n) {
                Some(r) => found.replica_sets.push(r),
                None => errors.push(missing()),
            },
            (Kind::Pod, None) => found.pods.extend(sim.pods().filter(|pod| {
                in_scope(&pod.metadata.namespace) && selector.matches(&pod.metadata.labels)
            })),
            (Kind::Pod, Some(n)) => match sim.pod(&namespace, n) {
                Some(pod) => found.pods.push(pod),
                None => errors.push(missing()),
            },
            (Kind::Node, None) => found
                .nodes
                .extend(sim.nodes().iter().filter(|n| selector.matches(&n.labels))),
            (Kind::Node, Some(n)) => match sim.node(n) {
                Some(node) => found.nodes.push(node),
                None => errors.push(missing()),
            },
            (Kind::HorizontalPodAutoscaler, None) => {
                found
                    .hpas
                    .extend(sim.horizontal_pod_autoscalers().filter(|h| {
                        in_scope(&h.metadata.namespace) && selector.matches(&h.metadata.labels)
                    }))
            }
            (Kind::HorizontalPodAutoscaler, Some(n)) => {
                match sim.horizontal_pod_autoscaler(&namespace, n) {
                    Some(h) => found.hpas.push(h),
                    None => errors.push(missing()),
                }
            }
            (Kind::Service, None) => found.services.extend(sim.services().filter(|s| {
                in_scope(&s.metadata.namespace) && selector.matches(&s.metadata.labels)
            })),
            (Kind::Service, Some(n)) => match sim.service(&namespace, n) {
                Some(s) => found.services.push(s),
                None => errors.push(missing()),
            },
            (Kind::Endpoints, None) => found.endpoints.extend(sim.services().filter(|s| {
                !s.spec.selector.is_empty()
                    && in_scope(&s.metadata.namespace)
                    && selector.matches(&s.metadata.labels)
            })),
            (Kind::Endpoints, Some(n)) => {
                match sim
                    .service(&namespace, n)
                    .filter(|s| !s.spec.selector.is_empty())
                {
                    Some(s) => found.endpoints.push(s),
                    None => errors.push(missing()),
                }
            }
        }
    }

    let mut order: Vec<Kind> = Vec::new();
    for (kind, _) in &wanted {
        if !order.contains(kind) {
            order.push(*kind);
        }
    }
    let stdout = match format {
        Format::Name => names(&found, &order),
        Format::Yaml | Format::Json => {
            let single = by_name && wanted.len() == 1;
            if found.kinds() == 0 && (single || !errors.is_empty()) {
                String::new()
            } else {
                serialize::objects(
                    sim,
                    &found_objects(&found, &order),
                    single,
                    format == Format::Json,
                )?
            }
        }
        Format::Table | Format::Wide => {
            let columns = Columns {
                wide: format == Format::Wide,
                show_labels: p.bool("show-labels"),
                namespace: all_namespaces,
                kind_prefix: found.kinds() > 1,
                headers: !p.bool("no-headers"),
            };
            tables(sim, &found, &order, columns)
        }
    };
    let mut stderr = String::new();
    if wanted.iter().any(|(k, _)| *k == Kind::Endpoints) {
        stderr.push_str(services::ENDPOINTS_DEPRECATED);
    }
    stderr.extend(errors.iter().map(|e| format!("{e}\n")));
    if stdout.is_empty() && errors.is_empty() && !by_name {
        let cluster_scoped = wanted.iter().all(|(k, _)| !k.namespaced());
        stderr.push_str(&if all_namespaces || cluster_scoped {
            "No resources found\n".to_string()
        } else {
            format!("No resources found in {namespace} namespace.\n")
        });
    }
    Ok(Output {
        ok: errors.is_empty(),
        stdout,
        stderr,
        deferred: false,
    })
}

/// The objects found, for the YAML and JSON printers, in the order the kinds were asked for.
fn found_objects<'a>(found: &Found<'a>, order: &[Kind]) -> Vec<serialize::Object<'a>> {
    let mut list = Vec::new();
    for kind in order {
        match kind {
            Kind::Deployment => list.extend(
                found
                    .deployments
                    .iter()
                    .map(|d| serialize::Object::Deployment(d)),
            ),
            Kind::ReplicaSet => list.extend(
                found
                    .replica_sets
                    .iter()
                    .map(|r| serialize::Object::ReplicaSet(r)),
            ),
            Kind::Pod => list.extend(found.pods.iter().map(|p| serialize::Object::Pod(p))),
            Kind::Node => list.extend(found.nodes.iter().map(|n| serialize::Object::Node(n))),
            Kind::HorizontalPodAutoscaler => list.extend(
                found
                    .hpas
                    .iter()
                    .map(|h| serialize::Object::HorizontalPodAutoscaler(h)),
            ),
            Kind::Service => {
                list.extend(found.services.iter().map(|s| serialize::Object::Service(s)))
            }
            Kind::Endpoints => list.extend(
                found
                    .endpoints
                    .iter()
                    .map(|s| serialize::Object::Endpoints(s)),
            ),
        }
    }
    list
}

/// `-o name`: `kind.group/name` lines, in the order the kinds were asked for.
fn names(found: &Found, order: &[Kind]) -> String {
    let mut out = String::new();
    for kind in order {
        let names: Vec<&str> = match kind {
            Kind::Deployment => found
                .deployments
                .iter()
                .map(|d| d.metadata.name.as_str())
                .collect(),
            Kind::ReplicaSet => found
                .replica_sets
                .iter()
                .map(|r| r.metadata.name.as_str())
                .collect(),
            Kind::Pod => found
                .pods
                .iter()
                .map(|p| p.metadata.name.as_str())
                .collect(),
            Kind::Node => found.nodes.iter().map(|n| n.name.as_str()).collect(),
            Kind::HorizontalPodAutoscaler => found
                .hpas
                .iter()
                .map(|h| h.metadata.name.as_str())
                .collect(),
            Kind::Service => found
                .services
                .iter()
                .map(|s| s.metadata.name.as_str())
                .collect(),
            Kind::Endpoints => found
                .endpoints
                .iter()
                .map(|s| s.metadata.name.as_str())
                .collect(),
        };
        for name in names {
            out.push_str(&format!("{}/{name}\n", kind.printed()));
        }
    }
    out
}

/// One table per kind, in the order the kinds were asked for, separated by a blank line.
fn tables(sim: &Simulation, found: &Found, order: &[Kind], columns: Columns) -> String {
    let mut tables = Vec::new();
    for kind in order {
        match kind {
            Kind::Deployment if !found.deployments.is_empty() => {
                tables.push(deployment_table(sim, &found.deployments, columns));
            }
            Kind::ReplicaSet if !found.replica_sets.is_empty() => {
                tables.push(replica_set_table(sim, &found.replica_sets, columns));
            }
            Kind::Pod if !found.pods.is_empty() => {
                tables.push(pod_table(sim, &found.pods, columns));
            }
            Kind::Node if !found.nodes.is_empty() => {
                tables.push(node_table(sim, &found.nodes, columns));
            }
            Kind::HorizontalPodAutoscaler if !found.hpas.is_empty() => {
                tables.push(hpa_table(sim, &found.hpas, columns));
            }
            Kind::Service if !found.services.is_empty() => {
                tables.push(service_table(sim, &found.services, columns));
            }
            Kind::Endpoints if !found.endpoints.is_empty() => {
                tables.push(endpoints_table(sim, &found.endpoints, columns));
            }
            _ => {}
        }
    }
    tables.join("\n")
}

/// `k=v,k=v`, or `<none>`.
pub fn labels_text(labels: &BTreeMap<String, String>) -> String {
    if labels.is_empty() {
        return "<none>".to_string();
    }
    labels
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Builds the raw tab-separated text of a table and renders it.
struct Table {
    columns: Columns,
    kind: Kind,
    text: String,
}

impl Table {
    fn new(columns: Columns, kind: Kind, headers: &[&str], wide: &[&str]) -> Table {
        let mut table = Table {
            columns,
            kind,
            text: String::new(),
        };
        if columns.headers {
            let mut cells: Vec<String> = Vec::new();
            if columns.namespace && kind.namespaced() {
                cells.push("NAMESPACE".into());
            }
            cells.extend(headers.iter().map(|h| h.to_string()));
            if columns.wide {
                cells.extend(wide.iter().map(|h| h.to_string()));
            }
            if columns.show_labels {
                cells.push("LABELS".into());
            }
            table.text.push_str(&cells.join("\t"));
            table.text.push('\n');
        }
        table
    }

    fn row(
        &mut self,
        namespace: &str,
        name: &str,
        cells: Vec<String>,
        wide: Vec<String>,
        labels: &BTreeMap<String, String>,
    ) {
        let mut all: Vec<String> = Vec::new();
        if self.columns.namespace && self.kind.namespaced() {
            all.push(namespace.to_string());
        }
        if self.columns.kind_prefix {
            all.push(format!("{}/{name}", self.kind.printed()));
        } else {
            all.push(name.to_string());
        }
        all.extend(cells);
        if self.columns.wide {
            all.extend(wide);
        }
        if self.columns.show_labels {
            all.push(labels_text(labels));
        }
        self.text.push_str(&all.join("\t"));
        self.text.push('\n');
    }

    fn render(&self) -> String {
        GET.render(&self.text)
    }
}

fn deployment_table(sim: &Simulation, list: &[&Deployment], columns: Columns) -> String {
    let mut table = Table::new(
        columns,
        Kind::Deployment,
        &["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
        &["CONTAINERS", "IMAGES", "SELECTOR"],
    );
    for d in list {
        let template = &d.spec.template.spec;
        table.row(
            &d.metadata.namespace,
            &d.metadata.name,
            vec![
                format!("{}/{}", d.status.ready_replicas, d.spec.replicas),
                d.status.updated_replicas.to_string(),
                d.status.available_replicas.to_string(),
                age(sim.now(), d.metadata.creation_timestamp),
            ],
            vec![
                join(template.containers.iter().map(|c| c.name.as_str())),
                join(template.containers.iter().map(|c| c.image.as_str())),
                d.spec.selector.to_selector_string(),
            ],
            &d.metadata.labels,
        );
    }
    table.render()
}

fn hpa_table(sim: &Simulation, list: &[&HorizontalPodAutoscaler], columns: Columns) -> String {
    let mut table = Table::new(
        columns,
        Kind::HorizontalPodAutoscaler,
        &[
            "NAME",
            "REFERENCE",
            "TARGETS",
            "MINPODS",
            "MAXPODS",
            "REPLICAS",
            "AGE",
        ],
        &[],
    );
    for h in list {
        table.row(
            &h.metadata.namespace,
            &h.metadata.name,
            super::autoscale::row(sim.now(), h),
            Vec::new(),
            &h.metadata.labels,
        );
    }
    table.render()
}

fn replica_set_table(sim: &Simulation, list: &[&ReplicaSet], columns: Columns) -> String {
    let mut table = Table::new(
        columns,
        Kind::ReplicaSet,
        &["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
        &["CONTAINERS", "IMAGES", "SELECTOR"],
    );
    for rs in list {
        let template = &rs.spec.template.spec;
        table.row(
            &rs.metadata.namespace,
            &rs.metadata.name,
            vec![
                rs.spec.replicas.to_string(),
                rs.status.replicas.to_string(),
                rs.status.ready_replicas.to_string(),
                age(sim.now(), rs.metadata.creation_timestamp),
            ],
            vec![
                join(template.containers.iter().map(|c| c.name.as_str())),
                join(template.containers.iter().map(|c| c.image.as_str())),
                rs.spec.selector.to_selector_string(),
            ],
            &rs.metadata.labels,
        );
    }
    table.render()
}

fn pod_table(sim: &Simulation, list: &[&Pod], columns: Columns) -> String {
    let mut table = Table::new(
        columns,
        Kind::Pod,
        &["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
        &["IP", "NODE", "NOMINATED NODE", "READINESS GATES"],
    );
    for pod in list {
        table.row(
            &pod.metadata.namespace,
            &pod.metadata.name,
            vec![
                ready_column(pod),
                pod_status(pod),
                restarts_column(pod, sim.now()),
                age(sim.now(), pod.metadata.creation_timestamp),
            ],
            vec![
                pod_ip(sim, pod).unwrap_or_else(|| "<none>".into()),
                pod.node_name.clone().unwrap_or_else(|| "<none>".into()),
                "<none>".into(),
                "<none>".into(),
            ],
            &pod.metadata.labels,
        );
    }
    table.render()
}

/// `Ready`, `NotReady`, plus `,SchedulingDisabled` for a cordoned node.
pub fn node_status(node: &Node) -> String {
    let mut status = if node.ready { "Ready" } else { "NotReady" }.to_string();
    if node.unschedulable {
        status.push_str(",SchedulingDisabled");
    }
    status
}

/// The kubelet version every simulated node reports.
pub const NODE_VERSION: &str = "v1.34.0";

fn node_table(sim: &Simulation, list: &[&Node], columns: Columns) -> String {
    let mut table = Table::new(
        columns,
        Kind::Node,
        &["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
        &[
            "INTERNAL-IP",
            "EXTERNAL-IP",
            "OS-IMAGE",
            "KERNEL-VERSION",
            "CONTAINER-RUNTIME",
        ],
    );
    for node in list {
        table.row(
            "",
            &node.name,
            vec![
                node_status(node),
                "<none>".into(),
                age(sim.now(), node.creation_timestamp),
                NODE_VERSION.into(),
            ],
            vec![
                node_ip(sim, &node.name).unwrap_or_else(|| "<none>".into()),
                "<none>".into(),
                "Ubuntu 24.04.3 LTS".into(),
                "6.8.0-85-generic".into(),
                "containerd://2.1.4".into(),
            ],
            &node.labels,
        );
    }
    table.render()
}

fn service_table(sim: &Simulation, list: &[&Service], columns: Columns) -> String {
    let mut table = Table::new(
        columns,
        Kind::Service,
        &[
            "NAME",
            "TYPE",
            "CLUSTER-IP",
            "EXTERNAL-IP",
            "PORT(S)",
            "AGE",
        ],
        &["SELECTOR"],
    );
    for s in list {
        table.row(
            &s.metadata.namespace,
            &s.metadata.name,
            vec![
                s.spec.service_type.as_str().to_string(),
                s.spec.cluster_ip.clone(),
                services::external_ip(s),
                services::ports_column(s),
                age(sim.now(), s.metadata.creation_timestamp),
            ],
            vec![labels_text(&s.spec.selector)],
            &s.metadata.labels,
        );
    }
    table.render()
}

fn endpoints_table(sim: &Simulation, list: &[&Service], columns: Columns) -> String {
    let mut table = Table::new(columns, Kind::Endpoints, &["NAME", "ENDPOINTS", "AGE"], &[]);
    for s in list {
        table.row(
            &s.metadata.namespace,
            &s.metadata.name,
            vec![
                services::format_endpoints(&services::endpoint_addresses(sim, s)),
                age(sim.now(), s.metadata.creation_timestamp),
            ],
            vec![],
            &s.metadata.labels,
        );
    }
    table.render()
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(",")
}
