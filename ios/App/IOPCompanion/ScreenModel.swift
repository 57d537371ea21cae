import CompanionPresenters
import Foundation

/// Publishes a presenter's state to SwiftUI. Presenters are plain classes that call
/// `onChange` on the thread that changed them (after an `await`, maybe not the main one);
/// every state is handed over on the main queue, in order, so views only ever read it there.
/// Views call the presenter's actions from the main thread.
final class ScreenModel<P: Presenter>: ObservableObject {
    let presenter: P
    @Published private(set) var state: P.State

    init(_ presenter: P) {
        self.presenter = presenter
        state = presenter.state
        presenter.onChange = { [weak self] state in
            DispatchQueue.main.async { self?.state = state }
        }
    }
}
