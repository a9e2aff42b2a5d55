//! Time formatting: ISO-8601 in UTC (fast, no allocation beyond the output) or in a chosen zone.

use crate::query::time::Zone;
use chrono::{DateTime, Utc};

/// Civil date of a day count since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Appends `2023-11-26T11:28:15.123Z`.
pub fn write_iso_utc(out: &mut Vec<u8>, sec: u64, msec: u16) {
    let days = (sec / 86_400) as i64;
    let rem = sec % 86_400;
    let (year, month, day) = civil_from_days(days);
    let (h, m, s) = (rem / 3600, rem / 60 % 60, rem % 60);
    let year = year.to_string();
    out.extend(std::iter::repeat_n(b'0', 4usize.saturating_sub(year.len())));
    out.extend_from_slice(year.as_bytes());
    out.push(b'-');
    push2(out, month as u64);
    out.push(b'-');
    push2(out, day as u64);
    out.push(b'T');
    push2(out, h);
    out.push(b':');
    push2(out, m);
    out.push(b':');
    push2(out, s);
    out.push(b'.');
    out.push(b'0' + (msec / 100) as u8);
    out.push(b'0' + (msec / 10 % 10) as u8);
    out.push(b'0' + (msec % 10) as u8);
    out.push(b'Z');
}

fn push2(out: &mut Vec<u8>, v: u64) {
    out.push(b'0' + (v / 10 % 10) as u8);
    out.push(b'0' + (v % 10) as u8);
}

pub fn iso_utc(sec: u64, msec: u16) -> String {
    let mut out = Vec::with_capacity(24);
    write_iso_utc(&mut out, sec, msec);
    String::from_utf8(out).expect("ASCII")
}

/// Appends the time in `zone`: UTC as `…Z`, other zones with their offset (`…+01:00`).
pub fn write_iso(out: &mut Vec<u8>, sec: u64, msec: u16, zone: Zone) {
    if zone == Zone::Utc {
        return write_iso_utc(out, sec, msec);
    }
    let Some(instant) = DateTime::<Utc>::from_timestamp(sec as i64, msec as u32 * 1_000_000) else {
        return write_iso_utc(out, sec, msec);
    };
    let text = match zone {
        Zone::Utc => unreachable!(),
        Zone::Local => instant
            .with_timezone(&chrono::Local)
            .format("%Y-%m-%dT%H:%M:%S%.3f%:z")
            .to_string(),
        Zone::Fixed(offset) => instant
            .with_timezone(&offset)
            .format("%Y-%m-%dT%H:%M:%S%.3f%:z")
            .to_string(),
        Zone::Named(tz) => instant
            .with_timezone(&tz)
            .format("%Y-%m-%dT%H:%M:%S%.3f%:z")
            .to_string(),
    };
    out.extend_from_slice(text.as_bytes());
}

/// Appends the time in `zone` to the second: `2023-11-26T11:28:15Z`, `…+01:00`.
pub fn write_iso_seconds(out: &mut Vec<u8>, sec: u64, zone: Zone) {
    let start = out.len();
    write_iso(out, sec, 0, zone);
    // `YYYY-MM-DDTHH:MM:SS` is 19 bytes; the `.000` after it goes.
    let dot = start + 19;
    if out.get(dot) == Some(&b'.') {
        out.drain(dot..dot + 4);
    }
}

/// The wall clock of `sec` in `zone` and the zone's offset from UTC then, in seconds.
pub fn wall_clock(sec: u64, zone: Zone) -> (chrono::NaiveDateTime, i64) {
    let instant = DateTime::<Utc>::from_timestamp(sec as i64, 0).unwrap_or_default();
    let wall = zone.wall_clock(instant);
    (wall, (wall - instant.naive_utc()).num_seconds())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_matches_chrono() {
        for &sec in &[
            0u64,
            951_782_400,
            1_700_990_000,
            1_709_164_800,
            4_102_444_800,
            11_111_111_111,
        ] {
            let expected = DateTime::<Utc>::from_timestamp(sec as i64, 7_000_000)
                .unwrap()
                .format("%Y-%m-%dT%H:%M:%S%.3fZ")
                .to_string();
            assert_eq!(iso_utc(sec, 7), expected);
        }
    }

    #[test]
    fn seconds_drop_the_milliseconds() {
        let mut out = Vec::new();
        write_iso_seconds(&mut out, 1_700_990_000, Zone::parse("+05:30").unwrap());
        assert_eq!(out, b"2023-11-26T14:43:20+05:30");
        out.clear();
        write_iso_seconds(&mut out, 1_700_990_000, Zone::Utc);
        assert_eq!(out, b"2023-11-26T09:13:20Z");
    }

    #[test]
    fn zones_carry_their_offset() {
        let mut out = Vec::new();
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        write_iso(&mut out, 1_700_990_000, 5, berlin);
        assert_eq!(out, b"2023-11-26T10:13:20.005+01:00");
        out.clear();
        write_iso_seconds(&mut out, 1_700_998_095, berlin);
        assert_eq!(out, b"2023-11-26T12:28:15+01:00");
        out.clear();
        write_iso_seconds(&mut out, 1_700_998_095, Zone::Utc);
        assert_eq!(out, b"2023-11-26T11:28:15Z");
    }
}
