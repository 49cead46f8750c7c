//! `kubectl rollout status|history|undo|pause|resume|restart` and `set image`, as scenarios on a
//! simulated cluster (KUBECTL.md §1–§4, §6; ALGORITHMS.md §10a).

mod kubectl_support;

use deploysim::engine::{Deployment, Simulation};
use deploysim::kubectl::rollout_status_message;
use deploysim::scenario::testing::SimDriver;
use kubectl_support::{err, ok, settled_web, ticks};

fn web(sim: &Simulation) -> Deployment {
    sim.deployment("default", "web")
        .expect("web exists")
        .clone()
}

#[test]
fn given_a_settled_deployment_when_the_image_changes_then_status_follows_the_rollout() {
    let mut sim = settled_web();
    assert_eq!(
        ok(&mut sim, "kubectl rollout status deployment/web"),
        "deployment \"web\" successfully rolled out\n"
    );
    assert_eq!(
        ok(
            &mut sim,
            "kubectl set image deployment/web nginx=nginx:1.26 --record"
        ),
        "deployment.apps/web image updated\n"
    );
    // the controller has not seen the new generation yet
    assert_eq!(
        ok(&mut sim, "kubectl rollout status deploy web"),
        "Waiting for deployment spec update to be observed...\n"
    );
    sim.run_tick();
    let waiting = ok(&mut sim, "kubectl rollout status deployment/web");
    assert!(
        waiting.starts_with("Waiting for deployment \"web\" rollout to finish: "),
        "{waiting}"
    );
    ticks(&mut sim, 40);
    assert_eq!(
        ok(
            &mut sim,
            "kubectl rollout status deployment/web --watch=false"
        ),
        "deployment \"web\" successfully rolled out\n"
    );
    // setting the same image again changes nothing and prints nothing
    assert_eq!(
        ok(
            &mut sim,
            "kubectl set image deployment/web nginx=nginx:1.26"
        ),
        ""
    );
    assert_eq!(
        err(&mut sim, "kubectl set image deployment/web app=nginx:1.27"),
        "error: unable to find container named \"app\"\n"
    );
    assert_eq!(
        err(
            &mut sim,
            "kubectl rollout status deployment/web --revision=1"
        ),
        "error: desired revision (1) is different from the running revision (2)\n"
    );
}

#[test]
fn given_two_revisions_then_history_lists_them_and_undo_brings_the_first_back_as_the_third() {
    let mut sim = settled_web();
    let first = sim.replica_sets().next().expect("rs").metadata.name.clone();
    ok(
        &mut sim,
        "kubectl set image deployment/web nginx=nginx:1.26 --record",
    );
    ticks(&mut sim, 40);
    assert_eq!(
        ok(&mut sim, "kubectl rollout history deployment/web"),
        "deployment.apps/web \n\
         REVISION  CHANGE-CAUSE\n\
         1         <none>\n\
         2         kubectl set image deployment/web nginx=nginx:1.26 --record=true\n\
         \n"
    );
    let hash = first.trim_start_matches("web-");
    assert_eq!(
        ok(
            &mut sim,
            "kubectl rollout history deployment/web --revision=1"
        ),
        format!(
            "deployment.apps/web with revision #1\n\
             Pod Template:\n\
             \x20 Labels:\tapp=web\n\
             \tpod-template-hash={hash}\n\
             \x20 Containers:\n\
             \x20  nginx:\n\
             \x20   Image:\tnginx:1.25\n\
             \x20   Port:\t<none>\n\
             \x20   Host Port:\t<none>\n\
             \x20   Environment:\t<none>\n\
             \x20   Mounts:\t<none>\n\
             \x20 Volumes:\t<none>\n\
             \x20 Node-Selectors:\t<none>\n\
             \x20 Tolerations:\t<none>\n\
             \n"
        )
    );
    assert_eq!(
        err(
            &mut sim,
            "kubectl rollout history deployment/web --revision=7"
        ),
        "error: unable to find the specified revision\n"
    );

    assert_eq!(
        ok(&mut sim, "kubectl rollout undo deployment/web"),
        "deployment.apps/web rolled back\n"
    );
    let d = web(&sim);
    assert_eq!(d.spec.template.spec.containers[0].image, "nginx:1.25");
    assert!(!d
        .spec
        .template
        .metadata
        .labels
        .contains_key("pod-template-hash"));
    // revision 1's ReplicaSet has no change-cause, so the Deployment's is dropped
    assert!(!d
        .metadata
        .annotations
        .contains_key("kubernetes.io/change-cause"));
    ticks(&mut sim, 40);
    assert_eq!(
        ok(&mut sim, "kubectl rollout history deployment/web"),
        "deployment.apps/web \n\
         REVISION  CHANGE-CAUSE\n\
         2         kubectl set image deployment/web nginx=nginx:1.26 --record=true\n\
         3         <none>\n\
         \n"
    );
    assert_eq!(
        ok(
            &mut sim,
            "kubectl rollout undo deployment/web --to-revision=3"
        ),
        "deployment.apps/web skipped rollback (current template already matches revision 3)\n"
    );
    assert_eq!(
        err(
            &mut sim,
            "kubectl rollout undo deployment/web --to-revision=9"
        ),
        "error: unable to find specified revision 9 in history\n"
    );
    assert_eq!(
        err(
            &mut sim,
            "kubectl rollout undo deployment/web --to-revision=-1"
        ),
        "error: unable to find specified revision -1 in history\n"
    );
}

#[test]
fn a_deployment_with_one_revision_has_nothing_to_undo() {
    let mut sim = settled_web();
    assert_eq!(
        err(&mut sim, "kubectl rollout undo deployment/web"),
        "error: no rollout history found for deployment \"web\"\n"
    );
}

#[test]
fn pause_resume_and_restart_refuse_what_kubectl_refuses() {
    let mut sim = settled_web();
    ok(
        &mut sim,
        "kubectl set image deployment/web nginx=nginx:1.26",
    );
    ticks(&mut sim, 40);
    assert_eq!(
        ok(&mut sim, "kubectl rollout pause deployment/web"),
        "deployment.apps/web paused\n"
    );
    assert!(web(&sim).spec.paused);
    assert_eq!(
        err(&mut sim, "kubectl rollout pause deployment/web"),
        "error: deployments.apps \"web\" is already paused\n"
    );
    assert_eq!(
        err(&mut sim, "kubectl rollout undo deployment/web"),
        "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n"
    );
    assert_eq!(
        err(&mut sim, "kubectl rollout restart deployment/web"),
        "error: deployments.apps \"web\" can't restart paused deployment (run rollout resume first)\n"
    );
    assert_eq!(
        ok(&mut sim, "kubectl rollout resume deployment/web"),
        "deployment.apps/web resumed\n"
    );
    assert_eq!(
        err(&mut sim, "kubectl rollout resume deployment/web"),
        "error: deployments.apps \"web\" is not paused\n"
    );
    ticks(&mut sim, 5);
    assert_eq!(
        ok(&mut sim, "kubectl rollout restart deployment/web"),
        "deployment.apps/web restarted\n"
    );
    assert_eq!(
        web(&sim).spec.template.metadata.annotations["kubectl.kubernetes.io/restartedAt"],
        "2026-01-01T00:01:05Z"
    );
    let before = web(&sim);
    assert_eq!(
        err(&mut sim, "kubectl rollout restart deployment/web"),
        "error: failed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another\n"
    );
    assert_eq!(web(&sim), before, "a refused command changes nothing");
    sim.advance();
    assert_eq!(
        ok(&mut sim, "kubectl rollout restart deployment/web"),
        "deployment.apps/web restarted\n"
    );
}

#[test]
fn given_an_image_that_never_pulls_then_status_reports_the_progress_deadline() {
    let mut sim = SimDriver::default();
    let mut d = Deployment::new("default", "web", "nginx", "nginx:9.9.9-nope", 2);
    d.spec.progress_deadline_seconds = 10;
    sim.create_deployment(d).expect("valid");
    ticks(&mut sim, 30);
    let message = rollout_status_message(&web(&sim));
    assert_eq!(
        message,
        Err("deployment \"web\" exceeded its progress deadline".to_string())
    );
    assert_eq!(
        err(&mut sim, "kubectl rollout status deployment/web"),
        "error: deployment \"web\" exceeded its progress deadline\n"
    );
    let pods = ok(&mut sim, "kubectl get pods");
    assert!(
        pods.contains("ErrImagePull") || pods.contains("ImagePullBackOff"),
        "{pods}"
    );
}

#[test]
fn rollout_commands_name_only_deployments() {
    let mut sim = settled_web();
    assert_eq!(
        err(&mut sim, "kubectl rollout status deployment/nope"),
        "Error from server (NotFound): deployments.apps \"nope\" not found\n"
    );
    assert_eq!(
        err(&mut sim, "kubectl rollout frobnicate deployment/web"),
        "error: unknown command \"frobnicate deployment/web\"\nSee 'kubectl rollout -h' for help and examples\n"
    );
    assert_eq!(
        err(&mut sim, "kubectl rollout status deployment/web --foo"),
        "error: unknown flag: --foo\nSee 'kubectl rollout status --help' for usage.\n"
    );
}
