// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import ConversationServices

/// Attachments: the allowed documents and images, their signatures, and the queue's size limit (SPEC §2.7, seed 000).
@Suite struct AttachmentPolicyTests {
    let policy: AttachmentPolicy

    init() throws { policy = try AttachmentPolicy() }

    /// The first bytes of a genuine file of each type.
    static let samples: [AttachmentType: [UInt8]] = [
        .pdf: Array("%PDF-1.7\n".utf8),
        .png: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13],
        .jpeg: [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46],
        .gif: Array("GIF89a".utf8),
        .bmp: Array("BM".utf8) + [0x36, 0x28, 0, 0],
        .webp: Array("RIFF".utf8) + [0x24, 0, 0, 0] + Array("WEBPVP8 ".utf8),
        .tiff: [0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0],
        .heif: [0, 0, 0, 0x18] + Array("ftypheic".utf8),
        .doc: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
        .ppt: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
        .xls: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
        .docx: [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 6, 0],
        .pptx: [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 6, 0],
        .xlsx: [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 6, 0],
        .rtf: Array("{\\rtf1\\ansi".utf8),
        .txt: Array("Hallo, anbei die Liste.\n".utf8),
    ]

    @Test func theSixteenAllowedTypesByExtensionInAnyCase() throws {
        #expect(AttachmentType.allCases.count == 16)
        for ext in ["pdf", "DOC", "docx", "Ppt", "pptx", "xls", "XLSX", "txt", "rtf", "jpg", "JPEG", "png", "gif",
                    "bmp", "webp", "tiff", "TIF", "heif", "HEIC"] {
            #expect(AttachmentType(fileExtension: ext) != nil, "\(ext)")
            _ = try policy.check(fileName: "datei.\(ext)", sizeBytes: 1000)
        }
        #expect(try policy.check(fileName: "Foto.JPG", sizeBytes: 1) == .jpeg)
        #expect(try policy.check(fileName: "C:\\Users\\eva\\scan.v2.pdf", sizeBytes: 1) == .pdf)
        #expect(try policy.check(fileName: "docs/report.xlsx", sizeBytes: 1) == .xlsx)
    }

    @Test func anythingElseIsRefusedNamingTheType() {
        for (name, ext) in [("setup.exe", "exe"), ("archiv.ZIP", "zip"), ("bild.svg", "svg"), ("README", ""),
                            ("backup.tar.gz", "gz"), ("punkt.", ""), ("pdf", "")] {
            #expect(throws: AttachmentRefusal.typeNotAllowed(extension: ext)) { try policy.check(fileName: name, sizeBytes: 1) }
        }
        #expect(AttachmentRefusal.typeNotAllowed(extension: "exe").description == "files of type .exe are not allowed")
    }

    @Test func theDefaultLimitIsTenMegabytes() throws {
        #expect(policy.limitBytes == 10 * 1_048_576)
        _ = try policy.check(fileName: "gross.pdf", sizeBytes: 10 * 1_048_576)              // exactly the limit passes
        #expect(throws: AttachmentRefusal.tooLarge(sizeBytes: 10 * 1_048_576 + 1, limitBytes: 10 * 1_048_576)) {
            try policy.check(fileName: "gross.pdf", sizeBytes: 10 * 1_048_576 + 1)
        }
    }

    @Test func aQueueSetsItsOwnLimit() throws {
        let small = try AttachmentPolicy(maxAttachmentMB: 0.5)
        #expect(small.limitBytes == 524_288)
        #expect(throws: AttachmentRefusal.tooLarge(sizeBytes: 600_000, limitBytes: 524_288)) {
            try small.check(fileName: "a.png", sizeBytes: 600_000)
        }
        for bad in [0, -1, Double.infinity, Double.nan] {
            #expect(throws: AttachmentPolicyError.self) { try AttachmentPolicy(maxAttachmentMB: bad) }
        }
    }

    @Test func genuineContentMatchesItsSignature() throws {
        for type in AttachmentType.allCases {
            let bytes = try #require(Self.samples[type])
            #expect(try policy.check(fileName: "f.\(type.rawValue)", sizeBytes: 100, content: bytes) == type)
        }
        for brand in ["heix", "mif1", "msf1", "hevc"] {
            #expect(AttachmentType.heif.matchesSignature([0, 0, 0, 0x18] + Array("ftyp\(brand)".utf8)))
        }
        #expect(AttachmentType.tiff.matchesSignature([0x4D, 0x4D, 0x00, 0x2A]))
    }

    @Test func contentThatIsNotWhatTheNameSaysIsRefused() {
        let program: [UInt8] = Array("MZ".utf8) + [0x90, 0, 3, 0, 0, 0]
        for type in AttachmentType.allCases where type != .txt {
            #expect(throws: AttachmentRefusal.signatureMismatch(declared: type)) {
                try policy.check(fileName: "f.\(type.rawValue)", sizeBytes: 100, content: program)
            }
        }
        #expect(throws: AttachmentRefusal.signatureMismatch(declared: .txt)) {
            try policy.check(fileName: "notiz.txt", sizeBytes: 100, content: program)     // MZ headers hold NUL bytes
        }
        #expect(throws: AttachmentRefusal.signatureMismatch(declared: .png)) {
            try policy.check(fileName: "bild.png", sizeBytes: 100, content: Self.samples[.jpeg]!)
        }
        #expect(throws: AttachmentRefusal.signatureMismatch(declared: .webp)) {
            try policy.check(fileName: "b.webp", sizeBytes: 100, content: Array("RIFF\0\0\0\0WAVE".utf8))
        }
        #expect(throws: AttachmentRefusal.signatureMismatch(declared: .pdf)) {
            try policy.check(fileName: "leer.pdf", sizeBytes: 0, content: [])
        }
    }

    @Test func theTypeIsCheckedBeforeTheSizeAndTheSizeBeforeTheContent() {
        #expect(throws: AttachmentRefusal.typeNotAllowed(extension: "exe")) {
            try policy.check(fileName: "x.exe", sizeBytes: 1 << 40, content: [0x4D, 0x5A])
        }
        #expect(throws: AttachmentRefusal.tooLarge(sizeBytes: 1 << 40, limitBytes: policy.limitBytes)) {
            try policy.check(fileName: "x.pdf", sizeBytes: 1 << 40, content: [0x4D, 0x5A])
        }
    }
}
