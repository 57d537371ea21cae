import CompanionCore
import CompanionPresenters
import SwiftUI

/// Crisis lines first (for the country the core says applies, under the core's name for it; the
/// participant may change it in Settings' picker), then favourites, then everyone else; the
/// safety plan one tap away; the participant's own contacts added, edited, starred and removed
/// through the core.
struct ReachOutView: View {
    @ObservedObject var reachOut: ReachOutPresenter
    let safetyPlan: SafetyPlanPresenter
    @ObservedObject var settings: SettingsPresenter

    var body: some View {
        List {
            Section {
                NavigationLink {
                    SafetyPlanView(plan: safetyPlan)
                } label: {
                    Label("My safety plan", systemImage: "list.number")
                }
            }
            if let screen = reachOut.screen {
                Section("Crisis lines") {
                    ForEach(screen.crisisLines, id: \.id) { CrisisLineRow(line: $0) }
                    NavigationLink {
                        RegionPickerView(settings: settings)
                    } label: {
                        LabeledContent("Country", value: screen.regionName ?? "")
                    }
                }
                if !screen.favourites.isEmpty {
                    Section("Favourites") {
                        ForEach(screen.favourites, id: \.id) { PersonRow(contact: $0, reachOut: reachOut) }
                    }
                }
                if !screen.others.isEmpty {
                    Section("Everyone else") {
                        ForEach(screen.others, id: \.id) { PersonRow(contact: $0, reachOut: reachOut) }
                    }
                }
                MessageSection(reachOut: reachOut, suggested: screen.suggestedMessage)
            }
            ErrorSection(message: reachOut.error)
        }
        .navigationTitle("Reach out")
        .toolbar {
            Button {
                reachOut.openForm(contactId: nil)
            } label: {
                Label("Add a contact", systemImage: "person.badge.plus")
            }
        }
        .sheet(item: $reachOut.form) { _ in
            NavigationStack { ContactFormView(reachOut: reachOut) }
        }
        .onAppear { reachOut.refresh() }
    }
}

/// A contact: their actions, and where the core says they are the participant's to change
/// (`canEdit`: not a program's), edit, a star and remove.
private struct PersonRow: View {
    let contact: ReachOutContactRecord
    let reachOut: ReachOutPresenter

    var body: some View {
        ContactRow(contact: contact)
            .contentShape(Rectangle())
            .onTapGesture {
                if contact.canEdit { reachOut.openForm(contactId: contact.id) }
            }
            .swipeActions(edge: .leading) {
                if contact.canEdit {
                    Button(contact.favourite ? "Unstar" : "Star") {
                        reachOut.setFavourite(contact.id, !contact.favourite)
                    }
                    .tint(.yellow)
                }
            }
            .swipeActions(edge: .trailing) {
                if contact.canEdit {
                    Button("Remove", role: .destructive) { reachOut.remove(contactId: contact.id) }
                }
            }
    }
}

/// Whether texts to people start with words already typed: the core's suggestion, or the
/// participant's own (the core cleans and limits them).
private struct MessageSection: View {
    @ObservedObject var reachOut: ReachOutPresenter
    let suggested: String

    var body: some View {
        Section {
            Toggle("Start texts with a message", isOn: Binding(
                get: { reachOut.message != nil },
                set: { reachOut.setPrefill($0) }))
            if let message = reachOut.message {
                TextField(suggested, text: Binding(
                    get: { message },
                    set: { reachOut.setMessage($0) }
                ), axis: .vertical)
            }
        }
    }
}

/// The contact form: the values the core opened it with, edited here; roles are the core's.
struct ContactFormView: View {
    @ObservedObject var reachOut: ReachOutPresenter

    var body: some View {
        if let state = reachOut.form {
            Form {
                Section {
                    TextField("Name", text: text(\.name))
                    Picker("Role", selection: Binding(
                        get: { state.edited.role },
                        set: { role in reachOut.editForm { $0.role = role } }
                    )) {
                        ForEach(state.form.roleChoices, id: \.self) { role in
                            Text(roleLabel(role: role)).tag(role)
                        }
                    }
                }
                Section {
                    TextField("Phone", text: text(\.phone)).keyboardType(.phonePad)
                    TextField("Texts to (if not the phone)", text: text(\.sms)).keyboardType(.phonePad)
                    TextField("Email", text: text(\.email))
                        .keyboardType(.emailAddress)
                        .textInputAutocapitalization(.never)
                        .autocorrectionDisabled()
                }
                Section {
                    TextField("Notes", text: text(\.notes), axis: .vertical)
                }
                if state.form.canRemove {
                    Section {
                        Button("Remove this contact", role: .destructive) { reachOut.removeFormContact() }
                    }
                }
                ErrorSection(message: state.error)
            }
            .navigationTitle(state.isNew ? "New contact" : "Edit contact")
            .navigationBarTitleDisplayMode(.inline)
            .toolbar {
                ToolbarItem(placement: .cancellationAction) {
                    Button("Cancel") { reachOut.closeForm() }
                }
                ToolbarItem(placement: .confirmationAction) {
                    Button("Save") { reachOut.saveForm() }
                }
            }
        }
    }

    private func text(_ field: WritableKeyPath<ContactValuesRecord, String>) -> Binding<String> {
        Binding(
            get: { reachOut.form?.edited[keyPath: field] ?? "" },
            set: { value in reachOut.editForm { $0[keyPath: field] = value } })
    }
}
