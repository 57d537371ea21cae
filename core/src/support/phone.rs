//! Phone numbers and regions: what a participant types becomes a number the phone can dial.
//!
//! Numbers are checked and normalised with `phonenumber` (a port of Google's libphonenumber
//! and its numbering-plan metadata). Where the region is known, a number is stored in E.164
//! (`+18006624357`); short codes such as 988 or 741741 stay as their digits, because they only
//! work inside their own country and have no E.164 form. Where no region is known, only
//! numbers typed with their country code (`+44 …`) can be normalised; others are kept as
//! typed, after the basic checks.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::{LazyLock, Mutex};

use phonenumber::{Mode, PhoneNumber, country};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::validate;

/// Longest short code (e.g. 741741), in digits. Anything longer must be a full number.
pub const SHORT_CODE_MAX_DIGITS: usize = 6;

/// A country or territory (ISO 3166-1 alpha-2, as the numbering plan knows them): decides how
/// local numbers are read and which crisis lines are offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Region(country::Id);

impl Region {
    pub fn code(&self) -> &str {
        self.0.as_ref()
    }
}

impl FromStr for Region {
    type Err = Error;
    fn from_str(s: &str) -> Result<Region> {
        let s = s.trim();
        if s.len() != 2 || !s.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(Error::invalid(
                "region",
                "must be a two-letter country code such as US",
            ));
        }
        s.to_ascii_uppercase()
            .parse::<country::Id>()
            .map(Region)
            .map_err(|_| Error::invalid("region", "is not a known country code"))
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Region {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// Checks a phone (or SMS) number as typed and returns the form to store: E.164 when it can be
/// told, the digits of a short code, or (no region, no country code) the number as typed.
/// Blank means "none".
pub(crate) fn normalize(
    field: &'static str,
    value: &str,
    region: Option<Region>,
) -> Result<Option<String>> {
    let Some(typed) = validate::phone(field, value)? else {
        return Ok(None);
    };
    let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
    let international = typed.starts_with('+');
    if !international && digits.len() <= SHORT_CODE_MAX_DIGITS {
        return Ok(Some(digits));
    }
    if !international && region.is_none() {
        return Ok(Some(typed));
    }
    match parse(&typed, region) {
        Some(n) if n.is_valid() => Ok(Some(n.format().mode(Mode::E164).to_string())),
        _ => Err(Error::invalid(
            field,
            match (international, region) {
                (false, Some(r)) => format!("is not a valid phone number in region {r}"),
                _ => "is not a valid phone number".to_owned(),
            },
        )),
    }
}

/// How a stored number is shown: national format for a number of the participant's region,
/// international otherwise; short codes and unparsable legacy values as they are.
pub(crate) fn display(stored: &str, region: Option<Region>) -> String {
    memo(stored, region).0
}

fn display_now(stored: &str, region: Option<Region>) -> String {
    if !stored.starts_with('+') {
        return stored.to_owned();
    }
    match parse(stored, region) {
        Some(n) if n.is_valid() => {
            let home = region.is_some_and(|r| n.country().id() == Some(r.0));
            let mode = if home {
                Mode::National
            } else {
                Mode::International
            };
            n.format().mode(mode).to_string()
        }
        _ => stored.to_owned(),
    }
}

/// What goes after `tel:` or `sms:`: the E.164 number or short code, digits only (RFC 3966
/// global numbers keep their `+`). Values stored before normalisation existed are
/// normalised here when the region allows, and reduced to their digits otherwise.
pub(crate) fn dial_string(stored: &str, region: Option<Region>) -> String {
    memo(stored, region).1
}

/// Most numbers kept before a memo is cleared; a participant has a few dozen.
const MEMO_MAX: usize = 512;

/// How `stored` is shown and dialled in `region`, worked out once: libphonenumber's regexes
/// cost tens of microseconds a number, and every Reach out and Today draw shows each contact.
fn memo(stored: &str, region: Option<Region>) -> (String, String) {
    type Memo = HashMap<(String, Option<Region>), (String, String)>;
    static MEMO: LazyLock<Mutex<Memo>> = LazyLock::new(Mutex::default);
    let key = (stored.to_owned(), region);
    if let Some(hit) = MEMO.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return hit.clone();
    }
    let worked = (display_now(stored, region), dial_now(stored, region));
    let mut memo = MEMO.lock().unwrap_or_else(|e| e.into_inner());
    if memo.len() >= MEMO_MAX {
        memo.clear();
    }
    memo.insert(key, worked.clone());
    worked
}

fn dial_now(stored: &str, region: Option<Region>) -> String {
    if let Ok(Some(n)) = normalize("phone", stored, region) {
        return n
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
    }
    let plus = if stored.trim_start().starts_with('+') {
        "+"
    } else {
        ""
    };
    let digits: String = stored.chars().filter(char::is_ascii_digit).collect();
    format!("{plus}{digits}")
}

/// Parses with libphonenumber's rules. Its parser unwraps internally on some malformed
/// inputs; the text reaching here has passed `validate::phone` (digits and separators only),
/// and a panic is still taken as "not a number" rather than allowed to cross into a shell.
fn parse(typed: &str, region: Option<Region>) -> Option<PhoneNumber> {
    let typed = typed.to_owned();
    std::panic::catch_unwind(move || phonenumber::parse(region.map(|r| r.0), &typed).ok())
        .ok()
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn us() -> Option<Region> {
        Some("us".parse().unwrap())
    }

    #[test]
    fn regions_are_two_letter_codes_the_plan_knows() {
        assert_eq!("gb".parse::<Region>().unwrap().code(), "GB");
        assert_eq!(" US ".parse::<Region>().unwrap().to_string(), "US");
        for bad in ["", "U", "USA", "1A", "ZZ", "é1"] {
            assert!(bad.parse::<Region>().is_err(), "{bad}");
        }
    }

    #[test]
    fn local_numbers_become_e164_when_the_region_is_known() {
        let n = |s| normalize("phone", s, us()).unwrap().unwrap();
        assert_eq!(n("1-800-662-4357"), "+18006624357");
        assert_eq!(n("(201) 555-0123"), "+12015550123");
        assert_eq!(n("+44 20 7946 0018"), "+442079460018");
        // Short codes stay digits: they have no international form.
        assert_eq!(n("988"), "988");
        assert_eq!(n("741 741"), "741741");
    }

    #[test]
    fn invalid_numbers_are_refused_with_a_clear_error() {
        let err = normalize("phone", "(000) 000-0000", us()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid phone: is not a valid phone number in region US"
        );
        assert!(normalize("sms", "+1 000 000 0000", None).is_err());
        assert!(normalize("phone", "12", us()).is_err());
        assert!(normalize("phone", "call me", us()).is_err());
        assert_eq!(normalize("phone", "  ", us()).unwrap(), None);
    }

    #[test]
    fn without_a_region_only_international_numbers_normalise() {
        assert_eq!(
            normalize("phone", "+1 201 555 0123", None)
                .unwrap()
                .unwrap(),
            "+12015550123"
        );
        assert_eq!(
            normalize("phone", "020 7946 0018", None).unwrap().unwrap(),
            "020 7946 0018"
        );
    }

    #[test]
    fn display_and_dial_strings() {
        assert_eq!(display("+18006624357", us()), "(800) 662-4357");
        assert_eq!(display("+442079460018", us()), "+44 20 7946 0018");
        assert_eq!(display("988", us()), "988");
        assert_eq!(dial_string("+18006624357", us()), "+18006624357");
        assert_eq!(dial_string("(201) 555-0123", us()), "+12015550123");
        assert_eq!(dial_string("020 7946 0018", None), "02079460018");
    }

    proptest::proptest! {
        /// Whatever is typed, normalising returns a value or an error, never a panic, and a
        /// normalised value normalises to itself.
        #[test]
        fn normalising_never_panics_and_is_idempotent(
            typed in "[+]?[0-9 ().-]{0,24}",
            region in proptest::sample::select(vec![None, Some("US"), Some("GB"), Some("AU")]),
        ) {
            let region = region.map(|r| r.parse::<Region>().unwrap());
            if let Ok(Some(n)) = normalize("phone", &typed, region) {
                proptest::prop_assert_eq!(normalize("phone", &n, region).unwrap(), Some(n));
            }
        }
    }
}
