import CompanionPresenters
import SwiftUI
import UIKit

/// Whether reminders will reach the participant, and each problem's fix one tap away.
struct ReminderHealthView: View {
    @ObservedObject var model: ScreenModel<ReminderHealthPresenter>
    let services: AppServices
    @Environment(\.openURL) private var openURL

    var body: some View {
        List {
            Section {
                LabeledContent("Next reminder", value: model.state.nextReminder)
                LabeledContent("Schedule last refreshed", value: model.state.lastRefresh)
            }
            Section {
                ForEach(model.state.checks) { check in
                    VStack(alignment: .leading, spacing: 6) {
                        Label(
                            check.title,
                            systemImage: check.ok ? "checkmark.circle.fill" : "exclamationmark.triangle.fill"
                        )
                        .foregroundStyle(check.ok ? .green : .orange)
                        Text(check.detail).font(.subheadline)
                        if let fix = check.fix {
                            Button(Self.title(fix)) { perform(fix) }
                                .buttonStyle(.borderedProminent)
                        }
                    }
                    .padding(.vertical, 4)
                }
            }
            if let error = model.state.error {
                Section { Text(error).foregroundStyle(.red) }
            }
        }
        .navigationTitle("Reminder health")
        .refreshable { await services.refreshHealth() }
        .task { await services.refreshHealth() }
    }

    private func perform(_ fix: ReminderFix) {
        switch fix {
        case .requestPermission:
            Task { @MainActor in await services.askForNotificationPermission() }
        case .openNotificationSettings:
            if let url = URL(string: UIApplication.openNotificationSettingsURLString) { openURL(url) }
        case .openAppSettings:
            if let url = URL(string: UIApplication.openSettingsURLString) { openURL(url) }
        case .refreshReminders:
            Task { @MainActor in await services.refreshReminders(reword: true) }
        }
    }

    private static func title(_ fix: ReminderFix) -> LocalizedStringKey {
        switch fix {
        case .requestPermission: return "Allow notifications"
        case .openNotificationSettings: return "Open notification settings"
        case .openAppSettings: return "Open Settings"
        case .refreshReminders: return "Refresh reminders now"
        }
    }
}
