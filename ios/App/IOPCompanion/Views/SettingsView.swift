import CompanionCore
import CompanionPresenters
import SwiftUI
import UniformTypeIdentifiers

struct SettingsView: View {
    @ObservedObject var model: ScreenModel<SettingsPresenter>
    let health: ScreenModel<ReminderHealthPresenter>
    let services: AppServices

    private var state: SettingsState { model.state }

    var body: some View {
        Form {
            NotificationsSection(model: model, health: health, services: services)
            AccountSection(model: model)
            BackupSection(model: model)
            EraseSection(model: model, services: services)
            if state.busy != nil {
                Section { ProgressView() }
            }
            if let notice = state.notice {
                Section { Text(notice) }
            }
            if let error = state.error {
                Section { Text(error).foregroundStyle(.red) }
            }
        }
        .disabled(state.busy != nil)
        .navigationTitle("Settings")
        .onAppear { model.presenter.refresh() }
    }
}

private struct NotificationsSection: View {
    @ObservedObject var model: ScreenModel<SettingsPresenter>
    let health: ScreenModel<ReminderHealthPresenter>
    let services: AppServices

    private var state: SettingsState { model.state }

    var body: some View {
        Section {
            NavigationLink {
                ReminderHealthView(model: health, services: services)
            } label: {
                Label("Reminder health", systemImage: "stethoscope")
            }
            Toggle("Discreet notifications", isOn: Binding(
                get: { state.discreetNotifications },
                set: { model.presenter.setDiscreetNotifications($0) }))
            Toggle("Daily check-in reminder", isOn: Binding(
                get: { state.checkinReminderOn },
                set: { on in
                    if on {
                        model.presenter.setCheckinReminder(
                            hour: state.checkinReminderHour, minute: state.checkinReminderMinute)
                    } else {
                        model.presenter.turnOffCheckinReminder()
                    }
                }))
            if state.checkinReminderOn {
                DatePicker("At", selection: reminderTime, displayedComponents: .hourAndMinute)
            }
        } header: {
            Text("Notifications")
        } footer: {
            Text("Discreet notifications never name a session, a program or treatment.")
        }
        Section("Session reminders") {
            ForEach(state.leadTimes) { lead in
                Text(lead.label)
                    .swipeActions {
                        Button("Remove", role: .destructive) {
                            model.presenter.removeLeadTime(minutes: lead.minutes)
                        }
                    }
            }
            if !state.leadTimeChoices.isEmpty {
                Menu("Add a reminder") {
                    ForEach(state.leadTimeChoices) { choice in
                        Button(choice.label) { model.presenter.addLeadTime(minutes: choice.minutes) }
                    }
                }
            }
        }
    }

    /// The check-in reminder's time as a Date for the picker (hour and minute only).
    private var reminderTime: Binding<Date> {
        Binding(
            get: {
                Calendar.current.date(
                    from: DateComponents(hour: state.checkinReminderHour, minute: state.checkinReminderMinute))
                    ?? Date()
            },
            set: { date in
                let parts = Calendar.current.dateComponents([.hour, .minute], from: date)
                model.presenter.setCheckinReminder(hour: parts.hour ?? 20, minute: parts.minute ?? 0)
            })
    }
}

private struct AccountSection: View {
    @ObservedObject var model: ScreenModel<SettingsPresenter>
    @State private var server = ""
    @State private var code = ""
    @State private var linking = false

    var body: some View {
        Section("Program and devices") {
            switch model.state.account {
            case .notEnrolled:
                TextField("Server address", text: $server)
                    .textContentType(.URL)
                    .keyboardType(.URL)
                    .textInputAutocapitalization(.never)
                    .autocorrectionDisabled()
                TextField("Code", text: $code)
                    .textInputAutocapitalization(.characters)
                    .autocorrectionDisabled()
                Toggle("This code links my other device", isOn: $linking)
                Button(linking ? "Link this device" : "Enrol") {
                    let address = server.trimmingCharacters(in: .whitespaces)
                    let typed = code.trimmingCharacters(in: .whitespaces)
                    let linkOnly = linking
                    Task { @MainActor in
                        if linkOnly {
                            await model.presenter.redeemLink(server: address, code: typed)
                        } else {
                            await model.presenter.enroll(server: address, code: typed)
                        }
                    }
                }
                .disabled(server.isEmpty || code.isEmpty)
            case .enrolled(let programs):
                if !programs.isEmpty {
                    LabeledContent("Programs", value: programs.joined(separator: ", "))
                }
                Button("Sync now") { Task { @MainActor in await model.presenter.syncNow() } }
                Button("Link another device") { Task { @MainActor in await model.presenter.createLink() } }
                if let code = model.state.linkCode {
                    Text(code).font(.title2.monospaced()).textSelection(.enabled)
                }
            }
        }
    }
}

private struct BackupSection: View {
    @ObservedObject var model: ScreenModel<SettingsPresenter>
    @State private var passphrase = ""
    @State private var confirmation = ""
    /// One document picker for backups and exports: two fileExporters on one view conflict.
    @State private var outgoing: DataDocument?
    @State private var exporting = false
    @State private var importing = false
    @State private var restoreData: Data?
    @State private var restorePassphrase = ""
    /// The format chosen, while the core's notice (exports are not encrypted) is on screen.
    @State private var exportFormat: CheckinExportFormat?

    var body: some View {
        Section {
            SecureField("Passphrase (10 characters or more)", text: $passphrase)
            SecureField("Passphrase again", text: $confirmation)
            Button("Make a backup") {
                Task { @MainActor in
                    if let file = await model.presenter.makeBackup(
                        passphrase: passphrase, confirmation: confirmation)
                    {
                        outgoing = DataDocument(file: file)
                        exporting = true
                        passphrase = ""
                        confirmation = ""
                    }
                }
            }
            .disabled(passphrase.isEmpty)
            Button("Restore a backup") { importing = true }
            Menu("Export check-ins") {
                Button("CSV (spreadsheet)") { exportFormat = .csv }
                Button("FHIR (for a clinic)") { exportFormat = .fhir }
                Button("JSON") { exportFormat = .json }
            }
        } header: {
            Text("Backup")
        } footer: {
            Text("A backup is encrypted with your passphrase; nobody can open it without it.")
        }
        .fileExporter(
            isPresented: $exporting, document: outgoing, contentType: outgoing?.contentType ?? .data,
            defaultFilename: outgoing?.fileName
        ) { _ in outgoing = nil }
        .fileImporter(isPresented: $importing, allowedContentTypes: [.data]) { result in
            guard case .success(let url) = result else { return }
            let scoped = url.startAccessingSecurityScopedResource()
            defer { if scoped { url.stopAccessingSecurityScopedResource() } }
            restoreData = try? Data(contentsOf: url)
        }
        .alert(
            "Restore this backup?",
            isPresented: Binding(get: { restoreData != nil }, set: { if !$0 { restoreData = nil } })
        ) {
            SecureField("Passphrase", text: $restorePassphrase)
            Button("Restore") {
                if let data = restoreData {
                    let passphrase = restorePassphrase
                    Task { @MainActor in await model.presenter.restore(backup: data, passphrase: passphrase) }
                }
                restoreData = nil
                restorePassphrase = ""
            }
            Button("Cancel", role: .cancel) {
                restoreData = nil
                restorePassphrase = ""
            }
        } message: {
            Text("Its records are merged into this phone's; nothing here is removed.")
        }
        .alert(
            "Export check-ins?",
            isPresented: Binding(get: { exportFormat != nil }, set: { if !$0 { exportFormat = nil } })
        ) {
            Button("Export") {
                if let format = exportFormat { exportCheckins(format) }
                exportFormat = nil
            }
            Button("Cancel", role: .cancel) { exportFormat = nil }
        } message: {
            Text(model.state.exportNotice)
        }
    }

    private func exportCheckins(_ format: CheckinExportFormat) {
        guard let file = model.presenter.export(format: format) else { return }
        outgoing = DataDocument(file: file)
        exporting = true
    }
}

private struct EraseSection: View {
    @ObservedObject var model: ScreenModel<SettingsPresenter>
    let services: AppServices
    @State private var confirming = false

    var body: some View {
        Section {
            Button("Erase everything", role: .destructive) { confirming = true }
            if model.state.offerLocalErase {
                Button("Erase this phone only", role: .destructive) { erase(localOnly: true) }
            }
        } footer: {
            Text("Erases your data on the server and on this phone. Your other devices stop syncing.")
        }
        .confirmationDialog("Erase everything?", isPresented: $confirming, titleVisibility: .visible) {
            Button("Erase everything", role: .destructive) { erase(localOnly: false) }
        } message: {
            Text("This cannot be undone. Make a backup first if you may want your data again.")
        }
    }

    private func erase(localOnly: Bool) {
        Task { @MainActor in
            if await model.presenter.erase(localOnly: localOnly) {
                services.didErase(summary: model.presenter.state.notice)
            }
        }
    }
}

/// Bytes for the document picker: a backup or an export.
struct DataDocument: FileDocument {
    static var readableContentTypes: [UTType] { [.data] }

    var data: Data
    var fileName: String
    var contentType: UTType

    init(file: ExportedFile) {
        data = file.data
        fileName = file.fileName
        contentType = UTType(mimeType: file.mediaType) ?? .data
    }

    init(configuration: ReadConfiguration) throws {
        data = configuration.file.regularFileContents ?? Data()
        fileName = configuration.file.filename ?? "file"
        contentType = .data
    }

    func fileWrapper(configuration: WriteConfiguration) throws -> FileWrapper {
        FileWrapper(regularFileWithContents: data)
    }
}
