//! Wall-clock renderings of simulated time: tick 0 is 2026-01-01T00:00:00Z, so that
//! `kubectl describe`'s `CreationTimestamp` (RFC 1123Z) and the timestamps of `-o yaml` and
//! `restartedAt` (RFC 3339) read like a real cluster's.

use crate::engine::Seconds;

/// Unix time of tick 0 (2026-01-01T00:00:00Z).
const EPOCH_UNIX: i64 = 1_767_225_600;

const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A broken-down UTC time.
struct Civil {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    /// Days since 1970-01-01 (a Thursday).
    days: i64,
}

fn civil(at: Seconds) -> Civil {
    let unix = EPOCH_UNIX + at;
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Civil {
        year,
        month,
        day,
        hour: secs / 3600,
        minute: secs % 3600 / 60,
        second: secs % 60,
        days,
    }
}

/// Go's `time.RFC1123Z` in UTC: `Thu, 01 Jan 2026 00:00:00 +0000`.
pub fn rfc1123z(at: Seconds) -> String {
    let c = civil(at);
    format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000",
        WEEKDAYS[c.days.rem_euclid(7) as usize],
        c.day,
        MONTHS[(c.month - 1) as usize],
        c.year,
        c.hour,
        c.minute,
        c.second
    )
}

/// Go's `time.RFC3339` in UTC: `2026-01-01T00:00:00Z`.
pub fn rfc3339(at: Seconds) -> String {
    let c = civil(at);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

#[cfg(test)]
mod tests {
    use super::{rfc1123z, rfc3339};

    #[test]
    fn tick_zero_is_new_year_2026() {
        assert_eq!(rfc1123z(0), "Thu, 01 Jan 2026 00:00:00 +0000");
        assert_eq!(rfc3339(0), "2026-01-01T00:00:00Z");
    }

    #[test]
    fn later_ticks_roll_over_days_months_and_years() {
        let table: &[(i64, &str, &str)] = &[
            (
                3_725,
                "Thu, 01 Jan 2026 01:02:05 +0000",
                "2026-01-01T01:02:05Z",
            ),
            (
                31 * 86_400,
                "Sun, 01 Feb 2026 00:00:00 +0000",
                "2026-02-01T00:00:00Z",
            ),
            (
                365 * 86_400,
                "Fri, 01 Jan 2027 00:00:00 +0000",
                "2027-01-01T00:00:00Z",
            ),
            (
                (365 + 31 + 28) * 86_400,
                "Mon, 01 Mar 2027 00:00:00 +0000",
                "2027-03-01T00:00:00Z",
            ),
        ];
        for (at, rfc1123, rfc3339_text) in table {
            assert_eq!(rfc1123z(*at), *rfc1123);
            assert_eq!(rfc3339(*at), *rfc3339_text);
        }
    }
}
