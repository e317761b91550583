// SPDX-License-Identifier: GPL-3.0-or-later

/// A file type chats accept (SPEC §2.7; the seed products' list: documents and images).
public enum AttachmentType: String, Sendable, CaseIterable, CustomStringConvertible {
    case pdf, doc, docx, ppt, pptx, xls, xlsx, txt, rtf
    case jpeg, png, gif, bmp, webp, tiff, heif

    /// The type of a file extension, ignoring case: `PDF`, `jpg`, `JPEG`, `tif`, `heic` …; nil when not allowed.
    public init?(fileExtension: some StringProtocol) {
        switch fileExtension.lowercased() {
        case "jpg", "jpeg", "jpe": self = .jpeg
        case "tif", "tiff": self = .tiff
        case "heif", "heic": self = .heif
        case let other:
            guard let type = AttachmentType(rawValue: other) else { return nil }
            self = type
        }
    }

    /// Whether `bytes` (the file's first bytes; 12 suffice) start the way files of this type do.
    ///
    /// Signatures: `%PDF`; PNG's eight bytes; JPEG `FF D8 FF`; `GIF8`; `BM`; `RIFF` … `WEBP`;
    /// TIFF `II*␀` or `MM␀*`; HEIF `ftyp` at offset 4 with brand `heic`, `heix`, `hevc`, `hevx`,
    /// `mif1` or `msf1`; the old Office formats' compound file `D0 CF 11 E0 A1 B1 1A E1`; the
    /// Office Open XML formats' ZIP `PK␃␄`; RTF `{\rtf`. A TXT file has no signature: it passes
    /// unless it holds a NUL byte, which no text file does and nearly every binary file does.
    /// - Complexity: O(1) except TXT, O(n).
    public func matchesSignature(_ bytes: some Collection<UInt8>) -> Bool {
        let head = Array(bytes.prefix(12))
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + prefix.count && Array(head[offset..<offset + prefix.count]) == prefix
        }
        switch self {
        case .pdf: return starts(Array("%PDF".utf8))
        case .png: return starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        case .jpeg: return starts([0xFF, 0xD8, 0xFF])
        case .gif: return starts(Array("GIF8".utf8))
        case .bmp: return starts(Array("BM".utf8))
        case .webp: return starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8)
        case .tiff: return starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A])
        case .heif:
            return starts(Array("ftyp".utf8), at: 4)
                && ["heic", "heix", "hevc", "hevx", "mif1", "msf1"].contains { starts(Array($0.utf8), at: 8) }
        case .doc, .ppt, .xls: return starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        case .docx, .pptx, .xlsx: return starts([0x50, 0x4B, 0x03, 0x04])
        case .rtf: return starts(Array("{\\rtf".utf8))
        case .txt: return !bytes.contains(0)
        }
    }

    public var description: String { rawValue.uppercased() }
}
