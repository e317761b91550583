// SPDX-License-Identifier: GPL-3.0-or-later

/// The grid of `parley sweep --vary key=v1,v2,… [--vary …]` (SPEC §9): every combination of
/// the varied keys' values, each a list of `--set` overrides.
package struct SweepGrid: Equatable, Sendable {
    /// One varied key and its values, in command-line order.
    package struct Axis: Equatable, Sendable {
        package var key: String
        package var values: [String]
    }

    /// The most grid points a sweep may have: each is a whole run.
    package static let maxPoints = 1_000

    package var axes: [Axis]

    /// Reads the `--vary` arguments.
    ///
    /// - Throws: the reason as text for a value without `key=`, an empty value, a key varied twice,
    ///   `seed` or `replications` (common to every point) or a grid of more than ``maxPoints`` points.
    package init(_ arguments: [String]) throws(SweepGridError) {
        var axes: [Axis] = []
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                throw SweepGridError("--vary '\(argument)': give key.path=v1,v2,…")
            }
            let key = String(argument[..<equals])
            let values = argument[argument.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false)
                .map(String.init)
            guard !values.contains(where: \.isEmpty) else {
                throw SweepGridError("--vary '\(argument)': a value is empty; give key.path=v1,v2,…")
            }
            guard key != "seed" && key != "replications" else {
                throw SweepGridError("--vary: \(key) is the same at every grid point (common random numbers); set it with "
                                     + "--\(key)")
            }
            guard !axes.contains(where: { $0.key == key }) else {
                throw SweepGridError("--vary: \(key) is varied twice; give all its values in one --vary")
            }
            axes.append(Axis(key: key, values: values))
        }
        let points = axes.reduce(1) { $0 * $1.values.count }
        guard points <= Self.maxPoints else {
            throw SweepGridError("--vary: the grid has \(points) points, more than \(Self.maxPoints) (each is a whole run)")
        }
        self.axes = axes
    }

    /// Every point of the grid as its `key=value` overrides, the first key varying slowest.
    package var points: [[String]] {
        axes.reduce([[]]) { points, axis in
            points.flatMap { point in axis.values.map { point + ["\(axis.key)=\($0)"] } }
        }
    }
}

/// Why `--vary` names no grid.
package struct SweepGridError: Error, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
