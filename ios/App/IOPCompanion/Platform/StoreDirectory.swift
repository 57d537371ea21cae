import Foundation

/// Where the participant's store lives: Application Support/CompanionStore, excluded from
/// iCloud and device backups (its key never leaves this device, so a copy could not be opened;
/// the app's own encrypted backup is the way to move data), and readable after the first
/// unlock so background refresh can sync while the phone is locked.
enum StoreDirectory {
    static func url() throws -> URL {
        let base = try FileManager.default.url(
            for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
        return base.appendingPathComponent("CompanionStore", isDirectory: true)
    }

    /// Creates the directory if needed, with its protection class and backup exclusion.
    static func prepare() throws -> URL {
        var directory = try url()
        if !FileManager.default.fileExists(atPath: directory.path) {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true,
                attributes: [.protectionKey: FileProtectionType.completeUntilFirstUserAuthentication])
        }
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        try directory.setResourceValues(values)
        return directory
    }

    /// Whether something is already stored there (so a missing key must not be replaced by a
    /// new one). The core knows its file names; the bindings do not export `Store::exists`
    /// yet, so any entry counts.
    static func holdsStore(_ directory: URL) -> Bool {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return !entries.isEmpty
    }

    /// Removes a store that cannot be opened any more (its key is gone). Only on the
    /// participant's explicit choice.
    static func removeUnreadable() throws {
        let directory = try url()
        if FileManager.default.fileExists(atPath: directory.path) {
            try FileManager.default.removeItem(at: directory)
        }
    }
}
