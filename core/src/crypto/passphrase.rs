//! The one passphrase policy, for a store protected by a passphrase and for backups: length,
//! no control characters, spaces around it ignored, compared in Unicode NFC.

use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// The shortest passphrase a new backup accepts, in characters.
pub const PASSPHRASE_MIN_CHARS: usize = 10;
/// The longest passphrase accepted, in characters.
pub const PASSPHRASE_MAX_CHARS: usize = 1024;

/// Checks a new passphrase against the policy: [`PASSPHRASE_MIN_CHARS`] to
/// [`PASSPHRASE_MAX_CHARS`] characters, no control characters (a line break in a passphrase
/// is almost always a mistake). Spaces around it do not count: they are ignored, here and
/// when the passphrase is used.
pub fn check_passphrase(passphrase: &str) -> Result<()> {
    normalized_new(passphrase).map(drop)
}

/// The passphrase as it is used: without surrounding spaces, in Unicode NFC (the same words
/// typed on two keyboards may reach the app in two forms).
pub(crate) fn normalized(passphrase: &str) -> Zeroizing<String> {
    Zeroizing::new(passphrase.trim().nfc().collect())
}

pub(crate) fn normalized_new(passphrase: &str) -> Result<Zeroizing<String>> {
    let p = normalized(passphrase);
    let chars = p.chars().count();
    if chars < PASSPHRASE_MIN_CHARS {
        return Err(Error::invalid(
            "passphrase",
            format!("must be at least {PASSPHRASE_MIN_CHARS} characters long"),
        ));
    }
    if chars > PASSPHRASE_MAX_CHARS {
        return Err(Error::invalid(
            "passphrase",
            format!("must be at most {PASSPHRASE_MAX_CHARS} characters long"),
        ));
    }
    if p.chars().any(char::is_control) {
        return Err(Error::invalid(
            "passphrase",
            "must not contain control characters such as a line break",
        ));
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_passphrase_policy_names_the_field_never_the_value() {
        for bad in [
            "",
            "short",
            "         x",
            "line\nbreak!!",
            &"x".repeat(1025),
        ] {
            let e = check_passphrase(bad).unwrap_err().to_string();
            assert!(e.starts_with("invalid passphrase: "), "{e}");
            assert!(bad.trim().is_empty() || !e.contains(bad.trim()), "{e}");
        }
        check_passphrase("  ten chars!  ").unwrap();
        // NFC: "é" typed as one character or as "e" and a combining accent.
        assert_eq!(
            *normalized("caf\u{e9} au lait"),
            *normalized("cafe\u{301} au lait ")
        );
    }
}
