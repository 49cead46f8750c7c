//! Real Deployment manifests from public projects (tests/data/corpus, each naming its source on
//! its first line): every one must load, default and validate as a real API server would, and be
//! accepted by a Simulation. Also the exact kubectl texts of the manifest errors, the `-o yaml`
//! writer, and a garbling test that no input makes the reader panic.

use deploysim::engine::intstr::IntOrString;
use deploysim::engine::validation::validate_deployment;
use deploysim::engine::{Deployment, RestartPolicy, Simulation, StrategyType};
use deploysim::manifest::{
    parse_documents, parse_documents_from, rfc3339, to_yaml_deployment, ManifestError,
    ManifestObject,
};

/// Every corpus file with (Deployments, other objects) it holds.
const CORPUS: &[(&str, &str, usize, usize)] = &[
    (
        "05-podinfo-kustomize.yaml",
        include_str!("data/corpus/05-podinfo-kustomize.yaml"),
        1,
        0,
    ),
    (
        "06-podinfo-cache-redis.yaml",
        include_str!("data/corpus/06-podinfo-cache-redis.yaml"),
        1,
        0,
    ),
    (
        "07-argocd-guestbook-ui.yaml",
        include_str!("data/corpus/07-argocd-guestbook-ui.yaml"),
        1,
        0,
    ),
    (
        "08-sockshop-carts.yaml",
        include_str!("data/corpus/08-sockshop-carts.yaml"),
        1,
        0,
    ),
    (
        "09-sockshop-front-end.yaml",
        include_str!("data/corpus/09-sockshop-front-end.yaml"),
        1,
        0,
    ),
    (
        "10-voting-db.yaml",
        include_str!("data/corpus/10-voting-db.yaml"),
        1,
        0,
    ),
    (
        "11-voting-worker.yaml",
        include_str!("data/corpus/11-voting-worker.yaml"),
        1,
        0,
    ),
    (
        "12-boutique-frontend.yaml",
        include_str!("data/corpus/12-boutique-frontend.yaml"),
        1,
        3,
    ),
    (
        "13-boutique-loadgenerator.yaml",
        include_str!("data/corpus/13-boutique-loadgenerator.yaml"),
        1,
        1,
    ),
    (
        "14-boutique-cartservice.yaml",
        include_str!("data/corpus/14-boutique-cartservice.yaml"),
        2,
        3,
    ),
    (
        "15-guestbook-all-in-one.yaml",
        include_str!("data/corpus/15-guestbook-all-in-one.yaml"),
        3,
        3,
    ),
    (
        "16-vllm-gpu.yaml",
        include_str!("data/corpus/16-vllm-gpu.yaml"),
        1,
        0,
    ),
    (
        "17-nfs-server-privileged.yaml",
        include_str!("data/corpus/17-nfs-server-privileged.yaml"),
        1,
        0,
    ),
    (
        "26-kubectl-edit-roundtrip-defaults.yaml",
        include_str!("data/corpus/26-kubectl-edit-roundtrip-defaults.yaml"),
        1,
        0,
    ),
    (
        "27-minio-recreate-hostport.yaml",
        include_str!("data/corpus/27-minio-recreate-hostport.yaml"),
        1,
        0,
    ),
    (
        "28-sockshop-rabbitmq-2containers.yaml",
        include_str!("data/corpus/28-sockshop-rabbitmq-2containers.yaml"),
        1,
        0,
    ),
    (
        "29-podinfo-secure-backend-ns.yaml",
        include_str!("data/corpus/29-podinfo-secure-backend-ns.yaml"),
        1,
        0,
    ),
    (
        "30-voting-vote.yaml",
        include_str!("data/corpus/30-voting-vote.yaml"),
        1,
        0,
    ),
];

fn corpus(file: &str) -> &'static str {
    CORPUS
        .iter()
        .find(|(name, ..)| *name == file)
        .map(|(_, text, ..)| *text)
        .expect("a corpus file")
}

fn deployments(file: &str) -> Vec<Deployment> {
    parse_documents_from(corpus(file), file)
        .unwrap_or_else(|e| panic!("{file}: {e}"))
        .into_iter()
        .filter_map(|o| match o {
            ManifestObject::Deployment(d) => Some(*d),
            ManifestObject::Service(_) | ManifestObject::Other { .. } => None,
        })
        .collect()
}

fn only_deployment(file: &str) -> Deployment {
    let mut list = deployments(file);
    assert_eq!(list.len(), 1, "{file}");
    list.remove(0)
}

fn percent(s: &str) -> Option<IntOrString> {
    Some(IntOrString::Str(s.into()))
}

fn parse_error(text: &str) -> String {
    match parse_documents_from(text, "x.yaml") {
        Err(e) => e.to_string(),
        Ok(objects) => panic!("expected an error, got {objects:?}"),
    }
}

// ----- the corpus -----

#[test]
fn every_corpus_file_keeps_its_source_line() {
    for (file, text, ..) in CORPUS {
        assert!(text.starts_with("# source: "), "{file}");
    }
}

#[test]
fn every_corpus_file_yields_the_expected_objects() {
    for (file, text, want_deployments, want_others) in CORPUS {
        let objects = parse_documents_from(text, file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let found = objects
            .iter()
            .filter(|o| matches!(o, ManifestObject::Deployment(_)))
            .count();
        assert_eq!(found, *want_deployments, "{file}: Deployments");
        assert_eq!(objects.len() - found, *want_others, "{file}: other kinds");
    }
}

#[test]
fn every_corpus_deployment_passes_validation_and_is_created_in_a_simulation() {
    for (file, ..) in CORPUS {
        let mut sim = Simulation::new(Default::default());
        for d in deployments(file) {
            assert_eq!(
                validate_deployment(&d),
                Vec::new(),
                "{file}: {}",
                d.metadata.name
            );
            assert_eq!(sim.create_deployment(d), Ok(()), "{file}");
        }
    }
}

#[test]
fn every_corpus_deployment_survives_a_round_trip_through_its_yaml() {
    for (file, ..) in CORPUS {
        for d in deployments(file) {
            let yaml = to_yaml_deployment(&d);
            let again =
                parse_documents_from(&yaml, file).unwrap_or_else(|e| panic!("{file}: {e}\n{yaml}"));
            assert_eq!(
                again,
                vec![ManifestObject::Deployment(Box::new(d))],
                "{file}"
            );
        }
    }
}

#[test]
fn given_podinfo_with_only_max_unavailable_0_then_max_surge_defaults_to_25_percent() {
    let d = only_deployment("05-podinfo-kustomize.yaml");
    let ru = d.spec.strategy.rolling_update.expect("rollingUpdate");
    assert_eq!(ru.max_unavailable, Some(IntOrString::Int(0)));
    assert_eq!(ru.max_surge, percent("25%"));
    assert_eq!(d.spec.replicas, 1, "no replicas in the file: defaults to 1");
    assert_eq!(d.spec.min_ready_seconds, 3);
    assert_eq!(d.spec.progress_deadline_seconds, 60);
    assert_eq!(d.spec.revision_history_limit, 5);
    assert_eq!(d.metadata.namespace, "default");
    assert_eq!(d.spec.template.spec.restart_policy, RestartPolicy::Always);
    assert_eq!(d.spec.template.spec.termination_grace_period_seconds, 30);
}

#[test]
fn given_a_manifest_without_strategy_then_rolling_update_25_25_and_api_defaults_apply() {
    let d = only_deployment("07-argocd-guestbook-ui.yaml");
    assert_eq!(d.spec.strategy.kind, StrategyType::RollingUpdate);
    let ru = d.spec.strategy.rolling_update.expect("rollingUpdate");
    assert_eq!(
        (ru.max_surge, ru.max_unavailable),
        (percent("25%"), percent("25%"))
    );
    assert_eq!(d.spec.revision_history_limit, 3);
    assert_eq!(d.spec.progress_deadline_seconds, 600);
    let container = &d.spec.template.spec.containers[0];
    assert_eq!(container.extra["terminationMessagePolicy"], "File");
    assert_eq!(container.extra["ports"][0]["protocol"], "TCP");
    assert_eq!(d.spec.template.spec.extra["dnsPolicy"], "ClusterFirst");
}

#[test]
fn given_the_guestbook_then_three_deployments_with_1_2_3_replicas() {
    let replicas: Vec<i32> = deployments("15-guestbook-all-in-one.yaml")
        .iter()
        .map(|d| d.spec.replicas)
        .collect();
    assert_eq!(replicas, vec![1, 2, 3]);
}

#[test]
fn given_a_server_round_tripped_deployment_then_its_status_and_server_fields_are_ignored() {
    let d = only_deployment("26-kubectl-edit-roundtrip-defaults.yaml");
    assert_eq!(d.metadata.namespace, "edit-test");
    assert_eq!(d.metadata.generation, 0);
    assert_eq!(d.status, Default::default());
    assert_eq!(
        d.metadata.annotations["deployment.kubernetes.io/revision"],
        "1"
    );
    assert_eq!(d.spec.replicas, 3);
}

#[test]
fn given_the_round_tripped_deployment_then_its_yaml_spec_is_what_the_server_printed() {
    let text = corpus("26-kubectl-edit-roundtrip-defaults.yaml");
    let original_spec: String = text
        .lines()
        .skip_while(|l| *l != "spec:")
        .take_while(|l| *l != "status:")
        .map(|l| format!("{l}\n"))
        .collect();
    let yaml = to_yaml_deployment(&only_deployment("26-kubectl-edit-roundtrip-defaults.yaml"));
    assert!(yaml.contains(&original_spec), "{yaml}");
}

#[test]
fn given_recreate_init_containers_and_an_explicit_namespace_then_they_are_kept() {
    let minio = only_deployment("27-minio-recreate-hostport.yaml");
    assert_eq!(minio.spec.strategy.kind, StrategyType::Recreate);
    assert_eq!(minio.spec.strategy.rolling_update, None);
    let loadgen = only_deployment("13-boutique-loadgenerator.yaml");
    assert_eq!(loadgen.spec.template.spec.init_containers.len(), 1);
    assert_eq!(
        loadgen.spec.template.spec.termination_grace_period_seconds,
        5
    );
    assert_eq!(
        only_deployment("29-podinfo-secure-backend-ns.yaml")
            .metadata
            .namespace,
        "secure"
    );
    let rabbit = only_deployment("28-sockshop-rabbitmq-2containers.yaml");
    assert_eq!(rabbit.spec.template.spec.containers.len(), 2);
}

#[test]
fn given_a_named_pod_template_then_the_name_survives_the_round_trip() {
    let text = WEB.replace(
        "    metadata:\n      labels:",
        "    metadata:\n      name: web-pod\n      labels:",
    );
    let objects = parse_documents(&text).expect("parses");
    let ManifestObject::Deployment(d) = &objects[0] else {
        panic!("not a Deployment");
    };
    let yaml = to_yaml_deployment(d);
    assert!(
        yaml.contains("    metadata:\n      labels:\n        app: web\n      name: web-pod\n"),
        "{yaml}"
    );
    assert_eq!(parse_documents(&yaml).expect("parses again"), objects);
}

#[test]
fn given_other_kinds_then_each_gets_a_one_line_warning_and_services_are_read() {
    let objects = parse_documents(corpus("12-boutique-frontend.yaml")).expect("parses");
    let warnings: Vec<String> = objects.iter().filter_map(ManifestObject::warning).collect();
    assert_eq!(
        warnings,
        vec![
            "Warning: ServiceAccount \"frontend\" ignored: DeploySim simulates Deployments and Services only",
        ]
    );
    let services: Vec<&str> = objects
        .iter()
        .filter_map(|o| match o {
            ManifestObject::Service(s) => Some(s.metadata.name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(services, ["frontend", "frontend-external"]);
}

// ----- kubectl's errors -----

const WEB: &str = include_str!("data/web-deployment.yaml");

#[test]
fn given_comments_empty_documents_and_a_leading_separator_then_they_are_skipped() {
    let text = format!("---\n# nothing here\n---\n\n---\n{WEB}---\n");
    let objects = parse_documents(&text).expect("parses");
    assert_eq!(objects.len(), 1);
}

#[test]
fn given_json_or_crlf_line_endings_then_the_same_deployment_is_read() {
    let from_yaml = parse_documents(WEB).expect("yaml");
    assert_eq!(
        parse_documents(&WEB.replace('\n', "\r\n")).expect("crlf"),
        from_yaml
    );
    let json = r#"{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
      "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}},
               "template": {"metadata": {"labels": {"app": "web"}},
                            "spec": {"containers": [{"name": "app", "image": "app:v1"}]}}}}"#;
    assert_eq!(parse_documents(json).expect("json"), from_yaml);
}

#[test]
fn given_an_extensions_v1beta1_deployment_then_kubectl_finds_no_mapping() {
    let text = WEB.replace("apps/v1", "extensions/v1beta1");
    assert_eq!(
        parse_error(&text),
        "error: resource mapping not found for name: \"web\" namespace: \"\" from \"x.yaml\": no matches for kind \"Deployment\" in version \"extensions/v1beta1\"\nensure CRDs are installed first"
    );
}

#[test]
fn given_a_duplicated_key_then_the_last_value_wins_as_in_kubectl_s_yaml_conversion() {
    let text = WEB.replace("  replicas: 3\n", "  replicas: 3\n  replicas: 5\n");
    let [ManifestObject::Deployment(d)] =
        <[ManifestObject; 1]>::try_from(parse_documents(&text).expect("accepted")).expect("one")
    else {
        panic!("not a Deployment");
    };
    assert_eq!(d.spec.replicas, 5);
    let tagged = format!(
        "{text}        env: [{{name: A, value: !custom x}}, {{name: A, value: !custom y}}]\n"
    );
    let objects = parse_documents(&tagged).expect("tags are dropped");
    let ManifestObject::Deployment(d) = &objects[0] else {
        panic!("not a Deployment");
    };
    assert_eq!(
        d.spec.template.spec.containers[0].extra["env"][1]["value"],
        "y"
    );
}

#[test]
fn given_a_misspelled_kind_in_a_known_group_then_kubectl_finds_no_mapping() {
    let text = format!(
        "apiVersion: v1\nkind: service\nmetadata:\n  name: web\n  namespace: shop\n---\n{WEB}"
    );
    assert_eq!(
        parse_error(&text),
        "error: resource mapping not found for name: \"web\" namespace: \"shop\" from \"x.yaml\": no matches for kind \"service\" in version \"v1\"\nensure CRDs are installed first"
    );
    let custom = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n";
    assert!(matches!(
        parse_documents(custom).as_deref(),
        Ok([ManifestObject::Other { .. }])
    ));
}

#[test]
fn given_a_document_without_kind_and_api_version_then_client_validation_refuses_it() {
    assert_eq!(
        parse_error("resources:\n- deployment.yaml\n"),
        "error: error validating \"x.yaml\": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false"
    );
    assert_eq!(
        parse_error("apiVersion: apps/v1\nmetadata:\n  name: web\n"),
        "error: error validating \"x.yaml\": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false"
    );
}

#[test]
fn given_replicas_three_as_a_word_then_the_server_cannot_decode_it() {
    let text = WEB.replace("replicas: 3", "replicas: three");
    assert_eq!(
        parse_error(&text),
        "Error from server (BadRequest): error when creating \"x.yaml\": Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32"
    );
}

#[test]
fn given_several_type_errors_then_the_first_in_the_document_is_reported() {
    let text = WEB.replace("  replicas: 3\n", "").replace(
        "        image: app:v1\n",
        "        image: app:v1\n        ports: [{containerPort: \"80\"}]\n",
    ) + "  replicas: three\n";
    assert!(
        parse_error(&text).ends_with("json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32"),
        "{}",
        parse_error(&text)
    );
}

#[test]
fn given_a_numeric_label_value_then_the_server_cannot_decode_it() {
    let text = WEB.replace(
        "  name: web\n",
        "  name: web\n  labels:\n    version: 1.0\n",
    );
    assert_eq!(
        parse_error(&text),
        "Error from server (BadRequest): error when creating \"x.yaml\": Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string"
    );
}

#[test]
fn given_a_numeric_env_value_then_the_server_cannot_decode_it() {
    let text = format!("{WEB}        env:\n        - name: PORT\n          value: 8080\n");
    assert_eq!(
        parse_error(&text),
        "Error from server (BadRequest): error when creating \"x.yaml\": Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string"
    );
}

#[test]
fn given_a_probe_command_with_a_yaml_boolean_then_the_server_cannot_decode_it() {
    let text = format!("{WEB}        livenessProbe:\n          exec:\n            command: [test, -f, /tmp/ok, true]\n");
    assert_eq!(
        parse_error(&text),
        "Error from server (BadRequest): error when creating \"x.yaml\": Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal bool into Go struct field ExecAction.spec.template.spec.containers.livenessProbe.exec.command of type string"
    );
    let typo = format!("{WEB}        readinessProbe:\n          httpGet: {{path: /, port: 80}}\n          periodSecond: 5\n");
    assert!(parse_error(&typo).ends_with(
        "strict decoding error: unknown field \"spec.template.spec.containers[0].readinessProbe.periodSecond\""
    ));
}

#[test]
fn given_misspelled_fields_then_strict_decoding_names_each_one() {
    let text = WEB.replace("replicas: 3", "replica: 3").replace(
        "image: app:v1",
        "image: app:v1\n        imagePullPolcy: Always",
    );
    assert_eq!(
        parse_error(&text),
        "Error from server (BadRequest): error when creating \"x.yaml\": Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.replica\", unknown field \"spec.template.spec.containers[0].imagePullPolcy\""
    );
}

#[test]
fn given_bad_indentation_then_kubectl_reports_the_yaml_line() {
    let text = WEB.replace("  replicas: 3", "  replicas: 3\n    extra: 1");
    assert_eq!(
        parse_error(&text),
        "error: error parsing x.yaml: error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context"
    );
}

#[test]
fn given_a_parser_error_then_the_line_is_the_one_go_yaml_reports() {
    // libyaml's parser errors carry a 0-based mark, which Go's yaml package prints as is.
    let text = WEB.replace("      - name: app\n", "      - name: app\n     bad: x\n");
    let error = parse_error(&text);
    assert_eq!(
        error,
        "error: error parsing x.yaml: error converting YAML to JSON: yaml: line 16: did not find expected key"
    );
}

#[test]
fn given_an_error_in_a_later_document_then_its_line_counts_from_that_document() {
    // apimachinery's YAMLReader hands sigs.k8s.io/yaml one document at a time.
    let service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n";
    let broken = WEB.replace("  replicas: 3", "  replicas: 3\n    extra: 1");
    assert_eq!(
        parse_error(&format!("{service}---\n{broken}")),
        "error: error parsing x.yaml: error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context"
    );
    assert_eq!(
        parse_error(&format!("---\r\n# the web app\r\n{service}--- # next\r\n{broken}")),
        "error: error parsing x.yaml: error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context"
    );
}

#[test]
fn given_content_after_a_document_separator_then_kubectl_refuses_the_separator() {
    assert_eq!(
        parse_error(&format!("--- {{apiVersion: v1, kind: Service}}\n{WEB}")),
        "error: error parsing x.yaml: invalid Yaml document separator: {apiVersion: v1, kind: Service}"
    );
    assert_eq!(
        parse_error(&format!("{WEB}----\n{WEB}")),
        "error: error parsing x.yaml: invalid Yaml document separator: -"
    );
    let objects = parse_documents(&format!("--- # first\n{WEB}---   \n{WEB}")).expect("parses");
    assert_eq!(objects.len(), 2);
}

#[test]
fn given_content_after_a_document_end_marker_then_kubectl_never_reads_it() {
    // yaml.v2's Unmarshal reads the first document of each piece between `---` lines.
    let objects = parse_documents(&format!("{WEB}...\nb: [\n")).expect("the rest is not read");
    assert_eq!(objects.len(), 1);
}

#[test]
fn given_yaml_1_1_scalars_then_they_read_as_kubectl_reads_them() {
    // yaml.v2 (YAML 1.1) reads a plain `yes` as a boolean: an env var's value must be quoted.
    let env = WEB.replace(
        "        image: app:v1\n",
        "        image: app:v1\n        env:\n        - name: DEBUG\n          value: yes\n",
    );
    assert_eq!(
        parse_error(&env),
        "Error from server (BadRequest): error when creating \"x.yaml\": Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string"
    );
    assert!(parse_documents(&env.replace("value: yes", "value: \"yes\"")).is_ok());
    // A plain 0644 is octal (420); `1_0` is ten; `paused: on` is true.
    let volume = WEB
        .replace(
            "        image: app:v1\n",
            "        image: app:v1\n      volumes:\n      - name: cfg\n        configMap:\n          name: cfg\n          defaultMode: 0644\n",
        )
        .replace("replicas: 3", "replicas: 1_0\n  paused: on");
    let [ManifestObject::Deployment(d)] =
        <[ManifestObject; 1]>::try_from(parse_documents(&volume).expect("accepted")).expect("one")
    else {
        panic!("not a Deployment");
    };
    assert_eq!((d.spec.replicas, d.spec.paused), (10, true));
    assert_eq!(
        d.spec.template.spec.extra["volumes"][0]["configMap"]["defaultMode"],
        420
    );
}

#[test]
fn given_a_missing_selector_then_the_server_lists_both_causes() {
    let text = WEB.replace("  selector:\n    matchLabels:\n      app: web\n", "");
    let error = match parse_documents_from(&text, "x.yaml") {
        Err(ManifestError::Invalid(error)) => error.to_string(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        error,
        "The Deployment \"web\" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`"
    );
}

#[test]
fn given_an_unknown_strategy_type_then_the_server_lists_the_supported_ones() {
    let text = WEB.replace(
        "  replicas: 3\n",
        "  replicas: 3\n  strategy:\n    type: BlueGreen\n",
    );
    assert_eq!(
        parse_error(&text),
        "The Deployment \"web\" is invalid: spec.strategy: Unsupported value: {\"Type\":\"BlueGreen\",\"RollingUpdate\":null}: supported values: \"Recreate\", \"RollingUpdate\""
    );
}

#[test]
fn given_a_v1_list_then_its_items_are_read() {
    let indented: String = WEB.lines().map(|l| format!("  {l}\n")).collect();
    let text = format!("apiVersion: v1\nkind: List\nitems:\n-{}", &indented[1..]);
    let objects = parse_documents(&text).expect("parses");
    assert!(matches!(
        objects.as_slice(),
        [ManifestObject::Deployment(_)]
    ));
}

// ----- -o yaml -----

#[test]
fn given_simulated_seconds_then_timestamps_count_from_2026_01_01() {
    assert_eq!(rfc3339(0), "2026-01-01T00:00:00Z");
    assert_eq!(rfc3339(65), "2026-01-01T00:01:05Z");
    assert_eq!(rfc3339(86_400 * 59), "2026-03-01T00:00:00Z");
    assert_eq!(rfc3339(86_400 * 365 + 3_661), "2027-01-01T01:01:01Z");
}

#[test]
fn given_a_created_deployment_then_its_yaml_has_server_fields_in_alphabetical_order() {
    let mut sim = Simulation::new(Default::default());
    let objects = parse_documents(WEB).expect("parses");
    let ManifestObject::Deployment(d) = objects.into_iter().next().expect("one object") else {
        panic!("not a Deployment");
    };
    sim.create_deployment(*d).expect("created");
    let yaml = to_yaml_deployment(sim.deployment("default", "web").expect("stored"));
    assert!(
        yaml.starts_with(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: \"2026-01-01T00:00:00Z\"\n  generation: 1\n  name: web\n  namespace: default\nspec:\n  progressDeadlineSeconds: 600\n  replicas: 3\n"
        ),
        "{yaml}"
    );
    assert!(yaml.contains("      containers:\n      - image: app:v1\n        imagePullPolicy: IfNotPresent\n        name: app\n"), "{yaml}");
}

// ----- robustness -----

/// A deterministic stream of garbling positions (a 64-bit LCG; no OS randomness in tests).
fn positions(seed: u64, len: usize, count: usize) -> Vec<usize> {
    let mut state = seed;
    (0..count)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % len.max(1)
        })
        .collect()
}

fn exercise(text: &str) {
    let Ok(objects) = parse_documents_from(text, "garbled.yaml") else {
        return;
    };
    let mut sim = None;
    for object in objects {
        if let ManifestObject::Deployment(d) = object {
            let _ = to_yaml_deployment(&d);
            let _ = validate_deployment(&d);
            let sim = sim.get_or_insert_with(|| Simulation::new(Default::default()));
            let _ = sim.create_deployment(*d);
        }
    }
}

#[test]
fn given_truncated_or_garbled_corpus_files_then_the_reader_never_panics() {
    const NOISE: &[&str] = &[
        ":", "-", " ", "\n", "\t", "\"", "{", "[", "&a", "*a", "!!int ", "0", "~", "%", "é", "|",
    ];
    for (seed, (file, text, ..)) in CORPUS.iter().enumerate() {
        let boundaries: Vec<usize> = (0..=text.len())
            .filter(|i| text.is_char_boundary(*i))
            .collect();
        for cut in boundaries.iter().step_by(97) {
            exercise(&text[..*cut]);
        }
        for (n, at) in positions(seed as u64, boundaries.len(), 24)
            .into_iter()
            .enumerate()
        {
            let at = boundaries[at];
            let noise = NOISE[n % NOISE.len()];
            let garbled = format!("{}{noise}{}", &text[..at], &text[at..]);
            exercise(&garbled);
            let next = boundaries.iter().find(|b| **b > at).copied().unwrap_or(at);
            exercise(&format!("{}{}", &text[..at], &text[next..]));
        }
        assert!(!file.is_empty());
    }
}

#[test]
fn given_odd_but_valid_yaml_then_the_reader_copes() {
    for text in [
        "",
        "---",
        "null",
        "42",
        "- a\n- b\n",
        "apiVersion: 1\nkind: []\n",
        "apiVersion: a/b/c\nkind: Deployment\n",
        "apiVersion: apps/v1\nkind: Deployment\nspec: 3\n",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec: {selector: {}, template: {spec: {containers: [{}]}}}\n",
        "base: &b {app: w}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    <<: *b\n",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  replicas: .inf\n",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  replicas: 1e30\n  strategy: {rollingUpdate: {maxSurge: [1]}}\n",
    ] {
        exercise(text);
    }
}

// ----- properties -----

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn int_or_percent() -> impl Strategy<Value = IntOrString> {
        prop_oneof![
            (0..20i32).prop_map(IntOrString::Int),
            (0..=100i32).prop_map(|p| IntOrString::Str(format!("{p}%"))),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever a Deployment holds, `-o yaml` reads back as the same Deployment: the writer's
        /// quoting, folding and block scalars lose nothing.
        #[test]
        fn the_yaml_of_a_deployment_reads_back_as_the_same_deployment(
            replicas in 0..10_000i32,
            min_ready in 0..100i32,
            surge in int_or_percent(),
            unavailable in int_or_percent(),
            text in "\\PC{0,120}",
            lines in proptest::collection::vec("[\\PC\t ]{0,30}", 0..4),
            label in "[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?",
        ) {
            let mut d = Deployment::new("default", "web", "app", "app:v1", replicas);
            d.spec.min_ready_seconds = min_ready;
            d.spec.progress_deadline_seconds = min_ready + 600;
            d.spec.strategy.rolling_update = Some(deploysim::engine::RollingUpdateDeployment {
                max_surge: Some(surge),
                max_unavailable: Some(unavailable),
            });
            d.metadata.labels.insert("tier".into(), label.clone());
            d.metadata.annotations.insert("note".into(), text.clone());
            d.metadata.annotations.insert("script".into(), lines.join("\n"));
            let container = &mut d.spec.template.spec.containers[0];
            container.extra.insert(
                "env".into(),
                serde_json::json!([{"name": "TEXT", "value": text}, {"name": "LABEL", "value": label}]),
            );
            let yaml = to_yaml_deployment(&d);
            let objects = parse_documents(&yaml).map_err(|e| TestCaseError::fail(format!("{e}\n{yaml}")))?;
            let [ManifestObject::Deployment(again)] = objects.as_slice() else {
                return Err(TestCaseError::fail(format!("not one Deployment:\n{yaml}")));
            };
            let mut expected = d.clone();
            let defaults = parse_documents(&to_yaml_deployment(again)).expect("stable");
            prop_assert_eq!(&defaults, &objects, "a second round trip changes nothing");
            // The reader adds the API defaults (pull policy, dnsPolicy, ...); the rest is unchanged.
            expected.spec.template.spec.containers[0].extra = again.spec.template.spec.containers[0].extra.clone();
            expected.spec.template.spec.extra = again.spec.template.spec.extra.clone();
            prop_assert_eq!(&again.metadata.annotations, &d.metadata.annotations, "{}", yaml);
            prop_assert_eq!(&again.spec.template.spec.containers[0].extra["env"], &d.spec.template.spec.containers[0].extra["env"]);
            prop_assert_eq!(again.as_ref().spec.clone(), expected.spec);
        }

        /// No text makes the reader panic.
        #[test]
        fn any_text_is_read_or_refused_without_panic(text in "\\PC{0,200}") {
            exercise(&text);
        }
    }
}
