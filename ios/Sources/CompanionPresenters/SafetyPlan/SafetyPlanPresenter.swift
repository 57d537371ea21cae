import CompanionCore
import Foundation

public struct SafetyPlanState: Equatable {
    public struct Item: Equatable, Identifiable {
        public var id: String
        /// The core's label: the words, else the linked contact's name, else "(removed contact)".
        public var label: String
        /// A linked contact's name beside the participant's words, when both are there.
        public var contactName: String?
        /// Ways to reach a linked contact (none once the contact was removed).
        public var actions: [ContactAction]
        public var canMoveUp: Bool
        public var canMoveDown: Bool
    }

    public struct Section: Equatable, Identifiable {
        public var id: Int { number }
        public var section: SafetySection
        public var number: Int
        public var title: String
        /// What goes here, shown while the section is empty.
        public var prompt: String
        /// Items may link a contact (sections 3, 4 and 5).
        public var allowsContacts: Bool
        public var items: [Item]
    }

    public struct ContactChoice: Equatable, Identifiable {
        public var id: String
        public var name: String
    }

    /// All seven sections, in order, empty ones too.
    public var sections: [Section] = []
    /// Contacts an item may link.
    public var contacts: [ContactChoice] = []
    public var error: String?

    public init() {}
}

/// The Stanley-Brown safety plan: seven sections, the participant's items in each, linked
/// contacts one tap from a call.
public final class SafetyPlanPresenter: Presenter {
    public private(set) var state = SafetyPlanState() {
        didSet { if state != oldValue { onChange?(state) } }
    }
    public var onChange: ((SafetyPlanState) -> Void)?

    private let source: SafetyPlanSource

    public init(source: SafetyPlanSource) {
        self.source = source
    }

    public func refresh() {
        do {
            let plan = try source.safetyPlan()
            var next = SafetyPlanState()
            next.sections = plan.sections.map { section in
                let count = section.items.count
                return SafetyPlanState.Section(
                    section: section.section,
                    number: Int(section.number),
                    title: section.title,
                    prompt: section.prompt,
                    allowsContacts: section.allowsContacts,
                    items: section.items.enumerated().map { index, item in
                        SafetyPlanState.Item(
                            id: item.id,
                            label: item.label,
                            contactName: item.text == nil ? nil : item.contactName,
                            actions: actions(for: item),
                            canMoveUp: index > 0,
                            canMoveDown: index < count - 1
                        )
                    }
                )
            }
            next.contacts = try source.contacts().map {
                SafetyPlanState.ContactChoice(id: $0.id, name: $0.name)
            }
            state = next
        } catch {
            state.error = CoreErrors.message(error)
        }
    }

    /// Adds words, a contact, or both at the end of `section`; true when added.
    @discardableResult
    public func add(to section: SafetySection, text: String, contactId: String? = nil) -> Bool {
        let words = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let input = SafetyItemInput(text: words.isEmpty ? nil : words, contactId: contactId)
        return perform { _ = try $0.addSafetyItem(section: section, input: input) }
    }

    /// Changes an item's words (empty words remove them, as long as a contact remains).
    @discardableResult
    public func edit(itemId: String, text: String) -> Bool {
        let words = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return perform { _ = try $0.editSafetyItem(id: itemId, input: SafetyItemInput(text: words)) }
    }

    public func remove(itemId: String) {
        perform { try $0.removeSafetyItem(id: itemId) }
    }

    public func moveUp(itemId: String) { move(itemId: itemId, by: -1) }
    public func moveDown(itemId: String) { move(itemId: itemId, by: 1) }

    private func move(itemId: String, by offset: Int) {
        guard let section = state.sections.first(where: { $0.items.contains { $0.id == itemId } }),
            let index = section.items.firstIndex(where: { $0.id == itemId })
        else { return }
        let target = index + offset
        guard target >= 0, target < section.items.count else { return }
        perform { _ = try $0.moveSafetyItem(id: itemId, section: nil, index: UInt32(target)) }
    }

    private func actions(for item: SafetyItemRecord) -> [ContactAction] {
        // A removed contact keeps its id on the item but has no actions any more.
        guard let contactId = item.contactId, item.contactName != nil,
            let records = try? source.contactActions(id: contactId, message: nil)
        else { return [] }
        return ContactAction.list(records)
    }

    @discardableResult
    private func perform(_ action: (SafetyPlanSource) throws -> Void) -> Bool {
        do {
            try action(source)
            refresh()
            return true
        } catch {
            state.error = CoreErrors.message(error)
            return false
        }
    }
}
