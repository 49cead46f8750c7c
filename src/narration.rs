//! The narration: one line, in plain words, of what is happening to a Deployment now ("Rolling
//! update to nginx:1.26: 2 of 4 new pods ready; waiting for them before removing more old ones"),
//! ending with what to try next when nothing is moving. `Narration::of` reads it as typed facts
//! (`Now`) from the simulation and the latest decisions; its `Display` is the one place the line
//! is written. `Story` groups decisions into what the "Why" panel tells as one story (a rollout,
//! a scale, a self-heal); `crate::why::story_title` names it.
//!
//! Like `why`, it lives outside the engine and only reads it.

use std::fmt;

use crate::engine::deployment_util::{find_new_replica_set, has_progress_deadline};
use crate::engine::{
    ConditionStatus, ContainerState, Decision, Deployment, DeploymentConditionReason,
    DeploymentConditionType, FitError, GonePod, HpaConditionReason, HpaConditionType, MetricError,
    Pod, PodPhase, Readiness, ReplicaSet, Seconds, Simulation, Step, StrategyType, WaitingReason,
};

/// What the narration says: the Deployment it is about, what is happening to it, and the other
/// Deployments that are busy too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Narration {
    /// The Deployment's name ("" when there is none).
    pub deployment: String,
    /// How to name it in a command: `deployment/web`, plus ` -n NS` outside `default`.
    pub target: String,
    pub now: Now,
    /// The other Deployments whose pods are not all updated and available, by name.
    pub busy: Vec<String>,
    /// The requests its Services got at the last tick, when any were offered.
    pub load: Option<Load>,
    /// What its HorizontalPodAutoscaler says, once it has synced.
    pub autoscaler: Option<Autoscaler>,
}

/// The requests per second a Deployment's Services were offered at the last tick, and what its
/// ready pods (the endpoints) made of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Load {
    pub offered: i64,
    pub failed: i64,
    pub endpoints: i64,
    /// Whether every container of the pod template asks for CPU, which an autoscaler needs.
    pub cpu_requested: bool,
}

/// What a Deployment's HorizontalPodAutoscaler says at its last sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Autoscaler {
    /// It computed a size from the pods' CPU (`utilization` % of their request, against
    /// `target` %).
    Wants {
        replicas: i32,
        utilization: i32,
        target: i32,
    },
    /// The metric asks for more than `maxReplicas` (ScalingLimited, TooManyReplicas).
    AtMax { max: i32 },
    /// The downscale stabilization window keeps `held` pods where the metric asks for `wanted`.
    Holding {
        held: i32,
        wanted: i32,
        seconds_left: Seconds,
    },
    /// The pods ask for no CPU, so there is no utilization to compute.
    NoCpuRequest,
    /// No CPU figures yet (the pods are new, or not ready).
    NoMetrics,
    /// The Deployment has 0 replicas (ScalingDisabled).
    Disabled,
}

/// What is happening to one Deployment, most pressing first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Now {
    /// No Deployment in the cluster.
    Empty,
    /// Every pod updated, available and nothing else running.
    Idle { replicas: i32, image: String },
    /// `spec.paused`: template changes wait for `rollout resume`.
    Paused { updated: i32, replicas: i32 },
    /// Progressing=False, reason ProgressDeadlineExceeded.
    DeadlineExceeded { problem: Option<Problem> },
    /// The new pods cannot become available; the deadline is still ahead (`None`: the
    /// Deployment has no progress deadline).
    Stuck {
        problem: Problem,
        deadline: Option<Deadline>,
    },
    /// A node stopped answering while pods of the Deployment ran there.
    NodeDown {
        node: String,
        /// Its pods stuck there (`Unknown`, terminating until the node returns).
        lost: i32,
        ready: i32,
        replicas: i32,
    },
    /// Pods no node can take (`FailedScheduling`).
    Unschedulable { pending: i32, fit: FitError },
    /// A rolling update in progress.
    Rolling {
        image: String,
        /// New pods ready, and how many the Deployment wants.
        ready: i32,
        replicas: i32,
        /// Old pods still there (terminating ones included).
        old: i32,
    },
    /// A Recreate rollout: old pods stop first, then the new ones start.
    Recreating {
        image: String,
        old: i32,
        ready: i32,
        replicas: i32,
    },
    /// The ReplicaSet replaces pods that went (deleted, or lost with their node).
    Healing {
        gone: Vec<GonePod>,
        replica_set: String,
        ready: i32,
        replicas: i32,
    },
    /// `spec.replicas` changed (or the Deployment was just created: `from` 0).
    Scaling {
        from: i32,
        to: i32,
        /// Pods not ready yet, and pods still stopping.
        starting: i32,
        stopping: i32,
    },
}

/// Why new pods do not become available.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A container keeps exiting (CrashLoopBackOff).
    Crashing,
    /// The image cannot be pulled (ErrImagePull, ImagePullBackOff).
    PullFailing,
    /// Containers run but never pass their readiness probe.
    NeverReady,
}

/// When the progress deadline passes without progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    /// `progressDeadlineSeconds`.
    pub seconds: i32,
    /// The first tick at which the controller reports ProgressDeadlineExceeded.
    pub at: Seconds,
}

/// What a run of decisions about one Deployment tells: the decision that opens it names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Story {
    /// The Deployment's first ReplicaSet.
    Created,
    /// A new template rolls out as this revision.
    Rollout { revision: i64 },
    /// An old template comes back (`rollout undo`) as this revision.
    RolledBack { revision: i64 },
    /// `spec.replicas` changed to this.
    Scaled { to: i32 },
    /// Pods went and their ReplicaSet replaces them.
    SelfHealed,
    /// The Deployment was paused.
    Paused,
}

impl Story {
    /// The story a decision opens, if it opens one; any other decision continues the story of
    /// its Deployment.
    pub fn opened_by(step: &Step) -> Option<Story> {
        Some(match step {
            Step::NewReplicaSetCreated {
                old_replicas: 0,
                revision: 1,
                ..
            } => Story::Created,
            Step::NewReplicaSetCreated { revision, .. } => Story::Rollout {
                revision: *revision,
            },
            Step::ReplicaSetRenumbered { to_revision, .. } => Story::RolledBack {
                revision: *to_revision,
            },
            Step::ScaleActiveOrLatest { resize, .. } => Story::Scaled { to: resize.to },
            Step::ScaleProportionally { replicas, .. } => Story::Scaled { to: *replicas },
            Step::ManageReplicasCreate { gone, .. } if !gone.is_empty() => Story::SelfHealed,
            Step::Paused => Story::Paused,
            _ => return None,
        })
    }
}

impl Narration {
    /// The narration of the Deployment `focus` (namespace, name), or of the first when it does
    /// not exist; `recent` holds the latest decisions, newest first.
    pub fn of<'a>(
        sim: &Simulation,
        focus: Option<(&str, &str)>,
        recent: impl IntoIterator<Item = &'a Decision>,
    ) -> Narration {
        let picked = focus.and_then(|(ns, name)| sim.deployment(ns, name));
        let Some(d) = picked.or_else(|| sim.deployments().next()) else {
            return Narration {
                deployment: String::new(),
                target: String::new(),
                now: Now::Empty,
                busy: Vec::new(),
                load: None,
                autoscaler: None,
            };
        };
        let busy = sim
            .deployments()
            .filter(|o| o.metadata.uid != d.metadata.uid && !settled(o))
            .map(|o| o.metadata.name.clone())
            .collect();
        let target = if d.metadata.namespace == "default" {
            format!("deployment/{}", d.metadata.name)
        } else {
            format!("deployment/{} -n {}", d.metadata.name, d.metadata.namespace)
        };
        Narration {
            deployment: d.metadata.name.clone(),
            target,
            now: now(sim, d, recent),
            busy,
            load: load_of(sim, d),
            autoscaler: autoscaler_of(sim, d),
        }
    }
}

/// The load of a Deployment's Services at the last tick, summed; `None` when nothing was
/// offered (then load does not matter).
fn load_of(sim: &Simulation, d: &Deployment) -> Option<Load> {
    let containers = &d.spec.template.spec.containers;
    let mut load = Load {
        offered: 0,
        failed: 0,
        endpoints: 0,
        cpu_requested: containers.iter().all(|c| c.request_millis("cpu").is_some()),
    };
    for s in sim.services_of(d) {
        if let Some(l) = sim.service_load(&s.metadata.namespace, &s.metadata.name) {
            load.offered += l.offered;
            load.failed += l.failed;
            load.endpoints = load.endpoints.max(l.endpoints);
        }
    }
    (load.offered > 0).then_some(load)
}

/// What the Deployment's HPA says, read from its status and conditions (typed reasons).
fn autoscaler_of(sim: &Simulation, d: &Deployment) -> Option<Autoscaler> {
    let hpa = sim.autoscaler_of(d)?;
    let active = hpa.status.condition(HpaConditionType::ScalingActive)?;
    if let HpaConditionReason::FailedGetResourceMetric(error) = &active.reason {
        return Some(match **error {
            MetricError::MissingRequest { .. } => Autoscaler::NoCpuRequest,
            _ => Autoscaler::NoMetrics,
        });
    }
    if active.reason == HpaConditionReason::ScalingDisabled {
        return Some(Autoscaler::Disabled);
    }
    if let Some(hold) = sim.downscale_hold(&hpa.metadata.namespace, &hpa.metadata.name) {
        return Some(Autoscaler::Holding {
            held: hold.held,
            wanted: hold.wanted,
            seconds_left: hold.seconds_left,
        });
    }
    let limited = hpa.status.condition(HpaConditionType::ScalingLimited);
    if limited.is_some_and(|c| {
        c.status == ConditionStatus::True && c.reason == HpaConditionReason::TooManyReplicas
    }) {
        return Some(Autoscaler::AtMax {
            max: hpa.spec.max_replicas,
        });
    }
    let metric = hpa.status.current_metrics.first()?;
    Some(Autoscaler::Wants {
        replicas: hpa.status.desired_replicas,
        utilization: metric.average_utilization,
        target: hpa.spec.metrics.first()?.average_utilization,
    })
}

/// Every pod updated and available, nothing old or terminating left.
fn settled(d: &Deployment) -> bool {
    let s = &d.status;
    let r = d.spec.replicas;
    s.observed_generation >= d.metadata.generation
        && s.updated_replicas == r
        && s.replicas == r
        && s.available_replicas == r
        && s.terminating_replicas == 0
}

fn now<'a>(
    sim: &Simulation,
    d: &Deployment,
    recent: impl IntoIterator<Item = &'a Decision>,
) -> Now {
    let replicas = d.spec.replicas;
    let image = d.spec.template.spec.first_image().to_string();
    let rss = sim.replica_sets_of(d);
    let new_rs = find_new_replica_set(d, &rss);
    let pods = |rs: &ReplicaSet| sim.pods_of(rs).collect::<Vec<&Pod>>();
    let new_pods = new_rs.map(pods).unwrap_or_default();
    let problem = problem_of(&new_pods);
    let progressing = d.status.condition(DeploymentConditionType::Progressing);
    let complete = settled(d);
    if progressing.is_some_and(|c| c.reason == DeploymentConditionReason::ProgressDeadlineExceeded)
        && !complete
    {
        return Now::DeadlineExceeded { problem };
    }
    if d.spec.paused {
        return Now::Paused {
            updated: d.status.updated_replicas,
            replicas,
        };
    }
    let all: Vec<&Pod> = rss.iter().flat_map(|rs| sim.pods_of(rs)).collect();
    let down = sim.nodes().iter().find_map(|n| {
        let lost = all
            .iter()
            .filter(|p| !n.ready && p.node_name.as_deref() == Some(&n.name) && p.is_node_lost())
            .count() as i32;
        (lost > 0).then(|| (n.name.clone(), lost))
    });
    if let Some((node, lost)) = down {
        return Now::NodeDown {
            node,
            lost,
            ready: d.status.ready_replicas,
            replicas,
        };
    }
    if let (Some(problem), false) = (problem, complete) {
        let deadline = progressing
            .filter(|c| c.status == ConditionStatus::True && has_progress_deadline(d))
            .map(|c| Deadline {
                seconds: d.spec.progress_deadline_seconds,
                at: c.last_update_time + i64::from(d.spec.progress_deadline_seconds) + 1,
            });
        return Now::Stuck { problem, deadline };
    }
    let mut unfit = all
        .iter()
        .filter(|p| p.is_active())
        .filter_map(|p| p.unschedulable.as_ref());
    if let Some(fit) = unfit.next() {
        return Now::Unschedulable {
            pending: 1 + unfit.count() as i32,
            fit: *fit,
        };
    }
    if complete {
        return Now::Idle { replicas, image };
    }
    let new_uid = new_rs.map(|rs| rs.metadata.uid);
    let old: i32 = rss
        .iter()
        .filter(|rs| Some(rs.metadata.uid) != new_uid)
        .map(|rs| rs.status.replicas + rs.status.terminating_replicas)
        .sum();
    let new_ready = new_rs.map_or(0, |rs| rs.status.ready_replicas);
    let opener = recent
        .into_iter()
        .filter(|x| x.namespace == d.metadata.namespace && x.deployment == d.metadata.name)
        .find_map(|x| Story::opened_by(&x.step).map(|story| (story, &x.step)));
    if old > 0
        || matches!(
            opener,
            Some((Story::Rollout { .. } | Story::RolledBack { .. }, _))
        )
    {
        return match d.spec.strategy.kind {
            StrategyType::Recreate => Now::Recreating {
                image,
                old,
                ready: new_ready,
                replicas,
            },
            StrategyType::RollingUpdate => Now::Rolling {
                image,
                ready: new_ready,
                replicas,
                old,
            },
        };
    }
    let starting = new_pods
        .iter()
        .filter(|p| p.is_active() && !p.is_ready())
        .count() as i32;
    let stopping = new_pods.iter().filter(|p| p.is_terminating()).count() as i32;
    match opener {
        Some((
            Story::SelfHealed,
            Step::ManageReplicasCreate {
                gone, replica_set, ..
            },
        )) => Now::Healing {
            gone: gone.clone(),
            replica_set: replica_set.clone(),
            ready: d.status.ready_replicas,
            replicas,
        },
        _ => {
            let from = match opener {
                Some((_, Step::ScaleActiveOrLatest { resize, .. })) => resize.from,
                Some((
                    _,
                    Step::ScaleProportionally {
                        all_rs_replicas, ..
                    },
                )) => *all_rs_replicas,
                Some((Story::Created, _)) => 0,
                _ => d.status.replicas,
            };
            Now::Scaling {
                from,
                to: replicas,
                starting,
                stopping,
            }
        }
    }
}

/// What keeps the new pods from becoming ready, if anything does.
fn problem_of(pods: &[&Pod]) -> Option<Problem> {
    let active = pods.iter().filter(|p| p.is_active());
    let mut problem = None;
    for pod in active {
        for c in &pod.container_statuses {
            let found = match c.state {
                ContainerState::Waiting {
                    reason: WaitingReason::ErrImagePull | WaitingReason::ImagePullBackOff,
                } => Some(Problem::PullFailing),
                ContainerState::Waiting {
                    reason: WaitingReason::CrashLoopBackOff,
                }
                | ContainerState::Terminated { .. } => Some(Problem::Crashing),
                ContainerState::Running { .. } if c.restart_count > 0 && !c.ready => {
                    Some(Problem::Crashing)
                }
                ContainerState::Running { .. }
                    if pod.phase == PodPhase::Running
                        && pod.containers.iter().any(|r| {
                            r.name == c.name && r.profile.readiness == Readiness::Never
                        }) =>
                {
                    Some(Problem::NeverReady)
                }
                _ => None,
            };
            problem = problem.or(found);
        }
    }
    problem
}

impl fmt::Display for Narration {
    /// The situation, then the load and the autoscaler when they matter, then what to try.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut hint = self.situation(f)?;
        // Requests failing while every pod is ready: the way out is more pods, by hand or by an
        // autoscaler (one already there is doing it, said next).
        if let (Now::Idle { .. }, Some(load)) = (&self.now, &self.load) {
            if load.failed > 0 && load.failed < load.offered {
                hint = match self.autoscaler {
                    Some(_) => None,
                    None => Some(load.more_pods(&self.target)),
                };
            }
        }
        if let Some(load) = &self.load {
            write!(f, ". {load}")?;
        }
        if let Some(autoscaler) = &self.autoscaler {
            let glue = if self.load.is_some() { "; " } else { ". " };
            write!(f, "{glue}{autoscaler}")?;
        }
        if let Some(hint) = hint {
            write!(f, ". Try: {hint}")?;
        }
        if !self.busy.is_empty() {
            write!(f, ". Also busy: {}", self.busy.join(", "))?;
        }
        Ok(())
    }
}

impl Narration {
    /// Writes what is happening; returns what to try next, if anything.
    fn situation(&self, f: &mut fmt::Formatter<'_>) -> Result<Option<String>, fmt::Error> {
        let name = &self.deployment;
        let target = &self.target;
        let hint = |text: &str| Ok(Some(text.to_string()));
        match &self.now {
            Now::Empty => {
                f.write_str("No Deployment yet")?;
                hint("kubectl create deployment web --image=nginx:1.25 --replicas=4")
            }
            Now::Idle { replicas: 0, .. } => {
                write!(f, "{name} has 0 replicas")?;
                Ok(Some(format!("kubectl scale {target} --replicas=4")))
            }
            Now::Idle { replicas: 1, image } => {
                write!(f, "The 1 pod of {name} runs {image} and is ready")?;
                hint("change the image, or delete the pod")
            }
            Now::Idle { replicas, image } => {
                write!(f, "All {replicas} pods of {name} run {image} and are ready")?;
                hint("change the image, or delete a pod")
            }
            Now::Paused { updated, replicas } => {
                write!(
                    f,
                    "Rollout paused: {updated} of {replicas} pods have the latest template; changes wait"
                )?;
                Ok(Some(format!("kubectl rollout resume {target}")))
            }
            Now::DeadlineExceeded { problem } => {
                if let Some(problem) = problem {
                    write!(f, "{}. ", problem_words(*problem))?;
                }
                write!(
                    f,
                    "The progress deadline passed: Progressing is False (ProgressDeadlineExceeded). Roll back with kubectl rollout undo {target}"
                )?;
                Ok(None)
            }
            Now::Stuck { problem, deadline } => {
                write!(
                    f,
                    "{}: the rollout cannot progress",
                    problem_words(*problem)
                )?;
                if let Some(Deadline { seconds, at }) = deadline {
                    write!(
                        f,
                        "; after {seconds} s (at t={at}s) the Deployment will report ProgressDeadlineExceeded, and Kubernetes will not roll back by itself"
                    )?;
                }
                Ok(Some(format!("kubectl rollout undo {target}")))
            }
            Now::NodeDown {
                node,
                lost,
                ready,
                replicas,
            } => {
                write!(
                    f,
                    "Node {node} stopped answering: {} of {name} lost (Unknown), replaced on other nodes; {ready} of {replicas} ready",
                    pods(*lost)
                )?;
                Ok((ready == replicas).then(|| format!("fault node-up {node}")))
            }
            Now::Unschedulable { pending, fit } => {
                write!(
                    f,
                    "{} of {name} Pending: no node can take them ({fit})",
                    pods(*pending)
                )?;
                hint("scale down, or uncordon a node")
            }
            Now::Rolling {
                image,
                ready,
                replicas,
                old,
            } => {
                write!(
                    f,
                    "Rolling update to {image}: {ready} of {replicas} new pods ready; "
                )?;
                if ready < replicas {
                    f.write_str("waiting for them before removing more old ones")?
                } else {
                    write!(f, "the last old ones are stopping ({} left)", old)?
                }
                Ok(None)
            }
            Now::Recreating {
                image,
                old,
                ready,
                replicas,
            } => {
                if *old > 0 {
                    write!(
                        f,
                        "Recreate to {image}: stopping all old pods first ({old} left), so nothing serves for a while"
                    )?
                } else {
                    write!(
                        f,
                        "Recreate to {image}: every old pod is gone; {ready} of {replicas} new pods ready"
                    )?
                }
                Ok(None)
            }
            Now::Healing {
                gone,
                replica_set,
                ready,
                replicas,
            } => {
                f.write_str("Self-healing: pod ")?;
                for (i, g) in gone.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(&g.pod)?;
                }
                write!(
                    f,
                    " went, so ReplicaSet {replica_set} creates a replacement; {ready} of {replicas} ready"
                )?;
                Ok(None)
            }
            Now::Scaling {
                from,
                to,
                starting,
                stopping,
            } => {
                write!(f, "Scaling {name} from {from} to {to}: ")?;
                if *stopping > 0 {
                    write!(f, "{} stopping", pods(*stopping))?
                } else {
                    write!(f, "{} starting", pods(*starting))?
                }
                Ok(None)
            }
        }
    }
}

impl Load {
    /// What to try when some requests fail with every pod ready: as many pods as serve the
    /// load at what each serves now, or an autoscaler (which needs the pods' CPU request).
    fn more_pods(&self, target: &str) -> String {
        let served = self.offered - self.failed;
        let needed = (self.offered * self.endpoints + served - 1) / served;
        let scale = format!("kubectl scale {target} --replicas={needed}");
        if self.cpu_requested {
            format!("{scale}, or let an autoscaler follow the load: kubectl autoscale {target} --max=10 --cpu-percent=50")
        } else {
            format!("{scale} (an autoscaler would need the pods to request CPU: resources.requests.cpu)")
        }
    }
}

impl fmt::Display for Load {
    /// `40 rps offered, all served`, `120 of 400 rps failing: not enough ready pods`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Load {
            offered,
            failed,
            endpoints,
            ..
        } = *self;
        if failed == 0 {
            write!(f, "{offered} rps offered, all served")
        } else if endpoints == 0 {
            write!(f, "All {offered} rps failing: no ready pod to serve them")
        } else {
            write!(
                f,
                "{failed} of {offered} rps failing: not enough ready pods"
            )
        }
    }
}

impl fmt::Display for Autoscaler {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Autoscaler::Wants {
                replicas,
                utilization,
                target,
            } => write!(
                f,
                "the autoscaler wants {} (CPU {utilization}% of request, target {target}%)",
                pods(replicas)
            ),
            Autoscaler::AtMax { max } => write!(
                f,
                "the autoscaler wants more pods but stops at maxReplicas {max}"
            ),
            Autoscaler::Holding {
                held,
                wanted,
                seconds_left,
            } => write!(
                f,
                "the autoscaler keeps {} for {seconds_left} s more (stabilization window), then goes towards {wanted}",
                pods(held)
            ),
            Autoscaler::NoCpuRequest => f.write_str(
                "the autoscaler cannot scale: the pods ask for no CPU (resources.requests.cpu)",
            ),
            Autoscaler::NoMetrics => f.write_str("the autoscaler has no CPU figures yet"),
            Autoscaler::Disabled => {
                f.write_str("the autoscaler is off while the Deployment has 0 replicas")
            }
        }
    }
}

fn problem_words(problem: Problem) -> &'static str {
    match problem {
        Problem::Crashing => "New pods keep crashing",
        Problem::PullFailing => "New pods cannot pull their image",
        Problem::NeverReady => "New pods run but never become ready",
    }
}

/// `1 pod`, `3 pods`.
fn pods(n: i32) -> String {
    if n == 1 {
        "1 pod".to_string()
    } else {
        format!("{n} pods")
    }
}
