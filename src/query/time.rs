//! The time language of `--start`/`--end`: ISO-8601 with or without an offset, epoch seconds,
//! relative spans (`-2h`, `3d`), ausearch's keywords and its `MM/DD/YY[YY] [HH:MM[:SS]]` form.
//! Nothing depends on the locale. A time without an offset is read in the zone given by
//! `--tz` (UTC unless said otherwise).

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime,
    TimeZone, Timelike, Utc,
};

/// The zone naive times are read in and times are shown in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Zone {
    Utc,
    Local,
    Fixed(FixedOffset),
    Named(chrono_tz::Tz),
}

impl Zone {
    /// `UTC`, `local`, an IANA name (`Europe/Berlin`) or a fixed offset (`+05:30`, `-0800`).
    pub fn parse(text: &str) -> Result<Zone, String> {
        match text {
            "UTC" | "utc" | "Z" | "z" | "GMT" => return Ok(Zone::Utc),
            "local" | "LOCAL" | "Local" => return Ok(Zone::Local),
            _ => {}
        }
        if let Some(offset) = parse_offset(text) {
            return Ok(Zone::Fixed(offset));
        }
        text.parse::<chrono_tz::Tz>().map(Zone::Named).map_err(|_| {
            format!("unknown time zone '{text}' (use UTC, local, an IANA name such as Europe/Berlin, or an offset such as +05:30)")
        })
    }

    /// How the zone is named to a reader: `UTC`, `local`, `Europe/Berlin`, `+05:30`.
    pub fn name(&self) -> String {
        match self {
            Zone::Utc => "UTC".into(),
            Zone::Local => match std::env::var("TZ") {
                Ok(tz) if !tz.is_empty() => format!("local time, TZ={tz}"),
                _ => "local time".into(),
            },
            Zone::Fixed(offset) => offset.to_string(),
            Zone::Named(tz) => tz.name().into(),
        }
    }

    /// The UTC instant of a wall-clock time in this zone. In a DST gap the time after the
    /// gap is taken; in a fold, the earlier instant for a start and the later for an end.
    pub fn resolve(&self, naive: NaiveDateTime, prefer_late: bool) -> Option<DateTime<Utc>> {
        fn pick<T: TimeZone>(r: LocalResult<DateTime<T>>, late: bool) -> Option<DateTime<Utc>> {
            match r {
                LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
                LocalResult::Ambiguous(a, b) => Some(if late { b } else { a }.with_timezone(&Utc)),
                LocalResult::None => None,
            }
        }
        let at = |n: NaiveDateTime| match self {
            Zone::Utc => Some(Utc.from_utc_datetime(&n)),
            Zone::Local => pick(chrono::Local.from_local_datetime(&n), prefer_late),
            Zone::Fixed(offset) => pick(offset.from_local_datetime(&n), prefer_late),
            Zone::Named(tz) => pick(tz.from_local_datetime(&n), prefer_late),
        };
        // A wall-clock time that does not exist (spring forward) is moved past the gap.
        (0..=180).find_map(|minutes| at(naive + Duration::minutes(minutes)))
    }

    /// The wall-clock time of an instant in this zone.
    pub fn wall_clock(&self, instant: DateTime<Utc>) -> NaiveDateTime {
        match self {
            Zone::Utc => instant.naive_utc(),
            Zone::Local => instant.with_timezone(&chrono::Local).naive_local(),
            Zone::Fixed(offset) => instant.with_timezone(offset).naive_local(),
            Zone::Named(tz) => instant.with_timezone(tz).naive_local(),
        }
    }
}

fn parse_offset(text: &str) -> Option<FixedOffset> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        _ => return None,
    };
    if hours > 23 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// Which end of a range a time is for: it decides what a bare date means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeBound {
    Start,
    End,
}

/// A parsed time, as milliseconds since the epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeSpec(pub i64);

/// Parses a `--start`/`--end` value relative to `now`.
pub fn parse_time(
    text: &str,
    bound: TimeBound,
    zone: Zone,
    now: DateTime<Utc>,
) -> Result<TimeSpec, String> {
    let text = text.trim();
    let instant = keyword(text, bound, zone, now)
        .or_else(|| relative(text, now))
        .or_else(|| epoch(text))
        .or_else(|| with_offset(text))
        .or_else(|| naive(text, bound, zone, now))
        .ok_or_else(|| {
            format!(
                "cannot read the time '{text}': use ISO-8601 (2023-11-26T11:28:15Z, 2023-11-26 11:28), \
epoch seconds, a span such as -2h or 3d, MM/DD/YYYY [HH:MM:SS], or now, recent, today, \
yesterday, this-week, week-ago, this-month, this-year (boot and checkpoint only as --start \
or --end values of their own)"
            )
        })?;
    let millis = instant.timestamp_millis();
    // An end given to the second covers that whole second.
    let end_extra = if bound == TimeBound::End && instant.timestamp_subsec_millis() == 0 {
        999
    } else {
        0
    };
    Ok(TimeSpec(millis + end_extra))
}

fn midnight(zone: Zone, date: NaiveDate) -> Option<DateTime<Utc>> {
    zone.resolve(date.and_time(NaiveTime::MIN), false)
}

fn keyword(text: &str, bound: TimeBound, zone: Zone, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let today = zone.wall_clock(now).date();
    match text {
        "now" => Some(now),
        "recent" => Some(now - Duration::minutes(10)),
        "today" if bound == TimeBound::End => Some(now),
        "today" => midnight(zone, today),
        "yesterday" => midnight(zone, today.pred_opt()?),
        "this-week" => {
            let back = today.weekday().num_days_from_sunday() as i64;
            midnight(zone, today - Duration::days(back))
        }
        "week-ago" => midnight(zone, today - Duration::days(7)),
        "this-month" => midnight(zone, today.with_day(1)?),
        "this-year" => midnight(zone, NaiveDate::from_ymd_opt(today.year(), 1, 1)?),
        "this-hour" => {
            let wall = zone.wall_clock(now);
            zone.resolve(wall.date().and_hms_opt(wall.hour(), 0, 0)?, false)
        }
        _ => None,
    }
}

/// `-2h`, `3d`, `90m`, `45s`, `1w`: that long before now.
fn relative(text: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let body = text.strip_prefix('-').unwrap_or(text);
    let unit = body.chars().last()?;
    let amount: i64 = body[..body.len() - unit.len_utf8()].parse().ok()?;
    let span = match unit {
        's' => Duration::seconds(amount),
        'm' => Duration::minutes(amount),
        'h' => Duration::hours(amount),
        'd' => Duration::days(amount),
        'w' => Duration::weeks(amount),
        _ => return None,
    };
    Some(now - span)
}

/// Epoch seconds, optionally with a fraction: `1700000000`, `1700000000.123`.
fn epoch(text: &str) -> Option<DateTime<Utc>> {
    let (secs, frac) = text.split_once('.').unwrap_or((text, ""));
    if secs.len() < 5 || !secs.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 9 {
        return None;
    }
    let millis = format!("{frac:0<3}")[..3].parse::<i64>().ok()?;
    DateTime::from_timestamp_millis(secs.parse::<i64>().ok()?.checked_mul(1000)? + millis)
}

/// ISO-8601 / RFC 3339 with `Z` or an offset.
fn with_offset(text: &str) -> Option<DateTime<Utc>> {
    let normalized = text.replacen(' ', "T", 1);
    DateTime::parse_from_rfc3339(&normalized)
        .ok()
        .or_else(|| DateTime::parse_from_str(&normalized, "%Y-%m-%dT%H:%M%:z").ok())
        .or_else(|| DateTime::parse_from_str(&normalized, "%Y-%m-%dT%H:%M:%S%.f%z").ok())
        .map(|t| t.with_timezone(&Utc))
}

/// Times without an offset, read in `zone`: ISO dates and times, ausearch's
/// `MM/DD/YY[YY] [HH:MM[:SS]]`, or a time alone (today).
fn naive(text: &str, bound: TimeBound, zone: Zone, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let (date_part, time_part) = match text.split_once(['T', ' ']) {
        Some((d, t)) => (Some(d), Some(t.trim())),
        None if text.contains(':') => (None, Some(text)),
        None => (Some(text), None),
    };
    let date = match date_part {
        Some(d) => parse_date(d)?,
        None => zone.wall_clock(now).date(),
    };
    let late = bound == TimeBound::End;
    let time = match time_part {
        Some(t) => parse_clock(t)?,
        // A date alone: its first instant for a start, its last second for an end.
        None if late => NaiveTime::from_hms_opt(23, 59, 59)?,
        None => NaiveTime::MIN,
    };
    zone.resolve(date.and_time(time), late)
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(d);
    }
    let mut parts = text.split('/');
    let (month, day, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let year: i32 = match year.len() {
        2 => 2000 + year.parse::<i32>().ok()?,
        4 => year.parse().ok()?,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month.parse().ok()?, day.parse().ok()?)
}

fn parse_clock(text: &str) -> Option<NaiveTime> {
    ["%H:%M:%S%.f", "%H:%M:%S", "%H:%M"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(text, f).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_are_named_as_given() {
        assert_eq!(Zone::Utc.name(), "UTC");
        assert_eq!(Zone::parse("+0530").unwrap().name(), "+05:30");
        assert_eq!(
            Zone::parse("Europe/Berlin").unwrap().name(),
            "Europe/Berlin"
        );
        assert!(Zone::Local.name().starts_with("local time"));
    }

    fn at(text: &str, bound: TimeBound, zone: Zone) -> i64 {
        let now = Utc.with_ymd_and_hms(2023, 11, 26, 12, 0, 0).unwrap();
        parse_time(text, bound, zone, now).unwrap().0
    }

    fn ms(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> i64 {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, s)
            .unwrap()
            .timestamp_millis()
    }

    #[test]
    fn iso_with_and_without_offset() {
        let s = TimeBound::Start;
        assert_eq!(
            at("2023-11-26T11:28:15Z", s, Zone::Utc),
            ms(2023, 11, 26, 11, 28, 15)
        );
        assert_eq!(
            at("2023-11-26T12:28:15+01:00", s, Zone::Utc),
            ms(2023, 11, 26, 11, 28, 15)
        );
        assert_eq!(
            at("2023-11-26 11:28:15", s, Zone::Utc),
            ms(2023, 11, 26, 11, 28, 15)
        );
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        assert_eq!(
            at("2023-11-26 12:28:15", s, berlin),
            ms(2023, 11, 26, 11, 28, 15)
        );
    }

    #[test]
    fn a_bare_end_date_means_the_end_of_that_day() {
        assert_eq!(
            at("2023-11-24", TimeBound::End, Zone::Utc),
            ms(2023, 11, 24, 23, 59, 59) + 999
        );
        assert_eq!(
            at("11/24/2023", TimeBound::End, Zone::Utc),
            ms(2023, 11, 24, 23, 59, 59) + 999
        );
        assert_eq!(
            at("11/24/23", TimeBound::Start, Zone::Utc),
            ms(2023, 11, 24, 0, 0, 0)
        );
    }

    #[test]
    fn epoch_relative_and_keywords() {
        let s = TimeBound::Start;
        assert_eq!(at("1700000000.123", s, Zone::Utc), 1_700_000_000_123);
        assert_eq!(at("-2h", s, Zone::Utc), ms(2023, 11, 26, 10, 0, 0));
        assert_eq!(at("3d", s, Zone::Utc), ms(2023, 11, 23, 12, 0, 0));
        assert_eq!(at("today", s, Zone::Utc), ms(2023, 11, 26, 0, 0, 0));
        assert_eq!(at("yesterday", s, Zone::Utc), ms(2023, 11, 25, 0, 0, 0));
        // 2023-11-26 is a Sunday.
        assert_eq!(at("this-week", s, Zone::Utc), ms(2023, 11, 26, 0, 0, 0));
        assert_eq!(at("this-month", s, Zone::Utc), ms(2023, 11, 1, 0, 0, 0));
        assert_eq!(at("recent", s, Zone::Utc), ms(2023, 11, 26, 11, 50, 0));
    }

    #[test]
    fn dst_gap_and_fold_in_berlin() {
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        // 2024-03-31 02:30 does not exist in Berlin: the first valid instant after it.
        assert_eq!(
            at("2024-03-31 02:30", TimeBound::Start, berlin),
            ms(2024, 3, 31, 1, 0, 0)
        );
        // 2024-10-27 02:30 happens twice: the first for a start, the second for an end.
        assert_eq!(
            at("2024-10-27 02:30", TimeBound::Start, berlin),
            ms(2024, 10, 27, 0, 30, 0)
        );
        assert_eq!(
            at("2024-10-27 02:30:00", TimeBound::End, berlin),
            ms(2024, 10, 27, 1, 30, 0) + 999
        );
    }

    #[test]
    fn leap_days_and_offsets() {
        assert_eq!(
            at("2024-02-29", TimeBound::Start, Zone::Utc),
            ms(2024, 2, 29, 0, 0, 0)
        );
        assert!(parse_time("2023-02-29", TimeBound::Start, Zone::Utc, Utc::now()).is_err());
        assert_eq!(
            Zone::parse("+05:30").unwrap(),
            Zone::Fixed(FixedOffset::east_opt(19800).unwrap())
        );
        assert!(Zone::parse("IST").is_err());
    }

    #[test]
    fn berlin_days_that_change_the_clock() {
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        let (s, e) = (TimeBound::Start, TimeBound::End);
        let cases = [
            // The day the clocks go forward has 23 hours: from 23:00Z the day before (CET)
            // to 21:59:59Z (CEST).
            ("2024-03-31", s, ms(2024, 3, 30, 23, 0, 0)),
            ("03/31/2024", e, ms(2024, 3, 31, 21, 59, 59) + 999),
            // The day they go back has 25 hours.
            ("2024-10-27", s, ms(2024, 10, 26, 22, 0, 0)),
            ("2024-10-27", e, ms(2024, 10, 27, 22, 59, 59) + 999),
            // The last second before the jump, and the first after it.
            ("2024-03-31T01:59:59", s, ms(2024, 3, 31, 0, 59, 59)),
            ("2024-03-31 03:00", s, ms(2024, 3, 31, 1, 0, 0)),
            // An explicit offset wins over the zone.
            ("2024-10-27T02:30:00+01:00", s, ms(2024, 10, 27, 1, 30, 0)),
        ];
        for (text, bound, expected) in cases {
            assert_eq!(at(text, bound, berlin), expected, "{text} {bound:?}");
        }
    }

    #[test]
    fn keywords_follow_the_zones_calendar() {
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        // 2024-03-31 00:30Z is 01:30 CET on the day the clocks change; this-month starts
        // on March 1st, 00:00 CET.
        let now = Utc.with_ymd_and_hms(2024, 3, 31, 0, 30, 0).unwrap();
        let start = |text| parse_time(text, TimeBound::Start, berlin, now).unwrap().0;
        assert_eq!(start("today"), ms(2024, 3, 30, 23, 0, 0));
        assert_eq!(start("yesterday"), ms(2024, 3, 29, 23, 0, 0));
        assert_eq!(start("this-month"), ms(2024, 2, 29, 23, 0, 0));
        assert_eq!(start("this-year"), ms(2023, 12, 31, 23, 0, 0));
        // 2024-03-31 is a Sunday: the week starts that day.
        assert_eq!(start("this-week"), ms(2024, 3, 30, 23, 0, 0));
        assert_eq!(start("week-ago"), ms(2024, 3, 23, 23, 0, 0));
    }

    #[test]
    fn leap_days_in_every_spelling() {
        let (s, e) = (TimeBound::Start, TimeBound::End);
        assert_eq!(at("02/29/2024", s, Zone::Utc), ms(2024, 2, 29, 0, 0, 0));
        assert_eq!(at("02/29/24", s, Zone::Utc), ms(2024, 2, 29, 0, 0, 0));
        assert_eq!(
            at("2024-02-29", e, Zone::Utc),
            ms(2024, 2, 29, 23, 59, 59) + 999
        );
        assert_eq!(
            at("2024-02-29T23:59:59Z", s, Zone::Utc),
            ms(2024, 2, 29, 23, 59, 59)
        );
        let now = Utc::now();
        for bad in ["02/29/2023", "2100-02-29", "02/30/2024", "2024-02-30"] {
            assert!(parse_time(bad, s, Zone::Utc, now).is_err(), "{bad}");
        }
        assert_eq!(at("2000-02-29", s, Zone::Utc), ms(2000, 2, 29, 0, 0, 0));
    }

    #[test]
    fn epoch_seconds_with_and_without_milliseconds() {
        let (s, e) = (TimeBound::Start, TimeBound::End);
        assert_eq!(at("1700000000", s, Zone::Utc), 1_700_000_000_000);
        // An end to the second covers that second; one to the millisecond is exact.
        assert_eq!(at("1700000000", e, Zone::Utc), 1_700_000_000_999);
        assert_eq!(at("1700000000.250", e, Zone::Utc), 1_700_000_000_250);
        assert_eq!(at("1700000000.5", s, Zone::Utc), 1_700_000_000_500);
        assert_eq!(at("1700000000.123456789", s, Zone::Utc), 1_700_000_000_123);
        // Epoch times are UTC whatever --tz says.
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        assert_eq!(at("1700000000.123", s, berlin), 1_700_000_000_123);
        let now = Utc::now();
        assert!(parse_time("1700000000.1234567890", s, Zone::Utc, now).is_err());
        assert!(parse_time("1700000000.", s, Zone::Utc, now).is_ok());
        assert!(parse_time("17000x0000", s, Zone::Utc, now).is_err());
    }
}
