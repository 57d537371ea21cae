import CompanionCore
import CompanionPresenters
import SwiftUI

/// The session form: the values the core opened it with, edited here; the choices (kinds,
/// weekdays, lead times, intervals, lengths), their words and the repeat a series starts with
/// are the core's. Times are picked on the session's own wall clock, in its zone, which the
/// core names beneath.
struct SessionFormView: View {
    @ObservedObject var schedule: SchedulePresenter

    var body: some View {
        if let state = schedule.form {
            form(state)
        }
    }

    private func form(_ state: SessionFormState) -> some View {
        let values = state.edited
        let choices = state.form.choices
        let clock = WallClockBinding(zone: values.zone)
        let start = clock.date(values.start)
        return Form {
            Section {
                TextField("Title", text: text(\.title))
                Picker("Kind", selection: Binding(
                    get: { values.kind },
                    set: { kind in schedule.editForm { $0.kind = kind } }
                )) {
                    ForEach(choices.kinds, id: \.self) { kind in
                        Text(sessionKindLabel(kind: kind)).tag(kind)
                    }
                }
            }
            Section {
                let picked = schedule.pickerLabels(values.start)
                DayTimeRow(title: "Starts", day: picked.day, time: picked.time, selection: Binding(
                    get: { start },
                    set: { date in
                        if let value = clock.value(date) { schedule.editForm { $0.start = value } }
                    }))
                // The core's lengths in its words ("1 hour 30 minutes"), the session's own among
                // them when it is off the list.
                Picker("Length", selection: Binding(
                    get: { values.durationMinutes },
                    set: { minutes in schedule.editForm { $0.durationMinutes = minutes } }
                )) {
                    ForEach(choices.durationChoices, id: \.minutes) { choice in
                        Text(choice.label).tag(choice.minutes)
                    }
                }
            } footer: {
                // "Times are on the clock in Chicago."
                Text(state.zoneLabel)
            }
            .environment(\.timeZone, clock.calendar.timeZone)
            Section("Repeats") {
                // On: the core's weekly series on the start's weekday as it is now; off: a one-off.
                Toggle("Repeat", isOn: Binding(
                    get: { values.recurrence != nil },
                    set: { schedule.setRepeat($0) }))
                if let recurrence = values.recurrence {
                    ForEach(choices.weekdays, id: \.self) { day in
                        Toggle(weekdayLabel(day: day), isOn: Binding(
                            get: { recurrence.weekdays.contains(day) },
                            set: { on in
                                schedule.editForm { edited in
                                    guard let current = edited.recurrence?.weekdays else { return }
                                    edited.recurrence?.weekdays = Self.weekdays(current, day, on, order: choices.weekdays)
                                }
                            }))
                    }
                }
                if let recurrence = values.recurrence, let intervals = state.intervalChoices {
                    // The core's intervals in its words ("Every 2 weeks").
                    Picker("How often", selection: Binding(
                        get: { recurrence.intervalWeeks },
                        set: { schedule.setIntervalWeeks($0) }
                    )) {
                        ForEach(intervals, id: \.weeks) { interval in
                            Text(interval.label).tag(interval.weeks)
                        }
                    }
                }
            }
            reminders(state)
            Section("Details") {
                TextField("Place (optional)", text: text(\.location))
                TextField("Video link (optional)", text: text(\.videoLink))
                    .keyboardType(.URL)
                    .textInputAutocapitalization(.never)
                    .autocorrectionDisabled()
                TextField("Notes (optional)", text: text(\.notes), axis: .vertical)
            }
            if state.form.canRemove {
                Section {
                    Button("Remove this session", role: .destructive) { schedule.removeFormSession() }
                }
            }
            ErrorSection(message: state.error)
        }
        .navigationTitle(state.isNew ? "New session" : "Edit session")
        .navigationBarTitleDisplayMode(.inline)
        .toolbar {
            ToolbarItem(placement: .cancellationAction) {
                Button("Cancel") { schedule.closeForm() }
            }
            ToolbarItem(placement: .confirmationAction) {
                Button("Save") { schedule.saveForm() }
            }
        }
    }

    /// Reminders: the participant's defaults (the core's words for them on the switch), or lead
    /// times of this session's own from the core's choices, up to its limit.
    @ViewBuilder private func reminders(_ state: SessionFormState) -> some View {
        let values = state.edited
        let choices = state.form.choices
        Section("Reminders") {
            // "As in settings: 1 hour and 15 minutes before".
            Toggle(state.form.defaultLeadsLabel, isOn: Binding(
                get: { values.ownLeads == nil },
                set: { follow in
                    // Own lead times start from the defaults, to change from there.
                    schedule.editForm { $0.ownLeads = follow ? nil : state.form.defaultLeads.map(\.minutes) }
                }))
            if let own = values.ownLeads {
                ForEach(choices.leadChoices, id: \.minutes) { lead in
                    let chosen = own.contains(lead.minutes)
                    Toggle(lead.label, isOn: Binding(
                        get: { chosen },
                        set: { on in
                            schedule.editForm { edited in
                                var leads = Set(edited.ownLeads ?? [])
                                if on { leads.insert(lead.minutes) } else { leads.remove(lead.minutes) }
                                edited.ownLeads = choices.leadChoices.map(\.minutes).filter(leads.contains)
                            }
                        }))
                    .disabled(!chosen && own.count >= Int(choices.maxLeads))
                }
            }
        }
    }

    private func text(_ field: WritableKeyPath<SessionValuesRecord, String>) -> Binding<String> {
        Binding(
            get: { schedule.form?.edited[keyPath: field] ?? "" },
            set: { value in schedule.editForm { $0[keyPath: field] = value } })
    }

    /// The weekdays after one is turned on or off, in the core's order. Which days a series may
    /// have (at least one, the start's among them) is the core's to say when it is saved.
    static func weekdays(_ current: [Weekday], _ day: Weekday, _ on: Bool, order: [Weekday]) -> [Weekday] {
        var days = Set(current)
        if on { days.insert(day) } else { days.remove(day) }
        return order.filter(days.contains)
    }
}
