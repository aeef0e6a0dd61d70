//! The year of a payment (anno del pagamento): the calendar year of `paid_at` in Italian
//! local time (Europe/Rome), with the time-zone database bundled in the crate (jiff's
//! `tzdb-bundle-always`), so that the same year comes out on every system and in
//! WebAssembly.

use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};

/// Reads the year of `paid_at` in Europe/Rome local time, as `PAYMENTS.md` defines it.
#[derive(Clone, Debug)]
pub struct RomeYear {
    rome: TimeZone,
}

impl Default for RomeYear {
    fn default() -> Self {
        Self::new()
    }
}

impl RomeYear {
    /// The reader, with Europe/Rome from the bundled time-zone database.
    pub fn new() -> Self {
        // The bundled database always has Europe/Rome; a fixed +01:00 is never used but
        // keeps this infallible.
        let rome =
            TimeZone::get("Europe/Rome").unwrap_or_else(|_| TimeZone::fixed(Offset::constant(1)));
        Self { rome }
    }

    /// The year in Rome of `text`: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fraction]]` (also
    /// with a space for `T`) with or without `Z` / `+HH:MM` / `-HH:MM` (without: already
    /// local time), or `DD/MM/YYYY` with an optional ` HH:MM[:SS]`. `None` when it is none
    /// of these or not a real date and time.
    ///
    /// ```
    /// use desier_core::payments::RomeYear;
    /// let y = RomeYear::new();
    /// assert_eq!(y.year("2019-12-31T23:30:00Z"), Some(2020));
    /// assert_eq!(y.year("2019-12-31T23:30:00"), Some(2019));
    /// assert_eq!(y.year("31/12/2019 23:30"), Some(2019));
    /// assert_eq!(y.year("2019-02-30"), None);
    /// ```
    pub fn year(&self, text: &str) -> Option<i32> {
        let (dt, offset) = parse(text.trim())?;
        match offset {
            None => Some(i32::from(dt.year())),
            Some(seconds) => {
                let offset = Offset::from_seconds(seconds).ok()?;
                let ts = offset.to_timestamp(dt).ok()?;
                Some(i32::from(self.rome.to_datetime(ts).year()))
            }
        }
    }
}

fn num(b: &[u8]) -> Option<i32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(b).ok()?.parse().ok()
}

/// Splits a date and time into a civil date-time and an offset in seconds east of UTC.
fn parse(text: &str) -> Option<(DateTime, Option<i32>)> {
    let b = text.as_bytes();
    let (y, m, d, rest) = if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        (num(&b[..4])?, num(&b[5..7])?, num(&b[8..10])?, &b[10..])
    } else if b.len() >= 10 && b[2] == b'/' && b[5] == b'/' {
        (num(&b[6..10])?, num(&b[3..5])?, num(&b[..2])?, &b[10..])
    } else {
        return None;
    };
    let italian = b[2] == b'/';
    let (mut h, mut mi, mut s, mut nano, mut offset) = (0, 0, 0, 0, None);
    if !rest.is_empty() {
        let sep = rest[0];
        if !(sep == b' ' || (!italian && (sep == b'T' || sep == b't'))) {
            return None;
        }
        let mut t = &rest[1..];
        if !italian {
            // An offset at the end: Z, +HH:MM, -HH:MM (or +HHMM).
            if let Some(stripped) = t.strip_suffix(b"Z").or_else(|| t.strip_suffix(b"z")) {
                offset = Some(0);
                t = stripped;
            } else if let Some(i) = t.iter().rposition(|&c| c == b'+' || c == b'-') {
                let o = &t[i + 1..];
                let (oh, om) = match o.len() {
                    5 if o[2] == b':' => (num(&o[..2])?, num(&o[3..])?),
                    4 => (num(&o[..2])?, num(&o[2..])?),
                    2 => (num(o)?, 0),
                    _ => return None,
                };
                if oh > 23 || om > 59 {
                    return None;
                }
                let sign = if t[i] == b'-' { -1 } else { 1 };
                offset = Some(sign * (oh * 3600 + om * 60));
                t = &t[..i];
            }
        }
        if t.len() < 5 || t[2] != b':' {
            return None;
        }
        h = num(&t[..2])?;
        mi = num(&t[3..5])?;
        let t = &t[5..];
        if !t.is_empty() {
            if t[0] != b':' || t.len() < 3 {
                return None;
            }
            s = num(&t[1..3])?;
            let frac = &t[3..];
            if !frac.is_empty() {
                if italian || frac[0] != b'.' || frac.len() > 10 {
                    return None;
                }
                let digits = &frac[1..];
                let n = num(digits)?;
                nano = n * 10i32.pow(9 - digits.len().min(9) as u32);
            }
        }
    }
    let dt = DateTime::new(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
        i8::try_from(h).ok()?,
        i8::try_from(mi).ok()?,
        i8::try_from(s).ok()?,
        nano,
    )
    .ok()?;
    Some((dt, offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_boundary_in_rome() {
        let y = RomeYear::new();
        // Winter: Rome is UTC+1, so 23:30 UTC on 31 December is 00:30 on 1 January.
        assert_eq!(y.year("2019-12-31T23:30:00Z"), Some(2020));
        assert_eq!(y.year("2019-12-31T22:59:59Z"), Some(2019));
        assert_eq!(y.year("2019-12-31T23:00:00Z"), Some(2020));
        assert_eq!(y.year("2019-12-31T23:30:00+00:00"), Some(2020));
        // Written with Rome's own offset, or without one (already local time).
        assert_eq!(y.year("2019-12-31T23:30:00+01:00"), Some(2019));
        assert_eq!(y.year("2019-12-31T23:30:00"), Some(2019));
        // West of UTC: 20:00 at -05:00 is 01:00 UTC, 02:00 in Rome on 1 January.
        assert_eq!(y.year("2020-12-31T20:00:00-05:00"), Some(2021));
        // The other way round: 00:30 Rome on 1 January is 23:30 UTC the day before.
        assert_eq!(y.year("2021-01-01T00:30:00+01:00"), Some(2021));
        assert_eq!(y.year("2021-01-01T00:30:00.123456Z"), Some(2021));
    }

    #[test]
    fn every_form() {
        let y = RomeYear::new();
        for ok in [
            "2021-10-01",
            "2021-10-01T17:48",
            "2021-10-01T17:48:22",
            "2021-10-01T17:48:22.145372",
            "2021-10-01 17:48:22",
            "2021-10-01T17:48:22Z",
            "2021-10-01T17:48:22+02:00",
            "01/10/2021",
            "01/10/2021 17:48",
            "01/10/2021 17:48:22",
        ] {
            assert_eq!(y.year(ok), Some(2021), "{ok}");
        }
        for bad in [
            "",
            "2021",
            "2021-13-01",
            "2021-02-29",
            "30/02/2021",
            "2021-10-01T25:00",
            "2021/10/01",
            "01/10/2021T17:48",
            "2021-10-01T17:48:22+25:00",
            "2021-10-01X",
            "１２/10/2021",
        ] {
            assert_eq!(y.year(bad), None, "{bad}");
        }
        assert_eq!(y.year("29/02/2020"), Some(2020));
    }
}
