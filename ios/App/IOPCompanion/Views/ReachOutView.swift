import CompanionPresenters
import SwiftUI

/// Crisis lines first, then favourites, then everyone else; the safety plan one tap away.
struct ReachOutView: View {
    @ObservedObject var model: ScreenModel<ReachOutPresenter>
    let safetyPlan: ScreenModel<SafetyPlanPresenter>

    var body: some View {
        List {
            Section {
                NavigationLink {
                    SafetyPlanView(model: safetyPlan)
                } label: {
                    Label("My safety plan", systemImage: "list.number")
                }
            }
            Section("Crisis lines") {
                ForEach(model.state.crisisLines) { EntryRow(entry: $0) }
            }
            if !model.state.favourites.isEmpty {
                Section("Favourites") {
                    ForEach(model.state.favourites) { EntryRow(entry: $0) }
                }
            }
            if !model.state.others.isEmpty {
                Section("Everyone else") {
                    ForEach(model.state.others) { EntryRow(entry: $0) }
                }
            }
            Section {
                Toggle(
                    "Start texts with “\(model.state.suggestedMessage)”",
                    isOn: Binding(
                        get: { model.state.prefillMessage },
                        set: { model.presenter.setPrefillMessage($0) }))
            }
            if let error = model.state.error {
                Section { Text(error).foregroundStyle(.red) }
            }
        }
        .navigationTitle("Reach out")
        .onAppear { model.presenter.refresh() }
    }
}

struct EntryRow: View {
    let entry: ReachOutEntry

    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            HStack {
                Text(entry.name).font(.headline)
                if entry.emergency {
                    Text("Emergency").font(.caption.bold()).foregroundStyle(.red)
                }
            }
            if let detail = entry.detail {
                Text(detail).font(.subheadline).foregroundStyle(.secondary)
            }
            ActionButtons(actions: entry.actions)
        }
        .padding(.vertical, 4)
    }
}
