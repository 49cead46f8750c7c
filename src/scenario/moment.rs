//! `Moment`: what the cluster shows at one tick, in counts (each ReplicaSet's live pods, which
//! pods run and which are Ready, each Deployment's replicas and images), and `Moment::diff`, what changed
//! between two moments as typed `Change`s. Their `Display` is the one place these sentences are
//! written. The browser shows the diff when the scrubber or "Next event" moves the time shown:
//! "From t=10s to t=42s: +3 pods of web-7c9d (rev 2), -3 pods of web-5f6b (rev 1), 3 became
//! Ready, web: image nginx:1.25 → nginx:1.26".

use std::fmt;

use crate::engine::{Pod, PodPhase, Simulation};

/// `namespace/name` outside the default namespace, else the name alone.
fn shown(namespace: &str, name: &str) -> String {
    if namespace == "default" {
        name.to_string()
    } else {
        format!("{namespace}/{name}")
    }
}

/// Whether a pod counts as one of its ReplicaSet's replicas: not being deleted, not finished.
fn live(pod: &Pod) -> bool {
    !pod.is_terminating() && !matches!(pod.phase, PodPhase::Succeeded | PodPhase::Failed)
}

/// One ReplicaSet at a moment.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Set {
    name: String,
    revision: i64,
    pods: i32,
}

/// One Deployment's spec at a moment.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Spec {
    name: String,
    replicas: i32,
    images: String,
}

/// The cluster at one tick, in counts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Moment {
    pub t: i64,
    /// In the simulation's order (namespace, then name).
    sets: Vec<Set>,
    specs: Vec<Spec>,
    /// Every live pod (`namespace`, `name`), whether it is Running and whether it is Ready, in
    /// order.
    pods: Vec<((String, String), bool, bool)>,
}

impl Moment {
    pub fn of(sim: &Simulation) -> Moment {
        Moment {
            t: sim.now(),
            sets: sim
                .replica_sets()
                .map(|rs| Set {
                    name: shown(&rs.metadata.namespace, &rs.metadata.name),
                    revision: rs.revision(),
                    pods: sim.pods_of(rs).filter(|p| live(p)).count() as i32,
                })
                .collect(),
            specs: sim
                .deployments()
                .map(|d| Spec {
                    name: shown(&d.metadata.namespace, &d.metadata.name),
                    replicas: d.spec.replicas,
                    images: d
                        .spec
                        .template
                        .spec
                        .containers
                        .iter()
                        .map(|c| c.image.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                })
                .collect(),
            pods: sim
                .pods()
                .filter(|p| live(p))
                .map(|p| {
                    let key = (p.metadata.namespace.clone(), p.metadata.name.clone());
                    (key, p.phase == PodPhase::Running, p.is_ready())
                })
                .collect(),
        }
    }

    /// Whether a pod was Running and whether it was Ready at this moment (`None`: it was not
    /// there, or not live).
    fn pod(&self, key: &(String, String)) -> Option<(bool, bool)> {
        let i = self.pods.binary_search_by(|(k, ..)| k.cmp(key)).ok()?;
        Some((self.pods[i].1, self.pods[i].2))
    }

    /// What changed from this moment to `to`: the pods each ReplicaSet gained or lost, the pods
    /// that started running, became Ready or stopped being Ready, and each Deployment's replicas
    /// and images.
    pub fn diff(&self, to: &Moment) -> Diff {
        let mut changes = Vec::new();
        let pods = |sets: &[Set], name: &str| sets.iter().find(|s| s.name == name).map(|s| s.pods);
        for set in &to.sets {
            let delta = set.pods - pods(&self.sets, &set.name).unwrap_or(0);
            if delta != 0 {
                changes.push(Change::Pods {
                    replica_set: set.name.clone(),
                    revision: set.revision,
                    delta,
                });
            }
        }
        for set in &self.sets {
            if set.pods > 0 && pods(&to.sets, &set.name).is_none() {
                changes.push(Change::Pods {
                    replica_set: set.name.clone(),
                    revision: set.revision,
                    delta: -set.pods,
                });
            }
        }
        let (mut started, mut became, mut stopped) = (0, 0, 0);
        for (key, running, ready) in &to.pods {
            let (was_running, was_ready) = self.pod(key).unwrap_or_default();
            started += usize::from(*running && !was_running);
            became += usize::from(*ready && !was_ready);
            stopped += usize::from(was_ready && !*ready);
        }
        if started > 0 {
            changes.push(Change::NowRunning(started));
        }
        if became > 0 {
            changes.push(Change::BecameReady(became));
        }
        if stopped > 0 {
            changes.push(Change::NoLongerReady(stopped));
        }
        for spec in &to.specs {
            let Some(was) = self.specs.iter().find(|s| s.name == spec.name) else {
                continue;
            };
            if was.replicas != spec.replicas {
                changes.push(Change::Replicas {
                    deployment: spec.name.clone(),
                    from: was.replicas,
                    to: spec.replicas,
                });
            }
            if was.images != spec.images {
                changes.push(Change::Image {
                    deployment: spec.name.clone(),
                    from: was.images.clone(),
                    to: spec.images.clone(),
                });
            }
        }
        Diff {
            from: self.t,
            to: to.t,
            changes,
        }
    }
}

/// One thing that differs between two moments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A ReplicaSet has this many more (or fewer) live pods.
    Pods {
        replica_set: String,
        revision: i64,
        delta: i32,
    },
    /// Pods Running now that were not Running, or not there, before.
    NowRunning(usize),
    /// Pods Ready now that were not Ready, or not there, before.
    BecameReady(usize),
    /// Pods still there that were Ready before and are not now.
    NoLongerReady(usize),
    /// A Deployment's `spec.replicas`.
    Replicas {
        deployment: String,
        from: i32,
        to: i32,
    },
    /// A Deployment's container images (comma-separated).
    Image {
        deployment: String,
        from: String,
        to: String,
    },
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Pods {
                replica_set,
                revision,
                delta,
            } => {
                let s = if delta.abs() == 1 { "" } else { "s" };
                write!(f, "{delta:+} pod{s} of {replica_set} (rev {revision})")
            }
            Change::NowRunning(n) => write!(f, "{n} now Running"),
            Change::BecameReady(n) => write!(f, "{n} became Ready"),
            Change::NoLongerReady(n) => write!(f, "{n} no longer Ready"),
            Change::Replicas {
                deployment,
                from,
                to,
            } => write!(f, "{deployment}: replicas {from} → {to}"),
            Change::Image {
                deployment,
                from,
                to,
            } => write!(f, "{deployment}: image {from} → {to}"),
        }
    }
}

/// What changed from tick `from` to tick `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    pub from: i64,
    pub to: i64,
    pub changes: Vec<Change>,
}

impl fmt::Display for Diff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "From t={}s to t={}s: ", self.from, self.to)?;
        if self.changes.is_empty() {
            return f.write_str("no change in pods, their phase or readiness, replicas or images.");
        }
        for (i, change) in self.changes.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            write!(f, "{sep}{change}")?;
        }
        f.write_str(".")
    }
}
