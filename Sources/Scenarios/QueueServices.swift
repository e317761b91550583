// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices

/// A queue's conversation services as the scenario configures them (SPEC §2.5–§2.7, §3.2).
///
/// Every part is built and checked by the loader — texts parsed, placeholders known, limits
/// positive — so the simulator only applies them. The defaults are a queue without any of
/// the keys: no automatic messages, no templates, card numbers redacted, attachments up to
/// 10 MB, closing without reasons and no post-chat form.
public struct QueueServices: Sendable, Equatable {
    /// The queue's automatic messages (`auto_replies`); nil: every message off.
    public var autoReplies: AutoReplySet?
    /// The queue's quick-reply templates (`templates`); nil: none.
    public var templates: QuickReplyLibrary?
    /// What happens to a message that carries a card number (`pci`, default `redact`).
    public var pci: PCIPolicy = .redact
    /// The attachment size limit (`max_attachment_mb`, default 10).
    public var attachments: AttachmentPolicy = .standard
    /// Wrap-up reasons (`wrap_up_reasons`) and the post-chat form (`post_chat_form`).
    public var conversation: ConversationPolicy = .standard
    /// The share of chats closed with each wrap-up reason, in the order of the reasons (summing to 1;
    /// equal shares for a plain list, the given weights normalised for a mapping).
    public var wrapUpShares: [Double] = []

    public init() {}
}

extension AttachmentPolicy {
    /// The default limit of SPEC §2.7: 10 MB.
    static let standard: AttachmentPolicy = {
        do { return try AttachmentPolicy() } catch { preconditionFailure("the default attachment limit is valid") }
    }()
}
