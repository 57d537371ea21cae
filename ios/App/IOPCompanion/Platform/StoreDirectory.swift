import Foundation

/// Where the participant's store lives: Application Support/CompanionStore, excluded from
/// iCloud and device backups (its key never leaves this device, so a copy could not be opened;
/// the app's own encrypted backup is the way to move data), and readable after the first
/// unlock so background refresh can sync while the phone is locked. Whether a store is there
/// is the core's to say (`storeExists`), and so is removing one that cannot be opened
/// (`discardUnopenableStore`).
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
}
