import CompanionCore
import CompanionPresenters
import SwiftUI

/// Today as the core decides it: the crisis line first, the reminder notice when reminders are
/// at risk, the check-in, today's sessions, what is coming up, and favourites.
struct TodayView: View {
    @ObservedObject var today: TodayPresenter
    let health: ReminderHealthPresenter
    let services: AppServices
    let openCheckIn: () -> Void

    var body: some View {
        List {
            if let screen = today.screen {
                if let crisis = screen.crisis {
                    Section {
                        Text(crisis.name).font(.headline)
                        ActionButtons(actions: [crisis.action])
                    }
                }
                if let notice = screen.reminderNotice {
                    Section { ReminderNoticeCard(notice: notice, health: health, services: services) }
                }
                Section("Check-in") {
                    Button(action: openCheckIn) {
                        if let checkin = screen.checkin {
                            Label("Checked in today: mood \(Int(checkin.mood))", systemImage: "checkmark.circle")
                        } else {
                            Label("How are you today?", systemImage: "square.and.pencil")
                        }
                    }
                }
                Section("Today") {
                    if screen.sessions.isEmpty {
                        Text("No sessions today.").foregroundStyle(.secondary)
                    }
                    ForEach(screen.sessions, id: \.self) { OccurrenceRow(occurrence: $0) }
                }
                if !screen.comingUp.isEmpty {
                    Section("Coming up") {
                        ForEach(screen.comingUp, id: \.self) { OccurrenceRow(occurrence: $0, showDay: true) }
                    }
                }
                if !screen.favourites.isEmpty {
                    Section("Your people") {
                        ForEach(screen.favourites, id: \.id) { ContactRow(contact: $0) }
                    }
                }
            }
            ErrorSection(message: today.error)
        }
        .navigationTitle("Today")
        .refreshable { await today.refresh() }
        .task { await today.refresh() }
    }
}

/// Today's card about reminders: ask for notification permission now (there is something to
/// remind of and iOS has not asked yet), or open reminder health.
private struct ReminderNoticeCard: View {
    let notice: ReminderNotice
    let health: ReminderHealthPresenter
    let services: AppServices

    var body: some View {
        switch notice {
        case .askPermission:
            VStack(alignment: .leading, spacing: 8) {
                Text("Turn on reminders").font(.headline)
                Text("So your sessions and check-ins can remind you, even when the app is closed.")
                    .font(.subheadline).foregroundStyle(.secondary)
                Button("Allow notifications") {
                    Task { await services.askForNotificationPermission() }
                }
                .buttonStyle(.borderedProminent)
            }
        case .needsAttention(let problems):
            NavigationLink {
                ReminderHealthView(health: health)
            } label: {
                Label("Your reminders need attention", systemImage: "exclamationmark.triangle")
            }
            .badge(Int(problems))
        }
    }
}
