//! Scenario files: the format shared by the command line, the browser and the tests (DESIGN.md),
//! `Run`, which plays one tick by tick, `Timeline` (`timeline`), which adds seeking back
//! and acting from there, and `Moment` (`moment`), what changed between two ticks.
//!
//! A scenario is an optional title and description (what the browser's picker shows) + seed +
//! duration + cluster + image overrides + manifests (applied at tick 0 as `kubectl apply -f`) +
//! actions, each a kubectl line (or a fault verb) run at the start of its tick. A file that cannot be used is rejected whole with one clear line; a command that fails
//! inside a valid scenario is a failed action and the run goes on.

pub mod moment;
#[doc(hidden)]
pub mod testing;
pub mod timeline;
pub mod trace;

pub use timeline::{Discard, Journal, Timeline};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::engine::sorting::ListMap;
use crate::engine::{
    default_nodes, new_node, Decision, Event, ImageProfile, ImageRegistry, Readiness, Resources,
    SimConfig, Simulation,
};
use crate::kubectl::{self, Effect, Files};
use crate::quote::Quoted;

/// Longest run a scenario may ask for: one simulated day.
pub const MAX_DURATION: i64 = 86_400;
/// Most nodes a scenario may declare.
pub const MAX_NODES: usize = 1_000;
/// The name under which the scenario's manifests are applied (`kubectl apply -f manifests.yaml`).
pub const MANIFESTS_FILE: &str = "manifests.yaml";

/// Why a scenario file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ScenarioError {
    /// The file is not valid YAML, or has a field of the wrong type or an unknown field.
    #[error("{source_name}: {message}")]
    Syntax {
        source_name: String,
        message: String,
    },
    /// A field has a value outside what is allowed.
    #[error("{source_name}: {field}: {message}")]
    Field {
        source_name: String,
        field: String,
        message: String,
    },
    /// The manifests do not apply at tick 0 (invalid YAML or rejected by the API server).
    #[error("{source_name}: manifests: {message}")]
    Manifests {
        source_name: String,
        message: String,
    },
}

/// `cluster:` — a number of identical unlimited nodes, or a list of named nodes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cluster {
    Count { nodes: u32 },
    Nodes { nodes: Vec<NodeSpec> },
}

/// Reads what `#[serde(untagged)]` reads (a map as `Count`, else as `Nodes`, other keys
/// ignored), with its one error, from the value itself: the derive's buffered second try costs
/// the browser 6 KB of wasm. A test compares the two.
impl<'de> Deserialize<'de> for Cluster {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        let nodes = value.as_object().and_then(|map| map.get("nodes"));
        if let Some(count) = nodes.and_then(serde_json::Value::as_u64) {
            if let Ok(nodes) = u32::try_from(count) {
                return Ok(Cluster::Count { nodes });
            }
        }
        let listed: Option<Vec<NodeSpec>> = nodes
            .and_then(serde_json::Value::as_array)
            .and_then(|specs| specs.iter().map(NodeSpec::read).collect());
        listed.map(|nodes| Cluster::Nodes { nodes }).ok_or_else(|| {
            serde::de::Error::custom("data did not match any variant of untagged enum Cluster")
        })
    }
}

/// The fields of a `deny_unknown_fields` struct as serde reads one: a map of those keys only,
/// or a sequence of at most that many values in order.
fn struct_fields<'a>(
    value: &'a serde_json::Value,
    names: &[&str],
) -> Option<Vec<Option<&'a serde_json::Value>>> {
    match value {
        serde_json::Value::Object(map) => {
            if map.keys().any(|k| !names.contains(&k.as_str())) {
                return None;
            }
            Some(names.iter().map(|name| map.get(*name)).collect())
        }
        serde_json::Value::Array(items) if items.len() <= names.len() => {
            Some((0..names.len()).map(|i| items.get(i)).collect())
        }
        _ => None,
    }
}

impl NodeSpec {
    /// A node as its derived `Deserialize` would read it; `None` where that fails.
    fn read(value: &serde_json::Value) -> Option<NodeSpec> {
        let fields = struct_fields(value, &["name", "cpu", "memory"])?;
        let optional = |field: Option<&serde_json::Value>| match field {
            None | Some(serde_json::Value::Null) => Some(None),
            Some(serde_json::Value::String(text)) => Some(Some(text.clone())),
            Some(_) => None,
        };
        Some(NodeSpec {
            name: fields[0]?.as_str()?.to_string(),
            cpu: optional(fields[1])?,
            memory: optional(fields[2])?,
        })
    }
}

impl Default for Cluster {
    fn default() -> Self {
        Cluster::Count { nodes: 3 }
    }
}

/// One node of `cluster.nodes`: a name and optional capacity (`cpu: "4"`, `memory: 8Gi`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeSpec {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<String>,
}

/// How an image behaves (`images:` entries); unset fields keep the defaults.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ImageSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pull_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_seconds: Option<i64>,
    /// `never`: the container starts but never passes readiness.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready: Option<ReadySpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crash_after_seconds: Option<i64>,
    /// `fail`: the image cannot be pulled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pull: Option<PullSpec>,
    /// Requests per second one Ready pod serves (default 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_rps: Option<i64>,
    /// A CPU quantity per request per second (`2m`, the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_per_request: Option<serde_json::Value>,
    /// A CPU quantity used with nothing to serve (`5m`, the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_idle: Option<serde_json::Value>,
}

/// Most requests per second a scenario may name (a pod's capacity or a Service's load).
pub const MAX_RPS: i64 = 1_000_000_000;

/// Most CPU a scenario may name for one request or one idle container: 1,000 cores.
const MAX_CPU_MICROS: i64 = 1_000_000_000;

/// A CPU quantity of `images:` (`2m`, `0.5`, `1`) in microcores, rounded up; `Err` says why not.
fn cpu_micros(value: &serde_json::Value) -> Result<i64, String> {
    let text = match value {
        serde_json::Value::String(text) => text.clone(),
        serde_json::Value::Number(number) => number.to_string(),
        _ => return Err("must be a CPU quantity such as \"2m\"".to_string()),
    };
    let quantity = crate::engine::validation::quantity::Quantity::parse(&text)
        .map_err(|e| format!("{}: {e}", Quoted(&text)))?;
    let micros = quantity.micros_rounded_up();
    if !(0..=MAX_CPU_MICROS).contains(&micros) {
        return Err(format!(
            "must be between 0 and 1000 cores, got {}",
            Quoted(&text)
        ));
    }
    Ok(micros)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReadySpec {
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PullSpec {
    Fail,
}

/// One action: a kubectl line (or `fault node-down|node-up NODE`, or `traffic SERVICE RPS
/// [--over SECONDS] [-n NAMESPACE]`) run at the start of tick `at`;
/// `stdin` feeds `kubectl apply -f -`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub at: i64,
    pub run: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stdin: Option<String>,
}

/// One change of a Service's offered load (`traffic:`): the action `traffic SERVICE RPS --over
/// OVER -n NAMESPACE` run at the start of tick `at`, before that tick's `actions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrafficEntry {
    pub at: i64,
    pub service: String,
    pub rps: i64,
    /// Seconds to ramp from the current load to `rps` (at once when absent or 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub over: Option<i64>,
    /// Default `default`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
}

impl TrafficEntry {
    /// The action line this entry is: `traffic web 500 --over 30 -n shop`.
    pub fn line(&self) -> String {
        let mut line = format!("traffic {} {}", self.service, self.rps);
        if let Some(over) = self.over.filter(|o| *o != 0) {
            line.push_str(&format!(" --over {over}"));
        }
        if let Some(namespace) = &self.namespace {
            line.push_str(&format!(" -n {namespace}"));
        }
        line
    }
}

/// A scenario file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// What the browser's picker lists it as ("A rolling update and a rollback"); the command
    /// line ignores it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// A sentence or two on what it shows, shown under the picker when it is chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default)]
    pub seed: u64,
    pub duration: i64,
    #[serde(default)]
    pub cluster: Cluster,
    #[serde(default, skip_serializing_if = "ListMap::is_empty")]
    pub images: ListMap<String, ImageSpec>,
    pub manifests: String,
    /// The offered load of Services over time, in time order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub traffic: Vec<TrafficEntry>,
    #[serde(default)]
    pub actions: Vec<Action>,
}

/// The default Deployment the browser opens on.
pub const DEFAULT_WEB_MANIFEST: &str = "apiVersion: apps/v1
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
";

impl Scenario {
    /// Deployment `web`, container `web`, image `nginx:1.25`, 4 replicas, default strategy, on
    /// three nodes, for ten minutes.
    pub fn default_web() -> Scenario {
        Scenario {
            title: None,
            description: None,
            seed: 0,
            duration: 600,
            cluster: Cluster::default(),
            images: ListMap::default(),
            manifests: DEFAULT_WEB_MANIFEST.to_string(),
            traffic: Vec::new(),
            actions: Vec::new(),
        }
    }

    /// Reads and checks a scenario file; `source_name` names it in error messages.
    pub fn parse(text: &str, source_name: &str) -> Result<Scenario, ScenarioError> {
        let syntax = |message: String| ScenarioError::Syntax {
            source_name: source_name.to_string(),
            message,
        };
        let value = crate::manifest::yaml_value(text).map_err(|e| syntax(e.to_string()))?;
        let scenario: Scenario =
            serde_json::from_value(value).map_err(|e| syntax(e.to_string()))?;
        scenario.check(source_name)?;
        Ok(scenario)
    }

    /// The scenario as a YAML file that `parse` reads back unchanged.
    pub fn to_yaml(&self) -> String {
        serde_json::to_value(self)
            .map(|value| crate::manifest::to_yaml(&value))
            .unwrap_or_default()
    }

    fn check(&self, source_name: &str) -> Result<(), ScenarioError> {
        let field = |field: &str, message: String| ScenarioError::Field {
            source_name: source_name.to_string(),
            field: field.to_string(),
            message,
        };
        if !(0..=MAX_DURATION).contains(&self.duration) {
            return Err(field(
                "duration",
                format!(
                    "must be between 0 and {MAX_DURATION} simulated seconds, got {}",
                    self.duration
                ),
            ));
        }
        match &self.cluster {
            Cluster::Count { nodes } if *nodes as usize > MAX_NODES || *nodes == 0 => {
                return Err(field(
                    "cluster.nodes",
                    format!("must be between 1 and {MAX_NODES}, got {nodes}"),
                ))
            }
            Cluster::Nodes { nodes } => {
                if nodes.is_empty() || nodes.len() > MAX_NODES {
                    return Err(field(
                        "cluster.nodes",
                        format!("must list between 1 and {MAX_NODES} nodes"),
                    ));
                }
                let mut seen = ListMap::default();
                for (i, node) in nodes.iter().enumerate() {
                    if seen.get(node.name.as_str()).is_some() {
                        return Err(field(
                            &format!("cluster.nodes[{i}].name"),
                            format!("duplicate node name {}", Quoted(&node.name)),
                        ));
                    }
                    seen.insert(node.name.as_str(), ());
                    node_capacity(node).map_err(|m| field(&format!("cluster.nodes[{i}]"), m))?;
                }
            }
            Cluster::Count { .. } => {}
        }
        for (image, spec) in self.images.iter() {
            for (name, value) in [
                ("pullSeconds", spec.pull_seconds),
                ("readySeconds", spec.ready_seconds),
                ("stopSeconds", spec.stop_seconds),
                ("crashAfterSeconds", spec.crash_after_seconds),
            ] {
                if let Some(v) = value.filter(|v| !(0..=MAX_DURATION).contains(v)) {
                    return Err(field(
                        &format!("images.{image}.{name}"),
                        format!("must be between 0 and {MAX_DURATION}, got {v}"),
                    ));
                }
            }
            if let Some(v) = spec.capacity_rps.filter(|v| !(0..=MAX_RPS).contains(v)) {
                return Err(field(
                    &format!("images.{image}.capacityRps"),
                    format!("must be between 0 and {MAX_RPS}, got {v}"),
                ));
            }
            for (name, value) in [
                ("cpuPerRequest", &spec.cpu_per_request),
                ("cpuIdle", &spec.cpu_idle),
            ] {
                if let Some(value) = value {
                    cpu_micros(value).map_err(|m| field(&format!("images.{image}.{name}"), m))?;
                }
            }
        }
        for (i, entry) in self.traffic.iter().enumerate() {
            let at = |name: &str| format!("traffic[{i}].{name}");
            if !(0..=self.duration).contains(&entry.at) {
                return Err(field(
                    &at("at"),
                    format!(
                        "must be between 0 and the duration ({}), got {}",
                        self.duration, entry.at
                    ),
                ));
            }
            if i > 0 && entry.at < self.traffic[i - 1].at {
                return Err(field(
                    &at("at"),
                    "traffic entries must be in time order".to_string(),
                ));
            }
            if !(0..=MAX_RPS).contains(&entry.rps) {
                return Err(field(
                    &at("rps"),
                    format!(
                        "must be between 0 and {MAX_RPS} requests per second, got {}",
                        entry.rps
                    ),
                ));
            }
            if let Some(over) = entry.over.filter(|o| !(0..=MAX_DURATION).contains(o)) {
                return Err(field(
                    &at("over"),
                    format!("must be between 0 and {MAX_DURATION} seconds, got {over}"),
                ));
            }
            if entry.service.is_empty() {
                return Err(field(&at("service"), "must name a Service".to_string()));
            }
        }
        for (i, action) in self.actions.iter().enumerate() {
            if !(0..=self.duration).contains(&action.at) {
                return Err(field(
                    &format!("actions[{i}].at"),
                    format!(
                        "must be between 0 and the duration ({}), got {}",
                        self.duration, action.at
                    ),
                ));
            }
            if i > 0 && action.at < self.actions[i - 1].at {
                return Err(field(
                    &format!("actions[{i}].at"),
                    "actions must be in time order".to_string(),
                ));
            }
        }
        Ok(())
    }

    fn sim_config(&self) -> SimConfig {
        let nodes = match &self.cluster {
            Cluster::Count { nodes } => default_nodes(*nodes as usize),
            Cluster::Nodes { nodes } => nodes
                .iter()
                .map(|n| new_node(&n.name, node_capacity(n).ok().flatten()))
                .collect(),
        };
        let mut images = ImageRegistry::builtin();
        for (image, spec) in self.images.iter() {
            let base = ImageProfile::DEFAULT;
            images.set(
                image,
                ImageProfile {
                    pull_seconds: spec.pull_seconds.unwrap_or(base.pull_seconds),
                    ready_seconds: spec.ready_seconds.unwrap_or(base.ready_seconds),
                    stop_seconds: spec.stop_seconds.unwrap_or(base.stop_seconds),
                    readiness: match spec.ready {
                        Some(ReadySpec::Never) => Readiness::Never,
                        None => Readiness::After,
                    },
                    crash_after_seconds: spec.crash_after_seconds,
                    pull_fails: spec.pull == Some(PullSpec::Fail),
                    capacity_rps: spec.capacity_rps.unwrap_or(base.capacity_rps),
                    cpu_per_request_micros: spec
                        .cpu_per_request
                        .as_ref()
                        .and_then(|v| cpu_micros(v).ok())
                        .unwrap_or(base.cpu_per_request_micros),
                    cpu_idle_millis: spec
                        .cpu_idle
                        .as_ref()
                        .and_then(|v| cpu_micros(v).ok())
                        .map_or(base.cpu_idle_millis, |micros| (micros + 999) / 1000),
                    memory_bytes: base.memory_bytes,
                },
            );
        }
        SimConfig {
            seed: self.seed,
            nodes,
            images,
        }
    }
}

/// A node's capacity: `None` when neither cpu nor memory is given (unlimited).
fn node_capacity(node: &NodeSpec) -> Result<Option<Resources>, String> {
    if node.cpu.is_none() && node.memory.is_none() {
        return Ok(None);
    }
    let parse = |value: &Option<String>, what: &str| -> Result<f64, String> {
        match value {
            None => Ok(f64::MAX / 4.0),
            Some(text) => crate::engine::parse_quantity(&serde_json::Value::String(text.clone()))
                .filter(|v| *v >= 0.0)
                .ok_or_else(|| format!("{what}: {text} is not a quantity", text = Quoted(&text))),
        }
    };
    let cpu = parse(&node.cpu, "cpu")?;
    let memory = parse(&node.memory, "memory")?;
    Ok(Some(Resources {
        cpu_millis: (cpu * 1000.0).min(i64::MAX as f64 / 2.0) as i64,
        memory_bytes: memory.min(i64::MAX as f64 / 2.0) as i64,
    }))
}

/// What one action did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionResult {
    pub run: String,
    pub ok: bool,
    /// stdout followed by stderr, as a terminal shows them.
    pub output: String,
    /// A kubectl line that reads, run without the read printers (`kubectl::Output::deferred`):
    /// `output` is empty and the reader prints it. Never in a trace: the command line and the
    /// tests have the printers.
    #[serde(skip)]
    pub deferred: bool,
}

impl ActionResult {
    /// What kubectl printed for `line`.
    fn of(line: &str, output: kubectl::Output) -> ActionResult {
        ActionResult {
            run: line.to_string(),
            ok: output.ok,
            output: format!("{}{}", output.stdout, output.stderr),
            deferred: output.deferred,
        }
    }
}

/// Everything that happened during one tick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TickRecord {
    pub t: i64,
    pub events: Vec<Event>,
    pub actions: Vec<ActionResult>,
    pub decisions: Vec<Decision>,
}

/// A scenario being played, one tick at a time. The state shown is the end of tick `tick()`.
#[derive(Debug, Clone)]
pub struct Run {
    scenario: Scenario,
    sim: Simulation,
    /// Index of the next action to run.
    next_action: usize,
    /// Index of the next `traffic:` entry to run.
    next_traffic: usize,
}

impl Run {
    /// Applies the manifests and the actions of tick 0, and plays tick 0.
    pub fn start(scenario: Scenario) -> Result<Run, ScenarioError> {
        Ok(Run::start_recording(scenario)?.0)
    }

    /// `start`, also returning what tick 0 did.
    pub fn start_recording(scenario: Scenario) -> Result<(Run, TickRecord), ScenarioError> {
        let mut sim = Simulation::new(scenario.sim_config());
        let applied = kubectl::run(
            &mut sim,
            &format!("kubectl apply -f {MANIFESTS_FILE}"),
            &Files::none().with(MANIFESTS_FILE, &scenario.manifests),
        );
        if !applied.ok {
            return Err(ScenarioError::Manifests {
                source_name: "scenario".to_string(),
                message: applied.stderr.trim_end().to_string(),
            });
        }
        let mut run = Run {
            scenario,
            sim,
            next_action: 0,
            next_traffic: 0,
        };
        let record = run.play_tick();
        Ok((run, record))
    }

    /// The tick whose end state the simulation holds.
    pub fn tick(&self) -> i64 {
        self.sim.now()
    }

    pub fn sim(&self) -> &Simulation {
        &self.sim
    }

    /// The scenario, including actions recorded by `act`.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Continues this run under `scenario`, which must agree with the run's own up to its
    /// current tick (the same manifests, seed, cluster and actions at ticks it has played): a
    /// copy of a run taken earlier on a timeline stays valid after `act` appends to it
    /// (`Timeline::act` does this for its checkpoints).
    fn continue_as(&mut self, scenario: &Scenario) {
        debug_assert!(
            scenario.actions.iter().take(self.next_action).eq(self
                .scenario
                .actions
                .iter()
                .take(self.next_action)),
            "the actions already played must be the same"
        );
        self.scenario = scenario.clone();
    }

    /// Plays the next tick: its scheduled actions first, then pods and controllers.
    pub fn step(&mut self) -> TickRecord {
        self.sim.advance();
        if self.sim.now() > self.scenario.duration {
            self.scenario.duration = self.sim.now();
        }
        self.play_tick()
    }

    /// A user action now: recorded at the next tick (dropping any later actions, which is how
    /// acting after scrubbing back continues from there), then that tick is played.
    pub fn act(&mut self, line: &str, stdin: Option<&str>) -> (ActionResult, TickRecord) {
        let at = self.tick() + 1;
        self.scenario.actions.retain(|a| a.at < at);
        self.scenario.actions.push(Action {
            at,
            run: line.to_string(),
            stdin: stdin.map(str::to_string),
        });
        self.next_action = self.next_action.min(self.scenario.actions.len() - 1);
        let record = self.step();
        let result = record
            .actions
            .last()
            .cloned()
            .unwrap_or_else(|| ActionResult {
                run: line.to_string(),
                ok: false,
                output: String::new(),
                deferred: false,
            });
        (result, record)
    }

    fn play_tick(&mut self) -> TickRecord {
        let t = self.sim.now();
        let mut actions = Vec::new();
        while let Some(entry) = self.scenario.traffic.get(self.next_traffic) {
            if entry.at > t {
                break;
            }
            let action = Action {
                at: entry.at,
                run: entry.line(),
                stdin: None,
            };
            self.next_traffic += 1;
            actions.push(run_action(&mut self.sim, &action));
        }
        while let Some(action) = self.scenario.actions.get(self.next_action) {
            if action.at > t {
                break;
            }
            let action = action.clone();
            self.next_action += 1;
            actions.push(run_action(&mut self.sim, &action));
        }
        self.sim.run_tick();
        TickRecord {
            t,
            events: self.sim.take_events(),
            actions,
            decisions: self.sim.take_decisions(),
        }
    }
}

/// An action line read: a fault verb, or a kubectl line (which `kubectl` reads itself).
enum Verb<'a> {
    /// `fault node-down NODE`: the node stops answering.
    NodeDown(&'a str),
    /// `fault node-up NODE`: it answers again.
    NodeUp(&'a str),
    /// `fault` with words that are no fault verb.
    UnknownFault,
    /// `traffic SERVICE RPS [--over SECONDS] [-n NAMESPACE]`, read; `Err` says what is wrong.
    Traffic(Result<Traffic<'a>, String>),
    Kubectl,
}

/// The offered load a `traffic` line sets.
struct Traffic<'a> {
    namespace: &'a str,
    service: &'a str,
    rps: i64,
    over: i64,
}

/// What the `traffic` verb takes.
const TRAFFIC_USAGE: &str = "usage: traffic SERVICE RPS [--over SECONDS] [-n NAMESPACE]";

/// Reads the words after `traffic`.
fn traffic_of<'a>(words: &[&'a str]) -> Result<Traffic<'a>, String> {
    let mut namespace = "default";
    let mut over = None;
    let mut positional = Vec::new();
    let mut rest = words.iter();
    while let Some(word) = rest.next() {
        let (flag, inline) = match word.split_once('=') {
            Some((f, v)) if f.starts_with('-') => (f, Some(v)),
            _ => (*word, None),
        };
        match flag {
            "--over" | "-n" | "--namespace" => {
                let value = inline
                    .or_else(|| rest.next().copied())
                    .ok_or_else(|| format!("flag needs an argument: {flag}\n{TRAFFIC_USAGE}"))?;
                if flag == "--over" {
                    over = Some(value);
                } else {
                    namespace = value;
                }
            }
            f if f.starts_with('-') && f.parse::<i64>().is_err() => {
                return Err(format!("unknown flag: {f}\n{TRAFFIC_USAGE}"))
            }
            _ => positional.push(*word),
        }
    }
    let [service, rps] = positional.as_slice() else {
        return Err(TRAFFIC_USAGE.to_string());
    };
    let number = |text: &str, what: &str| {
        text.parse::<i64>()
            .ok()
            .filter(|n| (0..=MAX_RPS).contains(n))
            .ok_or_else(|| {
                format!(
                    "{what} must be a whole number from 0 to {MAX_RPS}, got {}",
                    Quoted(text)
                )
            })
    };
    let rps = number(rps, "RPS (requests per second)")?;
    let over = match over {
        None => 0,
        Some(text) => number(text, "--over (seconds)")?.min(MAX_DURATION + 1),
    };
    if over > MAX_DURATION {
        return Err(format!("--over must be at most {MAX_DURATION} seconds"));
    }
    Ok(Traffic {
        namespace,
        service,
        rps,
        over,
    })
}

impl Verb<'_> {
    fn of(line: &str) -> Verb<'_> {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["fault", "node-down", node] => Verb::NodeDown(node),
            ["fault", "node-up", node] => Verb::NodeUp(node),
            ["fault", ..] => Verb::UnknownFault,
            ["traffic", rest @ ..] => Verb::Traffic(traffic_of(rest)),
            _ => Verb::Kubectl,
        }
    }
}

/// Whether running `line` would change the cluster: a fault verb does, a kubectl line as
/// `kubectl::effect` says, and a line refused before running (an unknown fault) only reads.
pub fn effect(line: &str) -> Effect {
    match Verb::of(line) {
        Verb::NodeDown(_) | Verb::NodeUp(_) | Verb::Traffic(Ok(_)) => Effect::Changes,
        Verb::UnknownFault | Verb::Traffic(Err(_)) => Effect::ReadOnly,
        Verb::Kubectl => kubectl::effect(line),
    }
}

/// A short name for a line that changes the cluster (`kubectl::change_label`; `node-2 down`
/// and `node-2 up` for the fault verbs); `None` for a line that only reads.
pub fn change_label(line: &str) -> Option<String> {
    match Verb::of(line) {
        Verb::NodeDown(node) => Some(format!("{node} down")),
        Verb::NodeUp(node) => Some(format!("{node} up")),
        Verb::Traffic(Ok(traffic)) => Some(format!("traffic {}", traffic.rps)),
        Verb::UnknownFault | Verb::Traffic(Err(_)) => None,
        Verb::Kubectl => kubectl::change_label(line),
    }
}

/// Runs a line that only reads against `sim` as it is; `None` when the line would change the
/// cluster (`effect` says `Changes`).
pub fn query(sim: &Simulation, line: &str) -> Option<ActionResult> {
    match Verb::of(line) {
        Verb::NodeDown(_) | Verb::NodeUp(_) | Verb::Traffic(Ok(_)) => None,
        Verb::UnknownFault => Some(unknown_fault(line)),
        Verb::Traffic(Err(message)) => Some(traffic_refused(line, &message)),
        Verb::Kubectl => kubectl::query(sim, line).map(|output| ActionResult::of(line, output)),
    }
}

/// Runs one action: a fault verb or a kubectl line.
fn run_action(sim: &mut Simulation, action: &Action) -> ActionResult {
    let line = &action.run;
    let result = match Verb::of(line) {
        Verb::NodeDown(node) => sim
            .fail_node(node)
            .map(|changed| fault_message(node, changed, "is down", "was already down")),
        Verb::NodeUp(node) => sim
            .recover_node(node)
            .map(|changed| fault_message(node, changed, "is back up", "was already up")),
        Verb::UnknownFault => return unknown_fault(line),
        Verb::Traffic(Err(message)) => return traffic_refused(line, &message),
        Verb::Traffic(Ok(traffic)) => sim
            .set_traffic(
                traffic.namespace,
                traffic.service,
                traffic.rps,
                traffic.over,
            )
            .map(|()| traffic_message(&traffic)),
        Verb::Kubectl => {
            let stdin = action.stdin.as_deref().unwrap_or("");
            let output = kubectl::run(sim, line, &Files::none().with("-", stdin));
            return ActionResult::of(line, output);
        }
    };
    match result {
        Ok(text) => ActionResult {
            run: line.to_string(),
            ok: true,
            output: text,
            deferred: false,
        },
        Err(e) => ActionResult {
            run: line.to_string(),
            ok: false,
            output: format!("{}\n", kubectl::CmdError::Api(e)),
            deferred: false,
        },
    }
}

fn traffic_refused(line: &str, message: &str) -> ActionResult {
    ActionResult {
        run: line.to_string(),
        ok: false,
        output: format!("error: {message}\n"),
        deferred: false,
    }
}

fn traffic_message(traffic: &Traffic) -> String {
    let target = format!(
        "service/{} offered {} requests per second",
        traffic.service, traffic.rps
    );
    match traffic.over {
        0 => format!("{target}\n"),
        over => format!("{target} in {over}s\n"),
    }
}

fn unknown_fault(line: &str) -> ActionResult {
    ActionResult {
        run: line.to_string(),
        ok: false,
        output: "error: unknown fault; use `fault node-down NODE` or `fault node-up NODE`\n"
            .to_string(),
        deferred: false,
    }
}

fn fault_message(node: &str, changed: bool, done: &str, already: &str) -> String {
    format!("node/{node} {}\n", if changed { done } else { already })
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::{Cluster, NodeSpec};

    /// What `Cluster` derived `Deserialize` as (named alike, for the error's text).
    mod derived {
        use serde::Deserialize;

        #[derive(Deserialize)]
        #[serde(untagged)]
        pub enum Cluster {
            Count { nodes: u32 },
            Nodes { nodes: Vec<NodeSpec> },
        }

        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct NodeSpec {
            pub name: String,
            #[serde(default)]
            pub cpu: Option<String>,
            #[serde(default)]
            pub memory: Option<String>,
        }
    }

    fn derived(value: &Value) -> Result<Cluster, String> {
        match serde_json::from_value::<derived::Cluster>(value.clone()) {
            Ok(derived::Cluster::Count { nodes }) => Ok(Cluster::Count { nodes }),
            Ok(derived::Cluster::Nodes { nodes }) => Ok(Cluster::Nodes {
                nodes: nodes
                    .into_iter()
                    .map(|n| NodeSpec {
                        name: n.name,
                        cpu: n.cpu,
                        memory: n.memory,
                    })
                    .collect(),
            }),
            Err(e) => Err(e.to_string()),
        }
    }

    #[test]
    fn given_any_cluster_value_then_it_reads_as_the_untagged_derive_reads_it() {
        let leaves = [
            json!(null),
            json!(true),
            json!(0),
            json!(3),
            json!(-1),
            json!(4294967295u64),
            json!(4294967296u64),
            json!(1.5),
            json!("a"),
            json!([]),
            json!({}),
        ];
        let mut nodes: Vec<Value> = leaves.to_vec();
        for name in [json!("a"), json!(1), json!(null)] {
            for cpu in [None, Some(json!("4")), Some(json!(null)), Some(json!(4))] {
                let mut map = serde_json::Map::new();
                map.insert("name".into(), name.clone());
                let mut seq = vec![name.clone()];
                if let Some(cpu) = cpu {
                    map.insert("cpu".into(), cpu.clone());
                    seq.push(cpu);
                }
                nodes.push(Value::Object(map.clone()));
                map.insert("memory".into(), json!("8Gi"));
                nodes.push(Value::Object(map.clone()));
                map.insert("zone".into(), json!("x"));
                nodes.push(Value::Object(map));
                nodes.push(Value::Array(seq.clone()));
                seq.push(json!("8Gi"));
                nodes.push(Value::Array(seq.clone()));
                seq.push(json!("extra"));
                nodes.push(Value::Array(seq));
            }
        }
        nodes.push(json!({"cpu": "1"}));
        let mut fields: Vec<Value> = leaves.to_vec();
        for node in &nodes {
            fields.push(json!([node]));
            fields.push(json!([node, node]));
        }
        let mut clusters: Vec<Value> = leaves.to_vec();
        for field in &fields {
            clusters.push(json!({ "nodes": field }));
            clusters.push(json!({ "nodes": field, "other": 1 }));
            clusters.push(json!([field]));
            clusters.push(json!([field, 1]));
        }
        clusters.push(json!({ "other": 1 }));
        for value in &clusters {
            let ours = serde_json::from_value::<Cluster>(value.clone()).map_err(|e| e.to_string());
            assert_eq!(ours, derived(value), "{value}");
        }
    }
}
