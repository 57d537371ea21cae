import SwiftUI

@main
struct CompanionApp: App {
    @UIApplicationDelegateAdaptor(AppDelegate.self) private var delegate
    @Environment(\.scenePhase) private var scenePhase

    var body: some Scene {
        WindowGroup {
            RootView(services: delegate.services)
        }
        .onChange(of: scenePhase) { phase in
            if phase == .active {
                Task { await delegate.services.becameActive() }
            }
        }
    }
}
