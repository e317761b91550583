// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices
import HTTPTypes
import Hummingbird
import RoutingCore

/// A request the service refused, with the HTTP status and a machine-readable name (SPEC §8).
///
/// The body is `{"error": name, "detail": text}`. An engine refusal is 409 named after the
/// ``EngineError`` case (`notOfferedTo`, `invalidState`, …); malformed JSON and unknown fields are
/// 400 with the field's path in `field`. A detail never carries message text, so a card number
/// cannot reach a client's log through an error.
public struct LiveError: Error, HTTPResponseError, Equatable, Sendable {
    public let status: HTTPResponse.Status
    /// The error's name: an engine or conversation error case, or one of the service's own.
    public let name: String
    public let detail: String
    /// The JSON path of the offending field of a request body (`reasons[1]`), for 400s.
    public let field: String?

    public init(_ status: HTTPResponse.Status, _ name: String, _ detail: String, field: String? = nil) {
        self.status = status
        self.name = name
        self.detail = detail
        self.field = field
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var object: [(String, JSONValue)] = [("error", .string(name)), ("detail", .string(detail))]
        if let field { object.append(("field", .string(field))) }
        return JSONValue.object(object).response(status: status)
    }

    // MARK: The service's own refusals

    static func notFound(_ what: String, _ id: String) -> LiveError {
        LiveError(.notFound, "unknown\(what.prefix(1).uppercased())\(what.dropFirst())", "no \(what) '\(id)'")
    }
    static let missingToken = LiveError(.unauthorized, "missingToken", "a bearer token is required")
    static let unknownToken = LiveError(.unauthorized, "unknownToken", "the bearer token is not known")
    static func forbidden(_ detail: String) -> LiveError { LiveError(.forbidden, "forbidden", detail) }
    static func badField(_ path: String, _ detail: String) -> LiveError {
        LiveError(.badRequest, "invalidField", "\(path): \(detail)", field: path)
    }
    static func unknownField(_ path: String) -> LiveError {
        LiveError(.badRequest, "unknownField", "\(path): not a field of this request", field: path)
    }
    static func malformedJSON(_ detail: String) -> LiveError { LiveError(.badRequest, "malformedJSON", detail) }
    static func bodyTooLarge(_ limit: Int) -> LiveError {
        LiveError(.contentTooLarge, "bodyTooLarge", "a request body may hold at most \(limit) bytes")
    }

    // MARK: Engine and conversation refusals

    /// The response for an engine refusal: 404 for an id the engine does not know, 409 otherwise.
    init(_ error: EngineError) {
        switch error {
        case .unknownChat: self.init(.notFound, "unknownChat", "the chat is closed or was never open")
        case .unknownAgent: self.init(.notFound, "unknownAgent", "no such agent")
        case .unknownQueue: self.init(.notFound, "unknownQueue", "no such queue")
        case .unknownLanguage: self.init(.notFound, "unknownLanguage", "no such language")
        case .unknownContact: self.init(.notFound, "unknownContact", "no such contact")
        case .noSuchAgent(let name): self.init(.notFound, "noSuchAgent", "no agent has the name or extension '\(name)'")
        case .notOfferedTo: self.init(.conflict, "notOfferedTo", "the chat is not offered to this agent")
        case .notOwner: self.init(.conflict, "notOwner", "the agent does not own the chat")
        case .notMember: self.init(.conflict, "notMember", "the agent is not a member of the chat's queue")
        case .invalidState(_, let state): self.init(.conflict, "invalidState", "the command does not apply to a chat that is \(state)")
        case .mustTakeFirst: self.init(.conflict, "mustTakeFirst", "the queue's claim rule is take: take the chat first")
        case .notAvailable(_, let status): self.init(.conflict, "notAvailable", "the agent is \(status)")
        case .noFreeSlot: self.init(.conflict, "noFreeSlot", "the agent has no free slot for the chat's channel")
        case .languageMismatch: self.init(.conflict, "languageMismatch", "the agent does not speak the chat's language")
        case .internalChannel: self.init(.conflict, "internalChannel", "internal chats are never queued or handled")
        case .conferenceBusy: self.init(.conflict, "conferenceBusy", "the chat already has a conference participant")
        case .invalidStatusChange(_, let from, let to):
            self.init(.conflict, "invalidStatusChange", "an agent cannot change from \(from) to \(to) by its own command")
        case .invalidConfiguration(let text): self.init(.conflict, "invalidConfiguration", text)
        }
    }

    /// The response for a conversation refusal (wrap-up reasons, state): 409 named after the case.
    init(_ error: ConversationError) {
        let name: String
        switch error {
        case .invalidState: name = "invalidState"
        case .notOwner: name = "notOwner"
        case .notLiveChat: name = "notLiveChat"
        case .internalChat: name = "internalChat"
        case .wrapUpReasonRequired: name = "wrapUpReasonRequired"
        case .unknownWrapUpReason: name = "unknownWrapUpReason"
        case .duplicateWrapUpReason: name = "duplicateWrapUpReason"
        case .alreadyArchived: name = "alreadyArchived"
        case .notArchived: name = "notArchived"
        case .ticketAlreadyCreated: name = "ticketAlreadyCreated"
        case .callNotAvailable: name = "callNotAvailable"
        case .callFromChatDisabled: name = "callFromChatDisabled"
        }
        self.init(.conflict, name, error.description)
    }
}
