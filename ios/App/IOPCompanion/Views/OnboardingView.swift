import CompanionCore
import CompanionPresenters
import SwiftUI

/// The first run: the core's pages one at a time, the discreet switch on its page, and at the
/// end the core's two ways on (`onboardingChoiceLabel`): Join (enrolment, next) or alone.
/// Nothing is asked of iOS here.
struct OnboardingView: View {
    @ObservedObject var onboarding: OnboardingPresenter
    @ObservedObject var settings: SettingsPresenter

    var body: some View {
        NavigationStack {
            if onboarding.finished == OnboardingChoice.join {
                Form {
                    JoinSection(settings: settings)
                    OutcomeSection(settings: settings)
                }
                .navigationTitle("Join a program")
                .toolbar {
                    ToolbarItem(placement: .cancellationAction) {
                        Button("Later") { onboarding.dismissJoin() }
                    }
                }
                .onChange(of: settings.outcome) { outcome in
                    if case .joined = outcome { onboarding.dismissJoin() }
                }
            } else if let screen = onboarding.screen, screen.pages.indices.contains(onboarding.page) {
                page(screen, screen.pages[onboarding.page])
            } else {
                ProgressView()
            }
        }
        .interactiveDismissDisabled()
    }

    private func page(_ screen: OnboardingScreenRecord, _ page: OnboardingPageRecord) -> some View {
        VStack(alignment: .leading, spacing: 20) {
            Text(page.title).font(.largeTitle.bold())
            Text(page.body).font(.body)
            if page.step == .discreet {
                Toggle("Discreet notifications", isOn: Binding(
                    get: { onboarding.discreet(in: screen) },
                    set: { onboarding.setDiscreet($0) }))
            }
            if let error = onboarding.error {
                Text(error).foregroundStyle(.red)
            }
            Spacer()
            if onboarding.isLastPage {
                Button {
                    onboarding.finish(OnboardingChoice.join)
                } label: {
                    Text(onboardingChoiceLabel(choice: OnboardingChoice.join)).frame(maxWidth: .infinity)
                }
                .buttonStyle(.borderedProminent)
                Button {
                    onboarding.finish(OnboardingChoice.alone)
                } label: {
                    Text(onboardingChoiceLabel(choice: OnboardingChoice.alone)).frame(maxWidth: .infinity)
                }
                .buttonStyle(.bordered)
            } else {
                Button {
                    onboarding.next()
                } label: {
                    Text("Next").frame(maxWidth: .infinity)
                }
                .buttonStyle(.borderedProminent)
            }
        }
        .padding()
        .toolbar {
            if onboarding.page > 0 {
                ToolbarItem(placement: .cancellationAction) {
                    Button("Back") { onboarding.back() }
                }
            }
        }
    }
}

/// Enrolling with a program's code, or linking this device with a code from another of the
/// participant's devices. In Settings and after the first run's Join.
struct JoinSection: View {
    @ObservedObject var settings: SettingsPresenter
    @State private var server = ""
    @State private var code = ""
    @State private var linking = false

    var body: some View {
        Section {
            TextField("Server address", text: $server)
                .textContentType(.URL)
                .keyboardType(.URL)
                .textInputAutocapitalization(.never)
                .autocorrectionDisabled()
            TextField("Code", text: $code)
                .textInputAutocapitalization(.characters)
                .autocorrectionDisabled()
            Toggle("The code is from my other device", isOn: $linking)
            Button(linking ? "Link this device" : "Join") {
                // As typed: the core checks the address and reads the code.
                let address = server
                let typed = code
                let link = linking
                Task { await settings.join(server: address, code: typed, linking: link) }
            }
            .disabled(server.isEmpty || code.isEmpty || settings.busy != nil)
        } header: {
            Text("Program and devices")
        } footer: {
            Text("Your program gives you the server address and a code.")
        }
    }
}
