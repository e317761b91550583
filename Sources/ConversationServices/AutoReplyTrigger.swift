// SPDX-License-Identifier: GPL-3.0-or-later

/// The occasions on which a queue sends an automatic message (SPEC §2.5, seed manual 004).
///
/// The raw value is the scenario key under `auto_replies`. Case order is the order in which a
/// set is checked, so the first configuration error reported never depends on hashing.
public enum AutoReplyTrigger: String, Sendable, CaseIterable, CustomStringConvertible {
    /// The customer sent the first message of a chat.
    case firstMessage = "first_message"
    /// An SMS or WhatsApp message (or a web/app ticket) arrived outside business hours.
    case outOfHours = "out_of_hours"
    /// A live-chat visitor got the offline form.
    case offlineForm = "offline_form"
    /// The customer left while the chat was queued or offered (abandoned).
    case customerLeftWaiting = "customer_left_waiting"
    /// The customer left during the chatbot; the queue may also create a ticket.
    case missedContact = "missed_contact"
    /// The agent ended the live-chat session.
    case sessionEnded = "session_ended"
    /// The customer's issue was resolved (the chat was marked handled).
    case resolved
    /// A request to rate the agent, after the chat was handled.
    case ratingRequest = "rating_request"
    /// The agent asks for a photo or video.
    case requestMedia = "request_media"
    /// The agent asks for a payment.
    case paymentRequest = "payment_request"
    /// The agent asks for an approval.
    case approvalRequest = "approval_request"

    /// Whether an agent is involved when the message goes out, so that `{agent}` has a value.
    ///
    /// The first five occasions happen before any agent accepted the chat (or without one).
    public var involvesAgent: Bool {
        switch self {
        case .firstMessage, .outOfHours, .offlineForm, .customerLeftWaiting, .missedContact: false
        case .sessionEnded, .resolved, .ratingRequest, .requestMedia, .paymentRequest, .approvalRequest: true
        }
    }

    public var description: String { rawValue }
}
