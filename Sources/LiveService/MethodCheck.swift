// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import HTTPTypes
import Hummingbird

/// Answers a method the OpenAPI document does not list for a path it does list with 405 and an
/// `Allow` header (RFC 9110 §15.5.6), instead of the router's 404.
///
/// The paths and their methods are read from the document the service serves, so the two cannot
/// disagree; a path template's `{name}` matches any one segment.
struct MethodCheck: RouterMiddleware {
    typealias Context = LiveRequestContext

    /// Each documented path as its segments (nil: a parameter), as strings and as bytes, with its methods.
    let routes: [(segments: [String?], literals: [[UInt8]?], methods: [String])]

    init(document: [UInt8]) {
        let object = (try? JSONSerialization.jsonObject(with: Data(document))) as? [String: Any]
        let paths = object?["paths"] as? [String: Any] ?? [:]
        routes = paths.keys.sorted().map { path in
            let operations = paths[path] as? [String: Any] ?? [:]
            let methods = ["get", "put", "post", "delete", "patch", "options", "head", "trace"]
                .filter { operations[$0] != nil }.map { $0.uppercased() }
            let segments = path.split(separator: "/").map { $0.hasPrefix("{") ? nil : String($0) }
            return (segments, segments.map { $0.map { Array($0.utf8) } }, methods)
        }
    }

    /// The methods documented for `path`, or nil when no documented path matches it.
    ///
    /// An ASCII path (every path a client of the API sends) is matched on its bytes, without
    /// splitting it into strings; any other goes through ``methods(splitting:)``, which the byte
    /// match equals on ASCII.
    func methods(for path: String) -> [String]? {
        var path = path
        let ascii = path.withUTF8 { bytes -> [String]?? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return .none }
            for route in routes where Self.matches(route.literals, bytes) { return .some(route.methods) }
            return .some(nil)
        }
        return ascii ?? methods(splitting: path)
    }

    /// ``methods(for:)`` by the path's segments as strings.
    func methods(splitting path: String) -> [String]? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        for route in routes where route.segments.count == segments.count {
            if zip(route.segments, segments).allSatisfy({ $0.0 == nil || $0.0! == $0.1 }) { return route.methods }
        }
        return nil
    }

    /// Whether the non-empty `/`-separated segments of `path` are as many as `literals` and equal
    /// to each literal one (nil: a parameter, any segment).
    static func matches(_ literals: [[UInt8]?], _ path: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 0
        var i = 0
        while i < path.count {
            if path[i] == UInt8(ascii: "/") {
                i += 1
                continue
            }
            var end = i
            while end < path.count, path[end] != UInt8(ascii: "/") { end += 1 }
            guard k < literals.count else { return false }
            if let literal = literals[k], !path[i..<end].elementsEqual(literal) { return false }
            k += 1
            i = end
        }
        return k == literals.count
    }

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        if let allowed = methods(for: request.uri.path), !allowed.contains(request.method.rawValue) {
            var response = try LiveError(.methodNotAllowed, "methodNotAllowed",
                                         "\(request.method.rawValue) is not a method of this path; allowed: "
                                         + allowed.joined(separator: ", ")).response(from: request, context: context)
            response.headers[.allow] = allowed.joined(separator: ", ")
            return response
        }
        return try await next(request, context)
    }
}
