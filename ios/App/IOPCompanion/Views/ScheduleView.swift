import CompanionPresenters
import SwiftUI

struct ScheduleView: View {
    @ObservedObject var model: ScreenModel<SchedulePresenter>
    @State private var adding = false

    var body: some View {
        List {
            ForEach(model.state.days) { day in
                Section(day.title) {
                    ForEach(day.rows) { row in
                        SessionRowView(row: row, showDay: false)
                            .swipeActions {
                                if model.state.editable.contains(row.sessionId) {
                                    if row.status == .cancelled {
                                        Button("Restore") { model.presenter.restore(row) }
                                    } else {
                                        Button("Cancel", role: .destructive) { model.presenter.cancel(row) }
                                    }
                                }
                            }
                    }
                }
            }
            if !model.state.past.isEmpty {
                Section("Did you go?") {
                    ForEach(model.state.past) { past in
                        VStack(alignment: .leading) {
                            SessionRowView(row: past.session, showDay: true)
                            HStack {
                                Button("Went") { model.presenter.markAttended(past.session) }
                                    .buttonStyle(.bordered)
                                    .tint(past.mark == .attended ? .green : .secondary)
                                Button("Missed") { model.presenter.markMissed(past.session) }
                                    .buttonStyle(.bordered)
                                    .tint(past.mark == .missed ? .orange : .secondary)
                            }
                        }
                    }
                }
            }
            Section("Sessions") {
                ForEach(model.state.sessions) { session in
                    HStack {
                        Text(session.title)
                        Spacer()
                        if session.fromProgram {
                            Text("Program").font(.caption).foregroundStyle(.secondary)
                        }
                    }
                    .swipeActions {
                        if !session.fromProgram {
                            Button("Remove", role: .destructive) {
                                model.presenter.removeSession(id: session.id)
                            }
                        }
                    }
                }
            }
            if let error = model.state.error {
                Section { Text(error).foregroundStyle(.red) }
            }
        }
        .navigationTitle("Schedule")
        .toolbar {
            Button { adding = true } label: { Label("Add a session", systemImage: "plus") }
        }
        .sheet(isPresented: $adding) {
            NavigationStack {
                AddSessionView { draft in
                    if model.presenter.add(draft) { adding = false }
                } cancel: {
                    adding = false
                }
            }
        }
        .refreshable { model.presenter.refresh() }
        .onAppear { model.presenter.refresh() }
    }
}

/// A personal session: title, start, length, weekdays to repeat on, place.
private struct AddSessionView: View {
    let save: (SessionDraft) -> Void
    let cancel: () -> Void
    @State private var draft = SessionDraft(start: Date().addingTimeInterval(3600))

    var body: some View {
        Form {
            TextField("Title", text: $draft.title)
            DatePicker("Starts", selection: $draft.start)
            Stepper(value: $draft.durationMinutes, in: 15...480, step: 15) {
                Text("\(draft.durationMinutes) minutes")
            }
            Section("Repeats on") {
                ForEach(SessionDraft.weekdayCodes, id: \.self) { code in
                    Toggle(Self.weekdayName(code), isOn: Binding(
                        get: { draft.weekdays.contains(code) },
                        set: { on in
                            if on { draft.weekdays.insert(code) } else { draft.weekdays.remove(code) }
                        }))
                }
            }
            TextField("Place (optional)", text: $draft.location)
        }
        .navigationTitle("New session")
        .toolbar {
            ToolbarItem(placement: .cancellationAction) { Button("Cancel", action: cancel) }
            ToolbarItem(placement: .confirmationAction) {
                Button("Add") { save(draft) }.disabled(draft.title.isEmpty)
            }
        }
    }

    /// The participant's name for a core weekday code ("MO" → "Monday").
    private static func weekdayName(_ code: String) -> String {
        let order = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]  // weekdaySymbols starts on Sunday
        let symbols = Calendar.current.weekdaySymbols
        guard let index = order.firstIndex(of: code), index < symbols.count else { return code }
        return symbols[index]
    }
}
