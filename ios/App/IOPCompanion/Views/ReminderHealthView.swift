import CompanionCore
import CompanionPresenters
import SwiftUI
import UIKit

/// Whether reminders will reach the participant, as the core judges it from what iOS says:
/// its verdict, how many reminders are planned, the next one and when the plan was last handed
/// to iOS, every check worst first, and each problem's fix one tap away, all in the core's words.
struct ReminderHealthView: View {
    @ObservedObject var health: ReminderHealthPresenter
    @Environment(\.openURL) private var openURL

    var body: some View {
        List {
            if let report = health.health {
                Section {
                    Text(report.overallLabel).font(.headline)
                    Text(report.plannedLabel).font(.subheadline).foregroundStyle(.secondary)
                    if let next = report.next {
                        VStack(alignment: .leading, spacing: 2) {
                            Text("Next reminder").font(.caption).foregroundStyle(.secondary)
                            Text(next.label)
                            Text(next.notification.title)
                            Text(next.notification.body).font(.subheadline).foregroundStyle(.secondary)
                        }
                    }
                    if let applied = report.lastAppliedLabel {
                        LabeledContent("Last updated", value: applied)
                    }
                }
                Section {
                    ForEach(report.checks, id: \.self) { check in
                        CheckRow(check: check, fixing: health.fixing) { fix in
                            Task {
                                if let page = await health.perform(fix) { open(page) }
                            }
                        }
                    }
                }
            }
            ErrorSection(message: health.error)
        }
        .navigationTitle("Reminder health")
        .refreshable { await health.refresh() }
        .task { await health.refresh() }
    }

    private func open(_ page: SettingsPage) {
        let address: String
        switch page {
        case .notifications: address = UIApplication.openNotificationSettingsURLString
        case .app: address = UIApplication.openSettingsURLString
        }
        if let url = URL(string: address) { openURL(url) }
    }
}

private struct CheckRow: View {
    let check: HealthCheck
    let fixing: HealthFix?
    let perform: (HealthFix) -> Void

    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            Label(check.title, systemImage: Self.icon(check.status))
                .foregroundStyle(Self.tint(check.status))
            Text(check.detail).font(.subheadline)
            if let fix = check.fix, let label = check.fixLabel {
                Button(label) { perform(fix) }
                    .buttonStyle(.borderedProminent)
                    .disabled(fixing != nil)
            }
        }
        .padding(.vertical, 4)
    }

    static func icon(_ status: HealthStatus) -> String {
        switch status {
        case .ok: return "checkmark.circle.fill"
        case .advice: return "info.circle.fill"
        case .warning: return "exclamationmark.triangle.fill"
        case .problem: return "xmark.octagon.fill"
        }
    }

    static func tint(_ status: HealthStatus) -> Color {
        switch status {
        case .ok: return .green
        case .advice: return .blue
        case .warning: return .orange
        case .problem: return .red
        }
    }
}
