import CompanionCore
import Foundation

/// The core's requests, carried by URLSession: the phone's trust store, App Transport Security,
/// proxies and VPNs apply. The core builds every request and reads every answer, and it alone
/// retries; this only sends, once.
///
/// The session is ephemeral and keeps nothing: no cookies, no cache (sync bodies are the
/// participant's sealed data, and no copy of them belongs on disk), no credentials. Redirects
/// are not followed: the core reads a 3xx as an answer.
final class URLSessionTransport: NSObject, HttpTransport, URLSessionTaskDelegate, @unchecked Sendable {
    // @unchecked: the only stored property is the session, which URLSession makes thread-safe.
    private let session: URLSession

    override init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        configuration.urlCredentialStorage = nil
        // Fail at once when offline: the core and the background task decide when to try again.
        configuration.waitsForConnectivity = false
        session = URLSession(configuration: configuration)
        super.init()
    }

    func send(request: HttpRequest) async throws -> HttpResponse {
        guard let url = URL(string: request.url) else { throw HttpError.Other }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = Self.verb(request.method)
        urlRequest.timeoutInterval = request.timeout
        urlRequest.cachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        urlRequest.httpShouldHandleCookies = false
        for header in request.headers {
            urlRequest.addValue(header.value, forHTTPHeaderField: header.name)
        }
        if request.method != .get {
            urlRequest.httpBody = request.body
        }
        let limit = request.maxResponseBytes
        let timeout = max(request.timeout, 0)
        // The request's timeout bounds the whole exchange (URLRequest's own is only the idle
        // time between packets): whichever finishes first wins, and the other is cancelled.
        return try await withThrowingTaskGroup(of: HttpResponse.self) { group in
            group.addTask { try await self.exchange(urlRequest, limit: limit) }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
                throw HttpError.Timeout
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw HttpError.Other }
            return first
        }
    }

    private func exchange(_ request: URLRequest, limit: UInt64) async throws -> HttpResponse {
        let bytes: URLSession.AsyncBytes
        let response: URLResponse
        do {
            (bytes, response) = try await session.bytes(for: request, delegate: self)
        } catch {
            throw Self.kind(of: error)
        }
        guard let http = response as? HTTPURLResponse else { throw HttpError.Other }
        if http.expectedContentLength > 0 && UInt64(http.expectedContentLength) > limit {
            throw HttpError.Other
        }
        var body = Data()
        if http.expectedContentLength > 0 {
            body.reserveCapacity(Int(http.expectedContentLength))
        }
        do {
            for try await byte in bytes {
                body.append(byte)
                if UInt64(body.count) > limit { throw HttpError.Other }
            }
        } catch {
            // A body cut short arrives here as networkConnectionLost: a failure, never a
            // shorter body.
            throw Self.kind(of: error)
        }
        let headers = http.allHeaderFields.compactMap { name, value -> HttpHeader? in
            guard let name = name as? String else { return nil }
            return HttpHeader(name: name.lowercased(), value: "\(value)")
        }
        return HttpResponse(status: UInt16(clamping: http.statusCode), headers: headers, body: body)
    }

    /// Redirects are returned to the core as they are, never followed.
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest
    ) async -> URLRequest? {
        nil
    }

    private static func verb(_ method: HttpMethod) -> String {
        switch method {
        case .get: return "GET"
        case .post: return "POST"
        case .put: return "PUT"
        case .delete: return "DELETE"
        }
    }

    /// The kind of a URLSession failure; its description (which holds the URL) goes nowhere.
    static func kind(of error: Error) -> HttpError {
        if let kind = error as? HttpError { return kind }
        guard let error = error as? URLError else { return .Other }
        switch error.code {
        case .notConnectedToInternet, .cannotFindHost, .cannotConnectToHost, .dnsLookupFailed,
            .internationalRoamingOff, .dataNotAllowed, .callIsActive:
            return .Offline
        case .timedOut:
            return .Timeout
        case .secureConnectionFailed, .serverCertificateHasBadDate, .serverCertificateUntrusted,
            .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid, .clientCertificateRejected,
            .clientCertificateRequired:
            return .Tls
        default:
            return .Other
        }
    }
}
