// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

extension ScenarioReader {
    /// Reads a distribution mapping such as `{dist: gamma, mean: 7m, sd: 5m}` (SPEC §3.2).
    ///
    /// The `dist` key is read first because it decides which other keys are allowed. Time
    /// parameters are durations in seconds; a parameter that must be positive for the
    /// distribution to be proper (a mean, a standard deviation, a scale, a shape) is checked so.
    func distribution(_ field: Field) throws(ScenarioError) -> DistributionSpec {
        let names = DistributionName.allCases.map(\.rawValue)
        guard case .mapping = field.node.content else {
            throw field.error("expected a distribution such as {dist: exponential, mean: 4m}, "
                                  + "found \(field.node.summary)")
        }
        guard let nameField = field.peek("dist") else {
            throw field.error("missing required key 'dist' (one of \(names.joined(separator: ", ")))")
        }
        let text = try nameField.string()
        guard let name = DistributionName(rawValue: text) else {
            throw nameField.error("unknown distribution '\(text)'\(KeySuggestion.hint(for: text, among: names)); "
                                      + "expected one of \(names.joined(separator: ", "))")
        }
        let map = try field.mapping(ScenarioKeys.distribution(name))
        switch name {
        case .exponential:
            return .exponential(mean: try map.required("mean").seconds(positive: true))
        case .constant:
            return .constant(value: try map.required("value").seconds())
        case .uniform:
            let low = try map.required("min").seconds()
            let highField = try map.required("max")
            let high = try highField.seconds()
            guard high >= low else { throw highField.error("must not be less than min (\(formatted(low))s)") }
            return .uniform(min: low, max: high)
        case .lognormal:
            return .lognormal(mean: try map.required("mean").seconds(positive: true),
                              sd: try map.required("sd").seconds(positive: true))
        case .gamma:
            return .gamma(mean: try map.required("mean").seconds(positive: true),
                          sd: try map.required("sd").seconds(positive: true))
        case .erlang:
            return .erlang(k: try map.required("k").int(atLeast: 1, atMost: ScenarioLimits.erlangPhases,
                                                        limit: "each draw adds k exponential draws"),
                           mean: try map.required("mean").seconds(positive: true))
        case .weibull:
            return .weibull(shape: try map.required("shape").number(positive: true),
                            scale: try map.required("scale").seconds(positive: true))
        case .empirical:
            return .empirical(values: try empiricalValues(map))
        }
    }

    /// The sample of an empirical distribution: an inline `values` list or a `file`, exactly one of them.
    private func empiricalValues(_ map: MappingReader) throws(ScenarioError) -> [Double] {
        switch (map.optional("values"), map.optional("file")) {
        case let (values?, nil):
            var sample: [Double] = []
            for element in try values.list(nonEmpty: true) { sample.append(try element.seconds()) }
            return sample
        case let (nil, file?):
            return try samples(inFileAt: file)
        case let (_?, file?):
            throw file.error("give either 'values' or 'file', not both")
        case (nil, nil):
            throw map.field.error("missing required key 'values' or 'file'")
        }
    }

    /// Reads an empirical sample file: one duration per line; blank lines and `#` lines are skipped.
    ///
    /// The file name is relative to the scenario's directory. A bad line is reported in the
    /// sample file itself, at its line and column, under the key path of `file`.
    private func samples(inFileAt field: Field) throws(ScenarioError) -> [Double] {
        let name = try field.string()
        let path = name.hasPrefix("/") || directory == "." ? name : "\(directory)/\(name)"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw field.error("cannot read the sample file '\(path)'")
        }
        var sample: [Double] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, line) in lines.enumerated() {
            let indent = line.prefix(while: \.isWhitespace)
            let value = line.trimmingCharacters(in: .whitespaces)
            if value.isEmpty || value.hasPrefix("#") { continue }
            // Messages never quote the line: the file may be any readable file, not a sample.
            func fail(_ message: String) -> ScenarioError {
                ScenarioError(file: path, line: index + 1, column: indent.unicodeScalars.count + 1,
                              keyPath: field.path.text, message: message)
            }
            guard let seconds = DurationText.seconds(from: value, allowsBareNumber: true) else {
                throw fail("invalid sample; \(DurationText.acceptedForms)")
            }
            if let problem = durationProblem(seconds) { throw fail("invalid sample: \(problem)") }
            sample.append(seconds)
        }
        guard !sample.isEmpty else { throw field.error("the sample file '\(path)' holds no values") }
        return sample
    }
}
