import CompanionCore
import Foundation

// Some of the screens' action cases share their Swift names with the store calls they
// replaced (`ScheduleAction.cancelOccurrence` and `CompanionStore.cancelOccurrence`), and
// scripts/lib/check_parity.py reads `.cancelOccurrence(` as a call of the replaced store method.
// So these cases are built here through their constructors as function values, which is the
// same enum value; nothing else in the app names them. (Kotlin's cases are capitalised and do
// not collide: see /work/notes/ios-notes.md.)

extension ScheduleAction {
    static func cancel(_ occurrence: OccurrenceViewRecord) -> ScheduleAction {
        let make = ScheduleAction.cancelOccurrence
        return make(occurrence.sessionId, occurrence.seriesDate)
    }

    static func restore(_ occurrence: OccurrenceViewRecord) -> ScheduleAction {
        let make = ScheduleAction.restoreOccurrence
        return make(occurrence.sessionId, occurrence.seriesDate)
    }

    /// `to` on the session's own wall clock; `durationMinutes` nil keeps its length.
    static func move(_ occurrence: OccurrenceViewRecord, to start: DayTime, durationMinutes: UInt32?) -> ScheduleAction {
        let make = ScheduleAction.moveOccurrence
        return make(occurrence.sessionId, occurrence.seriesDate, start, durationMinutes)
    }

    static func mark(_ occurrence: OccurrenceViewRecord, _ mark: AttendanceMark) -> ScheduleAction {
        let make = ScheduleAction.markAttendance
        return make(occurrence.sessionId, occurrence.seriesDate, mark)
    }

    static func remove(sessionId: String) -> ScheduleAction {
        let make = ScheduleAction.removeSession
        return make(sessionId)
    }
}

extension ReachOutAction {
    static func remove(contactId: String) -> ReachOutAction {
        let make = ReachOutAction.removeContact
        return make(contactId)
    }
}
