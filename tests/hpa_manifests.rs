//! HorizontalPodAutoscaler manifests: given an autoscaling/v2 HPA in a file, when it is applied
//! (by `kubectl apply` or a scenario's `manifests:`), then it is decoded strictly, defaulted and
//! validated as the API server does, created, configured or left unchanged, deleted with
//! `delete -f`, and printed back by `get hpa -o yaml|json` as kubectl prints it.

use deploysim::engine::{SimConfig, Simulation};
use deploysim::kubectl::{self, Files, Output};
use deploysim::scenario::{Run, Scenario};

const DEPLOYMENT: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: app:v1
        resources:
          requests:
            cpu: 10m
";

const HPA: &str = "apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 2
  maxReplicas: 10
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 50
";

fn apply(sim: &mut Simulation, yaml: &str) -> Output {
    kubectl::run(
        sim,
        "kubectl apply -f hpa.yaml",
        &Files::none().with("hpa.yaml", yaml),
    )
}

fn given_web() -> Simulation {
    let mut sim = Simulation::new(SimConfig::default());
    let out = kubectl::run(
        &mut sim,
        "kubectl apply -f web.yaml",
        &Files::none().with("web.yaml", DEPLOYMENT),
    );
    assert!(out.ok, "{out:?}");
    sim
}

/// The stderr of applying `yaml`, which must fail and change nothing.
fn refused(yaml: &str) -> String {
    let mut sim = given_web();
    let out = apply(&mut sim, yaml);
    assert!(!out.ok, "{out:?}");
    assert!(sim.horizontal_pod_autoscalers().next().is_none());
    out.stderr
}

#[test]
fn given_an_hpa_manifest_then_apply_creates_it_then_leaves_it_unchanged_then_configures_it() {
    let mut sim = given_web();
    let out = apply(&mut sim, HPA);
    assert!(out.ok, "{out:?}");
    assert_eq!(
        out.stdout,
        "horizontalpodautoscaler.autoscaling/web created\n"
    );
    let hpa = sim
        .horizontal_pod_autoscaler("default", "web")
        .expect("hpa");
    assert_eq!((hpa.spec.min_replicas, hpa.spec.max_replicas), (2, 10));
    assert_eq!(hpa.spec.metrics[0].average_utilization, 50);
    assert_eq!(
        apply(&mut sim, HPA).stdout,
        "horizontalpodautoscaler.autoscaling/web unchanged\n"
    );
    let out = apply(&mut sim, &HPA.replace("maxReplicas: 10", "maxReplicas: 6"));
    assert_eq!(
        out.stdout,
        "horizontalpodautoscaler.autoscaling/web configured\n"
    );
    let hpa = sim
        .horizontal_pod_autoscaler("default", "web")
        .expect("hpa");
    assert_eq!(hpa.spec.max_replicas, 6);
    let out = kubectl::run(
        &mut sim,
        "kubectl delete -f hpa.yaml",
        &Files::none().with("hpa.yaml", HPA),
    );
    assert!(out.ok, "{out:?}");
    assert_eq!(
        out.stdout,
        "horizontalpodautoscaler.autoscaling \"web\" deleted from default namespace\n"
    );
    assert!(sim.horizontal_pod_autoscalers().next().is_none());
}

#[test]
fn given_no_metrics_and_a_partial_behavior_then_upstreams_defaults_fill_them_in() {
    let mut sim = given_web();
    let yaml = "apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 5
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 60
";
    let out = apply(&mut sim, yaml);
    assert!(out.ok, "{out:?}");
    let hpa = sim
        .horizontal_pod_autoscaler("default", "web")
        .expect("hpa");
    assert_eq!(hpa.spec.min_replicas, 1);
    assert_eq!(hpa.spec.metrics[0].resource, "cpu");
    assert_eq!(hpa.spec.metrics[0].average_utilization, 80);
    let behavior = hpa.spec.behavior.as_ref().expect("behavior");
    assert_eq!(behavior.scale_down.stabilization_window_seconds, Some(60));
    assert_eq!(behavior.scale_down.policies.len(), 1);
    assert_eq!(behavior.scale_up.stabilization_window_seconds, Some(0));
    assert_eq!(behavior.scale_up.policies.len(), 2);
}

#[test]
fn given_an_hpa_then_get_o_yaml_prints_the_v2_object_with_its_status() {
    let mut sim = given_web();
    assert!(apply(&mut sim, HPA).ok);
    let yaml = kubectl::run(&mut sim, "kubectl get hpa web -o yaml", &Files::none());
    assert!(yaml.ok, "{yaml:?}");
    let before = yaml.stdout;
    assert!(before.starts_with("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\n"));
    assert!(
        before.contains(
            "spec:
  maxReplicas: 10
  metrics:
  - resource:
      name: cpu
      target:
        averageUtilization: 50
        type: Utilization
    type: Resource
  minReplicas: 2
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
status:
  currentMetrics: null
  desiredReplicas: 0
"
        ),
        "{before}"
    );
    for _ in 0..40 {
        sim.run_tick();
        sim.advance();
    }
    let after = kubectl::run(&mut sim, "kubectl get hpa web -o yaml", &Files::none()).stdout;
    assert!(
        after.contains("  conditions:\n  - lastTransitionTime: "),
        "{after}"
    );
    assert!(
        after.contains("    message: recommended size matches current size\n    reason: ReadyForNewScale\n    status: \"True\"\n    type: AbleToScale\n"),
        "{after}"
    );
    assert!(
        after.contains("  currentMetrics:\n  - resource:\n      current:\n        averageUtilization: 50\n        averageValue: 5m\n      name: cpu\n    type: Resource\n  currentReplicas: 2\n  desiredReplicas: 2\n"),
        "{after}"
    );
    let json = kubectl::run(&mut sim, "kubectl get hpa web -o json", &Files::none());
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(value["spec"]["scaleTargetRef"]["name"], "web");
    assert_eq!(value["status"]["desiredReplicas"], 2);
}

#[test]
fn given_a_scenario_with_an_hpa_manifest_then_it_is_applied_at_tick_0() {
    let scenario = Scenario {
        manifests: format!("{DEPLOYMENT}---\n{HPA}"),
        ..Scenario::default_web()
    };
    let run = Run::start(scenario).expect("scenario applies");
    let hpa = run
        .sim()
        .horizontal_pod_autoscaler("default", "web")
        .expect("hpa from manifests");
    assert_eq!(hpa.spec.max_replicas, 10);
}

#[test]
fn given_an_unknown_field_or_a_wrong_type_then_the_server_refuses_to_decode_it() {
    assert_eq!(
        refused(&HPA.replace("maxReplicas: 10", "maxReplica: 10")),
        "Error from server (BadRequest): error when creating \"hpa.yaml\": HorizontalPodAutoscaler in version \"v2\" cannot be handled as a HorizontalPodAutoscaler: strict decoding error: unknown field \"spec.maxReplica\"\n"
    );
    assert_eq!(
        refused(&HPA.replace("averageUtilization: 50", "averageUtilization: half")),
        "Error from server (BadRequest): error when creating \"hpa.yaml\": HorizontalPodAutoscaler in version \"v2\" cannot be handled as a HorizontalPodAutoscaler: json: cannot unmarshal string into Go struct field MetricTarget.spec.metrics.resource.target.averageUtilization of type int32\n"
    );
}

#[test]
fn given_autoscaling_v1_or_a_removed_version_then_it_is_refused_with_a_reason() {
    let v1 = "apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 5
  targetCPUUtilizationPercentage: 50
";
    assert_eq!(
        refused(v1),
        "error: HorizontalPodAutoscaler \"web\" in \"hpa.yaml\": autoscaling/v1 is not simulated: write it as autoscaling/v2, with spec.metrics instead of spec.targetCPUUtilizationPercentage\n"
    );
    assert_eq!(
        refused(&HPA.replace("autoscaling/v2", "autoscaling/v2beta2")),
        "error: resource mapping not found for name: \"web\" namespace: \"\" from \"hpa.yaml\": no matches for kind \"HorizontalPodAutoscaler\" in version \"autoscaling/v2beta2\"\nensure CRDs are installed first\n"
    );
}

/// Upstream's validation rows (pkg/apis/autoscaling/validation/validation.go): the manifest's
/// change and the API server's causes, each `field: detail` as kubectl prints it.
#[test]
fn given_invalid_hpas_then_the_api_server_lists_upstreams_causes() {
    let rows: &[(&str, &str, &str)] = &[
        (
            "minReplicas: 2",
            "minReplicas: 0",
            "spec.minReplicas: Invalid value: 0: must be greater than or equal to 1\n* spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas",
        ),
        (
            "maxReplicas: 10",
            "maxReplicas: 0",
            "spec.maxReplicas: Invalid value: 0: must be greater than 0\n* spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`",
        ),
        (
            "maxReplicas: 10",
            "maxReplicas: 1",
            "spec.maxReplicas: Invalid value: 1: must be greater than or equal to `minReplicas`",
        ),
        (
            "    name: web\n  minReplicas",
            "    name: web/x\n  minReplicas",
            "spec.scaleTargetRef.name: Invalid value: \"web/x\": may not contain '/'",
        ),
        (
            "    kind: Deployment\n",
            "    kind: \"\"\n",
            "spec.scaleTargetRef.kind: Required value",
        ),
        (
            "averageUtilization: 50",
            "averageUtilization: 0",
            "spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0",
        ),
        (
            "        averageUtilization: 50\n",
            "",
            "spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization",
        ),
        (
            "        averageUtilization: 50\n",
            "        averageUtilization: 50\n        averageValue: 100m\n",
            "spec.metrics[0].resource.target.averageValue: Forbidden: may not set both a target raw value and a target utilization",
        ),
        (
            "        type: Utilization\n",
            "        type: Percent\n",
            "spec.metrics[0].resource.target.type: Invalid value: \"Percent\": must be either Utilization, Value, or AverageValue",
        ),
        (
            "  - type: Resource\n",
            "  - type: Memory\n",
            "spec.metrics[0].type: Unsupported value: \"Memory\": supported values: \"ContainerResource\", \"External\", \"Object\", \"Pods\", \"Resource\"",
        ),
        (
            "  - type: Resource\n",
            "  - type: Pods\n",
            "spec.metrics[0].pods: Required value: must populate information for the given metric source",
        ),
        (
            "  - type: Resource\n",
            "  - type: Pods\n    pods: {metric: {name: rps}, target: {type: AverageValue, averageValue: 10}}\n",
            "spec.metrics[0].resource: Forbidden: must populate the given metric source only",
        ),
        (
            "      name: cpu\n",
            "      name: \"\"\n",
            "spec.metrics[0].resource.name: Required value: must specify a resource name",
        ),
        (
            "averageUtilization: 50\n",
            "averageUtilization: 50\n  behavior:\n    scaleUp:\n      stabilizationWindowSeconds: 3601\n      selectPolicy: Most\n      policies: []\n",
            "spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: 3601: must be less than or equal to 3600\n* spec.behavior.scaleUp.selectPolicy: Unsupported value: \"Most\": supported values: \"Disabled\", \"Max\", \"Min\"\n* spec.behavior.scaleUp.policies: Required value: must specify at least one Policy",
        ),
        (
            "averageUtilization: 50\n",
            "averageUtilization: 50\n  behavior:\n    scaleDown:\n      stabilizationWindowSeconds: -1\n      policies:\n      - {type: Pod, value: 0, periodSeconds: 1801}\n",
            "spec.behavior.scaleDown.stabilizationWindowSeconds: Invalid value: -1: must be greater than or equal to zero\n* spec.behavior.scaleDown.policies[0].type: Unsupported value: \"Pod\": supported values: \"Percent\", \"Pods\"\n* spec.behavior.scaleDown.policies[0].value: Invalid value: 0: must be greater than zero\n* spec.behavior.scaleDown.policies[0].periodSeconds: Invalid value: 1801: must be less than or equal to 1800",
        ),
    ];
    for (from, to, causes) in rows {
        assert!(HPA.contains(from), "{from}");
        let stderr = refused(&HPA.replacen(from, to, 1));
        let expected = if causes.contains("\n* ") {
            format!("The HorizontalPodAutoscaler.autoscaling \"web\" is invalid: \n* {causes}\n")
        } else {
            format!("The HorizontalPodAutoscaler.autoscaling \"web\" is invalid: {causes}\n")
        };
        assert!(
            stderr.ends_with(&expected),
            "{to}:\n{stderr}\nwanted\n{expected}"
        );
    }
}

#[test]
fn given_metrics_upstream_accepts_but_deploysim_cannot_measure_then_it_says_why() {
    let rows: &[(&str, &str, &str)] = &[
        (
            "      name: cpu\n",
            "      name: memory\n",
            "spec.metrics[0].resource.name: Invalid value: \"memory\": DeploySim measures the pods' cpu only",
        ),
        (
            "        type: Utilization\n        averageUtilization: 50\n",
            "        type: AverageValue\n        averageValue: 100m\n",
            "spec.metrics[0].resource.target.type: Invalid value: \"AverageValue\": DeploySim simulates Utilization targets only (averageUtilization)",
        ),
    ];
    for (from, to, cause) in rows {
        let stderr = refused(&HPA.replacen(from, to, 1));
        assert!(
            stderr.ends_with(&format!(
                "The HorizontalPodAutoscaler.autoscaling \"web\" is invalid: {cause}\n"
            )),
            "{stderr}"
        );
    }
}
