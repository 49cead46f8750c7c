//! `duration.HumanDuration` (apimachinery `pkg/util/duration`): the AGE column, the RESTARTS
//! "(… ago)" suffix and event ages.

use crate::engine::Seconds;

/// `HumanDuration` for a whole number of seconds. Every step truncates, never rounds.
pub fn human_duration(seconds: Seconds) -> String {
    if seconds < -1 {
        return "<invalid>".to_string();
    }
    if seconds < 0 {
        return "0s".to_string();
    }
    if seconds < 60 * 2 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        return if s == 0 {
            format!("{minutes}m")
        } else {
            format!("{minutes}m{s}s")
        };
    }
    if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = seconds / 3600;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 {
            format!("{hours}h")
        } else {
            format!("{hours}h{m}m")
        };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        return if h == 0 {
            format!("{}d", hours / 24)
        } else {
            format!("{}d{h}h", hours / 24)
        };
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        return if dy == 0 {
            format!("{}y", hours / 24 / 365)
        } else {
            format!("{}y{dy}d", hours / 24 / 365)
        };
    }
    format!("{}y", hours / 24 / 365)
}

/// The age of something that happened at `then`, seen at `now`.
pub fn age(now: Seconds, then: Seconds) -> String {
    human_duration(now - then)
}

#[cfg(test)]
mod tests {
    use super::human_duration;

    const M: i64 = 60;
    const H: i64 = 3600;
    const D: i64 = 24 * H;
    const Y: i64 = 365 * D;

    /// Upstream's `duration_test.go` vectors. The simulation counts whole seconds, so a vector
    /// given as "X - 1ms" is checked at "X - 1s", which truncates to the same text.
    #[test]
    fn human_duration_matches_upstream_vectors() {
        let table: &[(i64, &str)] = &[
            (1, "1s"),
            (70, "70s"),
            (190, "3m10s"),
            (70 * M, "70m"),
            (47 * H, "47h"),
            (49 * H, "2d1h"),
            (8 * D + 2 * H, "8d"),
            (367 * D, "367d"),
            (2 * Y + 25 * H, "2y1d"),
            (8 * Y + 2 * H, "8y"),
            (-2, "<invalid>"),
            (-1, "0s"),
            (0, "0s"),
            (119, "119s"),
            (120, "2m"),
            (121, "2m1s"),
            (599, "9m59s"),
            (600, "10m"),
            (601, "10m"),
            (3 * H - 1, "179m"),
            (3 * H, "3h"),
            (3 * H + M, "3h1m"),
            (8 * H - 1, "7h59m"),
            (8 * H, "8h"),
            (8 * H + 59 * M, "8h"),
            (48 * H - 1, "47h"),
            (48 * H, "2d"),
            (8 * D - 1, "7d23h"),
            (8 * D, "8d"),
            (8 * D + 23 * H, "8d"),
            (730 * D - 1, "729d"),
            (730 * D, "2y"),
            (730 * D + 23 * H + 59 * M, "2y"),
            (731 * D, "2y1d"),
            (8 * Y - 1, "7y364d"),
            (8 * Y, "8y"),
            (9 * Y, "9y"),
            (45, "45s"),
            (123, "2m3s"),
            (10 * M, "10m"),
            (3 * H + 4 * M, "3h4m"),
        ];
        for (seconds, want) in table {
            assert_eq!(human_duration(*seconds), *want, "{seconds}s");
        }
    }
}
