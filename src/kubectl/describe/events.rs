//! `DescribeEvents`: the Events table at the end of `kubectl describe`, with identical
//! consecutive events folded into one row as the API server's event aggregation does
//! (`2m (x3 over 10m)`).

use crate::engine::{Event, EventType, Seconds};

use super::super::duration::human_duration;
use super::super::tabwriter::DESCRIBE;

/// One row: an event and how many times it happened in a row.
struct Row<'a> {
    event: &'a Event,
    count: usize,
    first: Seconds,
    last: Seconds,
}

/// The rendered Events section (`Events:\t<none>` when there are none).
pub fn events_table(events: &[&Event], now: Seconds) -> String {
    if events.is_empty() {
        return DESCRIBE.render("Events:\t<none>\n");
    }
    let mut rows: Vec<Row> = Vec::new();
    for event in events {
        match rows.last_mut() {
            Some(row)
                if row.event.reason == event.reason
                    && row.event.message == event.message
                    && row.event.kind == event.kind
                    && row.event.source == event.source =>
            {
                row.count += 1;
                row.last = event.time;
            }
            _ => rows.push(Row {
                event,
                count: 1,
                first: event.time,
                last: event.time,
            }),
        }
    }
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
    use super::events_table;
    use crate::engine::{Event, EventType, ObjectRef, Reason, Source};

    fn event(time: i64, reason: Reason, message: &str) -> Event {
        Event {
            time,
            kind: EventType::Normal,
            reason,
            object: ObjectRef {
                kind: "Deployment",
                namespace: "default".into(),
                name: "web".into(),
            },
            source: Source::DeploymentController,
            message: message.into(),
        }
    }

    #[test]
    fn no_events_prints_none() {
        assert_eq!(events_table(&[], 10), "Events:  <none>\n");
    }

    #[test]
    fn identical_consecutive_events_fold_into_one_row() {
        let a = event(
            0,
            Reason::ScalingReplicaSet,
            "Scaled up replica set web-1 from 0 to 3",
        );
        let b = event(60, Reason::SelectingAll, "again");
        let c = event(120, Reason::SelectingAll, "again");
        let d = event(600, Reason::SelectingAll, "again");
        let out = events_table(&[&a, &b, &c, &d], 720);
        assert_eq!(
            out,
            "Events:\n\
             \x20 Type    Reason             Age               From                   Message\n\
             \x20 ----    ------             ----              ----                   -------\n\
             \x20 Normal  ScalingReplicaSet  12m               deployment-controller  Scaled up replica set web-1 from 0 to 3\n\
             \x20 Normal  SelectingAll       2m (x3 over 11m)  deployment-controller  again\n"
        );
    }
}
