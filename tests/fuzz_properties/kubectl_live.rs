//! The `kubectl_live` fuzz property: any session typed at the console of a live simulation (the
//! browser's default `web` behind a Service, under load, autoscaled, a few seconds in)
//! runs without a panic; a line that fails says why; a line `kubectl::effect` calls read-only is
//! answered by `kubectl::query` with what `run` prints; and a line that only reads, or that fails
//! having done nothing (`ok: false`, nothing on stdout), leaves the simulation exactly as it was:
//! every object, the events kept about it, the measured load, and what the next ticks do with
//! them (which also compares the random source and the controllers' memory).
//!
//! A session is lines of text. `sleep N` lets N seconds pass; a line ending in `<<EOF` takes the
//! lines after it, up to `EOF`, as its standard input (`-f -`); any other line is typed: the
//! clock moves to the next tick, the line runs, and the tick plays, as the browser's console
//! does. A session stops once its Deployments ask for more than `MAX_REPLICAS` pods in all, or
//! after `MAX_TICKS`, so that no input makes one run last seconds.

use std::sync::OnceLock;

use deploysim::engine::{
    Deployment, HorizontalPodAutoscaler, KeptEvent, Node, ObjectKind, ObjectRef, Pod, ReplicaSet,
    Service, ServiceLoad, Simulation, Usage,
};
use deploysim::kubectl::{self, Effect, Files, Output};
use deploysim::scenario::{Action, Run, Scenario, TrafficEntry};

/// Most pods a session's Deployments may ask for before it stops.
const MAX_REPLICAS: i64 = 64;
/// Most ticks a session plays, and most a `sleep` plays.
const MAX_TICKS: i64 = 120;
const MAX_SLEEP: i64 = 30;
/// Ticks played on from a line that changed nothing, to compare what follows (the random source
/// and the controllers' memory too): one, and for the session's last line an autoscaler's sync
/// period (which costs too much after every line).
const TICKS_AFTER: i64 = 1;
const TICKS_AFTER_LAST: i64 = 15;

/// The browser's default `web` (4 replicas of nginx:1.25), its pods asking for CPU so that the
/// autoscaler can scale it, and a Service in front of it.
const MANIFESTS: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 4
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.25
        ports:
        - containerPort: 80
        resources:
          requests:
            cpu: 50m
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
";

/// What every session starts from, built once.
fn live() -> &'static Simulation {
    static LIVE: OnceLock<Simulation> = OnceLock::new();
    LIVE.get_or_init(|| {
        let mut scenario = Scenario::default_web();
        scenario.manifests = MANIFESTS.to_string();
        scenario.traffic.push(TrafficEntry {
            at: 0,
            service: "web".into(),
            rps: 200,
            over: None,
            namespace: None,
        });
        scenario.actions.push(Action {
            at: 0,
            run: "kubectl autoscale deployment/web --min=2 --max=8 --cpu-percent=50".into(),
            stdin: None,
        });
        let mut run = Run::start(scenario).expect("the live scenario starts");
        for _ in 0..12 {
            run.step();
        }
        run.sim().clone()
    })
}

/// Runs the property on one session; panics where it does not hold.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut sim = live().clone();
    let start = sim.now();
    let mut lines = text.split('\n');
    while let Some(line) = lines.next() {
        if sim.now() - start >= MAX_TICKS || replicas_asked(&sim) > MAX_REPLICAS {
            return;
        }
        if let Some(seconds) = line.strip_prefix("sleep ") {
            let seconds = seconds
                .trim()
                .parse::<i64>()
                .unwrap_or(1)
                .clamp(0, MAX_SLEEP);
            for _ in 0..seconds {
                sim.advance();
                play(&mut sim);
            }
            continue;
        }
        let (line, stdin) = match line.strip_suffix("<<EOF") {
            Some(command) => {
                let stdin: Vec<&str> = lines.by_ref().take_while(|l| *l != "EOF").collect();
                (command, stdin.join("\n"))
            }
            None => (line, String::new()),
        };
        sim.advance();
        let ticks_after = if lines.clone().next().is_none() {
            TICKS_AFTER_LAST
        } else {
            TICKS_AFTER
        };
        typed(&mut sim, line, &stdin, ticks_after);
        if replicas_asked(&sim) > MAX_REPLICAS {
            return;
        }
        play(&mut sim);
    }
}

/// Plays the current tick, taking what it reported as the scenario runner does.
fn play(sim: &mut Simulation) {
    sim.run_tick();
    sim.take_events();
    sim.take_decisions();
}

/// The pods the Deployments ask for, in all.
fn replicas_asked(sim: &Simulation) -> i64 {
    sim.deployments().map(|d| i64::from(d.spec.replicas)).sum()
}

/// Runs one typed line and checks what it did.
fn typed(sim: &mut Simulation, line: &str, stdin: &str, ticks_after: i64) {
    let before = sim.clone();
    let out = kubectl::run(sim, line, &Files::none().with("-", stdin));
    assert!(
        out.ok || !out.stderr.is_empty(),
        "{line:?} failed without a word"
    );
    let reads = kubectl::effect(line) == Effect::ReadOnly;
    let queried = kubectl::query(&before, line);
    if reads {
        assert_eq!(
            queried.as_ref(),
            Some(&out),
            "{line:?} only reads: query must print what run prints"
        );
    } else {
        assert_eq!(
            queried, None,
            "{line:?} changes the cluster: query refuses it"
        );
    }
    if reads || (!out.ok && out.stdout.is_empty()) {
        assert_unchanged(line, &out, before, sim.clone(), ticks_after);
    }
}

/// Fails unless `after` is `before` in every way the simulation can show, now and for the
/// next `ticks` ticks.
fn assert_unchanged(
    line: &str,
    out: &Output,
    mut before: Simulation,
    mut after: Simulation,
    ticks: i64,
) {
    for tick in 0..=ticks {
        let (was, is) = (State::of(&before), State::of(&after));
        assert!(
            was == is,
            "{line:?} ({out:?}) changed the simulation, seen {tick} ticks on: {}",
            was.difference(&is)
        );
        let taken = |sim: &mut Simulation| (sim.take_events(), sim.take_decisions());
        assert!(
            taken(&mut before) == taken(&mut after),
            "{line:?} ({out:?}): the events or decisions differ {tick} ticks on"
        );
        before.advance();
        after.advance();
        before.run_tick();
        after.run_tick();
    }
}

/// Everything a reader of the simulation can see: the objects, the events kept about each (what
/// `describe` lists), the measured load and CPU.
#[derive(Debug, PartialEq)]
struct State<'a> {
    now: i64,
    deployments: Vec<&'a Deployment>,
    replica_sets: Vec<&'a ReplicaSet>,
    pods: Vec<&'a Pod>,
    services: Vec<&'a Service>,
    autoscalers: Vec<&'a HorizontalPodAutoscaler>,
    nodes: &'a [Node],
    events: Vec<Vec<&'a KeptEvent>>,
    loads: Vec<Option<&'a ServiceLoad>>,
    usage: &'a Usage,
}

impl<'a> State<'a> {
    fn of(sim: &'a Simulation) -> State<'a> {
        let mut about = Vec::new();
        for d in sim.deployments() {
            about.push(ObjectRef::of(ObjectKind::Deployment, &d.metadata));
        }
        for rs in sim.replica_sets() {
            about.push(ObjectRef::of(ObjectKind::ReplicaSet, &rs.metadata));
        }
        for pod in sim.pods() {
            about.push(ObjectRef::of(ObjectKind::Pod, &pod.metadata));
        }
        for hpa in sim.horizontal_pod_autoscalers() {
            about.push(ObjectRef::of(
                ObjectKind::HorizontalPodAutoscaler,
                &hpa.metadata,
            ));
        }
        for node in sim.nodes() {
            about.push(ObjectRef::new(ObjectKind::Node, "", &node.name));
        }
        State {
            now: sim.now(),
            deployments: sim.deployments().collect(),
            replica_sets: sim.replica_sets().collect(),
            pods: sim.pods().collect(),
            services: sim.services().collect(),
            autoscalers: sim.horizontal_pod_autoscalers().collect(),
            nodes: sim.nodes(),
            events: about
                .iter()
                .map(|object| sim.events_about(object))
                .collect(),
            loads: sim
                .services()
                .map(|s| sim.service_load(&s.metadata.namespace, &s.metadata.name))
                .collect(),
            usage: sim.usage(),
        }
    }

    /// The first part of `self` that `other` has otherwise, both ways.
    fn difference(&self, other: &State) -> String {
        let (was, is) = (format!("{self:#?}"), format!("{other:#?}"));
        let at = was
            .lines()
            .zip(is.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        let near = |text: &str| -> String {
            let lines: Vec<&str> = text.lines().collect();
            lines[at.saturating_sub(8)..(at + 2).min(lines.len())].join("\n")
        };
        format!("\n{}\nbecame\n{}", near(&was), near(&is))
    }
}
