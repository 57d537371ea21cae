import CompanionCore
import CompanionPresenters
import SwiftUI

/// The schedule as the core lays it out: the next days, the recent sessions to mark, and the
/// sessions themselves (the program's read-only, the participant's own to add, edit or remove).
/// What may be done to an occurrence (cancel, move, restore) is the core's to say.
struct ScheduleView: View {
    @ObservedObject var schedule: SchedulePresenter

    var body: some View {
        List {
            if let screen = schedule.screen {
                if screen.days.isEmpty {
                    // "Nothing in the next 14 days".
                    Section { Text(screen.emptyLabel).foregroundStyle(.secondary) }
                }
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
        .sheet(item: $schedule.moving) { _ in
            NavigationStack { MoveOccurrenceView(schedule: schedule) }
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
            Button("Move") { schedule.openMove(occurrence) }
        }
    }
}

/// A recent occurrence to mark attended or missed (or unmark).
private struct AttendanceRow: View {
    let entry: AttendanceViewRecord
    let schedule: SchedulePresenter

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            OccurrenceRow(occurrence: entry.occurrence, showDay: true)
            HStack {
                Button(attendanceMarkLabel(mark: .attended)) { schedule.mark(entry.occurrence, .attended) }
                    .buttonStyle(.bordered)
                    .tint(entry.mark == .attended ? .green : .secondary)
                Button(attendanceMarkLabel(mark: .missed)) { schedule.mark(entry.occurrence, .missed) }
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

/// The core's move form: a new start for one occurrence, picked on the session's own clock (in
/// the form's zone, with the core's note when that clock reads differently from the phone's),
/// and its length, one of the core's choices.
private struct MoveOccurrenceView: View {
    @ObservedObject var schedule: SchedulePresenter

    var body: some View {
        if let state = schedule.moving {
            form(state)
        }
    }

    private func form(_ state: MoveFormState) -> some View {
        let clock = WallClockBinding(zone: state.form.zone)
        let start = clock.date(state.start)
        let starts = schedule.pickerLabels(state.start)
        return Form {
            Section {
                DayTimeRow(title: "Starts", day: starts.day, time: starts.time, selection: Binding(
                    get: { start },
                    set: { date in
                        if let value = clock.value(date) { schedule.editMove { $0.start = value } }
                    }))
                // The core's lengths in its words ("1 hour 30 minutes"), the occurrence's own
                // among them when it is off the list.
                Picker("Length", selection: Binding(
                    get: { state.durationMinutes },
                    set: { minutes in schedule.editMove { $0.durationMinutes = minutes } }
                )) {
                    ForEach(state.form.durationChoices, id: \.minutes) { choice in
                        Text(choice.label).tag(choice.minutes)
                    }
                }
            } footer: {
                if let note = state.form.clockNote { Text(note) }
            }
            .environment(\.timeZone, clock.calendar.timeZone)
            ErrorSection(message: state.error)
        }
        .navigationTitle(state.form.title)
        .navigationBarTitleDisplayMode(.inline)
        .toolbar {
            ToolbarItem(placement: .cancellationAction) { Button("Cancel") { schedule.closeMove() } }
            ToolbarItem(placement: .confirmationAction) { Button("Move") { schedule.saveMove() } }
        }
    }
}
