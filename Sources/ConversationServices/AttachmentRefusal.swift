// SPDX-License-Identifier: GPL-3.0-or-later

/// Why an attachment is refused (counted as `attachments_refused`).
public enum AttachmentRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file's extension is not an allowed type (`exe`, `zip`, or no extension: the extension given, lowercased).
    case typeNotAllowed(extension: String)
    /// The file is larger than the queue's limit.
    case tooLarge(sizeBytes: Int, limitBytes: Int)
    /// The content does not start the way files of the declared type do (an `.exe` renamed `.pdf`).
    case signatureMismatch(declared: AttachmentType)

    public var description: String {
        switch self {
        case .typeNotAllowed(let ext): ext.isEmpty ? "a file without an extension is not allowed"
                                                   : "files of type .\(ext) are not allowed"
        case .tooLarge(let size, let limit): "the file has \(size) bytes; the limit is \(limit)"
        case .signatureMismatch(let type): "the content is not a \(type) file"
        }
    }
}
