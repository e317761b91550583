// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import ResultStorage

@Suite("SHA-256 content hash")
struct ContentHashTests {
    @Test("FIPS 180-2 test vectors", arguments: [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func fipsVectors(message: String, digest: String) {
        #expect(ContentHash.hex(of: message) == digest)
    }

    @Test("FIPS 180-2 one million 'a'")
    func millionA() {
        let digest = ContentHash.sha256([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        #expect(digest.prefix(4) == [0xcd, 0xc7, 0x6e, 0x5c])
        #expect(digest.suffix(4) == [0xc7, 0x11, 0x2c, 0xd0])
        #expect(digest.count == 32)
    }

    /// Lengths around the padding boundaries: 55 bytes fit one block with the length,
    /// 56 need a second one. Digests from GNU coreutils `sha256sum`.
    @Test("padding boundaries", arguments: [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
        (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
        (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
    ])
    func paddingBoundaries(length: Int, digest: String) {
        #expect(ContentHash.hex(of: String(repeating: "a", count: length)) == digest)
    }

    @Test("hashes the UTF-8 bytes of the text")
    func utf8() {
        #expect(ContentHash.hex(of: "Größe ✓ 日本")
            == "c6dc08803f67542a33f2f8a4bd30cb1165fbc7cf51821243d179c8b402001b3f")
    }
}
