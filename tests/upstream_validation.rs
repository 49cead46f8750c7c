//! Upstream's validation table tests (`pkg/apis/apps/validation/validation_test.go`
//! `TestValidateDeployment`, `TestValidateDeploymentStatus`), ported row by row from
//! tests/data/upstream_vectors.json, and one scenario per validation message with the exact text
//! the API server returns (values rendered as Kubernetes 1.34+ renders them).

mod upstream_common;

use deploysim::engine::intstr::IntOrString;
use deploysim::engine::validation::{
    validate_deployment_status, validate_deployment_status_update, validate_deployment_with,
    Unrepresentable,
};
use deploysim::engine::{
    Container, Deployment, DeploymentStatus, DeploymentStrategy, LabelSelectorRequirement,
    RestartPolicy, RollingUpdateDeployment, SelectorOperator, Simulation, StrategyType,
    ROLLBACK_TO_ANNOTATION,
};
use deploysim::manifest::{parse_documents, ManifestObject};
use upstream_common::{rows, Checks, Row, Table};

/// Upstream's `validDeployment()` (name `abc`, one `nginx` container) with a row's changes.
fn deployment_from_row(input: &Row) -> (Deployment, Unrepresentable) {
    let mut d = Deployment::new("default", "abc", "nginx", "image", 0);
    d.spec.replicas = input.i32("replicas");
    d.spec.selector.match_labels = input.string_map("selector");
    d.spec.template.metadata.labels = input.string_map("labels");
    let rolling_update = RollingUpdateDeployment {
        max_surge: Some(input.int_or_string("maxSurge")),
        max_unavailable: Some(input.int_or_string("maxUnavailable")),
    };
    // Only the row that sets Recreate's rollingUpdate says so.
    let rolling_update_set = input.get_opt("rollingUpdateSet").map(|v| v.as_bool());
    let mut unrepresentable = Unrepresentable::default();
    d.spec.strategy = match input.str("strategy") {
        "RollingUpdate" => DeploymentStrategy {
            kind: StrategyType::RollingUpdate,
            rolling_update: Some(rolling_update),
        },
        "Recreate" => DeploymentStrategy {
            kind: StrategyType::Recreate,
            rolling_update: (rolling_update_set == Some(true)).then_some(rolling_update),
        },
        other => {
            unrepresentable.strategy_type = Some(other.to_string());
            DeploymentStrategy {
                kind: StrategyType::RollingUpdate,
                rolling_update: Some(rolling_update),
            }
        }
    };
    d.metadata.annotations.insert(
        ROLLBACK_TO_ANNOTATION.to_string(),
        input.i64("rollbackRevision").to_string(),
    );
    d.spec.min_ready_seconds = input.i32("minReadySeconds");
    // A nil progressDeadlineSeconds is never checked; MaxInt32 is upstream's "no deadline".
    d.spec.progress_deadline_seconds = input.opt_i32("progressDeadlineSeconds").unwrap_or(i32::MAX);
    (d, unrepresentable)
}

#[test]
fn test_validate_deployment() {
    assert_eq!(rows("TestValidateDeployment").len(), 9);
    Table::run("TestValidateDeployment", |row| {
        let (d, unrepresentable) = deployment_from_row(&row.get("input"));
        let errors = validate_deployment_with(&d, &unrepresentable);
        let want = row.get("expected");
        let (valid, first_error_contains) =
            (want.bool("valid"), want.opt_str("firstErrorContains"));
        let mut c = Checks::default();
        match (valid, first_error_contains) {
            (true, None) => c.eq(
                "errors",
                errors.iter().map(ToString::to_string).collect(),
                Vec::<String>::new(),
            ),
            (false, Some(part)) => {
                let first = errors.first().map(ToString::to_string).unwrap_or_default();
                if !first.contains(part) {
                    c.fail(format!(
                        "first error {first:?}, want one containing {part:?}"
                    ));
                }
            }
            (valid, part) => c.fail(format!(
                "a row must be valid or name its first error, not valid={valid} with {part:?}"
            )),
        }
        c.outcome()
    })
    .finish(0);
}

#[test]
fn test_validate_deployment_status() {
    assert_eq!(rows("TestValidateDeploymentStatus").len(), 11);
    Table::run("TestValidateDeploymentStatus", |row| {
        let input = row.get("input");
        let status = DeploymentStatus {
            replicas: input.i32("replicas"),
            updated_replicas: input.i32("updatedReplicas"),
            ready_replicas: input.i32("readyReplicas"),
            available_replicas: input.i32("availableReplicas"),
            observed_generation: input.i64("observedGeneration"),
            // A nil collisionCount is the zero value.
            collision_count: input.opt_i32("collisionCount").unwrap_or(0),
            ..DeploymentStatus::default()
        };
        let errors = validate_deployment_status(&status, "status");
        let mut c = Checks::default();
        c.eq(
            "has an error",
            !errors.is_empty(),
            row.get("expected").bool("hasError"),
        );
        c.outcome()
    })
    .finish(0);
}

// ----- one scenario per message -----

fn web() -> Deployment {
    Deployment::new("default", "web", "app", "app:v1", 3)
}

fn rolling(surge: IntOrString, unavailable: IntOrString) -> DeploymentStrategy {
    DeploymentStrategy {
        kind: StrategyType::RollingUpdate,
        rolling_update: Some(RollingUpdateDeployment {
            max_surge: Some(surge),
            max_unavailable: Some(unavailable),
        }),
    }
}

fn percent(s: &str) -> IntOrString {
    IntOrString::Str(s.into())
}

/// What `kubectl create` prints when the API server rejects the Deployment.
fn rejection(d: Deployment) -> String {
    let mut sim = Simulation::new(Default::default());
    match sim.create_deployment(d) {
        Err(e) => e.to_string(),
        Ok(()) => panic!("the Deployment was accepted"),
    }
}

fn one(cause: &str) -> String {
    format!("The Deployment \"web\" is invalid: {cause}")
}

#[test]
fn given_negative_replicas_then_creation_is_rejected() {
    let mut d = web();
    d.spec.replicas = -1;
    assert_eq!(
        rejection(d),
        one("spec.replicas: Invalid value: -1: must be greater than or equal to 0")
    );
}

#[test]
fn given_max_surge_0_and_max_unavailable_0_then_creation_is_rejected() {
    let mut d = web();
    d.spec.strategy = rolling(IntOrString::Int(0), IntOrString::Int(0));
    assert_eq!(
        rejection(d),
        one("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0")
    );
}

#[test]
fn given_0_percent_fenceposts_then_the_percent_string_is_quoted() {
    let mut d = web();
    d.spec.strategy = rolling(percent("0%"), percent("0%"));
    assert_eq!(
        rejection(d),
        one("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"0%\": may not be 0 when `maxSurge` is 0")
    );
}

#[test]
fn given_0_percent_surge_and_10_percent_unavailable_then_it_is_valid() {
    let mut d = web();
    d.spec.strategy = rolling(percent("0%"), percent("10%"));
    assert_eq!(
        Simulation::new(Default::default()).create_deployment(d),
        Ok(())
    );
}

#[test]
fn given_max_unavailable_over_100_percent_then_creation_is_rejected() {
    let mut d = web();
    d.spec.strategy = rolling(percent("25%"), percent("110%"));
    assert_eq!(
        rejection(d),
        one("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"110%\": must not be greater than 100%")
    );
}

#[test]
fn given_max_surge_over_100_percent_then_it_is_valid() {
    let mut d = web();
    d.spec.strategy = rolling(percent("200%"), percent("0%"));
    assert_eq!(
        Simulation::new(Default::default()).create_deployment(d),
        Ok(())
    );
}

#[test]
fn given_a_surge_that_is_not_a_percent_then_the_regex_is_quoted() {
    let mut d = web();
    d.spec.strategy = rolling(percent("20Percent"), percent("25%"));
    assert_eq!(
        rejection(d),
        one("spec.strategy.rollingUpdate.maxSurge: Invalid value: \"20Percent\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")
    );
}

#[test]
fn given_a_negative_surge_then_creation_is_rejected() {
    let mut d = web();
    d.spec.strategy = rolling(IntOrString::Int(-1), IntOrString::Int(1));
    assert_eq!(
        rejection(d),
        one("spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0")
    );
}

#[test]
fn given_recreate_with_rolling_update_parameters_then_they_are_forbidden() {
    let mut d = web();
    d.spec.strategy = rolling(IntOrString::Int(1), IntOrString::Int(1));
    d.spec.strategy.kind = StrategyType::Recreate;
    assert_eq!(
        rejection(d),
        one("spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'")
    );
}

#[test]
fn given_restart_policy_never_then_only_always_is_supported() {
    let mut d = web();
    d.spec.template.spec.restart_policy = RestartPolicy::Never;
    assert_eq!(
        rejection(d),
        one("spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"")
    );
}

#[test]
fn given_an_unknown_restart_policy_then_both_pod_and_replica_set_rules_report_it() {
    let mut d = web();
    d.spec.template.spec.restart_policy = RestartPolicy::parse("Sometimes");
    assert_eq!(
        rejection(d),
        "The Deployment \"web\" is invalid: \n* spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"\n* spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\""
    );
}

#[test]
fn given_a_progress_deadline_not_above_min_ready_seconds_then_creation_is_rejected() {
    let mut d = web();
    d.spec.min_ready_seconds = 10;
    d.spec.progress_deadline_seconds = 10;
    assert_eq!(
        rejection(d),
        one(
            "spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds"
        )
    );
}

#[test]
fn given_negative_counters_then_each_is_reported_in_upstream_order() {
    let mut d = web();
    d.spec.min_ready_seconds = -1;
    d.spec.revision_history_limit = -1;
    d.spec.progress_deadline_seconds = -2;
    assert_eq!(
        rejection(d),
        "The Deployment \"web\" is invalid: \n* spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0\n* spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0\n* spec.progressDeadlineSeconds: Invalid value: -2: must be greater than or equal to 0\n* spec.progressDeadlineSeconds: Invalid value: -2: must be greater than minReadySeconds"
    );
}

#[test]
fn given_a_selector_that_misses_the_template_labels_then_creation_is_rejected() {
    let mut d = web();
    d.spec.template.metadata.labels = [("app".to_string(), "api".to_string())].into();
    assert_eq!(
        rejection(d),
        one("spec.template.metadata.labels: Invalid value: {\"app\":\"api\"}: `selector` does not match template `labels`")
    );
}

#[test]
fn given_an_empty_selector_then_it_is_invalid_for_a_deployment() {
    let mut d = web();
    d.spec.selector.match_labels.clear();
    assert_eq!(
        rejection(d),
        one("spec.selector: Invalid value: {}: empty selector is invalid for deployment")
    );
}

#[test]
fn given_a_selector_with_an_unknown_operator_then_the_selector_is_invalid() {
    let mut d = web();
    d.spec
        .selector
        .match_expressions
        .push(LabelSelectorRequirement {
            key: "tier".into(),
            operator: SelectorOperator::parse("Near"),
            values: vec!["front".into()],
        });
    assert_eq!(
        rejection(d),
        "The Deployment \"web\" is invalid: \n* spec.selector.matchExpressions[0].operator: Invalid value: \"Near\": not a valid selector operator\n* spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"web\"},\"matchExpressions\":[{\"key\":\"tier\",\"operator\":\"Near\",\"values\":[\"front\"]}]}: invalid label selector"
    );
}

#[test]
fn given_an_uppercase_name_then_the_dns_subdomain_rule_is_quoted() {
    let mut d = web();
    d.metadata.name = "Web_1".into();
    assert_eq!(
        rejection(d),
        "The Deployment \"Web_1\" is invalid: metadata.name: Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    );
}

#[test]
fn given_no_name_then_name_or_generate_name_is_required() {
    let mut d = web();
    d.metadata.name.clear();
    assert_eq!(
        rejection(d),
        "The Deployment \"\" is invalid: metadata.name: Required value: name or generateName is required"
    );
}

#[test]
fn given_a_namespace_with_dots_then_it_is_not_a_label() {
    let mut d = web();
    d.metadata.namespace = "team.a".into();
    assert_eq!(
        rejection(d),
        one("metadata.namespace: Invalid value: \"team.a\": must not contain dots")
    );
}

#[test]
fn given_a_label_value_with_a_space_then_the_label_rule_is_quoted() {
    let mut d = web();
    d.metadata.labels.insert("owner".into(), "team a".into());
    assert_eq!(
        rejection(d),
        one("metadata.labels: Invalid value: \"team a\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")
    );
}

#[test]
fn given_a_container_without_image_then_the_image_is_required() {
    let mut d = web();
    d.spec.template.spec.containers[0].image.clear();
    assert_eq!(
        rejection(d),
        one("spec.template.spec.containers[0].image: Required value")
    );
}

#[test]
fn given_no_containers_then_containers_are_required() {
    let mut d = web();
    d.spec.template.spec.containers.clear();
    assert_eq!(
        rejection(d),
        one("spec.template.spec.containers: Required value")
    );
}

#[test]
fn given_two_containers_with_one_name_then_the_second_is_a_duplicate() {
    let mut d = web();
    let twin = Container {
        name: "app".into(),
        image: "app:v2".into(),
        extra: Default::default(),
    };
    d.spec.template.spec.containers.push(twin);
    assert_eq!(
        rejection(d),
        one("spec.template.spec.containers[1].name: Duplicate value: \"app\"")
    );
}

#[test]
fn given_an_uppercase_container_name_then_the_dns_label_rule_is_quoted() {
    let mut d = web();
    d.spec.template.spec.containers[0].name = "App".into();
    assert_eq!(
        rejection(d),
        one("spec.template.spec.containers[0].name: Invalid value: \"App\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")
    );
}

#[test]
fn given_an_active_deadline_in_the_template_then_it_is_forbidden() {
    let mut d = web();
    d.spec
        .template
        .spec
        .extra
        .insert("activeDeadlineSeconds".into(), 30.into());
    assert_eq!(
        rejection(d),
        one("spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported")
    );
}

#[test]
fn given_a_negative_legacy_rollback_revision_then_creation_is_rejected() {
    let mut d = web();
    d.metadata
        .annotations
        .insert(ROLLBACK_TO_ANNOTATION.into(), "-3".into());
    assert_eq!(
        rejection(d),
        one("spec.rollback.version: Invalid value: -3: must be greater than or equal to 0")
    );
}

#[test]
fn given_a_changed_selector_then_the_update_is_rejected_as_immutable() {
    let mut sim = Simulation::new(Default::default());
    sim.create_deployment(web()).expect("created");
    let mut changed = web();
    let labels: std::collections::BTreeMap<String, String> =
        [("app".to_string(), "web2".to_string())].into();
    changed.spec.selector.match_labels = labels.clone();
    changed.spec.template.metadata.labels = labels;
    let error = sim.update_deployment(changed).expect_err("rejected");
    assert_eq!(
        error.to_string(),
        one("spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"web2\"}}: field is immutable")
    );
}

#[test]
fn given_a_manifest_with_both_fenceposts_0_then_applying_it_is_rejected() {
    let text = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  strategy:
    rollingUpdate: {maxSurge: 0, maxUnavailable: 0}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: app:v1}]
";
    let objects = parse_documents(text).expect("decodes");
    let [ManifestObject::Deployment(d)] = <[ManifestObject; 1]>::try_from(objects).expect("one")
    else {
        panic!("not a Deployment");
    };
    assert_eq!(
        rejection(*d),
        one("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0")
    );
}

#[test]
fn given_status_counters_above_replicas_then_each_is_reported() {
    let status = DeploymentStatus {
        replicas: 2,
        updated_replicas: 3,
        ready_replicas: 1,
        available_replicas: 2,
        ..DeploymentStatus::default()
    };
    let errors: Vec<String> = validate_deployment_status(&status, "status")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        errors,
        vec![
            "status.updatedReplicas: Invalid value: 3: cannot be greater than status.replicas",
            "status.availableReplicas: Invalid value: 2: cannot be greater than readyReplicas",
        ]
    );
}

#[test]
fn given_a_lower_collision_count_then_the_status_update_is_rejected() {
    let old = DeploymentStatus {
        collision_count: 2,
        ..DeploymentStatus::default()
    };
    let new = DeploymentStatus {
        collision_count: 1,
        ..DeploymentStatus::default()
    };
    let errors: Vec<String> = validate_deployment_status_update(&new, &old)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        errors,
        vec!["status.collisionCount: Invalid value: 1: cannot be decremented"]
    );
}

// ----- pod template fields kept verbatim: volumes, ports, env, mounts, pull policy -----

/// Parses a one-Deployment manifest whose only container is given as flow YAML.
fn manifest_with(container: &str, pod_extra: &str) -> Deployment {
    let text = format!(
        "apiVersion: apps/v1
kind: Deployment
metadata: {{name: web}}
spec:
  selector: {{matchLabels: {{app: web}}}}
  template:
    metadata: {{labels: {{app: web}}}}
    spec:
      containers:
      - {container}
{pod_extra}"
    );
    let objects = parse_documents(&text).unwrap_or_else(|e| panic!("{e}"));
    let [ManifestObject::Deployment(d)] = <[ManifestObject; 1]>::try_from(objects).expect("one")
    else {
        panic!("not a Deployment");
    };
    *d
}

#[test]
fn given_a_mount_of_an_undeclared_volume_then_the_volume_is_not_found() {
    let d = manifest_with(
        "{name: app, image: app:v1, volumeMounts: [{name: data, mountPath: /data}]}",
        "",
    );
    assert_eq!(
        rejection(d),
        one("spec.template.spec.containers[0].volumeMounts[0].name: Not found: \"data\"")
    );
}

#[test]
fn given_a_volume_declared_twice_then_the_second_is_a_duplicate_and_mounts_still_resolve() {
    let d = manifest_with(
        "{name: app, image: app:v1, volumeMounts: [{name: data, mountPath: /data}]}",
        "      volumes: [{name: data}, {name: data, emptyDir: {}}]\n",
    );
    assert_eq!(
        d.spec.template.spec.extra["volumes"][0]["emptyDir"],
        serde_json::json!({}),
        "a volume without a source defaults to emptyDir"
    );
    assert_eq!(
        rejection(d),
        one("spec.template.spec.volumes[1].name: Duplicate value: \"data\"")
    );
}

#[test]
fn given_two_mounts_on_one_path_then_the_path_must_be_unique() {
    let d = manifest_with(
        "{name: app, image: app:v1, volumeMounts: [{name: a, mountPath: /d}, {name: b, mountPath: /d}]}",
        "      volumes: [{name: a}, {name: b}]\n",
    );
    assert_eq!(
        rejection(d),
        one("spec.template.spec.containers[0].volumeMounts[1].mountPath: Invalid value: \"/d\": must be unique")
    );
}

#[test]
fn given_a_port_name_longer_than_15_characters_then_the_iana_rule_is_quoted() {
    let d = manifest_with(
        "{name: app, image: app:v1, ports: [{name: prometheus-metrics, containerPort: 9090}]}",
        "",
    );
    assert_eq!(
        rejection(d),
        one("spec.template.spec.containers[0].ports[0].name: Invalid value: \"prometheus-metrics\": must be no more than 15 characters")
    );
}

#[test]
fn given_ports_out_of_range_or_missing_then_each_is_reported() {
    let d = manifest_with(
        "{name: app, image: app:v1, ports: [{containerPort: 70000}, {name: web, hostPort: 80}, {name: web, containerPort: 81, protocol: HTTP}]}",
        "",
    );
    assert_eq!(
        rejection(d),
        "The Deployment \"web\" is invalid: \n* spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive\n* spec.template.spec.containers[0].ports[1].containerPort: Required value\n* spec.template.spec.containers[0].ports[2].name: Duplicate value: \"web\"\n* spec.template.spec.containers[0].ports[2].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""
    );
}

#[test]
fn given_an_env_var_with_an_equals_sign_then_the_relaxed_name_rule_is_quoted() {
    let d = manifest_with(
        "{name: app, image: app:v1, env: [{name: \"MODE=fast\", value: \"1\"}]}",
        "",
    );
    assert_eq!(
        rejection(d),
        one("spec.template.spec.containers[0].env[0].name: Invalid value: \"MODE=fast\": a valid environment variable name must consist only of printable ASCII characters other than '='")
    );
}

#[test]
fn given_a_lower_case_pull_policy_then_the_supported_values_are_listed() {
    let d = manifest_with("{name: app, image: app:v1, imagePullPolicy: always}", "");
    assert_eq!(
        rejection(d),
        one("spec.template.spec.containers[0].imagePullPolicy: Unsupported value: \"always\": supported values: \"Always\", \"IfNotPresent\", \"Never\"")
    );
}

#[test]
fn given_an_init_container_named_like_an_app_container_then_it_is_a_duplicate() {
    let d = manifest_with(
        "{name: app, image: app:v1}",
        "      initContainers: [{name: app, image: busybox}]\n",
    );
    assert_eq!(
        rejection(d),
        one("spec.template.spec.initContainers[0].name: Duplicate value: \"app\"")
    );
}

#[test]
fn given_requests_above_limits_then_the_request_must_fit_the_limit() {
    let d = manifest_with(
        "{name: app, image: app:v1, resources: {requests: {cpu: 2000m, memory: 1Gi}, limits: {cpu: 1, memory: 1024Mi}}}",
        "",
    );
    assert_eq!(
        rejection(d),
        one("spec.template.spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1")
    );
}

#[test]
fn given_a_gpu_request_below_its_limit_then_extended_resources_must_match() {
    let d = manifest_with(
        "{name: app, image: app:v1, resources: {requests: {nvidia.com/gpu: 1}, limits: {nvidia.com/gpu: 2}}}",
        "",
    );
    assert_eq!(
        rejection(d),
        one("spec.template.spec.containers[0].resources.requests: Invalid value: \"1\": must be equal to nvidia.com/gpu limit of 2")
    );
}

#[test]
fn given_a_misspelled_resource_name_then_it_is_not_a_standard_resource() {
    let d = manifest_with(
        "{name: app, image: app:v1, resources: {limits: {cpus: 1}}}",
        "",
    );
    assert_eq!(
        rejection(d),
        one("spec.template.spec.containers[0].resources.limits[cpus]: Invalid value: \"cpus\": must be a standard resource for containers")
    );
}

#[test]
fn given_memory_in_gigabytes_then_the_server_cannot_decode_the_quantity() {
    let text = "apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: app, image: app:v1, resources: {limits: {memory: 1GB}}}
";
    assert_eq!(
        parse_documents(text).expect_err("rejected").to_string(),
        "Error from server (BadRequest): error when creating \"STDIN\": Deployment in version \"v1\" cannot be handled as a Deployment: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    );
}

#[test]
fn given_pod_level_names_and_policies_then_each_is_checked_in_upstream_order() {
    let d = manifest_with(
        "{name: app, image: app:v1}",
        "      dnsPolicy: ClusterFirstWithHostNetwork\n      nodeSelector: {disk: fast ssd}\n      serviceAccountName: Web_SA\n",
    );
    assert_eq!(
        rejection(d),
        "The Deployment \"web\" is invalid: \n* spec.template.spec.dnsPolicy: Unsupported value: \"ClusterFirstWithHostNetwork\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\"\n* spec.template.spec.nodeSelector: Invalid value: \"fast ssd\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n* spec.template.spec.serviceAccountName: Invalid value: \"Web_SA\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    );
}

#[test]
fn given_probes_without_handler_or_port_then_each_is_reported() {
    let d = manifest_with(
        "{name: app, image: app:v1, livenessProbe: {periodSeconds: 5, successThreshold: 2}, readinessProbe: {httpGet: {path: /ready}}}",
        "",
    );
    assert_eq!(
        rejection(d),
        "The Deployment \"web\" is invalid: \n* spec.template.spec.containers[0].livenessProbe: Required value: must specify a handler type\n* spec.template.spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1\n* spec.template.spec.containers[0].readinessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive"
    );
}

#[test]
fn given_a_probe_on_a_plain_init_container_then_it_is_forbidden() {
    let d = manifest_with(
        "{name: app, image: app:v1}",
        "      initContainers: [{name: setup, image: busybox, readinessProbe: {exec: {command: [sh]}}}]\n",
    );
    assert_eq!(
        rejection(d),
        one("spec.template.spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always")
    );
}
