//! `DescribeEvents`: the Events table at the end of `kubectl describe`. Identical events are one
//! row with a count, as the API server's event correlator stores them (`2m (x3 over 10m)`), and
//! rows are in the order of their last occurrence.

use crate::engine::{EventType, KeptEvent, Seconds};

use super::super::duration::human_duration;
use super::super::tabwriter::DESCRIBE;

/// One row: an event and how many times it happened, first and last.
struct Row<'a> {
    event: &'a KeptEvent,
    count: usize,
    first: Seconds,
    last: Seconds,
}

/// Renders a describe text followed by its Events section. `DescribeEvents` flushes the tab
/// writer only when there are events, so `Events:\t<none>` aligns with the lines above it while
/// an events table is aligned on its own.
pub fn with_events(text: &str, events: &[&KeptEvent], now: Seconds) -> String {
    if events.is_empty() {
        return DESCRIBE.render(&format!("{text}Events:\t<none>\n"));
    }
    DESCRIBE.render(text) + &events_table(events, now)
}

/// The rendered events table, starting with `Events:`.
fn events_table(events: &[&KeptEvent], now: Seconds) -> String {
    // the API server's event correlator counts identical events (same type, reason, source
    // and message) as one event with a count; describe lists them by their last occurrence
    let mut rows: Vec<Row> = Vec::new();
    for event in events {
        let same = |row: &&mut Row| {
            row.event.reason == event.reason
                && row.event.message == event.message
                && row.event.kind == event.kind
                && row.event.source == event.source
        };
        match rows.iter_mut().find(same) {
            Some(row) => {
                row.count += 1;
                row.first = row.first.min(event.time);
                row.last = row.last.max(event.time);
            }
            None => rows.push(Row {
                event,
                count: 1,
                first: event.time,
                last: event.time,
            }),
        }
    }
    crate::engine::sorting::sort_by_key(&mut rows, &|row| row.last);
    let mut text = String::from("Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    text.push_str("  ----\t------\t----\t----\t-------\n");
    for row in rows {
        let age = if row.count > 1 {
            format!(
                "{} (x{} over {})",
                human_duration(now - row.last),
                row.count,
                human_duration(now - row.first)
            )
        } else {
            human_duration(now - row.first)
        };
        let kind = match row.event.kind {
            EventType::Normal => "Normal",
            EventType::Warning => "Warning",
        };
        text.push_str(&format!(
            "  {kind}\t{}\t{age}\t{}\t{}\n",
            row.event.reason.as_str(),
            row.event.source.as_str(),
            row.event.message.trim()
        ));
    }
    DESCRIBE.render(&text)
}

#[cfg(test)]
mod tests {
    use super::{events_table, with_events};
    use crate::engine::{EventType, KeptEvent, Reason, Source};

    fn event(time: i64, reason: Reason, message: &str) -> KeptEvent {
        KeptEvent {
            time,
            kind: EventType::Normal,
            reason,
            source: Source::DeploymentController,
            message: message.into(),
        }
    }

    #[test]
    fn no_events_align_with_the_lines_above() {
        assert_eq!(
            with_events("Tolerations:\t<none>\n", &[], 10),
            "Tolerations:  <none>\nEvents:       <none>\n"
        );
    }

    #[test]
    fn identical_events_fold_into_one_row_listed_by_last_occurrence() {
        let a = event(
            0,
            Reason::ScalingReplicaSet,
            "Scaled up replica set web-1 from 0 to 3",
        );
        let b = event(60, Reason::SelectingAll, "again");
        let c = event(120, Reason::SelectingAll, "again");
        let d = event(600, Reason::SelectingAll, "again");
        let e = event(
            650,
            Reason::ScalingReplicaSet,
            "Scaled up replica set web-2 from 0 to 1",
        );
        let out = events_table(&[&a, &b, &c, &e, &d], 720);
        assert_eq!(
            out,
            "Events:\n\
             \x20 Type    Reason             Age               From                   Message\n\
             \x20 ----    ------             ----              ----                   -------\n\
             \x20 Normal  ScalingReplicaSet  12m               deployment-controller  Scaled up replica set web-1 from 0 to 3\n\
             \x20 Normal  SelectingAll       2m (x3 over 11m)  deployment-controller  again\n\
             \x20 Normal  ScalingReplicaSet  70s               deployment-controller  Scaled up replica set web-2 from 0 to 1\n"
        );
    }
}
