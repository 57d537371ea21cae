import CompanionCore
import CompanionPresenters
import SwiftUI
import UniformTypeIdentifiers

/// The participant's data: an encrypted backup (the core's passphrase rules checked as they
/// type), restoring one, exporting check-ins in the core's formats (after its notice: exports
/// are not encrypted), and erase (the server's copy first; with the server out of reach, this
/// phone only when the participant takes the core's offer).
struct DataSection: View {
    @ObservedObject var settings: SettingsPresenter
    let screen: SettingsScreenRecord
    @State private var passphrase = ""
    @State private var confirmation = ""
    /// One document picker for backups and exports: two fileExporters on one view conflict.
    @State private var outgoing: DataDocument?
    @State private var exporting = false
    @State private var importing = false
    @State private var restoreData: Data?
    @State private var restorePassphrase = ""
    @State private var unreadable = false
    /// The format chosen, while the core's export notice is on screen.
    @State private var exportFormat: CheckinExportFormat?
    @State private var confirmingErase = false

    var body: some View {
        Section {
            SecureField("Passphrase", text: $passphrase)
            if !passphrase.isEmpty, let problem = settings.passphraseProblem(passphrase) {
                Text(problem).font(.footnote).foregroundStyle(.secondary)
            }
            SecureField("Passphrase again", text: $confirmation)
            Button("Make a backup") {
                let typed = passphrase
                Task {
                    if let file = await settings.makeBackup(passphrase: typed) {
                        outgoing = DataDocument(file: file)
                        exporting = true
                        passphrase = ""
                        confirmation = ""
                    }
                }
            }
            // Typed twice, the same: the participant's check on their own typing.
            .disabled(passphrase.isEmpty || passphrase != confirmation)
            Button("Restore a backup") { importing = true }
            Menu("Export check-ins") {
                ForEach(screen.exportFormats, id: \.self) { format in
                    Button(exportFormatLabel(format: format)) { exportFormat = format }
                }
            }
        } header: {
            Text("Backup and export")
        } footer: {
            Text(screen.backupNotice)
        }
        .fileExporter(
            isPresented: $exporting, document: outgoing, contentType: outgoing?.contentType ?? .data,
            defaultFilename: outgoing?.fileName
        ) { _ in outgoing = nil }
        .fileImporter(isPresented: $importing, allowedContentTypes: [.data]) { result in
            guard case .success(let url) = result else { return }
            let scoped = url.startAccessingSecurityScopedResource()
            defer { if scoped { url.stopAccessingSecurityScopedResource() } }
            if let data = try? Data(contentsOf: url) {
                restoreData = data
            } else {
                unreadable = true
            }
        }
        .alert("That file could not be read.", isPresented: $unreadable) {
            Button("OK", role: .cancel) {}
        }
        .alert(
            "Restore this backup?",
            isPresented: Binding(get: { restoreData != nil }, set: { if !$0 { restoreData = nil } })
        ) {
            SecureField("Passphrase", text: $restorePassphrase)
            Button("Restore") {
                if let data = restoreData {
                    let typed = restorePassphrase
                    Task { await settings.restore(backup: data, passphrase: typed) }
                }
                restoreData = nil
                restorePassphrase = ""
            }
            Button("Cancel", role: .cancel) {
                restoreData = nil
                restorePassphrase = ""
            }
        } message: {
            Text(screen.restoreNotice)
        }
        .alert(
            "Export check-ins?",
            isPresented: Binding(get: { exportFormat != nil }, set: { if !$0 { exportFormat = nil } })
        ) {
            Button("Export") {
                if let format = exportFormat, let file = settings.export(format: format) {
                    outgoing = DataDocument(file: file)
                    exporting = true
                }
                exportFormat = nil
            }
            Button("Cancel", role: .cancel) { exportFormat = nil }
        } message: {
            Text(screen.exportNotice)
        }
        Section {
            Button("Erase everything", role: .destructive) { confirmingErase = true }
            // The server was out of reach and nothing was erased: the core's words, and its
            // button for erasing this phone only.
            if let offer = settings.localEraseOffer {
                Text(offer.message)
                Button(offer.button, role: .destructive) {
                    Task { await settings.eraseThisPhoneOnly() }
                }
            }
        } footer: {
            // Names the server only once this phone has joined one.
            Text(screen.eraseNotice)
        }
        .confirmationDialog("Erase everything?", isPresented: $confirmingErase, titleVisibility: .visible) {
            Button("Erase everything", role: .destructive) {
                Task { await settings.eraseEverything() }
            }
        } message: {
            Text(screen.eraseConfirmation)
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
