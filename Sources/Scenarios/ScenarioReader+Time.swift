// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ParleyTime

/// Local times, weekly ranges, arrival profiles, traces and staffing plans (SPEC §3, §3.2).
extension ScenarioReader {
    static let week = 7 * 86_400.0
    static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// `start`: a local date and time `YYYY-MM-DDTHH:MM` (seconds optional); its weekday comes from the date.
    static func start(_ field: Field) throws(ScenarioError) -> LocalStart {
        let text = try field.string()
        guard let local = LocalDateTimeText(text, timeOptional: true) else {
            throw field.error("expected a local date and time such as 2026-11-23T08:00, found '\(text)'")
        }
        let weekday = weekdayFromMonday(year: local.year, month: local.month, day: local.day)
        let seconds = Double(weekday) * 86_400 + Double(local.secondOfDay)
        return LocalStart(text: text, weekOffset: .seconds(seconds))
    }

    /// Day of the week, 0 = Monday, by Zeller's congruence (proleptic Gregorian calendar).
    static func weekdayFromMonday(year: Int, month: Int, day: Int) -> Int {
        let m = month < 3 ? month + 12 : month
        let y = month < 3 ? year - 1 : year
        let h = (day + 13 * (m + 1) / 5 + y % 100 + (y % 100) / 4 + (y / 100) / 4 + 5 * (y / 100)) % 7
        return (h + 5) % 7   // Zeller: 0 = Saturday
    }

    /// `shifts`: a list such as `["mon-fri 08:00-16:00", "sat 09:00-14:00"]`; a range that ends
    /// before it starts runs past midnight.
    static func shifts(_ field: Field) throws(ScenarioError) -> [WeeklyRange] {
        var ranges: [WeeklyRange] = []
        for element in try field.list(nonEmpty: true) {
            ranges += try weeklyRanges(element)
        }
        return ranges.sorted { $0.start < $1.start }
    }

    /// One `days HH:MM-HH:MM` entry as ranges of the week.
    static func weeklyRanges(_ field: Field) throws(ScenarioError) -> [WeeklyRange] {
        let text = try field.string()
        let parts = text.lowercased().split(separator: " ", omittingEmptySubsequences: true)
        let bad = field.error("expected days and hours such as \"mon-fri 08:00-16:00\", found '\(text)'")
        guard parts.count == 2, let days = dayList(String(parts[0])) else { throw bad }
        let times = parts[1].split(separator: "-")
        guard times.count == 2, let from = clock(times[0]), let to = clock(times[1]), from != to else { throw bad }
        return days.map { day in
            let start = Double(day) * 86_400 + from
            return WeeklyRange(start: start, end: start + (to > from ? to - from : 86_400 - from + to))
        }
    }

    /// `mon`, `mon-fri`, `sat,sun` or `daily` as weekday numbers (0 = Monday).
    static func dayList(_ text: String) -> [Int]? {
        if text == "daily" || text == "mon-sun" { return Array(0..<7) }
        var days: [Int] = []
        for item in text.split(separator: ",") {
            let bounds = item.split(separator: "-").map(String.init)
            guard let first = bounds.first.flatMap({ dayNames.firstIndex(of: $0) }) else { return nil }
            if bounds.count == 1 {
                days.append(first)
            } else if bounds.count == 2, let last = dayNames.firstIndex(of: bounds[1]), last >= first {
                days += Array(first...last)
            } else {
                return nil
            }
        }
        return days
    }

    /// `HH:MM` (24:00 allowed) as seconds after midnight.
    static func clock<S: StringProtocol>(_ text: S) -> Double? {
        let parts = text.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, (0...24).contains(parts[0]), (0...59).contains(parts[1]),
              parts[0] < 24 || parts[1] == 0 else { return nil }
        return Double(parts[0] * 3600 + parts[1] * 60)
    }

    /// A repeating per-interval series: `values` covering exactly one day or one week.
    static func repeatingSeries<T>(_ field: Field, keys: KeySet, valuesKey: String,
                                   read: (Field) throws(ScenarioError) -> T) throws(ScenarioError) -> (SimDuration, [T]) {
        let map = try field.mapping(keys)
        let interval = try map.required("interval").duration(positive: true)
        let valuesField = try map.required(valuesKey)
        var values: [T] = []
        for element in try valuesField.list(nonEmpty: true) { values.append(try read(element)) }
        let span = interval.seconds * Double(values.count)
        guard abs(span - 86_400) < 1e-6 || abs(span - week) < 1e-6 else {
            let perDay = 86_400 / interval.seconds
            throw valuesField.error("expected \(formatted(perDay)) values (one day of \(formatted(interval.seconds / 60))-minute "
                                        + "intervals) or \(formatted(perDay * 7)) (one week), found \(values.count)")
        }
        return (interval, values)
    }

    /// A trace file: one arrival per line as seconds after `start` or a local time `YYYY-MM-DDTHH:MM[:SS]`
    /// optionally followed by a comma and a work content.
    func trace(_ field: Field, start: LocalStart) throws(ScenarioError) -> [TraceArrival] {
        let name = try field.string()
        let path = name.hasPrefix("/") || directory == "." ? name : "\(directory)/\(name)"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw field.error("cannot read the trace file '\(path)'")
        }
        var rows: [TraceArrival] = []
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let content = line.trimmingCharacters(in: .whitespaces)
            if content.isEmpty || content.hasPrefix("#") { continue }
            let columns = content.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            func fail(_ message: String) -> ScenarioError {
                ScenarioError(file: path, line: index + 1, column: 1, keyPath: field.path.text, message: message)
            }
            // Messages never quote the line: the file may be any readable file, not a trace.
            guard let offset = Self.traceOffset(columns[0], start: start) else {
                throw fail("invalid arrival: expected seconds after start or a local time such as 2026-11-23T08:15:30")
            }
            var work: Double?
            if columns.count > 1 {
                guard let seconds = DurationText.seconds(from: columns[1], allowsBareNumber: true) else {
                    throw fail("invalid work content; \(DurationText.acceptedForms)")
                }
                if let problem = durationProblem(seconds) { throw fail("invalid work content: \(problem)") }
                work = seconds
            }
            guard columns.count <= 2 else { throw fail("expected at most two columns: arrival, work content") }
            guard offset >= 0 else { throw fail("the arrival is before start") }
            guard offset <= ScenarioLimits.longestDurationSeconds else {
                throw fail("the arrival is more than \(ScenarioLimits.longestDurationText) after start, the longest "
                               + "span the simulator's 64-bit microsecond clock is given")
            }
            if let last = rows.last, offset < last.offset.seconds { throw fail("arrivals must be in time order") }
            rows.append(TraceArrival(offset: .seconds(offset), workSeconds: work))
        }
        guard !rows.isEmpty else { throw field.error("the trace file '\(path)' holds no arrivals") }
        return rows
    }

    /// Seconds after start of a trace arrival: a number, or a local date-time compared with `start`.
    static func traceOffset(_ text: String, start: LocalStart) -> Double? {
        if text.hasPrefix("-"), let seconds = DurationText.plainNumber(text.dropFirst()) { return -seconds }
        if let seconds = DurationText.plainNumber(Substring(text)) { return seconds }
        guard let startDate = isoSeconds(start.text), let date = isoSeconds(text) else { return nil }
        return date - startDate
    }

    /// Seconds since 1970-01-01 of a local `YYYY-MM-DDTHH:MM[:SS]` taken as if it were UTC.
    static func isoSeconds(_ text: String) -> Double? {
        guard let local = LocalDateTimeText(text, timeOptional: true) else {
            return nil
        }
        let date = [local.year, local.month, local.day]
        // Days from civil (Howard Hinnant's algorithm).
        let y = date[1] <= 2 ? date[0] - 1 : date[0]
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (date[1] + (date[1] > 2 ? -3 : 9)) + 2) / 5 + date[2] - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Double(days) * 86_400 + Double(local.secondOfDay)
    }
}
