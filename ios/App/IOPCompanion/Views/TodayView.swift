import CompanionPresenters
import SwiftUI

struct TodayView: View {
    @ObservedObject var model: ScreenModel<TodayPresenter>
    let services: AppServices
    let health: ScreenModel<ReminderHealthPresenter>
    let checkIn: () -> Void

    var body: some View {
        List {
            if let notice = model.state.reminderNotice {
                Section { ReminderNoticeRow(notice: notice, services: services, health: health) }
            }
            Section("Check-in") {
                switch model.state.checkIn {
                case .notYet:
                    Button(action: checkIn) {
                        Label("How are you today?", systemImage: "square.and.pencil")
                    }
                case .done(let mood):
                    Button(action: checkIn) {
                        Label("Checked in today — mood \(mood) of 10", systemImage: "checkmark.circle")
                    }
                }
            }
            Section("Today") {
                if model.state.sessions.isEmpty {
                    Text("No sessions today.").foregroundStyle(.secondary)
                }
                ForEach(model.state.sessions) { SessionRowView(row: $0, showDay: false) }
            }
            if !model.state.upcoming.isEmpty {
                Section("Coming up") {
                    ForEach(model.state.upcoming) { SessionRowView(row: $0, showDay: true) }
                }
            }
            if !model.state.favourites.isEmpty {
                Section("Your people") {
                    Text(model.state.favourites.joined(separator: ", "))
                    Text("Reach out is one tap away, in the Reach out tab.")
                        .font(.footnote).foregroundStyle(.secondary)
                }
            }
            if let error = model.state.error {
                Section { Text(error).foregroundStyle(.red) }
            }
        }
        .navigationTitle(model.state.title.isEmpty ? "Today" : model.state.title)
        .refreshable { model.presenter.refresh() }
        .onAppear { model.presenter.refresh() }
    }
}

struct SessionRowView: View {
    let row: SessionRow
    let showDay: Bool
    @Environment(\.openURL) private var openURL

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text(row.title)
                .font(.headline)
                .strikethrough(row.status == .cancelled)
            if showDay {
                Text(row.day).font(.subheadline)
            }
            Text(row.time).font(.subheadline)
            if let other = row.sessionZoneTime {
                Text("\(other) where the session is").font(.footnote).foregroundStyle(.secondary)
            }
            if let location = row.location {
                Text(location).font(.footnote).foregroundStyle(.secondary)
            }
            switch row.status {
            case .cancelled: Text("Cancelled").font(.footnote.bold()).foregroundStyle(.orange)
            case .moved: Text("Moved").font(.footnote.bold()).foregroundStyle(.orange)
            case .scheduled: EmptyView()
            }
            if let link = row.videoLink, row.status != .cancelled {
                Button("Join video") { openURL(link) }.font(.footnote)
            }
        }
    }
}

/// Today's card about reminders: ask for permission (the right moment: there is something to
/// remind of) or open reminder health.
private struct ReminderNoticeRow: View {
    let notice: TodayState.ReminderNotice
    let services: AppServices
    let health: ScreenModel<ReminderHealthPresenter>

    var body: some View {
        switch notice {
        case .askPermission:
            VStack(alignment: .leading, spacing: 8) {
                Text("Turn on reminders").font(.headline)
                Text("So your sessions and check-ins can remind you, even when the app is closed.")
                    .font(.subheadline).foregroundStyle(.secondary)
                Button("Allow notifications") {
                    Task { @MainActor in await services.askForNotificationPermission() }
                }
                .buttonStyle(.borderedProminent)
            }
        case .needsAttention(let problems):
            NavigationLink {
                ReminderHealthView(model: health, services: services)
            } label: {
                Label(
                    problems == 1 ? "1 thing may stop reminders" : "\(problems) things may stop reminders",
                    systemImage: "exclamationmark.triangle")
            }
        }
    }
}
