import CompanionCore
import CompanionPresenters
import SwiftUI

/// The schedule as the core lays it out: the next days, the recent sessions to mark, and the
/// sessions themselves (the program's read-only, the participant's own to add, edit or remove).
/// What may be done to an occurrence (cancel, move, restore) is the core's to say.
struct ScheduleView: View {
    @ObservedObject var schedule: SchedulePresenter
    @State private var moving: Moving?

    var body: some View {
        List {
            if let screen = schedule.screen {
                ForEach(screen.days, id: \.date) { day in
                    Section(day.label) {
                        ForEach(day.occurrences, id: \.self) { occurrence in
                            OccurrenceRow(occurrence: occurrence)
                                .swipeActions { occurrenceActions(occurrence) }
                        }
                    }
                }
                if !screen.recent.isEmpty {
                    Section("Did you go?") {
                        ForEach(screen.recent, id: \.self) { entry in
                            AttendanceRow(entry: entry, schedule: schedule)
                        }
                    }
                }
                Section("Sessions") {
                    ForEach(screen.sessions, id: \.id) { session in
                        SessionRow(session: session, schedule: schedule)
                    }
                }
            }
            ErrorSection(message: schedule.error)
        }
        .navigationTitle("Schedule")
        .toolbar {
            Button {
                schedule.openForm(sessionId: nil)
            } label: {
                Label("Add a session", systemImage: "plus")
            }
        }
        .sheet(item: $schedule.form) { _ in
            NavigationStack { SessionFormView(schedule: schedule) }
        }
        .sheet(item: $moving) { item in
            NavigationStack {
                MoveOccurrenceView(occurrence: item.occurrence) { start in
                    if schedule.move(item.occurrence, to: start) { moving = nil }
                } cancel: {
                    moving = nil
                }
            }
        }
        .refreshable { await schedule.refresh() }
        .onAppear { schedule.refresh() }
    }

    @ViewBuilder private func occurrenceActions(_ occurrence: OccurrenceViewRecord) -> some View {
        if occurrence.canCancel {
            Button("Cancel", role: .destructive) { schedule.cancel(occurrence) }
        }
        if occurrence.canRestore {
            Button("Restore") { schedule.restore(occurrence) }
        }
        if occurrence.canMove {
            Button("Move") { moving = Moving(occurrence: occurrence) }
        }
    }
}

private struct Moving: Identifiable {
    let occurrence: OccurrenceViewRecord
    var id: String { occurrence.sessionId + "/" + occurrence.seriesDate.description }
}

/// A recent occurrence to mark attended or missed (or unmark).
private struct AttendanceRow: View {
    let entry: AttendanceViewRecord
    let schedule: SchedulePresenter

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            OccurrenceRow(occurrence: entry.occurrence, showDay: true)
            HStack {
                Button("Went") { schedule.mark(entry.occurrence, .attended) }
                    .buttonStyle(.bordered)
                    .tint(entry.mark == .attended ? .green : .secondary)
                Button("Missed") { schedule.mark(entry.occurrence, .missed) }
                    .buttonStyle(.bordered)
                    .tint(entry.mark == .missed ? .orange : .secondary)
                if entry.mark != nil {
                    Button("Clear") { schedule.clearMark(entry.occurrence) }
                        .buttonStyle(.borderless)
                }
            }
        }
    }
}

/// A session: the core's summary of when it repeats and its reminders; the participant's own
/// open the form, the program's are read-only.
private struct SessionRow: View {
    let session: SessionViewRecord
    let schedule: SchedulePresenter

    var body: some View {
        Button {
            if !session.fromProgram { schedule.openForm(sessionId: session.id) }
        } label: {
            VStack(alignment: .leading, spacing: 4) {
                HStack {
                    Text(session.title).font(.headline)
                    Spacer()
                    if session.fromProgram {
                        Text("Program").font(.caption).foregroundStyle(.secondary)
                    }
                }
                Text(session.summary).font(.subheadline)
                Text(session.leadsLabel).font(.footnote).foregroundStyle(.secondary)
            }
        }
        .foregroundStyle(.primary)
        .swipeActions {
            if !session.fromProgram {
                Button("Remove", role: .destructive) { schedule.remove(sessionId: session.id) }
            }
        }
    }
}

/// A new start for one occurrence, picked on the session's own wall clock (in its zone).
private struct MoveOccurrenceView: View {
    let occurrence: OccurrenceViewRecord
    let save: (DayTime) -> Void
    let cancel: () -> Void
    @State private var start = Date()

    private var clock: WallClockBinding {
        WallClockBinding(zone: occurrence.sessionClock?.zone ?? TimeZone.current.identifier)
    }

    var body: some View {
        Form {
            DatePicker("Starts", selection: $start)
                .environment(\.timeZone, clock.calendar.timeZone)
            if let other = occurrence.sessionClock {
                Text("On the clock in \(other.city), where the session is.").font(.footnote).foregroundStyle(.secondary)
            }
        }
        .navigationTitle(occurrence.title)
        .toolbar {
            ToolbarItem(placement: .cancellationAction) { Button("Cancel", action: cancel) }
            ToolbarItem(placement: .confirmationAction) {
                Button("Move") {
                    if let value = clock.value(start) { save(value) }
                }
            }
        }
        .onAppear {
            start = clock.date(occurrence.sessionClock?.start ?? occurrence.localStart)
        }
    }
}
