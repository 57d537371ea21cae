import CompanionCore
import CompanionPresenters
import SwiftUI

/// The seven sections in order, each with its items, the prompt while empty, and a way to add.
struct SafetyPlanView: View {
    @ObservedObject var model: ScreenModel<SafetyPlanPresenter>
    @State private var adding: SafetyPlanState.Section?

    var body: some View {
        List {
            ForEach(model.state.sections) { section in
                Section {
                    if section.items.isEmpty {
                        Text(section.prompt).foregroundStyle(.secondary)
                    }
                    ForEach(section.items) { item in
                        VStack(alignment: .leading, spacing: 6) {
                            Text(item.label)
                            if let name = item.contactName {
                                Text(name).font(.footnote).foregroundStyle(.secondary)
                            }
                            ActionButtons(actions: item.actions)
                        }
                        .swipeActions {
                            Button("Remove", role: .destructive) { model.presenter.remove(itemId: item.id) }
                            if item.canMoveDown {
                                Button("Down") { model.presenter.moveDown(itemId: item.id) }
                            }
                            if item.canMoveUp {
                                Button("Up") { model.presenter.moveUp(itemId: item.id) }
                            }
                        }
                    }
                    Button {
                        adding = section
                    } label: {
                        Label("Add", systemImage: "plus")
                    }
                } header: {
                    Text("\(section.number). \(section.title)")
                }
            }
            if let error = model.state.error {
                Section { Text(error).foregroundStyle(.red) }
            }
        }
        .navigationTitle("Safety plan")
        .sheet(item: $adding) { section in
            NavigationStack {
                AddItemView(section: section, contacts: model.state.contacts) { text, contactId in
                    if model.presenter.add(to: section.section, text: text, contactId: contactId) {
                        adding = nil
                    }
                } cancel: {
                    adding = nil
                }
            }
        }
        .onAppear { model.presenter.refresh() }
    }
}

private struct AddItemView: View {
    let section: SafetyPlanState.Section
    let contacts: [SafetyPlanState.ContactChoice]
    let save: (String, String?) -> Void
    let cancel: () -> Void
    @State private var text = ""
    @State private var contactId: String?

    var body: some View {
        Form {
            Section {
                TextField(section.prompt, text: $text, axis: .vertical)
            }
            if section.allowsContacts && !contacts.isEmpty {
                Picker("Contact", selection: $contactId) {
                    Text("None").tag(String?.none)
                    ForEach(contacts) { contact in
                        Text(contact.name).tag(String?.some(contact.id))
                    }
                }
            }
        }
        .navigationTitle(section.title)
        .toolbar {
            ToolbarItem(placement: .cancellationAction) { Button("Cancel", action: cancel) }
            ToolbarItem(placement: .confirmationAction) {
                Button("Add") { save(text, contactId) }
                    .disabled(text.trimmingCharacters(in: .whitespaces).isEmpty && contactId == nil)
            }
        }
    }
}
