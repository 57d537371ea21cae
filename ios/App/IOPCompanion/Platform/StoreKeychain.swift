import Foundation
import Security

/// The store's 32-byte key in the Keychain: a generic password, readable after the first
/// unlock since boot (so background refresh can open the store while the phone is locked),
/// on this device only (never in backups or iCloud Keychain: a restored phone cannot open a
/// copied store, so the key is useless away from the device). The key itself is never logged.
struct StoreKeychain: Sendable {
    enum Lookup {
        case found(Data)
        /// `errSecItemNotFound`: a fresh install, or (when a store is there) a lost key.
        case notFound
        /// The Keychain cannot be read now (`errSecInteractionNotAllowed` before the first
        /// unlock after a restart, or another status): try later, and never make a new key,
        /// which would orphan the store.
        case unavailable(OSStatus)
    }

    enum Failure: Error {
        case status(OSStatus)
    }

    private let service = "org.iopcompanion.store-key"
    private let account = "participant-store"

    private var query: [String: Any] {
        [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: service,
            kSecAttrAccount as String: account,
        ]
    }

    func load() -> Lookup {
        var request = query
        request[kSecReturnData as String] = true
        request[kSecMatchLimit as String] = kSecMatchLimitOne
        var result: CFTypeRef?
        let status = SecItemCopyMatching(request as CFDictionary, &result)
        switch status {
        case errSecSuccess:
            guard let data = result as? Data else { return .unavailable(errSecDecode) }
            return .found(data)
        case errSecItemNotFound:
            return .notFound
        default:
            return .unavailable(status)
        }
    }

    func save(_ key: Data) throws {
        var item = query
        item[kSecValueData as String] = key
        item[kSecAttrAccessible as String] = kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly
        item[kSecAttrSynchronizable as String] = false
        let status = SecItemAdd(item as CFDictionary, nil)
        guard status == errSecSuccess else { throw Failure.status(status) }
    }

    /// After an erase: the key of a store that no longer exists.
    func delete() {
        _ = SecItemDelete(query as CFDictionary)
    }
}
