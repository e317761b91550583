// SPDX-License-Identifier: GPL-3.0-or-later

/// Why a queue's attachment limit is not usable.
public enum AttachmentPolicyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `max_attachment_mb` must be a positive, finite number.
    case invalidLimit(Double)

    public var description: String {
        switch self {
        case .invalidLimit(let mb): "max_attachment_mb must be positive, not \(mb)"
        }
    }
}

/// A queue's attachment rules: the allowed types and a size limit (SPEC §2.7, `max_attachment_mb`).
public struct AttachmentPolicy: Sendable, Equatable {
    /// The limit in bytes; a file of exactly this size passes.
    public let limitBytes: Int

    /// A policy with a limit of `maxAttachmentMB` megabytes of 1 048 576 bytes (default 10).
    ///
    /// Binary megabytes, as upload limits usually count them; a fractional limit rounds down to
    /// whole bytes.
    public init(maxAttachmentMB: Double = 10) throws(AttachmentPolicyError) {
        guard maxAttachmentMB.isFinite, maxAttachmentMB > 0, maxAttachmentMB * 1_048_576 < 9e18 else {
            throw .invalidLimit(maxAttachmentMB)
        }
        limitBytes = Int((maxAttachmentMB * 1_048_576).rounded(.down))
    }

    /// Checks a file and returns its type, or refuses it.
    ///
    /// Checks in this order and reports the first failure: the type by the file name's
    /// extension (case-insensitive; the text after the last `.` of the last path component),
    /// the size, then — when the content's first bytes are given — the signature.
    /// - Parameters:
    ///   - fileName: the name as sent, possibly with a path.
    ///   - sizeBytes: the file's size.
    ///   - content: the file's first bytes (12 suffice; all of them for a TXT check), if known.
    /// - Complexity: O(length of the name) plus the signature check.
    public func check(fileName: String, sizeBytes: Int,
                      content: [UInt8]? = nil) throws(AttachmentRefusal) -> AttachmentType {
        precondition(sizeBytes >= 0, "a file size is not negative")
        let name = fileName.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? ""
        let ext = name.contains(".") ? name.split(separator: ".", omittingEmptySubsequences: false).last! : ""
        guard let type = AttachmentType(fileExtension: ext) else { throw .typeNotAllowed(extension: ext.lowercased()) }
        guard sizeBytes <= limitBytes else { throw .tooLarge(sizeBytes: sizeBytes, limitBytes: limitBytes) }
        if let content, !type.matchesSignature(content) { throw .signatureMismatch(declared: type) }
        return type
    }
}
