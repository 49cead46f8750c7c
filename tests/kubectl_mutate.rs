//! `create deployment`, `scale`, `annotate`, `delete`, `apply -f`, `cordon`/`uncordon`/`drain`,
//! as scenarios: what kubectl prints, and what the simulation holds afterwards.

mod kubectl_support;

use deploysim::engine::{SimConfig, Simulation};
use deploysim::kubectl::{run, Files};
use deploysim::scenario::testing::SimDriver;
use kubectl_support::{err, kubectl, ok, settled_web, ticks};

fn replicas(sim: &Simulation) -> i32 {
    sim.deployment("default", "web").expect("web").spec.replicas
}

#[test]
fn create_deployment_follows_kubectls_generator() {
    let mut sim = Simulation::new(SimConfig::default());
    assert_eq!(
        ok(
            &mut sim,
            "kubectl create deployment api --image=registry.k8s.io/e2e-test-images/agnhost:2.39 --port=8080 -n prod"
        ),
        "deployment.apps/api created\n"
    );
    let d = sim.deployment("prod", "api").expect("created in prod");
    assert_eq!(d.spec.replicas, 1);
    assert_eq!(d.metadata.labels["app"], "api");
    assert_eq!(d.spec.selector.match_labels["app"], "api");
    assert_eq!(d.spec.template.metadata.labels["app"], "api");
    assert_eq!(d.spec.template.spec.containers[0].name, "agnhost");
    assert_eq!(
        err(
            &mut sim,
            "kubectl create deployment api --image=nginx -n prod"
        ),
        "error: failed to create deployment: deployments.apps \"api\" already exists\n"
    );
    assert_eq!(
        err(&mut sim, "kubectl create deployment web"),
        "error: required flag(s) \"image\" not set\n"
    );
    assert_eq!(
        err(&mut sim, "kubectl create deployment --image=nginx"),
        "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n"
    );
    assert_eq!(
        err(&mut sim, "kubectl create deployment web --image=nginx --replicas=-1"),
        "error: failed to create deployment: Deployment.apps \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n"
    );
    assert!(sim.deployment("default", "web").is_none());
}

#[test]
fn scale_checks_its_preconditions_before_changing_anything() {
    let mut sim = settled_web();
    assert_eq!(
        ok(&mut sim, "kubectl scale deployment/web --replicas=5"),
        "deployment.apps/web scaled\n"
    );
    assert_eq!(replicas(&sim), 5);
    assert_eq!(
        err(
            &mut sim,
            "kubectl scale deploy web --current-replicas=2 --replicas=1"
        ),
        "error: Expected replicas to be 2, was 5\n"
    );
    assert_eq!(replicas(&sim), 5);
    assert_eq!(
        ok(
            &mut sim,
            "kubectl scale --current-replicas=5 --replicas=1 deployment web"
        ),
        "deployment.apps/web scaled\n"
    );
    assert_eq!(replicas(&sim), 1);
    for line in [
        "kubectl scale deployment/web",
        "kubectl scale deployment/web --replicas=-3",
    ] {
        assert_eq!(
            err(&mut sim, line),
            "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n"
        );
    }
    assert_eq!(
        err(&mut sim, "kubectl scale deployment/web --replicas=x"),
        "error: invalid argument \"x\" for \"--replicas\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\nSee 'kubectl scale --help' for usage.\n"
    );
    assert_eq!(
        err(&mut sim, "kubectl scale rs/web-1 --replicas=2"),
        "error: changing replicasets.apps is not simulated: DeploySim's API server accepts changes to Deployments only\n"
    );
    assert_eq!(
        err(&mut sim, "kubectl scale deployment/nope --replicas=2"),
        "Error from server (NotFound): deployments.apps \"nope\" not found\n"
    );
}

#[test]
fn annotate_refuses_to_overwrite_except_the_change_cause() {
    let mut sim = settled_web();
    assert_eq!(
        ok(
            &mut sim,
            "kubectl annotate deployment/web kubernetes.io/change-cause=\"image 1.25\" team=web"
        ),
        "deployment.apps/web annotated\n"
    );
    assert_eq!(
        err(&mut sim, "kubectl annotate deployment web team=db"),
        "error: --overwrite is false but found the following declared annotation(s): 'team' already has a value (web)\n"
    );
    // upstream lets the change-cause through without --overwrite
    ok(
        &mut sim,
        "kubectl annotate deployment/web kubernetes.io/change-cause='image 1.26'",
    );
    ok(
        &mut sim,
        "kubectl annotate deployment/web team=db --overwrite",
    );
    ok(&mut sim, "kubectl annotate deploy/web team-");
    let d = sim.deployment("default", "web").expect("web");
    assert_eq!(
        d.metadata.annotations["kubernetes.io/change-cause"],
        "image 1.26"
    );
    assert!(!d.metadata.annotations.contains_key("team"));
}

#[test]
fn deleting_a_pod_makes_it_terminate_and_deleting_the_deployment_removes_it() {
    let mut sim = settled_web();
    let pod = sim.pods().next().expect("a pod").metadata.name.clone();
    assert_eq!(
        ok(&mut sim, &format!("kubectl delete pod {pod}")),
        format!("pod \"{pod}\" deleted from default namespace\n")
    );
    let table = ok(&mut sim, "kubectl get pods");
    let line = table
        .lines()
        .find(|l| l.starts_with(&pod))
        .expect("still listed while terminating");
    assert!(line.contains("Terminating"), "{line}");
    assert_eq!(
        err(&mut sim, "kubectl delete pod nope"),
        "Error from server (NotFound): pods \"nope\" not found\n"
    );
    assert_eq!(
        ok(&mut sim, "kubectl delete deployment web"),
        "deployment.apps \"web\" deleted from default namespace\n"
    );
    let out = kubectl(&mut sim, "kubectl get deploy");
    assert_eq!(out.stderr, "No resources found in default namespace.\n");
}

/// The names of the pods `kubectl get pods` lists, in its order.
fn pod_names(sim: &Simulation) -> Vec<String> {
    sim.pods().map(|p| p.metadata.name.clone()).collect()
}

#[test]
fn delete_pods_all_deletes_every_pod_of_the_namespace_in_kubectls_order() {
    let mut sim = settled_web();
    ok(
        &mut sim,
        "kubectl create deployment api --image=nginx:1.25 -n prod",
    );
    ticks(&mut sim, 5);
    let names = pod_names(&sim);
    let default: Vec<&String> = names.iter().filter(|n| n.starts_with("web-")).collect();
    assert_eq!(default.len(), 3);
    let want: String = default
        .iter()
        .map(|n| format!("pod \"{n}\" deleted from default namespace\n"))
        .collect();
    for line in [
        "kubectl delete pod --all",
        "kubectl delete pods --all",
        "kubectl delete po --all",
    ] {
        let mut copy = sim.clone();
        assert_eq!(ok(&mut copy, line), want, "{line}");
        let terminating = copy
            .pods()
            .filter(|p| p.metadata.deletion_timestamp.is_some())
            .count();
        assert_eq!(terminating, 3, "{line}: only the default namespace's pods");
    }
    let api = names
        .iter()
        .find(|n| n.starts_with("api-"))
        .expect("api pod");
    assert_eq!(
        ok(&mut sim, "kubectl delete pods --all -n prod"),
        format!("pod \"{api}\" deleted from prod namespace\n")
    );
    assert_eq!(
        ok(&mut sim, "kubectl delete pods --all -n staging"),
        "No resources found\n"
    );
}

#[test]
fn delete_pods_by_selector_deletes_only_the_pods_whose_labels_match() {
    let mut sim = settled_web();
    ok(
        &mut sim,
        "kubectl create deployment api --image=nginx:1.25 --replicas=2",
    );
    ticks(&mut sim, 5);
    let web: String = pod_names(&sim)
        .iter()
        .filter(|n| n.starts_with("web-"))
        .map(|n| format!("pod \"{n}\" deleted from default namespace\n"))
        .collect();
    for line in [
        "kubectl delete pod -l app=web",
        "kubectl delete pods --selector=app=web",
        "kubectl delete po --selector app==web",
        "kubectl delete pods -l 'app in (web)'",
    ] {
        let mut copy = sim.clone();
        assert_eq!(ok(&mut copy, line), web, "{line}");
        let api_left = copy
            .pods()
            .filter(|p| p.metadata.labels["app"] == "api")
            .all(|p| p.metadata.deletion_timestamp.is_none());
        assert!(api_left, "{line}: the api pods are left alone");
    }
    assert_eq!(
        ok(&mut sim, "kubectl delete pods -l app=nothing"),
        "No resources found\n"
    );
    assert!(sim.pods().all(|p| p.metadata.deletion_timestamp.is_none()));
}

#[test]
fn delete_refuses_names_with_selectors_in_kubectls_words_and_changes_nothing() {
    let mut sim = settled_web();
    let pod = pod_names(&sim).remove(0);
    let table: &[(&str, &str)] = &[
        (
            "kubectl delete pod NAME --all",
            "error: name cannot be provided when a selector is specified\n",
        ),
        (
            "kubectl delete pod NAME -l app=web",
            "error: name cannot be provided when a selector is specified\n",
        ),
        (
            "kubectl delete pod/NAME -l app=web",
            "error: selectors and the all flag cannot be used when passing resource/name arguments\n",
        ),
        (
            "kubectl delete pod/NAME --all",
            "error: selectors and the all flag cannot be used when passing resource/name arguments\n",
        ),
        (
            "kubectl delete pods --all -l app=web",
            "error: setting 'all' parameter but found a non empty selector. \n",
        ),
        (
            "kubectl delete pods -l 'app in (web'",
            "error: unable to parse label selector \"app in (web\"\n",
        ),
        (
            "kubectl delete pods",
            "error: resource(s) were provided, but no name was specified\n",
        ),
        (
            "kubectl delete pods -l ''",
            "error: resource(s) were provided, but no name was specified\n",
        ),
        (
            "kubectl delete rs --all",
            "Error from server (BadRequest): deleting replicasets.apps is not simulated; delete the Deployment that owns them\n",
        ),
    ];
    for (line, want) in table {
        let line = line.replace("NAME", &pod);
        assert_eq!(err(&mut sim, &line), *want, "{line}");
    }
    assert!(sim.pods().all(|p| p.metadata.deletion_timestamp.is_none()));
}

#[test]
fn draining_a_node_evicts_its_pods_and_uncordon_reopens_it() {
    let mut sim = settled_web();
    let on_node_1: Vec<String> = sim
        .pods()
        .filter(|p| p.node_name.as_deref() == Some("node-1"))
        .map(|p| p.metadata.name.clone())
        .collect();
    let mut want = String::from("node/node-1 cordoned\n");
    for pod in &on_node_1 {
        want.push_str(&format!("evicting pod default/{pod}\n"));
    }
    for pod in &on_node_1 {
        want.push_str(&format!("pod/{pod} evicted\n"));
    }
    want.push_str("node/node-1 drained\n");
    assert_eq!(
        ok(&mut sim, "kubectl drain node-1 --ignore-daemonsets"),
        want
    );
    assert_eq!(
        ok(&mut sim, "kubectl cordon node-1"),
        "node/node-1 already cordoned\n"
    );
    assert_eq!(
        ok(&mut sim, "kubectl uncordon node-1"),
        "node/node-1 uncordoned\n"
    );
    assert_eq!(
        ok(&mut sim, "kubectl uncordon node/node-1"),
        "node/node-1 already uncordoned\n"
    );
    assert_eq!(
        err(&mut sim, "kubectl cordon node-9"),
        "Error from server (NotFound): nodes \"node-9\" not found\n"
    );
}

const MANIFEST: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  selector:
    matchLabels:
      app: shop
  template:
    metadata:
      labels:
        app: shop
    spec:
      containers:
      - name: shop
        image: nginx:1.25
---
apiVersion: v1
kind: Service
metadata:
  name: shop
spec:
  ports:
  - port: 80
";

#[test]
fn apply_creates_then_leaves_unchanged_then_configures() {
    let mut sim = SimDriver::default();
    let files = Files::none().with("shop.yaml", MANIFEST);
    let out = run(&mut sim, "kubectl apply -f shop.yaml", &files);
    assert!(out.ok, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "deployment.apps/shop created\nservice/shop created\n"
    );
    assert_eq!(out.stderr, "");
    let d = sim.deployment("default", "shop").expect("created");
    assert!(d
        .metadata
        .annotations
        .contains_key("kubectl.kubernetes.io/last-applied-configuration"));
    ticks(&mut sim, 10);
    let again = run(&mut sim, "kubectl apply -f shop.yaml", &files);
    assert_eq!(
        again.stdout,
        "deployment.apps/shop unchanged\nservice/shop unchanged\n"
    );

    // a scale survives a re-apply of a file that does not set replicas
    ok(&mut sim, "kubectl scale deployment shop --replicas=4");
    let edited = MANIFEST.replace("nginx:1.25", "nginx:1.26");
    let files = Files::none().with("shop.yaml", &edited);
    let out = run(&mut sim, "kubectl apply -f shop.yaml", &files);
    assert_eq!(
        out.stdout,
        "deployment.apps/shop configured\nservice/shop unchanged\n"
    );
    let d = sim.deployment("default", "shop").expect("exists");
    assert_eq!(d.spec.replicas, 4);
    assert_eq!(d.spec.template.spec.containers[0].image, "nginx:1.26");

    // rolling back an applied Deployment warns about the last-applied configuration
    ticks(&mut sim, 30);
    let undo = kubectl(&mut sim, "kubectl rollout undo deployment/shop");
    assert!(undo.ok);
    assert!(undo.stderr.starts_with(
        "Warning: resource deployments/shop was previously managed with 'kubectl apply'."
    ));

    // the warning comes first, even when the rollback itself fails
    let first = run(
        &mut sim,
        "kubectl apply -f fresh.yaml",
        &Files::none().with("fresh.yaml", &MANIFEST.replace("shop", "fresh")),
    );
    assert_eq!(
        first.stdout,
        "deployment.apps/fresh created\nservice/fresh created\n"
    );
    let undo = kubectl(&mut sim, "kubectl rollout undo deployment/fresh");
    assert!(!undo.ok);
    assert!(undo
        .stderr
        .starts_with("Warning: resource deployments/fresh was previously managed"));
    assert!(
        undo.stderr
            .ends_with("\nerror: no rollout history found for deployment \"fresh\"\n"),
        "{}",
        undo.stderr
    );

    let missing = run(&mut sim, "kubectl apply -f nope.yaml", &files);
    assert_eq!(
        missing.stderr,
        "error: the path \"nope.yaml\" does not exist\n"
    );
    let none = kubectl(&mut sim, "kubectl apply");
    assert_eq!(none.stderr, "error: must specify one of -f and -k\n");
    // a Deployment made imperatively gets kubectl's warning when first applied
    ok(&mut sim, "kubectl create deployment web --image=nginx:1.25");
    let web = MANIFEST.replace("shop", "web");
    let web_files = Files::none().with("web.yaml", &web);
    let adopted = run(&mut sim, "kubectl apply -f web.yaml", &web_files);
    assert_eq!(
        adopted.stdout,
        "deployment.apps/web configured\nservice/web created\n"
    );
    assert!(adopted.stderr.starts_with(
        "Warning: resource deployments/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply."
    ), "{}", adopted.stderr);

    let created = run(&mut sim, "kubectl create -f shop.yaml", &files);
    let deleted = run(&mut sim, "kubectl delete -f shop.yaml", &files);
    assert_eq!(
        deleted.stdout,
        "deployment.apps \"shop\" deleted from default namespace\nservice \"shop\" deleted from default namespace\n"
    );
    let again = run(&mut sim, "kubectl delete -f shop.yaml", &files);
    assert!(!again.ok);
    assert!(again.stderr.contains(
        "Error from server (NotFound): error when deleting \"shop.yaml\": deployments.apps \"shop\" not found\n"
    ), "{}", again.stderr);
    assert!(!created.ok);
    assert!(created.stderr.starts_with(
        "Error from server (AlreadyExists): error when creating \"shop.yaml\": deployments.apps \"shop\" already exists\n"
    ));
}
