// SPDX-License-Identifier: GPL-3.0-or-later

import SplitMix
import Testing

@Suite("SplitMix64")
struct SplitMix64Tests {
    /// The first outputs of the reference `splitmix64.c` (Vigna) for three seeds.
    static let reference: [(seed: UInt64, outputs: [UInt64])] = [
        (0, [0xe220_a839_7b1d_cdaf, 0x6e78_9e6a_a1b9_65f4, 0x06c4_5d18_8009_454f]),
        (1, [0x910a_2dec_8902_5cc1, 0xbeeb_8da1_658e_ec67, 0xf893_a2ee_fb32_555e]),
        (42, [0xbdd7_3226_2feb_6e95, 0x28ef_e333_b266_f103, 0x4752_6757_130f_9f52]),
    ]

    @Test("the sequences of the reference implementation", arguments: reference)
    func referenceSequences(seed: UInt64, expected: [UInt64]) {
        var generator = SplitMix64(seed: seed)
        #expect((0..<3).map { _ in generator.next() } == expected)
    }

    @Test("an output is the mix of the advanced state")
    func outputIsMixOfState() {
        var generator = SplitMix64(seed: 7)
        let output = generator.next()
        #expect(output == SplitMix64.mix(7 &+ SplitMix64.increment))
        #expect(generator.state == 7 &+ SplitMix64.increment)
        #expect(SplitMix64.mix(0) == 0)
    }

    @Test("a uniform draw is the top 53 bits of the next output, in [0, 1)")
    func uniformDraws() {
        var a = SplitMix64(seed: 3)
        var b = SplitMix64(seed: 3)
        for _ in 0..<10_000 {
            let u = a.uniform()
            #expect(u == Double(b.next() >> 11) * 0x1.0p-53)
            #expect(u >= 0 && u < 1)
        }
    }
}
