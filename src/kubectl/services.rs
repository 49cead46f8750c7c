//! Services as kubectl shows them: the `get svc` and `get endpoints` columns (`printService`,
//! `formatEndpoints`), `-o yaml` of both, `describe svc` (`describeService`), and `kubectl expose
//! deployment` (its generated Service: the Deployment's selector, one TCP port).
//!
//! The Endpoints of a Service are what the endpoints controller would write: one address per
//! endpoint pod (`Simulation::endpoints_of`), with each Service port's target resolved on that
//! pod (a named `targetPort` is looked up among its containers' ports; a pod without it is left
//! out for that port), addresses in IP order as `RepackSubsets` sorts them.

use serde_json::{json, Map, Value};

use crate::engine::intstr::IntOrString;
use crate::engine::{Pod, Protocol, Service, ServiceType, Simulation};
use crate::manifest::encode::rfc3339;

use super::describe::fields;
use super::error::CmdError;
use super::get::labels_text;
use super::parse::{select, FlagKind, FlagSpec, Kind, Parsed, NAMESPACE};
use super::pod_info::pod_ip;
use super::tabwriter::DESCRIBE;
use super::Output;
use crate::quote::Quoted;

/// The warning a 1.33+ API server sends with every read of v1 Endpoints.
pub const ENDPOINTS_DEPRECATED: &str =
    "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n";

/// The EXTERNAL-IP column: `<none>` for ClusterIP and NodePort, `<pending>` for a LoadBalancer
/// (a simulated cluster has no cloud to give it an address).
pub fn external_ip(service: &Service) -> String {
    match service.spec.service_type {
        ServiceType::LoadBalancer => "<pending>".to_string(),
        _ => "<none>".to_string(),
    }
}

/// The PORT(S) column: `80/TCP`, `80:30000/TCP` with a node port, joined by commas.
pub fn ports_column(service: &Service) -> String {
    let ports: Vec<String> = service
        .spec
        .ports
        .iter()
        .map(|p| match p.node_port {
            0 => format!("{}/{}", p.port, p.protocol.as_str()),
            node => format!("{}:{node}/{}", p.port, p.protocol.as_str()),
        })
        .collect();
    if ports.is_empty() {
        "<none>".to_string()
    } else {
        ports.join(",")
    }
}

/// One subset of an Endpoints object: its addresses (IP, pod) and its ports (name, number,
/// protocol).
pub struct Subset<'a> {
    pub addresses: Vec<(String, &'a Pod)>,
    pub ports: Vec<(&'a str, i32, &'a Protocol)>,
}

/// The container port a pod serves a target on: the number itself, or the named port of one of
/// its containers (as its ReplicaSet's template declares it).
fn resolve_target(sim: &Simulation, pod: &Pod, target: &IntOrString) -> Option<i32> {
    let name = match target {
        IntOrString::Int(n) => return Some(*n),
        IntOrString::Str(name) => name,
    };
    let rs = sim.owner_of_pod(pod)?;
    rs.spec.template.spec.containers.iter().find_map(|c| {
        c.extra
            .get("ports")?
            .as_array()?
            .iter()
            .find(|p| p.get("name").and_then(Value::as_str) == Some(name))?
            .get("containerPort")?
            .as_i64()
            .and_then(|n| i32::try_from(n).ok())
    })
}

/// The subsets of a Service's Endpoints: pods that resolve every port alike share a subset.
pub fn endpoint_subsets<'a>(sim: &'a Simulation, service: &'a Service) -> Vec<Subset<'a>> {
    let mut subsets: Vec<Subset<'a>> = Vec::new();
    for pod in sim.endpoints_of(service) {
        let Some(ip) = pod_ip(sim, pod) else {
            continue;
        };
        let ports: Vec<(&str, i32, &Protocol)> = service
            .spec
            .ports
            .iter()
            .filter_map(|p| {
                resolve_target(sim, pod, &p.target_port).map(|n| (p.name.as_str(), n, &p.protocol))
            })
            .collect();
        if ports.is_empty() {
            continue;
        }
        match subsets.iter_mut().find(|s| s.ports == ports) {
            Some(subset) => subset.addresses.push((ip, pod)),
            None => subsets.push(Subset {
                addresses: vec![(ip, pod)],
                ports,
            }),
        }
    }
    for subset in &mut subsets {
        crate::engine::sorting::sort_by(&mut subset.addresses, &|a, b| a.0.cmp(&b.0));
    }
    subsets
}

/// Every `ip:port` of a Service's Endpoints, subset by subset, port by port, for
/// `format_endpoints`; `only` keeps the ports of that name (`describe` asks port by port).
pub fn endpoint_addresses(sim: &Simulation, service: &Service) -> Vec<String> {
    addresses_for(&endpoint_subsets(sim, service), None)
}

fn addresses_for(subsets: &[Subset], only: Option<&str>) -> Vec<String> {
    let mut list = Vec::new();
    for subset in subsets {
        for (name, port, _) in &subset.ports {
            if only.is_some_and(|o| o != *name) {
                continue;
            }
            list.extend(
                subset
                    .addresses
                    .iter()
                    .map(|(ip, _)| format!("{ip}:{port}")),
            );
        }
    }
    list
}

/// `formatEndpoints`: the first three `ip:port`, then `+ N more...`; `<none>` when empty.
pub fn format_endpoints(addresses: &[String]) -> String {
    const MAX: usize = 3;
    if addresses.is_empty() {
        return "<none>".to_string();
    }
    let shown = addresses[..addresses.len().min(MAX)].join(",");
    if addresses.len() > MAX {
        format!("{shown} + {} more...", addresses.len() - MAX)
    } else {
        shown
    }
}

/// The metadata kubectl prints for an object of the Service's namespace.
fn metadata_json(service: &Service, annotations: bool) -> Value {
    let mut meta = Map::new();
    if annotations && !service.metadata.annotations.is_empty() {
        meta.insert("annotations".into(), json!(service.metadata.annotations));
    }
    meta.insert(
        "creationTimestamp".into(),
        json!(rfc3339(service.metadata.creation_timestamp)),
    );
    if !service.metadata.labels.is_empty() {
        meta.insert("labels".into(), json!(service.metadata.labels));
    }
    meta.insert("name".into(), json!(service.metadata.name));
    meta.insert("namespace".into(), json!(service.metadata.namespace));
    Value::Object(meta)
}

fn target_json(target: &IntOrString) -> Value {
    match target {
        IntOrString::Int(n) => json!(n),
        IntOrString::Str(s) => json!(s),
    }
}

/// A Service as `kubectl get svc NAME -o yaml` prints it (keys in Go's order, sorted).
pub fn service_json(service: &Service) -> Value {
    let spec = &service.spec;
    let ports: Vec<Value> = spec
        .ports
        .iter()
        .map(|p| {
            let mut port = Map::new();
            if !p.name.is_empty() {
                port.insert("name".into(), json!(p.name));
            }
            if p.node_port != 0 {
                port.insert("nodePort".into(), json!(p.node_port));
            }
            port.insert("port".into(), json!(p.port));
            port.insert("protocol".into(), json!(p.protocol.as_str()));
            port.insert("targetPort".into(), target_json(&p.target_port));
            Value::Object(port)
        })
        .collect();
    let mut out = Map::new();
    if spec.service_type == ServiceType::LoadBalancer {
        out.insert("allocateLoadBalancerNodePorts".into(), json!(true));
    }
    out.insert("clusterIP".into(), json!(spec.cluster_ip));
    out.insert("clusterIPs".into(), json!([spec.cluster_ip]));
    if spec.service_type.has_node_ports() {
        out.insert("externalTrafficPolicy".into(), json!("Cluster"));
    }
    out.insert("internalTrafficPolicy".into(), json!("Cluster"));
    out.insert("ipFamilies".into(), json!(["IPv4"]));
    out.insert("ipFamilyPolicy".into(), json!("SingleStack"));
    out.insert("ports".into(), Value::Array(ports));
    if !spec.selector.is_empty() {
        out.insert("selector".into(), json!(spec.selector));
    }
    out.insert("sessionAffinity".into(), json!(spec.session_affinity));
    out.insert("type".into(), json!(spec.service_type.as_str()));
    json!({
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": metadata_json(service, true),
        "spec": Value::Object(out),
        "status": {"loadBalancer": {}},
    })
}

/// A Service's Endpoints as `kubectl get endpoints NAME -o yaml` prints them.
pub fn endpoints_json(sim: &Simulation, service: &Service) -> Value {
    let subsets: Vec<Value> = endpoint_subsets(sim, service)
        .iter()
        .map(|subset| {
            let addresses: Vec<Value> = subset
                .addresses
                .iter()
                .map(|(ip, pod)| {
                    json!({
                        "ip": ip,
                        "nodeName": pod.node_name,
                        "targetRef": {"kind": "Pod", "name": pod.metadata.name, "namespace": pod.metadata.namespace},
                    })
                })
                .collect();
            let ports: Vec<Value> = subset
                .ports
                .iter()
                .map(|(name, port, protocol)| {
                    let mut p = Map::new();
                    if !name.is_empty() {
                        p.insert("name".into(), json!(name));
                    }
                    p.insert("port".into(), json!(port));
                    p.insert("protocol".into(), json!(protocol.as_str()));
                    Value::Object(p)
                })
                .collect();
            json!({"addresses": addresses, "ports": ports})
        })
        .collect();
    let mut object = Map::new();
    object.insert("apiVersion".into(), json!("v1"));
    object.insert("kind".into(), json!("Endpoints"));
    object.insert("metadata".into(), metadata_json(service, false));
    if !subsets.is_empty() {
        object.insert("subsets".into(), Value::Array(subsets));
    }
    Value::Object(object)
}

/// `describeService`, for the fields a simulated Service has.
pub fn describe_service(sim: &Simulation, service: &Service) -> String {
    let spec = &service.spec;
    let mut out = String::new();
    out.push_str(&format!("Name:\t{}\n", service.metadata.name));
    out.push_str(&format!("Namespace:\t{}\n", service.metadata.namespace));
    fields::labels(&mut out, "", "Labels", &service.metadata.labels);
    fields::annotations(&mut out, "", "Annotations", &service.metadata.annotations);
    out.push_str(&format!("Selector:\t{}\n", selector_text(service)));
    out.push_str(&format!("Type:\t{}\n", spec.service_type.as_str()));
    out.push_str("IP Family Policy:\tSingleStack\nIP Families:\tIPv4\n");
    out.push_str(&format!(
        "IP:\t{}\nIPs:\t{}\n",
        spec.cluster_ip, spec.cluster_ip
    ));
    let subsets = endpoint_subsets(sim, service);
    for port in &spec.ports {
        let name = if port.name.is_empty() {
            "<unset>"
        } else {
            &port.name
        };
        let protocol = port.protocol.as_str();
        out.push_str(&format!("Port:\t{name}\t{}/{protocol}\n", port.port));
        out.push_str(&format!("TargetPort:\t{}/{protocol}\n", port.target_port));
        if port.node_port != 0 {
            out.push_str(&format!(
                "NodePort:\t{name}\t{}/{protocol}\n",
                port.node_port
            ));
        }
        let addresses = addresses_for(&subsets, Some(&port.name));
        out.push_str(&format!("Endpoints:\t{}\n", slice_endpoints(&addresses)));
    }
    out.push_str(&format!("Session Affinity:\t{}\n", spec.session_affinity));
    if spec.service_type.has_node_ports() {
        out.push_str("External Traffic Policy:\tCluster\n");
    }
    out.push_str("Internal Traffic Policy:\tCluster\n");
    DESCRIBE.render(&format!("{out}Events:\t<none>\n"))
}

/// `formatEndpointSlices` as `describe` prints a port's endpoints: like `formatEndpoints`, but
/// empty (not `<none>`) when a Service with endpoint slices has no ready endpoint, and `<none>`
/// for a Service without a selector (no slices at all).
fn slice_endpoints(addresses: &[String]) -> String {
    if addresses.is_empty() {
        return String::new();
    }
    format_endpoints(addresses)
}

/// `labels.FormatLabels` of the selector: `app=web`, or `<none>`.
fn selector_text(service: &Service) -> String {
    labels_text(&service.spec.selector)
}

pub const EXPOSE_FLAGS: &[FlagSpec] = &[
    NAMESPACE,
    FlagSpec::new("port", None, FlagKind::Str),
    FlagSpec::new("target-port", None, FlagKind::Str),
    FlagSpec::new("name", None, FlagKind::Str),
    FlagSpec::new("protocol", None, FlagKind::Str),
    FlagSpec::new("type", None, FlagKind::Str),
];

/// `kubectl expose deployment NAME --port=80 [--target-port=8080] [--name=web]
/// [--protocol=TCP] [--type=ClusterIP]`: a Service with the Deployment's `matchLabels` as its
/// selector (kubectl refuses a Deployment whose selector has expressions), named after it, its
/// labels those of the Deployment. Without `--port`, the template's only container port.
pub fn expose(sim: &mut Simulation, p: &Parsed) -> Result<Output, CmdError> {
    let selection = select(&p.args, "expose")?;
    let pairs = selection.pairs();
    let [(kind, name)] = pairs.as_slice() else {
        return Err(CmdError::usage(
            "You must provide one or more resources by argument or filename.".to_string(),
            "kubectl expose",
        ));
    };
    if *kind != Kind::Deployment {
        return Err(CmdError::other(format!(
            "cannot expose a {}: DeploySim exposes Deployments",
            kind_word(*kind)
        )));
    }
    let namespace = p.namespace();
    let deployment = super::get_deployment(sim, &namespace, name)?;
    let selector = &deployment.spec.selector;
    if !selector.match_expressions.is_empty() {
        return Err(CmdError::other(format!(
            "couldn't retrieve selectors via --selector flag or introspection: the Deployment {} has match expressions, which a Service selector cannot hold",
            Quoted(name)
        )));
    }
    let port = match p.str("port") {
        Some(text) => text.to_string(),
        None => only_container_port(deployment).ok_or_else(|| {
            CmdError::other(
                "couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples",
            )
        })?,
    };
    let port: i32 = port.parse().map_err(|_| {
        CmdError::other(format!(
            "strconv.Atoi: parsing {}: invalid syntax",
            Quoted(&port)
        ))
    })?;
    let target = match p.str("target-port") {
        None => IntOrString::Int(port),
        Some(text) => match text.parse::<i32>() {
            Ok(n) => IntOrString::Int(n),
            Err(_) => IntOrString::Str(text.to_string()),
        },
    };
    let service_name = p.str("name").unwrap_or(name).to_string();
    let mut service = Service::new(
        &namespace,
        &service_name,
        selector.match_labels.clone(),
        port,
        target,
    );
    service.metadata.labels = deployment.metadata.labels.clone();
    if let Some(protocol) = p.str("protocol") {
        service.spec.ports[0].protocol = Protocol::parse(protocol);
    }
    if let Some(kind) = p.str("type") {
        service.spec.service_type = ServiceType::parse(kind);
    }
    sim.create_service(service).map_err(CmdError::from)?;
    Ok(Output::stdout(format!("service/{service_name} exposed\n")))
}

/// The only `containerPort` of a Deployment's template, as kubectl introspects it.
fn only_container_port(deployment: &crate::engine::Deployment) -> Option<String> {
    let ports: Vec<i64> = deployment
        .spec
        .template
        .spec
        .containers
        .iter()
        .filter_map(|c| c.extra.get("ports")?.as_array())
        .flatten()
        .filter_map(|p| p.get("containerPort")?.as_i64())
        .collect();
    match ports.as_slice() {
        [one] => Some(one.to_string()),
        _ => None,
    }
}

fn kind_word(kind: Kind) -> &'static str {
    match kind {
        Kind::Deployment => "deployment",
        Kind::ReplicaSet => "replica set",
        Kind::Pod => "pod",
        Kind::Node => "node",
        Kind::Service => "service",
        Kind::Endpoints => "endpoints object",
        Kind::HorizontalPodAutoscaler => "horizontal pod autoscaler",
    }
}
