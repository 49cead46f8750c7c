//! Demand end to end (DESIGN.md "Demand"): Services and their endpoints, the offered load of a
//! scenario's `traffic:` list and of the `traffic` verb, what is served and failed each tick, the
//! CPU each pod uses, and the kubectl commands that show them.

use deploysim::kubectl::{self, Files};
use deploysim::scenario::testing::RunDriver;
use deploysim::scenario::{trace, Scenario};
use proptest::prelude::*;

/// A Deployment `web` of `replicas` pods of `app:v1` (Ready 2 s after scheduling, 100 requests
/// per second each, 2m per request, 5m idle), its strategy as given, and a Service `web` in
/// front of it.
fn scenario(replicas: u32, strategy: &str, traffic: &str, actions: &str) -> Scenario {
    let text = format!(
        "duration: 120
images:
  app:v1: {{pullSeconds: 0, readySeconds: 2, stopSeconds: 1, capacityRps: 100, cpuPerRequest: 2m, cpuIdle: 5m}}
  app:v2: {{pullSeconds: 0, readySeconds: 2, stopSeconds: 1, capacityRps: 100, cpuPerRequest: 2m, cpuIdle: 5m}}
manifests: |
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    replicas: {replicas}
    strategy: {strategy}
    selector:
      matchLabels: {{app: web}}
    template:
      metadata:
        labels: {{app: web}}
      spec:
        containers:
        - name: web
          image: app:v1
          ports:
          - {{name: http, containerPort: 8080}}
  ---
  apiVersion: v1
  kind: Service
  metadata:
    name: web
  spec:
    selector: {{app: web}}
    ports:
    - {{port: 80, targetPort: http}}
traffic:
{traffic}
actions:
{actions}
"
    );
    Scenario::parse(&text, "traffic.yaml").unwrap_or_else(|e| panic!("{e}\n{text}"))
}

const ROLLING: &str = "{type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}";

fn offered(run: &RunDriver) -> i64 {
    run.sim()
        .service_load("default", "web")
        .expect("measured")
        .offered
}

#[test]
fn given_a_ramp_cut_by_a_new_entry_then_the_offered_load_follows_the_formula() {
    let mut run = RunDriver::start(scenario(
        2,
        ROLLING,
        "  - {at: 0, service: web, rps: 40}\n  - {at: 10, service: web, rps: 100, over: 10}\n  - {at: 15, service: web, rps: 0, over: 5}",
        "  []",
    ))
    .expect("starts");
    let mut seen = vec![offered(&run)];
    for _ in 0..21 {
        run.step();
        seen.push(offered(&run));
    }
    // 40 until 10; then 40 + floor(60 (t - 10) / 10); at 15 the ramp to 0 starts from what 14
    // offered (64): 64 + floor(-64 (t - 15) / 5), rounded down; 0 from 20 on
    let mut want = vec![40; 10];
    want.extend([40, 46, 52, 58, 64]);
    want.extend([64, 51, 38, 25, 12, 0, 0]);
    assert_eq!(seen, want);
}

#[test]
fn given_traffic_then_served_plus_failed_is_offered_and_nothing_is_served_without_endpoints() {
    let mut run = RunDriver::start(scenario(
        4,
        ROLLING,
        "  - {at: 0, service: web, rps: 250}",
        "  []",
    ))
    .expect("starts");
    let load = *run.sim().service_load("default", "web").expect("measured");
    assert_eq!(load.endpoints, 0, "no pod is Ready at tick 0");
    assert_eq!((load.served, load.failed), (0, 250), "all of it fails");
    run.drive_until(10, |r| {
        r.sim().service_load("default", "web").unwrap().endpoints == 4
    });
    for _ in 0..20 {
        run.step();
        let load = run.sim().service_load("default", "web").unwrap();
        assert_eq!(load.served + load.failed, load.offered);
        assert_eq!((load.served, load.failed), (250, 0));
    }
}

#[test]
fn given_four_endpoints_then_the_served_load_is_spread_evenly_over_their_cpu() {
    let mut run = RunDriver::start(scenario(
        4,
        ROLLING,
        "  - {at: 0, service: web, rps: 100}",
        "  []",
    ))
    .expect("starts");
    run.drive_for(10);
    let usage = run.sim().usage();
    assert_eq!(usage.tick, run.sim().now());
    let cpu: Vec<i64> = run
        .sim()
        .pods()
        .map(|p| usage.cpu_millis.get(&p.metadata.uid).copied().unwrap_or(0))
        .collect();
    // 5m idle + floor(2m x 100 / 4)
    assert_eq!(cpu, [55, 55, 55, 55]);
    let top = kubectl::query(run.sim(), "kubectl top pods").expect("reads");
    assert!(top.ok, "{}", top.stderr);
    let names: Vec<String> = run.sim().pods().map(|p| p.metadata.name.clone()).collect();
    let width = names[0].len() + 3;
    let want: String =
        std::iter::once(format!("{:<width$}CPU(cores)   MEMORY(bytes)   \n", "NAME"))
            .chain(
                names
                    .iter()
                    .map(|n| format!("{n:<width$}55m          16Mi            \n")),
            )
            .collect();
    assert_eq!(top.stdout, want);
}

/// Failed requests, summed from the tick `from` on.
fn failed_from(run: &mut RunDriver, from: i64) -> i64 {
    let mut failed = 0;
    while run.sim().now() < 100 {
        run.step();
        if run.sim().now() >= from {
            failed += run.sim().service_load("default", "web").unwrap().failed;
        }
    }
    failed
}

#[test]
fn given_load_when_rolling_out_with_max_unavailable_0_then_no_request_fails_but_recreate_fails_some(
) {
    let traffic = "  - {at: 0, service: web, rps: 300}";
    let actions = "  - {at: 20, run: \"kubectl set image deployment/web web=app:v2\"}";
    let mut rolling = RunDriver::start(scenario(4, ROLLING, traffic, actions)).expect("starts");
    assert_eq!(
        failed_from(&mut rolling, 10),
        0,
        "nobody notices the update"
    );
    let image = &rolling
        .sim()
        .deployment("default", "web")
        .unwrap()
        .spec
        .template
        .spec
        .containers[0]
        .image;
    assert_eq!(image, "app:v2");

    let mut recreate =
        RunDriver::start(scenario(4, "{type: Recreate}", traffic, actions)).expect("starts");
    assert!(
        failed_from(&mut recreate, 10) > 0,
        "Recreate stops every pod before starting the new ones"
    );
}

#[test]
fn given_the_traffic_verb_then_it_sets_the_load_and_a_bad_one_changes_nothing() {
    let mut run = RunDriver::start(scenario(2, ROLLING, "  []", "  []")).expect("starts");
    let (ok, _) = run.act("traffic web 300 --over 20", None);
    assert!(ok.ok, "{}", ok.output);
    assert_eq!(
        ok.output,
        "service/web offered 300 requests per second in 20s\n"
    );
    run.drive_for(25);
    assert_eq!(offered(&run), 300);
    for (line, want) in [
        ("traffic web -5", "error: RPS (requests per second) must be a whole number from 0 to 1000000000, got \"-5\"\n"),
        ("traffic web", "error: usage: traffic SERVICE RPS [--over SECONDS] [-n NAMESPACE]\n"),
        ("traffic web 10 --over", "error: flag needs an argument: --over\nusage: traffic SERVICE RPS [--over SECONDS] [-n NAMESPACE]\n"),
        ("traffic shop 10", "Error from server (NotFound): services \"shop\" not found\n"),
        ("traffic web 10 -n prod", "Error from server (NotFound): services \"web\" not found\n"),
    ] {
        let (refused, _) = run.act(line, None);
        assert!(!refused.ok, "{line}");
        assert_eq!(refused.output, want, "{line}");
        assert_eq!(offered(&run), 300, "{line} changes nothing");
    }
    assert_eq!(
        deploysim::scenario::effect("traffic web 10"),
        kubectl::Effect::Changes
    );
    assert_eq!(
        deploysim::scenario::change_label("traffic web 10 --over 5").as_deref(),
        Some("traffic 10")
    );
}

#[test]
fn given_a_bad_traffic_list_then_the_file_is_refused_with_one_line_naming_the_field() {
    let base = "duration: 30\nmanifests: \"\"\ntraffic:\n";
    for (entry, want) in [
        (
            "  - {at: 0, service: web, rps: 10, burst: 3}",
            "traffic.yaml: unknown field `burst`, expected one of `at`, `service`, `rps`, `over`, `namespace`",
        ),
        (
            "  - {at: 0, service: web, rps: -1}",
            "traffic.yaml: traffic[0].rps: must be between 0 and 1000000000 requests per second, got -1",
        ),
        (
            "  - {at: 5, service: web, rps: 1}\n  - {at: 2, service: web, rps: 1}",
            "traffic.yaml: traffic[1].at: traffic entries must be in time order",
        ),
        (
            "  - {at: 0, service: web, rps: 1, over: -3}",
            "traffic.yaml: traffic[0].over: must be between 0 and 86400 seconds, got -3",
        ),
    ] {
        let error = Scenario::parse(&format!("{base}{entry}\n"), "traffic.yaml")
            .expect_err(entry)
            .to_string();
        assert!(error.starts_with(want), "{entry}: {error}");
        assert!(!error.contains('\n'));
    }
    let images = "duration: 30\nmanifests: \"\"\nimages:\n  app:v1: {cpuIdle: lots}\n";
    let error = Scenario::parse(images, "x.yaml")
        .expect_err("bad quantity")
        .to_string();
    assert!(
        error.starts_with("x.yaml: images.app:v1.cpuIdle: \"lots\": quantities must match"),
        "{error}"
    );
}

#[test]
fn given_services_then_the_trace_has_their_load_and_each_pods_cpu() {
    let mut run = RunDriver::start(scenario(
        2,
        ROLLING,
        "  - {at: 0, service: web, rps: 500}",
        "  []",
    ))
    .expect("starts");
    run.drive_for(5);
    let record = run.step().clone();
    let line = trace::tick_json(run.sim(), &record);
    assert_eq!(
        line["services"],
        serde_json::json!([{"namespace": "default", "name": "web", "endpoints": 2,
            "offeredRps": 500, "servedRps": 200, "failedRps": 300}])
    );
    for pod in line["pods"].as_array().unwrap() {
        // 5m idle + floor(2m x 200 / 2)
        assert_eq!(pod["cpuMillis"], 205);
    }
    let keys: Vec<&String> = line.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "t",
            "deployments",
            "replicaSets",
            "pods",
            "services",
            "events",
            "actions"
        ]
    );
    let plain = RunDriver::start(Scenario::default_web()).expect("starts");
    let record = plain.records()[0].clone();
    let line = trace::tick_json(plain.sim(), &record);
    assert!(line.get("services").is_none(), "no Service, no new field");
    assert!(line["pods"][0].get("cpuMillis").is_none());
}

// ----- kubectl -----

fn settled() -> RunDriver {
    let mut run = RunDriver::start(scenario(
        5,
        ROLLING,
        "  - {at: 0, service: web, rps: 50}",
        "  []",
    ))
    .expect("starts");
    run.drive_for(20);
    run
}

fn read(run: &RunDriver, line: &str) -> kubectl::Output {
    kubectl::query(run.sim(), line).expect("reads only")
}

#[test]
fn given_a_service_then_get_svc_and_get_endpoints_print_kubectls_columns() {
    let run = settled();
    let svc = read(&run, "kubectl get svc");
    assert_eq!(
        svc.stdout,
        "NAME   TYPE        CLUSTER-IP    EXTERNAL-IP   PORT(S)   AGE\n\
         web    ClusterIP   10.96.0.100   <none>        80/TCP    20s\n"
    );
    let wide = read(&run, "kubectl get services -o wide");
    assert!(
        wide.stdout.ends_with("   20s   app=web\n"),
        "{}",
        wide.stdout
    );
    let ep = read(&run, "kubectl get endpoints");
    assert_eq!(
        ep.stderr,
        "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n"
    );
    let mut ips: Vec<String> = run
        .sim()
        .pods()
        .map(|p| deploysim::kubectl::pod_info::pod_ip(run.sim(), p).unwrap())
        .collect();
    ips.sort();
    let shown: Vec<String> = ips[..3].iter().map(|ip| format!("{ip}:8080")).collect();
    let column = format!("{} + 2 more...", shown.join(","));
    let pad = " ".repeat(column.len().max(9) + 3 - column.len());
    assert_eq!(
        ep.stdout,
        format!(
            "NAME   ENDPOINTS{}AGE\nweb    {column}{pad}20s\n",
            " ".repeat(column.len().max(9) + 3 - 9)
        )
    );
    let yaml = read(&run, "kubectl get svc web -o yaml");
    assert!(
        yaml.stdout
            .contains("  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: http\n"),
        "{}",
        yaml.stdout
    );
    let all = read(&run, "kubectl get all");
    assert!(
        all.stdout
            .contains("\n\nNAME          TYPE        CLUSTER-IP"),
        "{}",
        all.stdout
    );
    assert!(all.stdout.contains("service/web   ClusterIP   10.96.0.100"));
}

#[test]
fn given_a_service_then_describe_svc_prints_kubectls_describer() {
    let mut run = RunDriver::start(scenario(2, ROLLING, "  []", "  []")).expect("starts");
    run.drive_for(10);
    let ips: Vec<String> = {
        let mut ips: Vec<String> = run
            .sim()
            .pods()
            .map(|p| deploysim::kubectl::pod_info::pod_ip(run.sim(), p).unwrap())
            .collect();
        ips.sort();
        ips.iter().map(|ip| format!("{ip}:8080")).collect()
    };
    let out = read(&run, "kubectl describe svc web");
    assert_eq!(
        out.stdout,
        format!(
            "Name:                     web\n\
             Namespace:                default\n\
             Labels:                   <none>\n\
             Annotations:              <none>\n\
             Selector:                 app=web\n\
             Type:                     ClusterIP\n\
             IP Family Policy:         SingleStack\n\
             IP Families:              IPv4\n\
             IP:                       10.96.0.100\n\
             IPs:                      10.96.0.100\n\
             Port:                     <unset>  80/TCP\n\
             TargetPort:               http/TCP\n\
             Endpoints:                {}\n\
             Session Affinity:         None\n\
             Internal Traffic Policy:  Cluster\n\
             Events:                   <none>\n",
            ips.join(",")
        )
    );
}

/// What the real `kubectl create service clusterip web --tcp=80:8080 --dry-run=client -o yaml`
/// (1.32) prints: DeploySim's API server takes it as the cluster's would.
const CREATE_SERVICE: &str = include_str!("data/kubectl/create-service-clusterip.yaml");

#[test]
fn given_the_service_kubectl_create_service_generates_then_it_applies_and_lists() {
    let mut run = RunDriver::start(scenario(2, ROLLING, "  []", "  []")).expect("starts");
    let (deleted, _) = run.act("kubectl delete svc web", None);
    assert_eq!(
        deleted.output,
        "service \"web\" deleted from default namespace\n"
    );
    let (out, _) = run.act("kubectl apply -f -", Some(CREATE_SERVICE));
    assert_eq!(
        (out.output.as_str(), out.ok),
        ("service/web created\n", true)
    );
    let sim = run.sim();
    let svc = sim.service("default", "web").expect("created");
    assert_eq!(svc.spec.ports[0].name, "80-8080");
    assert_eq!(
        svc.spec.cluster_ip, "10.96.0.101",
        "cluster IPs are never reused"
    );
    let get = kubectl::query(sim, "kubectl get svc web").unwrap();
    assert!(
        get.stdout
            .contains("web    ClusterIP   10.96.0.101   <none>        80/TCP"),
        "{}",
        get.stdout
    );
}

#[test]
fn given_a_deployment_then_expose_creates_its_service_as_kubectl_does() {
    let mut run = RunDriver::start(scenario(2, ROLLING, "  []", "  []")).expect("starts");
    let (out, _) = run.act(
        "kubectl expose deployment web --port=80 --target-port=8080 --name=front",
        None,
    );
    assert_eq!(
        (out.output.as_str(), out.ok),
        ("service/front exposed\n", true)
    );
    let front = run.sim().service("default", "front").expect("exposed");
    assert_eq!(
        front.spec.selector,
        [("app".to_string(), "web".to_string())].into()
    );
    assert_eq!(
        front.spec.ports[0].name, "",
        "one port: no name, as kubectl's generator"
    );
    let (again, _) = run.act("kubectl expose deployment/web --port=80 --name=front", None);
    assert_eq!(
        again.output,
        "Error from server (AlreadyExists): services \"front\" already exists\n"
    );
    let (introspected, _) = run.act("kubectl expose deploy web --name=inner", None);
    assert!(
        introspected.ok,
        "the only container port is the port: {}",
        introspected.output
    );
    assert_eq!(
        run.sim().service("default", "inner").unwrap().spec.ports[0].port,
        8080
    );
    let (missing, _) = run.act("kubectl expose deployment nope --port=80", None);
    assert_eq!(
        missing.output,
        "Error from server (NotFound): deployments.apps \"nope\" not found\n"
    );
    let (bad, _) = run.act("kubectl expose deployment web --port=http --name=x", None);
    assert_eq!(
        bad.output,
        "error: strconv.Atoi: parsing \"http\": invalid syntax\n"
    );
    assert!(run.sim().service("default", "x").is_none());
    assert_eq!(
        kubectl::effect("kubectl expose deployment web --port=80"),
        kubectl::Effect::Changes
    );
}

#[test]
fn given_invalid_services_then_the_api_server_refuses_them_with_upstreams_messages() {
    let rows: &[(&str, &str)] = &[
        (
            "metadata: {name: Web}\nspec: {ports: [{port: 80}]}",
            "The Service \"Web\" is invalid: metadata.name: Invalid value: \"Web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
        ),
        (
            "metadata: {name: web}\nspec: {selector: {app: web}}",
            "The Service \"web\" is invalid: spec.ports: Required value",
        ),
        (
            "metadata: {name: web}\nspec: {ports: [{port: 0}]}",
            "The Service \"web\" is invalid: \n* spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive\n* spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive",
        ),
        (
            "metadata: {name: web}\nspec: {ports: [{port: 80, protocol: HTTP}]}",
            "The Service \"web\" is invalid: spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
        ),
        (
            "metadata: {name: web}\nspec: {ports: [{name: a, port: 80}, {name: a, port: 81}]}",
            "The Service \"web\" is invalid: spec.ports[1].name: Duplicate value: \"a\"",
        ),
        (
            "metadata: {name: web}\nspec: {ports: [{port: 80}, {name: b, port: 81}]}",
            "The Service \"web\" is invalid: spec.ports[0].name: Required value",
        ),
        (
            "metadata: {name: web}\nspec: {ports: [{port: 80, targetPort: Http_1}]}",
            "The Service \"web\" is invalid: spec.ports[0].targetPort: Invalid value: \"Http_1\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
        ),
        (
            "metadata: {name: web}\nspec: {type: Internal, ports: [{port: 80}]}",
            "The Service \"web\" is invalid: spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"",
        ),
        (
            "metadata: {name: web}\nspec: {ports: [{port: 80, nodePort: 30001}]}",
            "The Service \"web\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
        ),
        (
            "metadata: {name: web}\nspec: {selector: {\"app/\": web}, ports: [{port: 80}]}",
            "The Service \"web\" is invalid: \n* spec.selector: Invalid value: \"app/\": name part must be non-empty\n* spec.selector: Invalid value: \"app/\": name part must consist of alphanumeric characters",
        ),
    ];
    for (spec, want) in rows {
        let mut sim = deploysim::engine::Simulation::new(Default::default());
        let manifest = format!("apiVersion: v1\nkind: Service\n{spec}\n");
        let out = kubectl::run(
            &mut sim,
            "kubectl create -f s.yaml",
            &Files::none().with("s.yaml", &manifest),
        );
        assert!(!out.ok, "{spec}");
        let got = out.stderr.trim_end();
        assert!(got.starts_with(want), "{spec}\n got: {got}\nwant: {want}");
        assert_eq!(sim.services().count(), 0, "{spec}: nothing changed");
    }
}

#[test]
fn given_nodes_with_capacity_then_top_nodes_shows_the_share_used() {
    let text = "duration: 60
cluster: {nodes: [{name: node-a, cpu: \"2\", memory: 4Gi}]}
images:
  app:v1: {pullSeconds: 0, readySeconds: 1, cpuIdle: 5m, cpuPerRequest: 1m}
manifests: |
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web}
  spec:
    replicas: 2
    selector: {matchLabels: {app: web}}
    template:
      metadata: {labels: {app: web}}
      spec: {containers: [{name: web, image: app:v1}]}
  ---
  apiVersion: v1
  kind: Service
  metadata: {name: web}
  spec: {selector: {app: web}, ports: [{port: 80}]}
traffic:
  - {at: 0, service: web, rps: 200}
";
    let mut run = RunDriver::start(Scenario::parse(text, "nodes.yaml").unwrap()).unwrap();
    run.drive_for(10);
    let top = read(&run, "kubectl top nodes");
    // two pods: (5m + 1m x 200 / 2) each = 210m of 2000m; 32Mi of 4096Mi
    assert_eq!(
        top.stdout,
        "NAME     CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   \n\
         node-a   210m         10%      32Mi            0%          \n"
    );
    let pod = run.sim().pods().next().unwrap().metadata.name.clone();
    let one = read(&run, &format!("kubectl top pod {pod}"));
    assert!(
        one.stdout.contains(&format!("{pod}   105m ")),
        "{}",
        one.stdout
    );
    let none = read(&run, "kubectl top pod nope");
    assert_eq!(
        none.stderr,
        "Error from server (NotFound): podmetrics.metrics.k8s.io \"default/nope\" not found\n"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn every_tick_served_plus_failed_is_offered_and_the_run_is_deterministic(
        entries in prop::collection::vec((0i64..60, 0i64..800, 0i64..20), 0..6),
        update_at in 0i64..60,
        recreate in any::<bool>(),
    ) {
        let mut entries = entries;
        entries.sort_by_key(|e| e.0);
        let traffic: String = entries
            .iter()
            .map(|(at, rps, over)| format!("  - {{at: {at}, service: web, rps: {rps}, over: {over}}}\n"))
            .collect();
        let traffic = if traffic.is_empty() { "  []".to_string() } else { traffic };
        let actions = format!("  - {{at: {update_at}, run: \"kubectl set image deployment/web web=app:v2\"}}");
        let strategy = if recreate { "{type: Recreate}" } else { ROLLING };
        let play = || {
            let mut run = RunDriver::start(scenario(3, strategy, &traffic, &actions)).expect("starts");
            let mut lines = Vec::new();
            for _ in 0..70 {
                let record = run.step().clone();
                let load = *run.sim().service_load("default", "web").expect("measured");
                assert_eq!(load.served + load.failed, load.offered);
                assert!(load.served >= 0 && load.failed >= 0);
                if load.endpoints == 0 {
                    assert_eq!(load.failed, load.offered);
                }
                lines.push(trace::tick_json(run.sim(), &record).to_string());
            }
            lines
        };
        prop_assert_eq!(play(), play());
    }
}
