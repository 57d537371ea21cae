//! Ready-made actions for reaching someone: `tel:`, `sms:` (with an optional prefilled,
//! percent-encoded body) and `mailto:` links, for contacts and crisis lines alike.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::support::contact::Contact;
use crate::support::phone::{self, Region};

/// Longest text a shell may prefill in an SMS, in characters.
pub const MESSAGE_MAX_CHARS: usize = 500;

/// A message the shells may offer to prefill when texting a contact; the participant can
/// change it before sending.
pub const SUGGESTED_MESSAGE: &str =
    "Hi, it's me. I'm having a hard time right now. Could you call or text me when you can?";

/// What an action does, so shells can pick an icon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionKind {
    Call,
    Text,
    /// A call through a TTY (text telephone) relay.
    Tty,
    Email,
}

/// One tap's worth of reaching someone: the shell opens `uri` with the platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactAction {
    pub kind: ActionKind,
    /// Ready to show: "Call (800) 662-4357", "Text HOME to 741741".
    pub label: String,
    /// `tel:+18006624357`, `sms:741741?body=HOME`, `mailto:jo@samaritans.org`.
    pub uri: String,
}

/// What a text starts with.
pub(crate) enum Text<'a> {
    /// The word a service routes texts by (HOME to 741741).
    Keyword(&'a str),
    /// The participant's own words.
    Message(&'a str),
}

/// RFC 3986 unreserved characters stay; everything else in a query value is escaped.
const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// An e-mail address in a `mailto:` link keeps its `@` (RFC 6068).
const ADDRESS: &AsciiSet = &QUERY.remove(b'@');

pub(crate) fn call(number: &str, region: Option<Region>) -> ContactAction {
    ContactAction {
        kind: ActionKind::Call,
        label: format!("Call {}", phone::display(number, region)),
        uri: format!("tel:{}", phone::dial_string(number, region)),
    }
}

pub(crate) fn tty(number: &str, region: Option<Region>) -> ContactAction {
    ContactAction {
        kind: ActionKind::Tty,
        label: format!("TTY {}", phone::display(number, region)),
        uri: format!("tel:{}", phone::dial_string(number, region)),
    }
}

pub(crate) fn text(number: &str, region: Option<Region>, body: Option<Text<'_>>) -> ContactAction {
    let shown = phone::display(number, region);
    let mut uri = format!("sms:{}", phone::dial_string(number, region));
    let label = match &body {
        Some(Text::Keyword(k)) => format!("Text {k} to {shown}"),
        _ => format!("Text {shown}"),
    };
    if let Some(Text::Keyword(b) | Text::Message(b)) = body {
        uri.push_str("?body=");
        uri.extend(utf8_percent_encode(b, QUERY));
    }
    ContactAction {
        kind: ActionKind::Text,
        label,
        uri,
    }
}

pub(crate) fn email(address: &str) -> ContactAction {
    ContactAction {
        kind: ActionKind::Email,
        label: format!("Email {address}"),
        uri: format!("mailto:{}", utf8_percent_encode(address, ADDRESS)),
    }
}

/// Call, text and e-mail actions for a saved contact, as far as it has the details.
pub(crate) fn contact_actions(
    c: &Contact,
    region: Option<Region>,
    message: Option<&str>,
) -> Vec<ContactAction> {
    let mut actions = Vec::new();
    if let Some(p) = &c.phone {
        actions.push(call(p, region));
    }
    if let Some(n) = c.sms.as_ref().or(c.phone.as_ref()) {
        actions.push(text(n, region, message.map(Text::Message)));
    }
    if let Some(e) = &c.email {
        actions.push(email(e));
    }
    actions
}

/// Checks a message to prefill: trimmed, at most [`MESSAGE_MAX_CHARS`], line breaks allowed.
pub(crate) fn clean_message(message: Option<&str>) -> Result<Option<String>> {
    let Some(m) = message.map(str::trim).filter(|m| !m.is_empty()) else {
        return Ok(None);
    };
    if m.chars().count() > MESSAGE_MAX_CHARS {
        return Err(Error::invalid(
            "message",
            format!("longer than {MESSAGE_MAX_CHARS} characters"),
        ));
    }
    if m.chars().any(|c| c.is_control() && c != '\n') {
        return Err(Error::invalid("message", "contains control characters"));
    }
    Ok(Some(m.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn us() -> Option<Region> {
        "US".parse().ok()
    }

    #[test]
    fn links_follow_the_uri_schemes() {
        assert_eq!(call("+18006624357", us()).uri, "tel:+18006624357");
        assert_eq!(call("+18006624357", us()).label, "Call (800) 662-4357");
        assert_eq!(call("988", us()).uri, "tel:988");
        let t = text("741741", us(), Some(Text::Keyword("HOME")));
        assert_eq!(t.uri, "sms:741741?body=HOME");
        assert_eq!(t.label, "Text HOME to 741741");
        let t = text(
            "+12015550123",
            us(),
            Some(Text::Message("Hi, can we talk? 100% & more")),
        );
        assert_eq!(
            t.uri,
            "sms:+12015550123?body=Hi%2C%20can%20we%20talk%3F%20100%25%20%26%20more"
        );
        assert_eq!(email("a+b@example.org").uri, "mailto:a%2Bb@example.org");
        // A number saved before normalisation still dials.
        assert_eq!(call("(201) 555-0123", us()).uri, "tel:+12015550123");
    }

    #[test]
    fn messages_are_bounded() {
        assert_eq!(clean_message(Some("  ")).unwrap(), None);
        assert!(clean_message(Some(&"x".repeat(MESSAGE_MAX_CHARS))).is_ok());
        assert!(clean_message(Some(&"x".repeat(MESSAGE_MAX_CHARS + 1))).is_err());
        assert!(clean_message(Some("a\u{7}")).is_err());
    }
}
