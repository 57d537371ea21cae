import CompanionPresenters
import SwiftUI

/// The store's state decides the screen: opening, the app itself, or what to do when the
/// store cannot be opened. Hidden behind a neutral cover whenever the app is not active, so
/// the app switcher's snapshot shows nothing personal.
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
                .task { services.start() }
        case .ready(let session):
            MainTabs(session: session, services: services)
        case .keyMissing:
            KeyMissingView(startOver: services.startOverWithoutUnreadableStore)
        case .unavailable(let message):
            MessageView(
                systemImage: "lock", title: "Not available right now", message: message,
                action: "Try again", perform: services.startAgain)
        case .erased(let summary):
            MessageView(
                systemImage: "checkmark.circle", title: "Erased",
                message: summary ?? String(localized: "Everything of yours is gone from this phone."),
                action: "Start again", perform: services.startAgain)
        }
    }
}

private struct MainTabs: View {
    let session: Session
    @ObservedObject var services: AppServices
    @State private var showCheckIn = false

    var body: some View {
        TabView {
            NavigationStack {
                TodayView(
                    model: session.today, services: services, health: session.reminderHealth,
                    checkIn: { showCheckIn = true })
            }
            .tabItem { Label("Today", systemImage: "sun.max") }
            NavigationStack {
                ScheduleView(model: session.schedule)
            }
            .tabItem { Label("Schedule", systemImage: "calendar") }
            NavigationStack {
                ReachOutView(model: session.reachOut, safetyPlan: session.safetyPlan)
            }
            .tabItem { Label("Reach out", systemImage: "phone") }
            NavigationStack {
                InsightsView(model: session.insights)
            }
            .tabItem { Label("Insights", systemImage: "chart.xyaxis.line") }
            NavigationStack {
                SettingsView(model: session.settings, health: session.reminderHealth, services: services)
            }
            .tabItem { Label("Settings", systemImage: "gearshape") }
        }
        .sheet(isPresented: $showCheckIn) {
            NavigationStack {
                CheckInView(model: session.checkIn) { showCheckIn = false }
            }
        }
        .onChange(of: services.route) { route in
            if route == .checkIn {
                session.checkIn.presenter.load()
                showCheckIn = true
                services.route = nil
            }
        }
    }
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

struct MessageView: View {
    let systemImage: String
    let title: LocalizedStringKey
    let message: String
    let action: LocalizedStringKey
    let perform: () -> Void

    var body: some View {
        VStack(spacing: 16) {
            Image(systemName: systemImage).font(.largeTitle)
            Text(title).font(.title2.bold())
            Text(message).multilineTextAlignment(.center).foregroundStyle(.secondary)
            Button(action: perform) { Text(action) }
                .buttonStyle(.borderedProminent)
        }
        .padding()
    }
}

/// A store is on this phone but its key is not in the Keychain: nobody can read it. Starting
/// over is the participant's choice; a backup restores their data afterwards.
private struct KeyMissingView: View {
    let startOver: () -> Void
    @State private var confirming = false

    var body: some View {
        VStack(spacing: 16) {
            Image(systemName: "key.slash").font(.largeTitle)
            Text("Your data cannot be opened").font(.title2.bold())
            Text(
                "The key that protects your data is no longer on this phone, so nobody can read it. You can start again with an empty companion and restore a backup in Settings."
            )
            .multilineTextAlignment(.center)
            .foregroundStyle(.secondary)
            Button("Start again", role: .destructive) { confirming = true }
                .buttonStyle(.borderedProminent)
        }
        .padding()
        .confirmationDialog("Start again?", isPresented: $confirming, titleVisibility: .visible) {
            Button("Remove the unreadable data and start again", role: .destructive, action: startOver)
        }
    }
}

/// The buttons for one person or line: call, text, TTY, email, each opening the core's URL
/// with the system (dialer, Messages, Mail).
struct ActionButtons: View {
    let actions: [ContactAction]
    @Environment(\.openURL) private var openURL

    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            ForEach(actions) { action in
                Button {
                    openURL(action.url)
                } label: {
                    Label(action.label, systemImage: action.kind.systemImage)
                }
                // Not the default style: in a list row, default buttons all fire together.
                .buttonStyle(.bordered)
            }
        }
    }
}

extension ContactAction.Kind {
    var systemImage: String {
        switch self {
        case .call: return "phone"
        case .text: return "message"
        case .tty: return "teletype"
        case .email: return "envelope"
        }
    }
}
