// SPDX-License-Identifier: GPL-3.0-or-later

import Statistics
import Testing

/// A sampler must draw exactly what its distribution draws: the event loop uses samplers, and
/// a run's figures must not depend on which of the two drew a value.
@Suite struct SamplerTests {
    static let distributions: [Distribution] = [
        .exponential(mean: 240), .constant(value: 12.5), .uniform(min: 3, max: 9),
        .lognormal(mean: 300, sd: 120), .gamma(mean: 200, sd: 50), .erlang(k: 3, mean: 90),
        .weibull(shape: 1.5, scale: 60), .empirical(values: [1, 4, 9, 16, 25]),
    ]

    @Test(arguments: distributions)
    func drawsExactlyWhatItsDistributionDraws(_ distribution: Distribution) {
        let reference = RandomStream(seed: 11, replication: 2, name: "sampler/check")
        let twin = RandomStream(seed: 11, replication: 2, name: "sampler/check")
        let tables = [[2.0], distribution.empiricalValues ?? []]
        let sampler = Sampler(distribution, table: 1)
        for draw in 0..<2_000 {
            let expected = distribution.sample(reference)
            let drawn = sampler.sample(twin.generator, tables: tables)
            #expect(drawn.bitPattern == expected.bitPattern, "draw \(draw) of \(distribution): \(drawn) ≠ \(expected)")
            if drawn.bitPattern != expected.bitPattern { return }
        }
    }

    @Test func generatorDrawsWhatItsStreamDraws() {
        let stream = RandomStream(seed: 5, replication: 0, name: "generator/check")
        let twin = RandomStream(seed: 5, replication: 0, name: "generator/check")
        let generator = twin.generator
        for _ in 0..<1_000 {
            #expect(generator.exponential(mean: 7).bitPattern == stream.exponential(mean: 7).bitPattern)
            #expect(generator.uniform() == stream.uniform())
            #expect(generator.integer(below: 13) == stream.integer(below: 13))
        }
    }
}
