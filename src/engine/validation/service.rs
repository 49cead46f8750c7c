//! `ValidateService` and `validateServicePort` (`pkg/apis/core/validation/validation.go`) for
//! the fields the simulated Service holds, in upstream's order and words: the name is a
//! DNS-1035 label; ports are required (but for a headless or ExternalName Service), each with
//! a valid name (required when there are several, unique), number, protocol and target port;
//! selector labels; session affinity; the cluster IP; the type; no node port on a ClusterIP
//! Service; no two ports with the same protocol and number.
//!
//! Not ported: IP families and `clusterIPs` beyond the first, external IPs, traffic policies,
//! load-balancer source ranges and classes, `appProtocol`, and the topology annotations.

use serde_json::json;

use super::field::{
    duplicate, first_time, forbidden, go_json, go_quote, invalid, required, unsupported,
};
use super::names::{is_dns1035_label, is_dns1123_label};
use super::pod::{is_valid_port_name, PORT_RANGE};
use super::{validate_labels, validate_object_meta_named};
use crate::engine::errors::{ApiError, FieldError, FieldErrorKind};
use crate::engine::intstr::IntOrString;
use crate::engine::service::{Protocol, Service, ServicePort, ServiceType};

/// The kubelet's port, which a LoadBalancer may not expose (`ports.KubeletPort`).
const KUBELET_PORT: i32 = 10_250;

/// `ValidateService`: every problem with a Service, in upstream's order.
pub fn validate_service(service: &Service) -> Vec<FieldError> {
    let mut errors = validate_object_meta_named(&service.metadata, is_dns1035_label);
    let spec = &service.spec;
    let headless = spec.cluster_ip == "None";
    if spec.ports.is_empty() && !headless && spec.service_type != ServiceType::ExternalName {
        errors.push(required("spec.ports"));
    }
    match spec.service_type {
        ServiceType::LoadBalancer => {
            for (i, port) in spec.ports.iter().enumerate() {
                if port.port == KUBELET_PORT {
                    errors.push(invalid(
                        &format!("spec.ports[{i}]"),
                        port.port.to_string(),
                        &format!("may not expose port {KUBELET_PORT} externally since it is used by kubelet"),
                    ));
                }
            }
            if headless {
                errors.push(invalid(
                    "spec.clusterIP",
                    go_quote(&spec.cluster_ip),
                    "may not be set to 'None' for LoadBalancer services",
                ));
            }
        }
        ServiceType::NodePort if headless => errors.push(invalid(
            "spec.clusterIP",
            go_quote(&spec.cluster_ip),
            "may not be set to 'None' for NodePort services",
        )),
        _ => {}
    }
    let mut names = Vec::new();
    let several = spec.ports.len() > 1;
    for (i, port) in spec.ports.iter().enumerate() {
        errors.extend(validate_service_port(
            port,
            several,
            &mut names,
            &format!("spec.ports[{i}]"),
        ));
    }
    errors.extend(validate_labels(&spec.selector, "spec.selector"));
    match spec.session_affinity.as_str() {
        "None" | "ClientIP" => {}
        "" => errors.push(required("spec.sessionAffinity")),
        other => errors.push(unsupported(
            "spec.sessionAffinity",
            other,
            &["ClientIP", "None"],
        )),
    }
    if !spec.cluster_ip.is_empty() && !headless && !is_ipv4(&spec.cluster_ip) {
        errors.push(invalid(
            "spec.clusterIPs[0]",
            go_quote(&spec.cluster_ip),
            "must be empty, 'None', or a valid IP address",
        ));
    }
    match &spec.service_type {
        ServiceType::Unsupported(text) if text.is_empty() => errors.push(required("spec.type")),
        ServiceType::Unsupported(text) => errors.push(unsupported(
            "spec.type",
            text,
            &["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"],
        )),
        ServiceType::ClusterIP => {
            for (i, port) in spec.ports.iter().enumerate() {
                if port.node_port != 0 {
                    errors.push(forbidden(
                        &format!("spec.ports[{i}].nodePort"),
                        "may not be used when `type` is 'ClusterIP'",
                    ));
                }
            }
        }
        _ => {}
    }
    let mut node_ports = Vec::new();
    for (i, port) in spec.ports.iter().enumerate() {
        if port.node_port != 0
            && !first_time(&mut node_ports, (port.protocol.as_str(), port.node_port))
        {
            errors.push(FieldError {
                field: format!("spec.ports[{i}].nodePort"),
                kind: FieldErrorKind::Duplicate(port.node_port.to_string()),
                detail: String::new(),
            });
        }
    }
    let mut numbers = Vec::new();
    for (i, port) in spec.ports.iter().enumerate() {
        if !first_time(&mut numbers, (port.protocol.as_str(), port.port)) {
            let key =
                json!({"protocol": port.protocol.as_str(), "port": port.port, "targetPort": 0});
            errors.push(FieldError {
                field: format!("spec.ports[{i}]"),
                kind: FieldErrorKind::Duplicate(go_json(&key)),
                detail: String::new(),
            });
        }
    }
    errors
}

/// `validateServicePort`.
fn validate_service_port<'a>(
    port: &'a ServicePort,
    require_name: bool,
    names: &mut Vec<&'a str>,
    at: &str,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if require_name && port.name.is_empty() {
        errors.push(required(&format!("{at}.name")));
    } else if !port.name.is_empty() {
        for msg in is_dns1123_label(&port.name) {
            errors.push(invalid(&format!("{at}.name"), go_quote(&port.name), &msg));
        }
        if !first_time(names, &port.name) {
            errors.push(duplicate(&format!("{at}.name"), &port.name));
        }
    }
    if !(1..=65535).contains(&port.port) {
        errors.push(invalid(
            &format!("{at}.port"),
            port.port.to_string(),
            PORT_RANGE,
        ));
    }
    match &port.protocol {
        Protocol::Unsupported(text) if text.is_empty() => {
            errors.push(required(&format!("{at}.protocol")))
        }
        Protocol::Unsupported(text) => errors.push(unsupported(
            &format!("{at}.protocol"),
            text,
            &["SCTP", "TCP", "UDP"],
        )),
        _ => {}
    }
    let target = format!("{at}.targetPort");
    match &port.target_port {
        IntOrString::Int(n) if !(1..=65535).contains(n) => {
            errors.push(invalid(&target, n.to_string(), PORT_RANGE));
        }
        IntOrString::Int(_) => {}
        IntOrString::Str(name) => {
            for msg in is_valid_port_name(name) {
                errors.push(invalid(&target, go_quote(name), &msg));
            }
        }
    }
    errors
}

/// `net.ParseIP` for the IPv4 addresses the simulated cluster uses.
fn is_ipv4(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u8>().is_ok()
        })
}

/// Rejects an invalid Service with the API server's 422, or one the simulator cannot hold
/// (an ExternalName Service points outside the cluster, which has no outside).
pub fn check_service(service: &Service) -> Result<(), ApiError> {
    let mut causes = validate_service(service);
    if causes.is_empty() && service.spec.service_type == ServiceType::ExternalName {
        causes.push(invalid(
            "spec.type",
            go_quote("ExternalName"),
            "DeploySim does not simulate ExternalName Services (they point outside the cluster)",
        ));
    }
    if causes.is_empty() {
        return Ok(());
    }
    Err(ApiError::Invalid {
        kind: "Service".into(),
        name: service.metadata.name.clone(),
        causes,
    })
}
