//! Browser tests of the components: what a pod element says about itself, the console's
//! history recall, the cluster view, the event log's rows, the time bar's controls and a term's
//! tooltip.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;
use std::time::Duration;

use deploysim::engine::PodPhase;
use deploysim::glossary::Term;
use deploysim::scenario::Discard;
use deploysim::ui::console::{recall, Console, ConsoleProps};
use deploysim::ui::pod::{PodStrip, PodStripProps, AT_ONCE, FRAME_BUDGET};
use deploysim::ui::state::{Command, ConsoleEntry, Pending};
use deploysim::ui::tip::{Tip, TipProps};
use deploysim::ui::view::{Look, PodView, ShownPhase};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement, KeyboardEvent, KeyboardEventInit};
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the page to mount a component on.
fn mount_point() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

/// Lets Yew's scheduler render.
async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(10)).await;
}

fn terminating_pod() -> PodView {
    PodView {
        key: "default/web-5d5dddf779-x2k9q".into(),
        uid: 41,
        name: "web-5d5dddf779-x2k9q".into(),
        rs: "web-5d5dddf779".into(),
        rs_key: "default/web-5d5dddf779".into(),
        revision: 2,
        colour: Some(1),
        phase: ShownPhase::Terminating,
        ready: false,
        look: Look::Terminating,
        status: "Terminating".into(),
        ready_count: "0/1".into(),
        restarts: 0,
        node: Some("node-1".into()),
        created: 3,
        written: Default::default(),
    }
}

#[wasm_bindgen_test]
async fn a_terminating_pod_says_so_in_its_attributes_and_name() {
    let root = mount_point();
    let props = PodStripProps {
        pods: vec![Rc::new(terminating_pod())],
        selected: None,
        tab_stop: None,
        label: "Pods of ReplicaSet web-5d5dddf779".into(),
        on_select: Callback::noop(),
    };
    yew::Renderer::<PodStrip>::with_root_and_props(root.clone(), props).render();
    settle().await;
    let pod = root
        .query_selector("[data-testid=pod]")
        .unwrap()
        .expect("a pod element");
    assert_eq!(
        pod.get_attribute("data-phase").as_deref(),
        Some("Terminating")
    );
    assert_eq!(pod.get_attribute("data-ready").as_deref(), Some("false"));
    assert_eq!(pod.get_attribute("data-revision").as_deref(), Some("2"));
    assert_eq!(
        pod.get_attribute("data-rs").as_deref(),
        Some("web-5d5dddf779")
    );
    assert_eq!(
        pod.get_attribute("aria-label").as_deref(),
        Some("web-5d5dddf779-x2k9q: Terminating, Not ready, revision 2")
    );
    assert!(pod.class_list().contains("pod--terminating"));
    assert!(
        pod.class_list().contains("c1"),
        "revision 2 takes the second colour"
    );
    assert_eq!(pod.get_attribute("tabindex").as_deref(), Some("-1"));
    assert_eq!(pod.get_attribute("aria-pressed").as_deref(), Some("false"));
}

/// What a strip shows: each pod element's name, state and revision, in the page's order.
fn drawn(root: &Element) -> Vec<(String, String, String)> {
    let pods = root.query_selector_all("[data-testid=pod]").unwrap();
    (0..pods.length())
        .map(|i| {
            let e: Element = pods.item(i).unwrap().dyn_into().unwrap();
            let attr = |name: &str| e.get_attribute(name).unwrap_or_default();
            (e.id(), attr("data-phase"), attr("data-revision"))
        })
        .collect()
}

/// What a strip should show for these pods.
fn expected(pods: &[Rc<PodView>]) -> Vec<(String, String, String)> {
    pods.iter()
        .map(|p| {
            (
                format!("pod:{}", p.key),
                p.phase.as_str().to_string(),
                p.revision.to_string(),
            )
        })
        .collect()
}

/// Lets the browser draw a few animation frames.
async fn frames(n: u64) {
    yew::platform::time::sleep(Duration::from_millis(20 * n)).await;
}

#[wasm_bindgen_test]
async fn a_thousand_pods_are_drawn_a_slice_per_frame_and_follow_a_rollout_step_exactly() {
    use yew::AppHandle;
    // Given a strip of 1,000 Ready pods: a first few are drawn at once, the rest a slice per frame.
    let first: Vec<Rc<PodView>> = (0..1000).map(ready_pod).collect();
    let props = |pods: &[Rc<PodView>], selected: Option<usize>| PodStripProps {
        pods: pods.to_vec(),
        selected: selected.map(|i| pods[i].key.clone()),
        tab_stop: Some(pods[0].key.clone()),
        label: "Pods".into(),
        on_select: Callback::noop(),
    };
    let root = mount_point();
    let mut app: AppHandle<PodStrip> =
        yew::Renderer::<PodStrip>::with_root_and_props(root.clone(), props(&first, None)).render();
    settle().await;
    let now = drawn(&root).len();
    assert!(
        (AT_ONCE..first.len()).contains(&now) && (now - AT_ONCE) % FRAME_BUDGET == 0,
        "{now} pods drawn in the first slice"
    );
    frames(30).await;
    assert_eq!(drawn(&root), expected(&first));

    // When a rollout step removes 300, turns 300 Terminating and adds 300 of revision 2 among
    // them, the strip ends showing exactly the new list, in its order.
    let mut next: Vec<Rc<PodView>> = first[300..].to_vec();
    for pod in next.iter_mut().take(300) {
        *pod = Rc::new(PodView {
            phase: ShownPhase::Terminating,
            ready: false,
            look: Look::Terminating,
            ..(**pod).clone()
        });
    }
    for i in 0..300 {
        let mut pod = (*ready_pod(5000 + i)).clone();
        pod.revision = 2;
        pod.colour = Some(1);
        next.insert(2 * i + 1, Rc::new(pod));
    }
    app.update(props(&next, Some(7)));
    settle().await;
    assert_ne!(
        drawn(&root),
        expected(&next),
        "900 changes do not fit one frame"
    );
    frames(30).await;
    assert_eq!(drawn(&root), expected(&next));
    let selected = root.query_selector(".pod--selected").unwrap().unwrap();
    assert_eq!(selected.id(), format!("pod:{}", next[7].key));
    assert_eq!(
        selected.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    let tab_stops = root
        .query_selector_all("[data-testid=pod][tabindex='0']")
        .unwrap();
    assert_eq!(tab_stops.length(), 1);
    let terminating = root
        .query_selector_all("[data-testid=pod].pod--terminating[data-ready=false]")
        .unwrap();
    assert_eq!(terminating.length(), 300);
}

#[wasm_bindgen_test]
fn recall_walks_the_history_and_back_to_the_empty_line() {
    assert_eq!(recall(None, 0, true), None);
    assert_eq!(recall(None, 3, true), Some(2));
    assert_eq!(recall(Some(2), 3, true), Some(1));
    assert_eq!(recall(Some(0), 3, true), Some(0), "stays on the oldest");
    assert_eq!(recall(Some(1), 3, false), Some(2));
    assert_eq!(
        recall(Some(2), 3, false),
        None,
        "past the newest: the empty line"
    );
}

fn press(input: &HtmlInputElement, key: &str) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn a_command_that_discards_history_is_asked_about_with_run_and_cancel() {
    let root = mount_point();
    let answers: Rc<std::cell::RefCell<Vec<bool>>> = Rc::default();
    let props = ConsoleProps {
        entries: Rc::default(),
        commands: Rc::default(),
        target: None,
        on_run: Callback::noop(),
        pending: Some(Rc::new(Pending {
            command: Command::line("kubectl scale deployment/web --replicas=2"),
            from_editor: false,
            discard: Discard { from: 30, to: 42 },
        })),
        reader_failed: false,
        on_focus: Callback::noop(),
        on_confirm: {
            let answers = answers.clone();
            Callback::from(move |run: bool| answers.borrow_mut().push(run))
        },
        complete: Callback::from(|_| None),
    };
    yew::Renderer::<Console>::with_root_and_props(root.clone(), props).render();
    settle().await;
    let confirm = root
        .query_selector("[role=alertdialog]")
        .unwrap()
        .expect("the question");
    assert_eq!(
        confirm.query_selector("p").unwrap().unwrap().text_content().unwrap(),
        "kubectl scale deployment/web --replicas=2 This discards 12 s of history (t=30s to t=42s). Run it anyway?"
    );
    let buttons = confirm.query_selector_all("button").unwrap();
    let button = |i| -> web_sys::HtmlElement { buttons.get(i).unwrap().dyn_into().unwrap() };
    let (run, cancel) = (button(0), button(1));
    assert_eq!(
        (run.text_content(), cancel.text_content()),
        (Some("Run".into()), Some("Cancel".into()))
    );
    let focused = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element();
    assert_eq!(
        focused.as_ref(),
        Some(cancel.as_ref()),
        "the keyboard is on Cancel"
    );
    let init = KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let escape = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    cancel.dispatch_event(&escape).unwrap();
    run.click();
    cancel.click();
    assert_eq!(answers.borrow().as_slice(), &[false, true, false]);
}

#[wasm_bindgen_test]
async fn arrow_keys_recall_earlier_commands_and_enter_runs_them() {
    let root = mount_point();
    let ran: Rc<std::cell::RefCell<Vec<Command>>> = Rc::default();
    let props = ConsoleProps {
        entries: Rc::new(vec![ConsoleEntry {
            tick: 4,
            scripted: false,
            command: "kubectl get deploy nope".into(),
            stdin: None,
            ok: false,
            output: "Error from server (NotFound): deployments.apps \"nope\" not found".into(),
            reader: None,
        }]),
        commands: Rc::new(vec![
            "kubectl get pods".into(),
            "kubectl get deploy nope".into(),
        ]),
        target: Some("deployment/web".into()),
        on_run: {
            let ran = ran.clone();
            Callback::from(move |c: Command| ran.borrow_mut().push(c))
        },
        pending: None,
        reader_failed: false,
        on_focus: Callback::noop(),
        on_confirm: Callback::noop(),
        complete: Callback::from(|_| None),
    };
    yew::Renderer::<Console>::with_root_and_props(root.clone(), props).render();
    settle().await;
    assert!(root.query_selector(".confirm").unwrap().is_none());
    let input: HtmlInputElement = root
        .query_selector("input[aria-label='kubectl command']")
        .unwrap()
        .expect("the command input")
        .dyn_into()
        .unwrap();
    let output = root
        .query_selector("[data-testid=console-output]")
        .unwrap()
        .unwrap();
    assert!(output
        .text_content()
        .unwrap()
        .contains("deployments.apps \"nope\" not found"));
    assert!(
        output.query_selector(".err").unwrap().is_some(),
        "errors are styled apart"
    );

    press(&input, "ArrowUp");
    settle().await;
    assert_eq!(input.value(), "kubectl get deploy nope");
    press(&input, "ArrowUp");
    settle().await;
    assert_eq!(input.value(), "kubectl get pods");
    press(&input, "ArrowDown");
    settle().await;
    assert_eq!(input.value(), "kubectl get deploy nope");
    press(&input, "Enter");
    settle().await;
    assert_eq!(
        ran.borrow().as_slice(),
        &[Command::line("kubectl get deploy nope")]
    );
    assert_eq!(input.value(), "", "the line is cleared after running");
}

#[wasm_bindgen_test]
fn validation_errors_are_split_by_field_path() {
    use deploysim::ui::yaml_editor::problems;
    let one = problems(
        "The Deployment \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n",
    );
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].field.as_deref(), Some("spec.replicas"));
    assert_eq!(
        one[0].message,
        "Invalid value: -1: must be greater than or equal to 0"
    );
    let many = problems(
        "The Deployment \"web\" is invalid: \n* spec.template.spec.containers[0].image: Required value\n* spec.strategy.rollingUpdate.maxSurge: Invalid value: \"x\": a valid percent string must be\n",
    );
    assert_eq!(
        many.len(),
        2,
        "the announcing line is not a problem: {many:?}"
    );
    let fields: Vec<_> = many.iter().filter_map(|p| p.field.as_deref()).collect();
    assert_eq!(
        fields,
        [
            "spec.template.spec.containers[0].image",
            "spec.strategy.rollingUpdate.maxSurge"
        ]
    );
    let syntax =
        problems("error: error parsing STDIN: yaml: line 3: mapping values are not allowed");
    assert_eq!(
        syntax[0].field, None,
        "no field path to show for a syntax error"
    );
}

#[wasm_bindgen_test]
fn the_strategy_editor_rewrites_only_the_strategy_fields() {
    use deploysim::engine::StrategyType;
    use deploysim::ui::controls::{strategy_manifest, StrategyDraft};
    let manifest = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 4\n  strategy:\n    type: RollingUpdate\n";
    let draft = StrategyDraft {
        kind: StrategyType::RollingUpdate,
        max_surge: "1".into(),
        max_unavailable: "0%".into(),
        min_ready_seconds: "5".into(),
        progress_deadline_seconds: "30".into(),
    };
    let yaml = strategy_manifest(manifest, &draft).unwrap();
    assert!(yaml.contains("maxSurge: 1\n"), "{yaml}");
    assert!(yaml.contains("maxUnavailable: 0%"), "{yaml}");
    assert!(yaml.contains("minReadySeconds: 5"), "{yaml}");
    assert!(yaml.contains("progressDeadlineSeconds: 30"), "{yaml}");
    assert!(yaml.contains("replicas: 4"), "{yaml}");
    let recreate = StrategyDraft {
        kind: StrategyType::Recreate,
        ..draft
    };
    let yaml = strategy_manifest(manifest, &recreate).unwrap();
    assert!(
        yaml.contains("type: Recreate") && !yaml.contains("rollingUpdate"),
        "{yaml}"
    );
}

fn ready_pod(i: usize) -> Rc<PodView> {
    Rc::new(PodView {
        key: format!("default/web-5d5dddf779-{i:05}"),
        uid: i as u64,
        name: format!("web-5d5dddf779-{i:05}"),
        phase: ShownPhase::Phase(PodPhase::Running),
        ready: true,
        look: Look::Ready,
        status: "Running".into(),
        ready_count: "1/1".into(),
        revision: 1,
        colour: Some(0),
        ..terminating_pod()
    })
}

fn cluster_props(pods: usize) -> deploysim::ui::cluster_view::ClusterViewProps {
    use deploysim::ui::view::{DeploymentRow, RsView};
    deploysim::ui::cluster_view::ClusterViewProps {
        pods: Rc::new((0..pods).map(ready_pod).collect()),
        replica_sets: Rc::new(vec![RsView {
            key: "default/web-5d5dddf779".into(),
            name: "web-5d5dddf779".into(),
            deployment: "default/web".into(),
            revision: 1,
            colour: Some(0),
            images: "nginx:1.25".into(),
            desired: pods as i32,
            current: pods as i32,
            ready: pods as i32,
            created: 0,
        }]),
        deployments: Rc::new(vec![DeploymentRow {
            key: "default/web".into(),
            name: "web".into(),
            namespace: "default".into(),
            replicas: pods as i32,
            ready: pods as i32,
            updated: pods as i32,
            available: pods as i32,
            created: 0,
        }]),
        nodes: Rc::default(),
        by_node: false,
        selected: None,
        on_select: Callback::noop(),
        on_group_by_node: Callback::noop(),
        on_run: Callback::noop(),
    }
}

#[wasm_bindgen_test]
async fn the_cluster_view_draws_one_element_per_pod_then_counts_past_the_limit() {
    use deploysim::ui::cluster_view::{ClusterView, AGGREGATE_AT};
    let small = mount_point();
    yew::Renderer::<ClusterView>::with_root_and_props(small.clone(), cluster_props(12)).render();
    let large = mount_point();
    yew::Renderer::<ClusterView>::with_root_and_props(large.clone(), cluster_props(AGGREGATE_AT))
        .render();
    // Drawn at once, or in the next frames when another strip's frame is pending (a test
    // before this one may have left one; under load a frame can take a while).
    let drawn = || {
        small
            .query_selector_all("[data-testid=pod]")
            .unwrap()
            .length()
    };
    for _ in 0..200 {
        settle().await;
        if drawn() == 12 {
            break;
        }
    }
    assert_eq!(drawn(), 12);
    assert_eq!(
        large
            .query_selector_all("[data-testid=pod]")
            .unwrap()
            .length(),
        0
    );
    let counts = large
        .query_selector(".counts-list")
        .unwrap()
        .expect("counts per state");
    assert!(
        counts
            .text_content()
            .unwrap()
            .contains(&format!("{AGGREGATE_AT} Ready (rev 1)")),
        "{:?}",
        counts.text_content()
    );
}

#[wasm_bindgen_test]
fn the_play_timer_fires_at_most_25_times_a_second() {
    use deploysim::ui::app::cadence;
    assert_eq!(cadence(1.0), (1000, 1));
    assert_eq!(cadence(0.5), (2000, 1));
    assert_eq!(cadence(20.0), (50, 1));
    assert_eq!(cadence(50.0), (40, 2), "50x: two ticks every 40 ms");
    for speed in [0.5, 1.0, 3.0, 7.5, 37.0, 50.0] {
        let (period, ticks) = cadence(speed);
        assert!(period >= 40, "{speed}: {period} ms");
        let rate = f64::from(ticks) * 1000.0 / f64::from(period);
        assert!(
            (rate - speed).abs() / speed < 0.02,
            "{speed}x plays {rate} ticks/s"
        );
    }
}

#[wasm_bindgen_test]
async fn the_same_names_in_several_namespaces_are_all_drawn() {
    use deploysim::ui::cluster_view::{ClusterView, ClusterViewProps};
    use deploysim::ui::scenarios::read;
    use deploysim::ui::state::{Action, Boot, State};
    use deploysim::ui::tabs::Tab;
    use yew::Reducible;
    let state = Rc::new(State::boot(Boot {
        base: None,
        scenario: read("environments.yaml", "").unwrap(),
        tick: 0,
        speed: 1.0,
        playing: true,
        tab: Tab::default(),
        notice: None,
        presenter: false,
        ask: false,
    }))
    .reduce(Action::Tick(15));
    let names: std::collections::BTreeSet<_> =
        state.view.pods.iter().map(|p| p.name.as_str()).collect();
    let keys: std::collections::BTreeSet<_> =
        state.view.pods.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(keys.len(), state.view.pods.len(), "keys are unique");
    assert!(names.len() <= keys.len());
    let root = mount_point();
    let props = ClusterViewProps {
        pods: state.view.pods.clone(),
        replica_sets: state.view.replica_sets.clone(),
        deployments: state.view.deployments.clone(),
        nodes: state.view.nodes.clone(),
        by_node: false,
        selected: None,
        on_select: Callback::noop(),
        on_group_by_node: Callback::noop(),
        on_run: Callback::noop(),
    };
    yew::Renderer::<ClusterView>::with_root_and_props(root.clone(), props).render();
    settle().await;
    assert_eq!(
        root.query_selector_all("[data-testid=pod]")
            .unwrap()
            .length() as usize,
        state.view.pods.len()
    );
    assert_eq!(
        root.query_selector_all("section.group").unwrap().length() as usize,
        state.view.replica_sets.len()
    );
}

#[wasm_bindgen_test]
async fn an_empty_console_suggests_commands_for_the_deployment_acted_on() {
    let root = mount_point();
    let props = ConsoleProps {
        entries: Rc::default(),
        commands: Rc::default(),
        target: Some("deployment/shop -n prod".into()),
        on_run: Callback::noop(),
        pending: None,
        reader_failed: false,
        on_focus: Callback::noop(),
        on_confirm: Callback::noop(),
        complete: Callback::from(|_| None),
    };
    yew::Renderer::<Console>::with_root_and_props(root.clone(), props).render();
    settle().await;
    let hint = root
        .query_selector(".hint")
        .unwrap()
        .expect("a hint")
        .text_content()
        .unwrap_or_default();
    assert!(
        hint.contains("kubectl rollout status deployment/shop -n prod")
            && hint.contains("kubectl describe deployment/shop -n prod"),
        "{hint}"
    );
}

/// An event log row gathered from `kind`, about `object`.
fn event_row(
    seq: u64,
    object: deploysim::engine::ObjectRef,
    kind: deploysim::engine::EventKind,
) -> deploysim::ui::state::EventRow {
    let event = deploysim::engine::Event {
        time: 3,
        object,
        kind,
    };
    deploysim::ui::state::EventRow {
        seq,
        time: event.time,
        event_type: event.event_type(),
        reason: event.reason(),
        source: event.source(),
        message: event.message().to_string(),
        object: event.object,
    }
}

#[wasm_bindgen_test]
async fn the_event_log_hides_routine_pod_events_and_marks_warnings() {
    use deploysim::engine::{EventKind, ObjectKind, ObjectRef, ScaleDirection};
    use deploysim::ui::events_log::{EventsLog, EventsLogProps};
    let object = |kind, name: &str| ObjectRef::new(kind, "default", name);
    let pod = object(ObjectKind::Pod, "web-5d5dddf779-x2k9q");
    let rows = vec![
        event_row(
            3,
            pod.clone(),
            EventKind::BackOffStartContainer {
                container: "web".into(),
            },
        ),
        event_row(
            2,
            pod,
            EventKind::StartedContainer {
                container: "web".into(),
            },
        ),
        event_row(
            1,
            object(ObjectKind::Deployment, "web"),
            EventKind::ScalingReplicaSet {
                replica_set: "web-5d5dddf779".into(),
                direction: ScaleDirection::Up,
                from: 0,
                to: 4,
            },
        ),
    ];
    let root = mount_point();
    let props = EventsLogProps {
        rows: Rc::new(rows),
        now: 10,
    };
    yew::Renderer::<EventsLog>::with_root_and_props(root.clone(), props).render();
    settle().await;
    let shown = root.query_selector_all("tbody tr").unwrap();
    let cells = |i: u32| -> Vec<String> {
        let row: Element = shown.get(i).unwrap().dyn_into().unwrap();
        let cells = row.query_selector_all("td").unwrap();
        (0..cells.length())
            .map(|j| cells.get(j).unwrap().text_content().unwrap())
            .collect()
    };
    assert_eq!(shown.length(), 2, "the routine Started event is hidden");
    assert_eq!(
        cells(0),
        [
            "Warning",
            "BackOff",
            "7s",
            "kubelet",
            "Pod/web-5d5dddf779-x2k9q",
            "Back-off restarting failed container web in pod web-5d5dddf779-x2k9q",
        ]
    );
    assert_eq!(
        cells(1),
        [
            "Normal",
            "ScalingReplicaSet",
            "7s",
            "deployment-controller",
            "Deployment/web",
            "Scaled up replica set web-5d5dddf779 from 0 to 4",
        ]
    );
    let first: Element = shown.get(0).unwrap().dyn_into().unwrap();
    let second: Element = shown.get(1).unwrap().dyn_into().unwrap();
    assert!(first.class_list().contains("warn"));
    assert!(!second.class_list().contains("warn"));
}

#[wasm_bindgen_test]
async fn the_time_bar_offers_its_controls_by_the_names_the_end_to_end_tests_use() {
    use deploysim::ui::time_bar::{TimeBar, TimeBarProps};
    let root = mount_point();
    let props = TimeBarProps {
        tick: 42,
        horizon: 90,
        playing: false,
        speed: 2.0,
        on_play: Callback::noop(),
        on_step: Callback::noop(),
        on_next: Callback::noop(),
        on_speed: Callback::noop(),
        on_seek: Callback::noop(),
        on_reset: Callback::noop(),
    };
    yew::Renderer::<TimeBar>::with_root_and_props(root.clone(), props).render();
    settle().await;
    let bar = root
        .query_selector(".timeline[role=group][aria-label=Time]")
        .unwrap()
        .expect("the time bar");
    for name in ["Play", "Step", "'Next event'", "Reset"] {
        assert!(
            bar.query_selector(&format!("button[aria-label={name}]"))
                .unwrap()
                .is_some(),
            "{name}"
        );
    }
    assert!(bar
        .query_selector("select[aria-label=Speed]")
        .unwrap()
        .is_some());
    let scrubber: HtmlInputElement = bar
        .query_selector("input.scrubber[aria-label='Timeline (simulated seconds)']")
        .unwrap()
        .expect("the scrubber")
        .dyn_into()
        .unwrap();
    assert_eq!(
        (scrubber.max(), scrubber.value()),
        ("90".into(), "42".into())
    );
    assert_eq!(
        bar.query_selector(".clock")
            .unwrap()
            .and_then(|c| c.text_content()),
        Some("t = 42s".into())
    );
}

/// The element that describes `element` (its `aria-describedby`).
fn described_by(element: &Element) -> Element {
    let id = element
        .get_attribute("aria-describedby")
        .expect("described");
    let document = web_sys::window().unwrap().document().unwrap();
    document.get_element_by_id(&id).expect("the description")
}

#[wasm_bindgen_test]
async fn a_term_is_a_tab_stop_described_by_its_tooltip() {
    let root = mount_point();
    let props = TipProps {
        term: Term::MaxSurge,
        children: yew::html! { "maxSurge" },
        control: false,
    };
    yew::Renderer::<Tip>::with_root_and_props(root.clone(), props).render();
    settle().await;
    let word = root
        .query_selector(".term-word")
        .unwrap()
        .expect("the word");
    assert_eq!(word.text_content().as_deref(), Some("maxSurge"));
    assert_eq!(word.get_attribute("tabindex").as_deref(), Some("0"));
    let tip = described_by(&word);
    assert_eq!(tip.get_attribute("role").as_deref(), Some("tooltip"));
    assert_eq!(
        tip.text_content().as_deref(),
        Some(Term::MaxSurge.entry().short)
    );
    assert!(
        tip.has_attribute("hidden"),
        "hidden until hovered or focused"
    );
    assert_eq!(
        root.text_content().as_deref(),
        Some("maxSurge"),
        "the explanation is no part of the text around the word"
    );
}

#[wasm_bindgen_test]
async fn a_control_as_the_term_is_the_one_described() {
    let root = mount_point();
    let props = TipProps {
        term: Term::Paused,
        children: yew::html! { <button type="button">{"Pause rollout"}</button> },
        control: true,
    };
    yew::Renderer::<Tip>::with_root_and_props(root.clone(), props).render();
    settle().await;
    assert!(
        root.query_selector(".term-word").unwrap().is_none(),
        "no second Tab stop"
    );
    let button = root.query_selector("button").unwrap().expect("the button");
    let tip = described_by(&button);
    assert_eq!(
        tip.text_content().as_deref(),
        Some(Term::Paused.entry().short)
    );
}
