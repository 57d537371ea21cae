import CompanionCore
import CompanionPresenters
import SwiftUI

/// The store's state decides the screen: opening, the app itself (with the first run over it
/// until it is done), what the core says when the store cannot be opened, or the end of an
/// erase. Hidden behind a neutral cover whenever the app is not active, so the app switcher's
/// snapshot shows nothing personal.
struct RootView: View {
    @ObservedObject var services: AppServices
    @Environment(\.scenePhase) private var scenePhase

    var body: some View {
        content
            .overlay {
                if scenePhase != .active {
                    PrivacyCover()
                }
            }
    }

    @ViewBuilder private var content: some View {
        switch services.phase {
        case .starting:
            ProgressView()
                .task { await services.start() }
        case .ready(let session):
            MainTabs(session: session, services: services, onboarding: session.onboarding)
        case .cannotOpen(let screen):
            OpenProblemView(
                screen: screen, tryAgain: { services.startAgain() }, startOver: { services.startOver() })
        case .erased(let report):
            ErasedView(report: report, startAgain: { services.startAgain() })
        }
    }
}

private enum Tab: Hashable {
    case today, schedule, reachOut, insights, settings
}

private struct MainTabs: View {
    let session: Session
    @ObservedObject var services: AppServices
    @ObservedObject var onboarding: OnboardingPresenter
    @State private var tab: Tab = .today
    /// The check-in sheet, for today (`nil` day) or a day picked on the chart.
    @State private var checkIn: CheckInDay?

    var body: some View {
        TabView(selection: $tab) {
            NavigationStack {
                TodayView(
                    today: session.today, health: session.reminderHealth, services: services,
                    openCheckIn: { checkIn = CheckInDay(day: nil) })
            }
            .tabItem { Label("Today", systemImage: "sun.max") }
            .tag(Tab.today)
            NavigationStack {
                ScheduleView(schedule: session.schedule)
            }
            .tabItem { Label("Schedule", systemImage: "calendar") }
            .tag(Tab.schedule)
            NavigationStack {
                ReachOutView(reachOut: session.reachOut, safetyPlan: session.safetyPlan, settings: session.settings)
            }
            .tabItem { Label("Reach out", systemImage: "phone") }
            .tag(Tab.reachOut)
            NavigationStack {
                InsightsView(insights: session.insights) { day in checkIn = CheckInDay(day: day) }
            }
            .tabItem { Label("Insights", systemImage: "chart.xyaxis.line") }
            .tag(Tab.insights)
            NavigationStack {
                SettingsView(settings: session.settings, health: session.reminderHealth, services: services)
            }
            .tabItem { Label("Settings", systemImage: "gearshape") }
            .tag(Tab.settings)
        }
        .sheet(item: $checkIn) { day in
            NavigationStack {
                CheckInView(checkIn: session.checkIn, day: day.day) { checkIn = nil }
            }
        }
        .fullScreenCover(isPresented: Binding(
            get: { onboarding.needed || onboarding.finished == OnboardingChoice.join },
            set: { _ in }
        )) {
            OnboardingView(onboarding: onboarding, settings: session.settings)
        }
        .onChange(of: services.route) { target in
            guard let target else { return }
            services.route = nil
            switch target {
            case NotificationTarget.today: tab = .today
            case NotificationTarget.checkIn: checkIn = CheckInDay(day: nil)
            case NotificationTarget.settings: tab = .settings
            }
        }
    }
}

/// The day the check-in sheet is open for.
private struct CheckInDay: Identifiable {
    let day: CalendarDay?
    var id: Int32 { day?.epochDay ?? Int32.min }
}

private struct PrivacyCover: View {
    var body: some View {
        ZStack {
            Color(uiColor: .systemBackground).ignoresSafeArea()
            Image(systemName: "leaf")
                .font(.largeTitle)
                .foregroundStyle(.secondary)
        }
    }
}

/// The store cannot be opened: the core's words and choices. "Start over" (only where the core
/// offers it: a lost key, a damaged store) asks once more, with the core's warning.
private struct OpenProblemView: View {
    let screen: OpenProblemScreen
    let tryAgain: () -> Void
    let startOver: () -> Void
    @State private var confirming = false

    var body: some View {
        VStack(spacing: 16) {
            Image(systemName: "lock").font(.largeTitle)
            Text(screen.title).font(.title2.bold()).multilineTextAlignment(.center)
            Text(screen.body).multilineTextAlignment(.center).foregroundStyle(.secondary)
            ForEach(screen.choices, id: \.self) { choice in
                switch choice {
                case .tryAgain:
                    Button(openProblemChoiceLabel(choice: choice), action: tryAgain).buttonStyle(.borderedProminent)
                case .startOver:
                    Button(openProblemChoiceLabel(choice: choice), role: .destructive) { confirming = true }
                        .buttonStyle(.bordered)
                }
            }
        }
        .padding()
        .confirmationDialog("Start over?", isPresented: $confirming, titleVisibility: .visible) {
            Button(openProblemChoiceLabel(choice: .startOver), role: .destructive, action: startOver)
        } message: {
            if let warning = screen.startOverWarning { Text(warning) }
        }
    }
}

private struct ErasedView: View {
    let report: EraseReportRecord
    let startAgain: () -> Void

    var body: some View {
        VStack(spacing: 16) {
            Image(systemName: "checkmark.circle").font(.largeTitle)
            Text("Erased").font(.title2.bold())
            Text(report.summary).multilineTextAlignment(.center).foregroundStyle(.secondary)
            Button("Start again", action: startAgain).buttonStyle(.borderedProminent)
        }
        .padding()
    }
}
