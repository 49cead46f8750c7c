//! Upstream's `pkg/controller/controller_utils_test.go` `TestSortingActivePodsWithRanks`, row by
//! row, against the engine's `ActivePodsWithRanks::less` (the order a shrinking ReplicaSet
//! deletes its pods in).

mod upstream_common;

use deploysim::engine::pod_ranking::{ActivePodsWithRanks, RankedPod};
use deploysim::engine::PodPhase;
use serde_json::Value;
use upstream_common::{bool_of, i32_of, i64_of, str_of, Checks, Table};

/// A pod of the Go table. The Go pods have no UID, so ties inside one log2 time bucket (which
/// upstream breaks by UID) compare equal (default) UIDs, as in Go.
fn ranked(p: &Value, rank: &Value) -> RankedPod {
    RankedPod {
        uid: Default::default(),
        scheduled: !str_of(&p["node"]).is_empty(),
        phase: match str_of(&p["phase"]) {
            "Pending" => PodPhase::Pending,
            "Running" => PodPhase::Running,
            "Unknown" => PodPhase::Unknown,
            "Succeeded" => PodPhase::Succeeded,
            "Failed" => PodPhase::Failed,
            other => panic!("unknown phase {other}"),
        },
        ready: bool_of(&p["ready"]),
        ready_since: p["readySince"].as_i64(),
        restarts: i32_of(&p["restarts"]),
        created: p["created"].as_i64(),
        deletion_cost: p["deletionCost"]
            .as_str()
            .map(|v| v.parse().expect("an int32 cost")),
        rank: i32_of(rank),
    }
}

#[test]
fn test_sorting_active_pods_with_ranks() {
    Table::run("TestSortingActivePodsWithRanks", |row| {
        let input = &row["input"];
        let p1 = ranked(&input["p1"], &input["r1"]);
        let p2 = ranked(&input["p2"], &input["r2"]);
        let ranking = ActivePodsWithRanks {
            now: i64_of(&input["now"]),
            pod_deletion_cost: bool_of(&input["podDeletionCost"]),
            logarithmic_scale_down: bool_of(&input["logarithmicScaleDown"]),
        };
        let mut c = Checks::default();
        match str_of(&row["expected"]["relation"]) {
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
