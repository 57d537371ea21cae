//! Calendar interop: the schedule written as an RFC 5545 iCalendar file that Google Calendar,
//! Apple Calendar and Outlook accept, and iCalendar files from clinic scheduling systems read
//! into the schedule.
//!
//! Both directions use the `icalendar` crate: its property writer escapes text, quotes
//! parameters and folds lines; its parser tokenises components, properties and parameters.
//! What the schedule means by those properties (zones, weekly rules, cancelled and moved
//! occurrences, reminders) is decided here.

mod export;
mod import;

pub use import::{ImportSummary, MAX_ICS_BYTES};

/// The UID of a session's events is `<session id>@iop-companion`, so a file this app wrote
/// imports back onto the same sessions.
const UID_SUFFIX: &str = "@iop-companion";

/// Says whose lead times an exported event's alarms are: `DEFAULT` (the participant's default,
/// so importing the file back leaves the session on the default rather than pinning today's
/// value) or `OWN` (the session's own, possibly none, which then means no reminders rather than
/// the default). Files from elsewhere lack it: their alarms, if any, become the session's own.
const REMINDERS: &str = "X-IOP-COMPANION-REMINDERS";

/// Basic iCalendar date-time forms.
const LOCAL_FORM: &str = "%Y%m%dT%H%M%S";
const UTC_FORM: &str = "%Y%m%dT%H%M%SZ";
