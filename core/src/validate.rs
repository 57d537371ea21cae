//! Checks shared by every record type. Each returns the cleaned value or a specific error that
//! names the field, never the value.

use chrono_tz::Tz;

use crate::error::{Error, Result};

/// Longest note (UTF-8 bytes) on a check-in, contact or session: a paragraph, not a journal.
pub const NOTE_MAX_BYTES: usize = 4000;
/// Longest name or title, in characters.
pub const NAME_MAX_CHARS: usize = 100;
/// Longest location, phone, address or link, in characters.
pub const SHORT_TEXT_MAX_CHARS: usize = 300;

/// A required one-line text: trimmed, not empty, at most `max` characters, no control
/// characters.
pub(crate) fn required_line(field: &'static str, value: &str, max: usize) -> Result<String> {
    match optional_line(field, value, max)? {
        Some(v) => Ok(v),
        None => Err(Error::invalid(field, "must not be empty")),
    }
}

/// An optional one-line text: an empty (or blank) value means "none".
pub(crate) fn optional_line(
    field: &'static str,
    value: &str,
    max: usize,
) -> Result<Option<String>> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    if trimmed.chars().count() > max {
        return Err(Error::invalid(
            field,
            format!("longer than {max} characters"),
        ));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(Error::invalid(field, "contains control characters"));
    }
    Ok(Some(trimmed.to_owned()))
}

/// A free-text note: line breaks allowed, at most [`NOTE_MAX_BYTES`]; blank means "none".
pub(crate) fn note(field: &'static str, value: &str) -> Result<Option<String>> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    if trimmed.len() > NOTE_MAX_BYTES {
        return Err(Error::invalid(
            field,
            format!("longer than {NOTE_MAX_BYTES} bytes"),
        ));
    }
    if trimmed
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(Error::invalid(field, "contains control characters"));
    }
    Ok(Some(trimmed.to_owned()))
}

/// An IANA time zone name. A fixed offset of whole hours, as a phone set to a custom zone
/// reports it (`GMT+05:00`, `UTC-3`, `+02:00`), is read as the IANA zone of that offset
/// (`Etc/GMT-5`: the Etc names count the other way); other offsets have no IANA name and are
/// refused like any unknown zone.
pub(crate) fn time_zone(name: &str) -> Result<Tz> {
    let trimmed = name.trim();
    trimmed
        .parse::<Tz>()
        .ok()
        .or_else(|| fixed_offset(trimmed))
        .ok_or_else(|| Error::UnknownTimeZone(name.chars().take(64).collect()))
}

/// `GMT+05:00`, `UTC-3`, `+0200`, `GMT`: the `Etc/` zone of a whole-hour offset.
fn fixed_offset(text: &str) -> Option<Tz> {
    let upper = text.to_ascii_uppercase();
    let rest = upper
        .strip_prefix("GMT")
        .or_else(|| upper.strip_prefix("UTC"))
        .unwrap_or(&upper);
    if rest.is_empty() {
        return Some(Tz::UTC);
    }
    let (sign, digits) = match rest.split_at_checked(1)? {
        ("+", d) => (1, d),
        ("-", d) => (-1, d),
        _ => return None,
    };
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None if digits.len() == 4 => digits.split_at_checked(2)?,
        None => (digits, "0"),
    };
    let all_digits =
        |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(hours) || !all_digits(minutes) {
        return None;
    }
    let (hours, minutes): (i32, i32) = (hours.parse().ok()?, minutes.parse().ok()?);
    if minutes != 0 || hours > 14 {
        return None;
    }
    if hours == 0 {
        return Some(Tz::UTC);
    }
    // POSIX style: Etc/GMT-5 is five hours ahead of UTC.
    format!("Etc/GMT{:+}", -sign * hours).parse().ok()
}

/// A phone or SMS number as typed: digits with the usual separators, optionally a leading `+`.
/// (Normalising to E.164 needs the region and comes with contact actions.)
pub(crate) fn phone(field: &'static str, value: &str) -> Result<Option<String>> {
    let Some(v) = optional_line(field, value, 32)? else {
        return Ok(None);
    };
    let body = v.strip_prefix('+').unwrap_or(&v);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    let allowed = |c: char| c.is_ascii_digit() || " -().".contains(c);
    if !body.chars().all(allowed) {
        return Err(Error::invalid(
            field,
            "may hold only digits, spaces, '-', '(', ')', '.' and a leading '+'",
        ));
    }
    if !(3..=15).contains(&digits) {
        return Err(Error::invalid(field, "must have 3 to 15 digits"));
    }
    Ok(Some(v))
}

/// An e-mail address: one `@` with text on both sides and a dot in the domain.
pub(crate) fn email(field: &'static str, value: &str) -> Result<Option<String>> {
    let Some(v) = optional_line(field, value, 254)? else {
        return Ok(None);
    };
    let valid = match v.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !v.contains(char::is_whitespace)
        }
        None => false,
    };
    if !valid {
        return Err(Error::invalid(field, "is not an e-mail address"));
    }
    Ok(Some(v))
}

/// A web link for a video session: http(s) with a host.
pub(crate) fn link(field: &'static str, value: &str) -> Result<Option<String>> {
    let Some(v) = optional_line(field, value, 2048)? else {
        return Ok(None);
    };
    let rest = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"));
    match rest {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') && !v.contains(' ') => Ok(Some(v)),
        _ => Err(Error::invalid(field, "must be an http:// or https:// link")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_trimmed_and_bounded() {
        assert_eq!(required_line("name", "  Ana ", 10).unwrap(), "Ana");
        assert!(required_line("name", "   ", 10).is_err());
        assert!(required_line("name", "abcdefghijk", 10).is_err());
        assert!(required_line("name", "a\u{7}b", 10).is_err());
        assert_eq!(optional_line("x", "", 10).unwrap(), None);
    }

    #[test]
    fn notes_keep_line_breaks_and_have_a_cap() {
        assert_eq!(note("note", "a\nb").unwrap().as_deref(), Some("a\nb"));
        assert!(note("note", &"x".repeat(NOTE_MAX_BYTES)).is_ok());
        let err = note("note", &"x".repeat(NOTE_MAX_BYTES + 1)).unwrap_err();
        assert!(err.to_string().contains("4000 bytes"));
        assert!(!err.to_string().contains("xxx"));
    }

    #[test]
    fn phones_emails_links_and_zones() {
        assert!(phone("phone", "+1 (312) 555-0100").unwrap().is_some());
        assert!(phone("phone", "988").unwrap().is_some());
        assert!(phone("phone", "12").is_err());
        assert!(phone("phone", "call me").is_err());
        assert!(phone("phone", "1+2").is_err());
        assert!(email("email", "a@b.org").unwrap().is_some());
        for bad in ["a@b", "@b.org", "a@@b.org", "a b@c.org", "a@.org"] {
            assert!(email("email", bad).is_err(), "{bad}");
        }
        assert!(link("video", "https://meet.example.org/x").is_ok());
        assert!(link("video", "ftp://x").is_err());
        assert!(link("video", "https://").is_err());
        assert!(time_zone("America/Chicago").is_ok());
        // Fixed offsets of whole hours, as phones with a custom zone report them.
        for (offset, iana) in [
            ("GMT+05:00", "Etc/GMT-5"),
            ("UTC-3", "Etc/GMT+3"),
            ("+0200", "Etc/GMT-2"),
            ("gmt-10:00", "Etc/GMT+10"),
            ("GMT", "GMT"),
            ("+00:00", "UTC"),
        ] {
            assert_eq!(time_zone(offset).unwrap().name(), iana, "{offset}");
        }
        for bad in [
            "GMT+05:30",
            "+15:00",
            "GMT+5:0x",
            "UTC+",
            "+",
            "GMT++1",
            "+123:00",
        ] {
            assert!(
                matches!(time_zone(bad), Err(Error::UnknownTimeZone(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            time_zone("Mars/Olympus"),
            Err(Error::UnknownTimeZone(_))
        ));
    }
}
