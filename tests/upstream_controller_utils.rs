//! Upstream's `pkg/controller/controller_utils_test.go` `TestSortingActivePodsWithRanks`, row by
//! row, against the engine's `ActivePodsWithRanks::less` (the order a shrinking ReplicaSet
//! deletes its pods in).

mod upstream_common;

use deploysim::engine::pod_ranking::{ActivePodsWithRanks, RankedPod};
use deploysim::engine::PodPhase;
use upstream_common::{Checks, Row, Table};

/// A pod of the Go table. The Go pods have no UID, so ties inside one log2 time bucket (which
/// upstream breaks by UID) compare equal (default) UIDs, as in Go.
/// The pod's name only tells the rows' pods apart in Go; the ranking never reads it.
fn ranked(p: &Row, rank: i32) -> RankedPod {
    p.ignore("name");
    RankedPod {
        uid: Default::default(),
        scheduled: !p.str("node").is_empty(),
        phase: match p.str("phase") {
            "Pending" => PodPhase::Pending,
            "Running" => PodPhase::Running,
            "Unknown" => PodPhase::Unknown,
            "Succeeded" => PodPhase::Succeeded,
            "Failed" => PodPhase::Failed,
            other => panic!("unknown phase {other}"),
        },
        ready: p.bool("ready"),
        ready_since: p.opt_i64("readySince"),
        restarts: p.i32("restarts"),
        created: p.opt_i64("created"),
        deletion_cost: p
            .opt_str("deletionCost")
            .map(|v| v.parse().expect("an int32 cost")),
        rank,
    }
}

#[test]
fn test_sorting_active_pods_with_ranks() {
    Table::run("TestSortingActivePodsWithRanks", |row| {
        let input = row.get("input");
        let p1 = ranked(&input.get("p1"), input.i32("r1"));
        let p2 = ranked(&input.get("p2"), input.i32("r2"));
        let ranking = ActivePodsWithRanks {
            now: input.i64("now"),
            pod_deletion_cost: input.bool("podDeletionCost"),
            logarithmic_scale_down: input.bool("logarithmicScaleDown"),
        };
        let mut c = Checks::default();
        match row.get("expected").str("relation") {
            "equal" => {
                c.eq("less(p1, p2)", ranking.less(&p1, &p2), false);
                c.eq("less(p2, p1)", ranking.less(&p2, &p1), false);
            }
            "less" => {
                c.eq("less(p1, p2)", ranking.less(&p1, &p2), true);
                c.eq("less(p2, p1)", ranking.less(&p2, &p1), false);
            }
            other => c.fail(format!("unknown relation {other}")),
        }
        c.outcome()
    })
    .finish(0);
}
