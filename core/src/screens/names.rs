//! The words for the core's closed sets, once for every shell: a role, a session kind, a
//! weekday, an export format, what an erase did (reminder health words its own, `verdict.rs`).
//! Each match is exhaustive, so a new case cannot go without words.

use chrono::Weekday;

use crate::data_rights::erase::ServerErasure;
use crate::data_rights::export::CheckinExportFormat;
use crate::schedule::attendance::Attendance;
use crate::schedule::session::SessionKind;
use crate::screens::onboarding::OnboardingChoice;
use crate::screens::open_problem::OpenProblemChoice;
use crate::support::contact::ContactRole;

pub fn role_label(role: ContactRole) -> &'static str {
    match role {
        ContactRole::Therapist => "Therapist",
        ContactRole::Counselor => "Counselor",
        ContactRole::Sponsor => "Sponsor",
        ContactRole::Peer => "Peer",
        ContactRole::Family => "Family",
        ContactRole::CaseManager => "Case manager",
        ContactRole::CrisisLine => "Crisis line",
        ContactRole::Other => "Other",
    }
}

pub fn session_kind_label(kind: SessionKind) -> &'static str {
    match kind {
        SessionKind::Psychoeducation => "Psychoeducation",
        SessionKind::ProcessGroup => "Process group",
        SessionKind::SkillsGroup => "Skills group",
        SessionKind::Individual => "Individual session",
        SessionKind::Family => "Family session",
        SessionKind::Aftercare => "Aftercare",
        SessionKind::Other => "Other",
    }
}

/// "Monday".
pub fn weekday_label(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// "Mon", for a row of day toggles.
pub fn weekday_short_label(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Mon",
        Weekday::Tue => "Tue",
        Weekday::Wed => "Wed",
        Weekday::Thu => "Thu",
        Weekday::Fri => "Fri",
        Weekday::Sat => "Sat",
        Weekday::Sun => "Sun",
    }
}

pub fn export_format_label(format: CheckinExportFormat) -> &'static str {
    match format {
        CheckinExportFormat::Csv => "CSV (a spreadsheet)",
        CheckinExportFormat::Json => "JSON",
        CheckinExportFormat::Fhir => "FHIR (for a clinic)",
    }
}

/// The button for an attendance mark ("Went").
pub fn attendance_label(mark: Attendance) -> &'static str {
    match mark {
        Attendance::Attended => "Went",
        Attendance::Missed => "Missed",
    }
}

/// The first run's last buttons.
pub fn onboarding_choice_label(choice: OnboardingChoice) -> &'static str {
    match choice {
        OnboardingChoice::Join => "Join with a code",
        OnboardingChoice::Alone => "Use it on my own",
    }
}

/// The buttons of the screen shown when the store cannot be opened.
pub fn open_problem_choice_label(choice: OpenProblemChoice) -> &'static str {
    match choice {
        OpenProblemChoice::TryAgain => "Try again",
        OpenProblemChoice::StartOver => "Start over",
    }
}

/// What an erase did, for the participant.
pub fn erase_summary(server: ServerErasure) -> &'static str {
    match server {
        ServerErasure::Erased => {
            "Erased from this phone and from the server. Your other devices no longer sync."
        }
        ServerErasure::AlreadyGone => "Erased from this phone. The server no longer had your data.",
        ServerErasure::NotEnrolled => "Erased from this phone.",
        ServerErasure::Kept => {
            "Erased from this phone. The server's copy remains until you erase it from another \
             device."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_case_has_words() {
        for r in ContactRole::ALL {
            assert!(!role_label(r).is_empty());
        }
        for k in crate::screens::session_choices::SESSION_KIND_CHOICES {
            assert!(!session_kind_label(k).is_empty());
        }
        assert_eq!(weekday_label(Weekday::Wed), "Wednesday");
        assert_eq!(weekday_short_label(Weekday::Sun), "Sun");
        assert_eq!(attendance_label(Attendance::Attended), "Went");
        assert_eq!(
            onboarding_choice_label(OnboardingChoice::Alone),
            "Use it on my own"
        );
        assert_eq!(
            open_problem_choice_label(OpenProblemChoice::TryAgain),
            "Try again"
        );
        assert_eq!(
            erase_summary(ServerErasure::NotEnrolled),
            "Erased from this phone."
        );
    }
}
