import CompanionCore
import CompanionPresenters
import SwiftUI

/// The seven sections in the core's order under its headings, each with its items, the prompt
/// while empty, and a
/// way to add (where the core allows one more). Each item moves up, down or to another section
/// as the core says it may; the whole plan can also be edited as text (then what the edit did
/// shows at the top, in the core's words).
struct SafetyPlanView: View {
    @ObservedObject var plan: SafetyPlanPresenter
    @State private var editing: ItemEdit?

    var body: some View {
        List {
            if let change = plan.textChangeSummary {
                Section { Text(change).foregroundStyle(.secondary) }
            }
            if let screen = plan.screen {
                ForEach(screen.sections, id: \.section) { section in
                    Section {
                        if section.items.isEmpty {
                            Text(section.prompt).foregroundStyle(.secondary)
                        }
                        ForEach(section.items, id: \.id) { item in
                            ItemRow(item: item, section: section, plan: plan) {
                                editing = ItemEdit(section: section, item: item)
                            }
                        }
                        if section.canAdd {
                            Button {
                                editing = ItemEdit(section: section, item: nil)
                            } label: {
                                Label("Add", systemImage: "plus")
                            }
                        }
                    } header: {
                        Text(section.heading)
                    }
                }
            }
            ErrorSection(message: plan.error)
        }
        .navigationTitle("Safety plan")
        .toolbar {
            Button("Edit as text") { plan.openTextEditor() }
        }
        .sheet(item: $editing) { edit in
            NavigationStack {
                ItemEditView(edit: edit, linkable: plan.screen?.linkable ?? [], error: plan.error) { text, contactId in
                    let done = edit.item.map { plan.edit(itemId: $0.id, text: text, contactId: contactId) }
                        ?? plan.add(to: edit.section.section, text: text, contactId: contactId)
                    if done { editing = nil }
                } cancel: {
                    editing = nil
                }
            }
        }
        .sheet(isPresented: Binding(get: { plan.text != nil }, set: { if !$0 { plan.closeTextEditor() } })) {
            NavigationStack { SafetyPlanTextView(plan: plan) }
        }
        .onAppear { plan.refresh() }
    }
}

private struct ItemEdit: Identifiable {
    let section: SafetySectionViewRecord
    let item: SafetyItemViewRecord?
    var id: String { item?.id ?? "new-\(section.number)" }
}

private struct ItemRow: View {
    let item: SafetyItemViewRecord
    let section: SafetySectionViewRecord
    let plan: SafetyPlanPresenter
    let edit: () -> Void

    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            Text(item.label)
            ActionButtons(actions: item.actions)
        }
        .contentShape(Rectangle())
        .onTapGesture(perform: edit)
        .swipeActions {
            Button("Remove", role: .destructive) { plan.remove(itemId: item.id) }
            if item.canMoveDown {
                Button("Down") { plan.moveDown(itemId: item.id) }
            }
            if item.canMoveUp {
                Button("Up") { plan.moveUp(itemId: item.id) }
            }
        }
        .contextMenu {
            // The core's moves in its words ("Move to 3. People and social settings").
            ForEach(item.moveChoices, id: \.section) { choice in
                Button(choice.label) { plan.move(itemId: item.id, to: choice.section) }
            }
        }
    }
}

/// An item's words, and a linked contact where the section allows one.
private struct ItemEditView: View {
    let edit: ItemEdit
    let linkable: [LinkableContactRecord]
    let error: String?
    let save: (String, String?) -> Void
    let cancel: () -> Void
    @State private var text = ""
    @State private var contactId: String?

    var body: some View {
        Form {
            Section {
                TextField(edit.section.prompt, text: $text, axis: .vertical)
            }
            if edit.section.allowsContacts && !linkable.isEmpty {
                Picker("Contact", selection: $contactId) {
                    Text("None").tag(String?.none)
                    ForEach(linkable, id: \.id) { contact in
                        Text(contact.name).tag(String?.some(contact.id))
                    }
                }
            }
            ErrorSection(message: error)
        }
        .navigationTitle(edit.section.title)
        .navigationBarTitleDisplayMode(.inline)
        .toolbar {
            ToolbarItem(placement: .cancellationAction) { Button("Cancel", action: cancel) }
            ToolbarItem(placement: .confirmationAction) {
                Button(edit.item == nil ? "Add" : "Save") { save(text, contactId) }
                    .disabled(text.isEmpty && contactId == nil)
            }
        }
        .onAppear {
            text = edit.item?.text ?? ""
            contactId = edit.item?.contactId
        }
    }
}

/// The whole plan as the core writes it as text, applied all or nothing.
private struct SafetyPlanTextView: View {
    @ObservedObject var plan: SafetyPlanPresenter

    var body: some View {
        Form {
            TextEditor(text: Binding(get: { plan.text ?? "" }, set: { plan.text = $0 }))
                .font(.body.monospaced())
                .frame(minHeight: 320)
            ErrorSection(message: plan.error)
        }
        .navigationTitle("Safety plan as text")
        .navigationBarTitleDisplayMode(.inline)
        .toolbar {
            ToolbarItem(placement: .cancellationAction) {
                Button("Cancel") { plan.closeTextEditor() }
            }
            ToolbarItem(placement: .confirmationAction) {
                Button("Apply") { plan.applyText() }
            }
        }
    }
}
