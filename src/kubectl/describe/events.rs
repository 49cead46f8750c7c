//! `DescribeEvents`: the Events table at the end of `kubectl describe`. Identical events are one
//! row with a count, as the API server's event correlator stores them (`2m (x3 over 10m)`), and
//! rows are in the order of their last occurrence.

use crate::engine::{KeptEvent, ObjectKind, ObjectRef, Seconds, Simulation};

use super::super::duration::human_duration;
use super::super::tabwriter::DESCRIBE;

/// One row: an event, its message, and how many times it happened, first and last.
struct Row<'a> {
    event: &'a KeptEvent,
    message: String,
    count: usize,
    first: Seconds,
    last: Seconds,
}

/// Renders a describe text followed by the Events section of one object.
pub fn with_events(
    text: &str,
    sim: &Simulation,
    kind: ObjectKind,
    namespace: &str,
    name: &str,
) -> String {
    let object = ObjectRef::new(kind, namespace, name);
    let events = sim.events_about(&object);
    events_section(text, &object, &events, sim.now())
}

/// A describe text followed by the Events section of `object`. `DescribeEvents` flushes the tab
/// writer only when there are events, so `Events:\t<none>` aligns with the lines above it while
/// an events table is aligned on its own.
fn events_section(text: &str, object: &ObjectRef, events: &[&KeptEvent], now: Seconds) -> String {
    if events.is_empty() {
        return DESCRIBE.render(&format!("{text}Events:\t<none>\n"));
    }
    DESCRIBE.render(text) + &events_table(object, events, now)
}

/// The rendered events table, starting with `Events:`.
fn events_table(object: &ObjectRef, events: &[&KeptEvent], now: Seconds) -> String {
    // the API server's event correlator counts identical events (same type, reason, source
    // and message) as one event with a count; describe lists them by their last occurrence.
    // The type, reason and source follow from the kind; the message is compared as text, since
    // kinds that differ in a fact the text leaves out (the revision a rollback asked for) are
    // the same event to the correlator.
    let mut rows: Vec<Row> = Vec::new();
    for event in events {
        let message = event.kind.message(object).to_string();
        let same = |row: &&mut Row| {
            row.event.kind.reason() == event.kind.reason()
                && row.message == message
                && row.event.kind.event_type() == event.kind.event_type()
                && row.event.kind.source() == event.kind.source()
        };
        match rows.iter_mut().find(same) {
            Some(row) => {
                row.count += 1;
                row.first = row.first.min(event.time);
                row.last = row.last.max(event.time);
            }
            None => rows.push(Row {
                event,
                message,
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
        let kind = &row.event.kind;
        text.push_str(&format!(
            "  {}\t{}\t{age}\t{}\t{}\n",
            kind.event_type().as_str(),
            kind.reason().as_str(),
            kind.source().as_str(),
            row.message.trim()
        ));
    }
    DESCRIBE.render(&text)
}

#[cfg(test)]
mod tests {
    use super::{events_section, events_table};
    use crate::engine::{EventKind, KeptEvent, ObjectKind, ObjectRef, ScaleDirection};

    fn web() -> ObjectRef {
        ObjectRef {
            kind: ObjectKind::Deployment,
            namespace: "default".into(),
            name: "web".into(),
        }
    }

    fn scaled_up(time: i64, replica_set: &str, to: i32) -> KeptEvent {
        KeptEvent {
            time,
            kind: EventKind::ScalingReplicaSet {
                replica_set: replica_set.into(),
                direction: ScaleDirection::Up,
                from: 0,
                to,
            },
        }
    }

    fn not_found(time: i64, revision: i64) -> KeptEvent {
        KeptEvent {
            time,
            kind: EventKind::RollbackRevisionNotFound { revision },
        }
    }

    #[test]
    fn no_events_align_with_the_lines_above() {
        assert_eq!(
            events_section("Tolerations:\t<none>\n", &web(), &[], 10),
            "Tolerations:  <none>\nEvents:       <none>\n"
        );
    }

    #[test]
    fn identical_events_fold_into_one_row_listed_by_last_occurrence() {
        let a = scaled_up(0, "web-1", 3);
        // Revisions 4 and 5 were asked for: the texts do not say which, so the rows fold.
        let b = not_found(60, 4);
        let c = not_found(120, 5);
        let d = not_found(600, 4);
        let e = scaled_up(650, "web-2", 1);
        let out = events_table(&web(), &[&a, &b, &c, &e, &d], 720);
        assert_eq!(
            out,
            "Events:\n\
             \x20 Type     Reason                              Age               From                   Message\n\
             \x20 ----     ------                              ----              ----                   -------\n\
             \x20 Normal   ScalingReplicaSet                   12m               deployment-controller  Scaled up replica set web-1 from 0 to 3\n\
             \x20 Warning  DeploymentRollbackRevisionNotFound  2m (x3 over 11m)  deployment-controller  Unable to find the revision to rollback to.\n\
             \x20 Normal   ScalingReplicaSet                   70s               deployment-controller  Scaled up replica set web-2 from 0 to 1\n"
        );
    }
}
