// SPDX-License-Identifier: GPL-3.0-or-later

/// Finds the name a misspelt key or value was probably meant to be.
enum KeySuggestion {
    /// The candidate nearest to `word` within edit distance `limit`, the first such in `candidates` on a tie.
    ///
    /// The distance is the optimal string alignment distance (insertions, deletions,
    /// substitutions and swaps of neighbours each cost 1), so `capcaity` finds `capacity`.
    static func nearest(to word: String, among candidates: [String], limit: Int = 2) -> String? {
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let distance = editDistance(word, candidate)
            if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// The optimal string alignment distance between two strings, by characters.
    ///
    /// - Complexity: O(*m* × *n*) for strings of *m* and *n* characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var distance = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    distance = min(distance, table[i - 2][j - 2] + 1)
                }
                table[i][j] = distance
            }
        }
        return table[a.count][b.count]
    }

    /// ` (did you mean 'X'?)` when a candidate is near `word`, else the empty string.
    static func hint(for word: String, among candidates: [String]) -> String {
        nearest(to: word, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
