//! The v1 `Service`: a stable name and virtual IP in front of the pods its selector matches, and
//! its endpoints (DESIGN.md "Demand": the pods of its namespace that match the selector, are
//! Ready and are not terminating, as an EndpointSlice's `ready` condition counts them).
//!
//! The simulated API server keeps the fields a Service needs to route traffic (type, selector,
//! ports, cluster IP, session affinity); each closed set is an enum whose `Unsupported` variant
//! keeps a manifest's unknown text for validation to quote, as with the other objects.
//!
//! Cluster IPs come from the 10.96.0.0/12 service range, handed out in creation order from
//! 10.96.0.100 (the n-th Service created gets 10.96.0.100 + n - 1, carrying into the third
//! and second octets), never reused, so the same scenario always gives the same addresses.

use std::collections::BTreeMap;

use super::intstr::IntOrString;
use super::objects::{ObjectMeta, Pod};

/// `spec.type`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceType {
    ClusterIP,
    NodePort,
    LoadBalancer,
    ExternalName,
    /// Not one of the four: the text as the manifest gave it.
    Unsupported(String),
}

impl ServiceType {
    /// Reads a manifest's text; anything but the four spellings is kept as `Unsupported`.
    pub fn parse(text: &str) -> Self {
        match text {
            "ClusterIP" => ServiceType::ClusterIP,
            "NodePort" => ServiceType::NodePort,
            "LoadBalancer" => ServiceType::LoadBalancer,
            "ExternalName" => ServiceType::ExternalName,
            other => ServiceType::Unsupported(other.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            ServiceType::ClusterIP => "ClusterIP",
            ServiceType::NodePort => "NodePort",
            ServiceType::LoadBalancer => "LoadBalancer",
            ServiceType::ExternalName => "ExternalName",
            ServiceType::Unsupported(text) => text,
        }
    }

    /// Whether the Service opens a port on every node (NodePort and LoadBalancer).
    pub fn has_node_ports(&self) -> bool {
        matches!(self, ServiceType::NodePort | ServiceType::LoadBalancer)
    }
}

/// `spec.ports[].protocol`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Protocol {
    Tcp,
    Udp,
    Sctp,
    /// Not one of the three: the text as the manifest gave it.
    Unsupported(String),
}

impl Protocol {
    /// Reads a manifest's text; anything but `TCP`, `UDP` and `SCTP` is kept as `Unsupported`.
    pub fn parse(text: &str) -> Self {
        match text {
            "TCP" => Protocol::Tcp,
            "UDP" => Protocol::Udp,
            "SCTP" => Protocol::Sctp,
            other => Protocol::Unsupported(other.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Protocol::Tcp => "TCP",
            Protocol::Udp => "UDP",
            Protocol::Sctp => "SCTP",
            Protocol::Unsupported(text) => text,
        }
    }
}

/// One of `spec.ports`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServicePort {
    /// Empty when not given (allowed for a Service with one port).
    pub name: String,
    pub protocol: Protocol,
    pub port: i32,
    /// Defaults to `port`.
    pub target_port: IntOrString,
    /// 0 when none: a NodePort or LoadBalancer Service gets one allocated.
    pub node_port: i32,
}

/// `spec`, with the API defaults applied (type ClusterIP, protocol TCP, targetPort = port,
/// sessionAffinity None).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceSpec {
    pub service_type: ServiceType,
    /// `spec.selector`: empty means the Service manages no endpoints.
    pub selector: BTreeMap<String, String>,
    pub ports: Vec<ServicePort>,
    /// Empty until the API server allocates one; `None` for a headless Service.
    pub cluster_ip: String,
    /// `None` or `ClientIP` (kept as written for validation).
    pub session_affinity: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    pub metadata: ObjectMeta,
    pub spec: ServiceSpec,
}

/// The first node port handed out (the default range is 30000-32767).
pub const FIRST_NODE_PORT: i32 = 30_000;

impl Service {
    /// A ClusterIP Service with the API defaults: one TCP port, `selector` as given.
    pub fn new(
        namespace: &str,
        name: &str,
        selector: BTreeMap<String, String>,
        port: i32,
        target_port: IntOrString,
    ) -> Self {
        Service {
            metadata: ObjectMeta::named(namespace, name),
            spec: ServiceSpec {
                service_type: ServiceType::ClusterIP,
                selector,
                ports: vec![ServicePort {
                    name: String::new(),
                    protocol: Protocol::Tcp,
                    port,
                    target_port,
                    node_port: 0,
                }],
                cluster_ip: String::new(),
                session_affinity: "None".to_string(),
            },
        }
    }

    /// Whether a pod is one of this Service's endpoints: in its namespace, matched by its
    /// (non-empty) selector, Ready and not terminating.
    pub fn has_endpoint(&self, pod: &Pod) -> bool {
        pod.is_ready()
            && !pod.is_terminating()
            && !self.spec.selector.is_empty()
            && pod.metadata.namespace == self.metadata.namespace
            && self
                .spec
                .selector
                .iter()
                .all(|(k, v)| pod.metadata.labels.get(k) == Some(v))
    }
}

/// The cluster IP of the n-th Service created (n from 0).
pub(crate) fn cluster_ip(n: u32) -> String {
    let host = 100 + n;
    format!(
        "10.{}.{}.{}",
        96 + (host >> 16) % 16,
        (host >> 8) % 256,
        host % 256
    )
}

impl super::Simulation {
    /// The Services that send traffic to a Deployment's pods: those of its namespace whose
    /// (non-empty) selector matches its pod template's labels.
    pub fn services_of<'a>(
        &'a self,
        deployment: &'a super::Deployment,
    ) -> impl Iterator<Item = &'a Service> + 'a {
        let labels = &deployment.spec.template.metadata.labels;
        self.services().filter(move |s| {
            s.metadata.namespace == deployment.metadata.namespace
                && !s.spec.selector.is_empty()
                && s.spec
                    .selector
                    .iter()
                    .all(|(k, v)| labels.get(k) == Some(v))
        })
    }
}
