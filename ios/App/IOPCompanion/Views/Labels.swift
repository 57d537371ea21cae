import CompanionCore
import Foundation

/// The names of the core's closed sets where the core gives a case but no words for it yet
/// (asked for in /work/notes/ios-notes.md, "Words for closed sets"): button and picker titles
/// only, never data, never a rule. Each switch is exhaustive, so a case the core adds is a
/// compile error here rather than a blank.
enum Labels {
    static func role(_ role: Role) -> String {
        switch role {
        case .therapist: return String(localized: "Therapist")
        case .counselor: return String(localized: "Counselor")
        case .sponsor: return String(localized: "Sponsor")
        case .peer: return String(localized: "Peer")
        case .family: return String(localized: "Family")
        case .caseManager: return String(localized: "Case manager")
        case .crisisLine: return String(localized: "Crisis line")
        case .other: return String(localized: "Other")
        }
    }

    static func kind(_ kind: SessionKind) -> String {
        switch kind {
        case .psychoeducation: return String(localized: "Psychoeducation")
        case .processGroup: return String(localized: "Process group")
        case .skillsGroup: return String(localized: "Skills group")
        case .individual: return String(localized: "Individual session")
        case .family: return String(localized: "Family session")
        case .aftercare: return String(localized: "Aftercare")
        case .other: return String(localized: "Other")
        }
    }

    /// The locale's own name for the day (Calendar numbers weekdays from Sunday, 1).
    static func weekday(_ day: Weekday, in calendar: Calendar) -> String {
        let number: Int
        switch day {
        case .sunday: number = 1
        case .monday: number = 2
        case .tuesday: number = 3
        case .wednesday: number = 4
        case .thursday: number = 5
        case .friday: number = 6
        case .saturday: number = 7
        }
        let symbols = calendar.weekdaySymbols
        return symbols.indices.contains(number - 1) ? symbols[number - 1] : ""
    }

    static func exportFormat(_ format: CheckinExportFormat) -> String {
        switch format {
        case .csv: return String(localized: "CSV (a spreadsheet)")
        case .json: return String(localized: "JSON")
        case .fhir: return String(localized: "FHIR (for a clinic)")
        }
    }

    static func fix(_ fix: HealthFix) -> String {
        switch fix {
        case .requestNotificationPermission: return String(localized: "Allow notifications")
        case .openNotificationSettings, .openChannelSettings: return String(localized: "Open notification settings")
        case .openAppSettings, .openAppDetails, .requestExactAlarms, .requestIgnoreBatteryOptimizations:
            return String(localized: "Open Settings")
        case .refreshPlan: return String(localized: "Refresh reminders now")
        }
    }

    static func overall(_ overall: Overall) -> String {
        switch overall {
        case .good: return String(localized: "Reminders will reach you")
        case .mayBeLate: return String(localized: "Reminders may be late")
        case .needsAttention: return String(localized: "Reminders need your attention")
        }
    }

    static func erased(_ server: ServerErasure) -> String {
        switch server {
        case .erased:
            return String(localized: "Erased from this phone and from the server. Your other devices no longer sync.")
        case .alreadyGone:
            return String(localized: "Erased from this phone. The server no longer had your data.")
        case .notEnrolled:
            return String(localized: "Erased from this phone.")
        case .kept:
            return String(localized: "Erased from this phone. The server's copy remains until you erase it from another device.")
        }
    }
}
