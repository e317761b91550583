// SPDX-License-Identifier: GPL-3.0-or-later

import HTTPTypes
import Hummingbird

/// Answers the requests of a chat's lifecycle — `POST /v1/chats`, `/v1/offers/{id}/accept`,
/// `/v1/chats/{id}/reply`, `/v1/chats/{id}/handled` and `/v1/chats/{id}/end` — by their handlers in
/// ``LiveRoutes`` directly, the path matched on its bytes; every other request goes to the router.
///
/// The router resolves every path in its trie, comparing segments as strings, before its middleware
/// runs. Only canonical paths are taken here — single slashes, no trailing one, an id of ASCII letters
/// and digits — for which the router would call the same handler with the same id; the connection's
/// rate limit is checked first, as the router's middleware does, and a refusal becomes its response
/// as the router makes it.
struct LifecycleResponder<Next: HTTPResponder>: HTTPResponder where Next.Context == LiveRequestContext {
    typealias Context = LiveRequestContext

    let routes: LiveRoutes
    let router: Next

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .post, let route = LifecycleRoutes.route(request.uri.path) else {
            return try await router.respond(to: request, context: context)
        }
        do {
            try routes.rateLimit.check(context)
            switch route {
            case .create: return try await routes.createChat(request)
            case .end(let id): return try await routes.endChat(request, id: id)
            case .accept(let id): return try await routes.accept(request, id: id)
            case .reply(let id): return try await routes.reply(request, id: id)
            case .handled(let id): return try await routes.markHandled(request, id: id)
            }
        } catch let error as any HTTPResponseError {
            return try error.response(from: request, context: context)
        }
    }
}

/// The lifecycle endpoints' canonical paths.
enum LifecycleRoutes {
    enum Route: Equatable {
        case create
        case end(String)
        case accept(String)
        case reply(String)
        case handled(String)
    }

    /// The lifecycle endpoint a canonical path names, with its id; nil for any other path.
    static func route(_ path: String) -> Route? {
        var path = path
        return path.withUTF8 { bytes -> Route? in
            var rest = bytes[...]
            guard take("/v1/", from: &rest) else { return nil }
            if take("chats", from: &rest) {
                if rest.isEmpty { return .create }
                guard take("/", from: &rest), let id = segment(&rest), take("/", from: &rest) else { return nil }
                if rest.elementsEqual("end".utf8) { return .end(id) }
                if rest.elementsEqual("reply".utf8) { return .reply(id) }
                if rest.elementsEqual("handled".utf8) { return .handled(id) }
                return nil
            }
            guard take("offers/", from: &rest), let id = segment(&rest), take("/", from: &rest),
                  rest.elementsEqual("accept".utf8) else { return nil }
            return .accept(id)
        }
    }

    /// Steps over `literal` if `rest` starts with it.
    private static func take(_ literal: StaticString, from rest: inout Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let bytes = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        guard rest.count >= bytes.count, rest.prefix(bytes.count).elementsEqual(bytes) else { return false }
        rest = rest.dropFirst(bytes.count)
        return true
    }

    /// A non-empty segment of ASCII letters and digits up to the next `/` or the end.
    private static func segment(_ rest: inout Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        let end = rest.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
        let id = rest[rest.startIndex..<end]
        guard !id.isEmpty, id.allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) })
        else { return nil }
        rest = rest[end...]
        return String(decoding: UnsafeBufferPointer(rebasing: id), as: UTF8.self)
    }
}
