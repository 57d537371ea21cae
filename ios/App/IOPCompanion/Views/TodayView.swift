import CompanionCore
import CompanionPresenters
import SwiftUI

/// Today as the core decides it: the crisis line first, the reminder card when reminders are
/// at risk, the check-in (the core's line once done), today's sessions (the core's line when
/// there are none), what is coming up, and favourites.
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
                if let card = screen.reminderCard, let action = today.reminderCardAction {
                    Section { ReminderCard(card: card, action: action, health: health, services: services) }
                }
                Section("Check-in") {
                    Button(action: openCheckIn) {
                        if let checkin = screen.checkin {
                            Label(checkin.label, systemImage: "checkmark.circle")
                        } else {
                            Label("How are you today?", systemImage: "square.and.pencil")
                        }
                    }
                }
                Section("Today") {
                    if screen.sessions.isEmpty {
                        Text(screen.emptyLabel).foregroundStyle(.secondary)
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

/// Today's card about reminders, in the core's words: its button asks for notification
/// permission (there is something to remind of and iOS has not asked yet), or opens reminder
/// health.
private struct ReminderCard: View {
    let card: ReminderCardRecord
    let action: ReminderCardAction
    let health: ReminderHealthPresenter
    let services: AppServices

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            Label(card.title, systemImage: icon).font(.headline)
            Text(card.detail).font(.subheadline).foregroundStyle(.secondary)
            switch action {
            case .askPermission:
                Button(card.button) {
                    Task { await services.askForNotificationPermission() }
                }
                .buttonStyle(.borderedProminent)
            case .openReminderHealth:
                NavigationLink(card.button) {
                    ReminderHealthView(health: health)
                }
            }
        }
    }

    private var icon: String {
        switch action {
        case .askPermission: return "bell"
        case .openReminderHealth: return "exclamationmark.triangle"
        }
    }
}
