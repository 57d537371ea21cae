import CompanionCore
import CompanionPresenters
import SwiftUI

/// Settings as the core lays them out (`SettingsScreenRecord`): the account and linking,
/// notifications (reminder health, discreet wording, the check-in reminder, default lead
/// times), the crisis lines' country, and the participant's data (backup, restore, export,
/// erase).
struct SettingsView: View {
    @ObservedObject var settings: SettingsPresenter
    let health: ReminderHealthPresenter
    let services: AppServices

    var body: some View {
        Form {
            if let screen = settings.screen {
                AccountSection(settings: settings, screen: screen)
                NotificationsSection(settings: settings, screen: screen, health: health)
                Section {
                    NavigationLink {
                        RegionPickerView(settings: settings)
                    } label: {
                        LabeledContent("Country for crisis lines", value: screen.effectiveRegionName ?? "")
                    }
                }
                DataSection(settings: settings, screen: screen)
            }
            OutcomeSection(settings: settings)
        }
        .disabled(settings.busy != nil)
        .navigationTitle("Settings")
        .onAppear { settings.refresh() }
    }
}

/// Busy, what a long action did (the core's lines for it), or the core's words for what went
/// wrong.
struct OutcomeSection: View {
    @ObservedObject var settings: SettingsPresenter

    var body: some View {
        if settings.busy != nil {
            Section { ProgressView() }
        }
        if let outcome = settings.outcome {
            Section {
                ForEach(outcome.summaries, id: \.self) { line in
                    // A link code is read off this screen and typed on the other device.
                    Text(line).textSelection(.enabled)
                }
            }
        }
        ErrorSection(message: settings.error)
    }
}

private struct AccountSection: View {
    @ObservedObject var settings: SettingsPresenter
    let screen: SettingsScreenRecord

    var body: some View {
        if let account = screen.account {
            Section("Program and devices") {
                // "Enrolled in Evening IOP and Family program".
                Text(account.label)
                LabeledContent("Server", value: account.server)
                Button("Sync now") { Task { await settings.syncNow() } }
                Button("Link another device") { Task { await settings.createLink() } }
            }
        } else {
            JoinSection(settings: settings)
        }
    }
}

private struct NotificationsSection: View {
    @ObservedObject var settings: SettingsPresenter
    let screen: SettingsScreenRecord
    let health: ReminderHealthPresenter

    var body: some View {
        Section {
            NavigationLink {
                ReminderHealthView(health: health)
            } label: {
                Label("Reminder health", systemImage: "stethoscope")
            }
            Toggle("Discreet notifications", isOn: Binding(
                get: { screen.discreetNotifications },
                set: { settings.setDiscreetNotifications($0) }))
            Toggle("Daily check-in reminder", isOn: Binding(
                get: { screen.checkinReminder != nil },
                set: { settings.setCheckinReminder(on: $0) }))
            if let time = screen.checkinReminder, let label = screen.checkinReminderLabel {
                let calendar = Calendar.current
                // The time in the core's words ("8:00 PM") on the button that opens the picker.
                DayTimeRow(title: "At", day: nil, time: label, selection: Binding(
                    get: { time.date(in: calendar) ?? Date() },
                    set: { date in
                        if let picked = ClockTime(date, in: calendar) { settings.setCheckinReminder(time: picked) }
                    }))
            }
        } header: {
            Text("Notifications")
        } footer: {
            Text(screen.discreetNotice)
        }
        Section("Session reminders") {
            ForEach(screen.defaultLeads, id: \.minutes) { lead in
                Text(lead.label)
                    .swipeActions {
                        Button("Remove", role: .destructive) { settings.removeDefaultLead(minutes: lead.minutes) }
                    }
            }
            // Offered while the core says another fits; its choices leave out those chosen (an
            // empty list is no menu).
            if screen.canAddLead && !screen.leadChoices.isEmpty {
                Menu("Add a reminder") {
                    ForEach(screen.leadChoices, id: \.minutes) { lead in
                        Button(lead.label) { settings.addDefaultLead(minutes: lead.minutes) }
                    }
                }
            }
        }
    }
}

/// The crisis lines' country: the phone's, or one the participant picks from the core's.
struct RegionPickerView: View {
    @ObservedObject var settings: SettingsPresenter

    var body: some View {
        List {
            if let screen = settings.screen {
                Button {
                    settings.setRegion(code: nil)
                } label: {
                    row(screen.regionUnsetLabel, chosen: screen.region == nil)
                }
                ForEach(screen.regionChoices, id: \.code) { choice in
                    Button {
                        settings.setRegion(code: choice.code)
                    } label: {
                        row(choice.name, chosen: screen.region == choice.code)
                    }
                }
            }
            ErrorSection(message: settings.error)
        }
        .navigationTitle("Country")
        .onAppear { settings.refresh() }
    }

    private func row(_ title: String, chosen: Bool) -> some View {
        HStack {
            Text(title).foregroundStyle(.primary)
            Spacer()
            if chosen { Image(systemName: "checkmark") }
        }
    }
}
