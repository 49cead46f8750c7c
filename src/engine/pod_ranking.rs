//! `ActivePodsWithRanks` (`pkg/controller/controller_utils.go`): the order in which a shrinking
//! ReplicaSet deletes its pods. Earlier in the order means deleted first.

use super::objects::{PodPhase, Seconds, Uid};

/// What the ranking looks at in a pod.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedPod {
    /// Ties in the same log2 time bucket break on the uid (random upstream; creation order here).
    pub uid: Uid,
    pub scheduled: bool,
    pub phase: PodPhase,
    pub ready: bool,
    /// When the Ready condition last turned True; `None` is Go's zero time.
    pub ready_since: Option<Seconds>,
    /// Most restarts of any container.
    pub restarts: i32,
    /// `None` is Go's zero time.
    pub created: Option<Seconds>,
    /// The `pod-deletion-cost` annotation, when set and valid.
    pub deletion_cost: Option<i32>,
    /// Active pods of the same Deployment on the same node (more colocated goes first).
    pub rank: i32,
}

/// The ranking with its feature gates (both on by default upstream).
#[derive(Debug, Clone)]
pub struct ActivePodsWithRanks {
    pub now: Seconds,
    pub pod_deletion_cost: bool,
    pub logarithmic_scale_down: bool,
}

impl Default for ActivePodsWithRanks {
    fn default() -> Self {
        ActivePodsWithRanks {
            now: 0,
            pod_deletion_cost: true,
            logarithmic_scale_down: true,
        }
    }
}

fn phase_order(phase: PodPhase) -> u8 {
    match phase {
        PodPhase::Pending => 0,
        PodPhase::Unknown => 1,
        PodPhase::Running => 2,
        PodPhase::Succeeded | PodPhase::Failed => 3,
    }
}

impl ActivePodsWithRanks {
    /// `ActivePodsWithRanks.Less(i, j)`: whether `a` should be deleted before `b`.
    pub fn less(&self, a: &RankedPod, b: &RankedPod) -> bool {
        // 1. Unassigned < assigned.
        if a.scheduled != b.scheduled {
            return !a.scheduled;
        }
        // 2. PodPending < PodUnknown < PodRunning.
        if phase_order(a.phase) != phase_order(b.phase) {
            return phase_order(a.phase) < phase_order(b.phase);
        }
        // 3. Not ready < ready.
        if a.ready != b.ready {
            return !a.ready;
        }
        // 4. Lower pod-deletion-cost < higher.
        if self.pod_deletion_cost {
            let (ca, cb) = (a.deletion_cost.unwrap_or(0), b.deletion_cost.unwrap_or(0));
            if ca != cb {
                return ca < cb;
            }
        }
        // 5. Doubled up (more colocated) < not doubled up.
        if a.rank != b.rank {
            return a.rank > b.rank;
        }
        // 6. Ready for less time < ready for longer.
        if a.ready && b.ready && a.ready_since != b.ready_since {
            return self.newer_first(a, b, a.ready_since, b.ready_since);
        }
        // 7. More restarts < fewer restarts.
        if a.restarts != b.restarts {
            return a.restarts > b.restarts;
        }
        // 8. Empty creation time < newer < older.
        if a.created != b.created {
            return self.newer_first(a, b, a.created, b.created);
        }
        false
    }

    /// Newer (or zero) time first; with LogarithmicScaleDown, times in the same power-of-two
    /// bucket of age compare by uid instead.
    fn newer_first(
        &self,
        a: &RankedPod,
        b: &RankedPod,
        ta: Option<Seconds>,
        tb: Option<Seconds>,
    ) -> bool {
        match (ta, tb) {
            (Some(ta), Some(tb)) if self.logarithmic_scale_down => {
                let diff = logarithmic_rank_diff(ta, tb, self.now);
                if diff == 0 {
                    a.uid < b.uid
                } else {
                    diff < 0
                }
            }
            _ => after_or_zero(ta, tb),
        }
    }

    /// Sorts pods so that the first ones are deleted first.
    pub fn sort(&self, pods: &mut [RankedPod]) {
        sort_by_less(pods, |a, b| self.less(a, b));
    }
}

/// Sorts by a `Less` function, as Go's `sort.Sort` does. Upstream's ranking is not a consistent
/// total order (ready times in one log2 bucket compare by uid, equal ones fall through to later
/// rules), which Go tolerates; `sorting::sort_by` never panics on it either.
pub fn sort_by_less<T>(items: &mut [T], less: impl Fn(&T, &T) -> bool) {
    super::sorting::sort_by(items, &|a, b| {
        if less(a, b) {
            std::cmp::Ordering::Less
        } else {
            std::cmp::Ordering::Greater
        }
    });
}

/// `afterOrZero`: a zero time counts as the newest.
fn after_or_zero(a: Option<Seconds>, b: Option<Seconds>) -> bool {
    match (a, b) {
        (None, _) => true,
        (_, None) => false,
        (Some(a), Some(b)) => a > b,
    }
}

/// `logarithmicRankDiff`: ⌊log2(age in ns)⌋ of the first minus that of the second.
fn logarithmic_rank_diff(t1: Seconds, t2: Seconds, now: Seconds) -> i64 {
    let bucket = |t: Seconds| {
        let age_ns = (now - t) as f64 * 1e9;
        if age_ns > 0.0 {
            age_ns.log2().floor() as i64
        } else {
            -1
        }
    };
    bucket(t1) - bucket(t2)
}
