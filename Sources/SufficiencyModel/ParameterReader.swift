import Foundation
import Yams

/// What a number in a scenario may be.
public enum Constraint: Sendable, Equatable {
    case nonNegative
    case positive
    case probability
    case range(ClosedRange<Double>)

    /// An annual hazard: at most 52 a year (weekly); faster processes are outside what the model is for and would
    /// only make a run crawl.
    public static let hazard = Constraint.range(0...52)
    /// A multiplier on a hazard.
    public static let multiplier = Constraint.range(0...20)
    /// A weekly price: up to £100,000 a week (the dearest children's home placements are a few tens of thousands).
    public static let weeklyPrice = Constraint.range(0...100_000)
    public static let positiveWeeklyPrice = Constraint.range(0.01...100_000)
    /// A sum of money: up to £1bn.
    public static let pounds = Constraint.range(0...1e9)
    /// Children or households a year: up to 100,000 (England's entries to care are about 32,000 a year).
    public static let flow = Constraint.range(ParameterBounds.flowPerYear)

    /// Why `x` is refused, or nil when it is allowed.
    public func check(_ x: Double) -> String? {
        guard x.isFinite else { return "must be a finite number" }
        switch self {
        case .nonNegative: return x >= 0 ? nil : "must not be negative (found \(x))"
        case .positive: return x > 0 ? nil : "must be greater than 0 (found \(x))"
        case .probability: return (0...1).contains(x) ? nil : "must be a probability in [0, 1] (found \(x))"
        case .range(let r):
            if r.contains(x) { return nil }
            if x < 0 && r.lowerBound == 0 { return "must not be negative (found \(x))" }
            return "must be between \(r.lowerBound) and \(r.upperBound) (found \(x))"
        }
    }
}

/// Tolerance on shares that must sum to 1.
let shareTolerance = 0.001

/// Reads one parameter: a mapping with `value`, `unit` and `source`, and optionally `reference` (a citation of the
/// scenario's `references:` table), `note` and `tuned_against`, after OpenFisca's parameter files. A bare number
/// where a parameter is expected is an error: every number in a scenario says what it is measured in and where it
/// came from.
extension MappingReader {
    /// The `value` node of parameter `key`, after checking its unit (any unit when `unit` is nil), source and
    /// reference; the parameter is recorded for the appendix of assumptions. `readMore` reads any keys a kind of
    /// parameter adds (a benchmark's `as_at`) before the mapping is checked for keys nobody read.
    func parameter(_ key: String, unit: String?, required: Bool = true,
                   also readMore: ((MappingReader, String) -> Void)? = nil) -> (node: Node, path: String)? {
        guard let node = value(key, required: required) else { return nil }
        let path = join(self.path, key)
        guard case .mapping = node else {
            reader.fail(node, path, "expected a parameter with value, unit and source")
            return nil
        }
        guard let p = reader.mapping(node, path: path) else { return nil }
        defer { p.finish() }
        let value = p.value("value")
        let writtenUnit = p.string("unit")
        if let u = writtenUnit, let unit, u != unit {
            reader.fail(p.value("unit"), join(path, "unit"), "unit is '\(u)' but this key is measured in '\(unit)'")
        }
        let source = p.string("source")
        if let s = source { reader.checkSource(s, p.value("source"), join(path, "source")) }
        let reference = p.value("reference", required: false).flatMap { reader.citation($0, join(path, "reference")) }
        _ = p.value("note", required: false)
        _ = p.value("tuned_against", required: false)
        readMore?(p, path)
        let layer = p.value("layer", required: false)?.scalarText ?? ""
        guard let value else { return nil }
        reader.records.append(ScenarioParameter(keyPath: path, value: ScenarioParameter.Value(value), unit: writtenUnit ?? "",
                                                source: source ?? "", layer: layer, reference: reference))
        return (value, join(path, "value"))
    }
}

extension NodeReader {
    func number(_ node: Node, _ path: String, _ constraint: Constraint) -> Double? {
        if case .mapping(let m) = node, let first = m.keys.first, case .scalar(let k) = first,
           FinancialYear(label: k.string) != nil {
            fail(node, path, "this value cannot vary by financial year; schedules are accepted by "
                + "recruitment.approvals_per_year, ifa_market and residential_market multipliers, costs.inflation "
                + "and the interventions")
            return nil
        }
        guard case .scalar(let scalar) = node, scalar.style == .plain, let x = DecimalText.number(scalar.string) else {
            // Text Swift reads as a number but that is not decimal (`0x28`, `nan`) is told what to write instead.
            if case .scalar(let scalar) = node, scalar.style == .plain, Double(scalar.string) != nil {
                fail(node, path, "expected a number in decimal notation, found \(describe(node))")
            } else {
                fail(node, path, "expected a number, found \(describe(node))")
            }
            return nil
        }
        if let problem = constraint.check(x) {
            fail(node, path, problem)
            return nil
        }
        return x
    }

    /// A mapping from every one of `labels` to a number; with `shares`, the numbers must sum to 1.
    func table(_ node: Node, _ path: String, labels: [String], _ constraint: Constraint, shares: Bool) -> [Double]? {
        guard let m = mapping(node, path: path) else { return nil }
        var values = [Double](repeating: 0, count: labels.count)
        var complete = true
        for (i, label) in labels.enumerated() {
            guard let child = m.value(label) else { complete = false; continue }
            if let x = number(child, join(path, label), shares ? .probability : constraint) {
                values[i] = x
            } else {
                complete = false
            }
        }
        for key in m.keys where !labels.contains(key) {
            fail(m.entries.first { $0.key == key }?.keyNode, join(path, key),
                 "unknown label; expected one of \(labels.joined(separator: ", "))")
        }
        m.useAll()
        guard complete else { return nil }
        if shares {
            let sum = values.reduce(0, +)
            if abs(sum - 1) > shareTolerance {
                fail(node, path, "shares must sum to 1 (±\(shareTolerance)); they sum to \(rounded(sum))")
                return nil
            }
        }
        return values
    }

    func table2(_ node: Node, _ path: String, rows: [String], columns: [String], _ constraint: Constraint,
                shares: Bool) -> [[Double]]? {
        guard let m = mapping(node, path: path) else { return nil }
        var result: [[Double]] = []
        var complete = true
        for row in rows {
            guard let child = m.value(row) else { complete = false; continue }
            if let values = table(child, join(path, row), labels: columns, constraint, shares: shares) {
                result.append(values)
            } else {
                complete = false
            }
        }
        for key in m.keys where !rows.contains(key) {
            fail(m.entries.first { $0.key == key }?.keyNode, join(path, key),
                 "unknown label; expected one of \(rows.joined(separator: ", "))")
        }
        m.useAll()
        return complete ? result : nil
    }

    /// A list of numbers.
    func numberList(_ node: Node, _ path: String, _ constraint: Constraint) -> [Double]? {
        guard case .sequence(let sequence) = node else {
            fail(node, path, "expected a list of numbers")
            return nil
        }
        var values: [Double] = []
        for (i, item) in sequence.enumerated() {
            guard let x = number(item, path + "[\(i)]", constraint) else { return nil }
            values.append(x)
        }
        return values
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return "'\(s.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}

func rounded(_ x: Double) -> String {
    let r = (x * 10_000).rounded() / 10_000
    return "\(r)"
}


extension NodeReader {
    /// A number, or a schedule by financial year such as `{2017-18: 10, 2019-20: 15}`.
    func schedule(_ node: Node, _ path: String, _ constraint: Constraint) -> Schedule? {
        if case .scalar = node { return number(node, path, constraint).map(Schedule.init) }
        guard let m = mapping(node, path: path) else { return nil }
        m.useAll()
        var steps: [Schedule.Step] = []
        for entry in m.entries {
            guard let year = FinancialYear(label: entry.key) else {
                fail(entry.keyNode, join(path, entry.key), "expected a financial year such as 2017-18")
                return nil
            }
            guard let x = number(entry.value, join(path, entry.key), constraint) else { return nil }
            steps.append(Schedule.Step(from: year, value: x))
        }
        guard !steps.isEmpty else {
            fail(node, path, "a schedule needs at least one year")
            return nil
        }
        if let first = firstYear, let earliest = steps.map(\.from).min(), earliest > first {
            fail(node, path, "the schedule starts in \(earliest.label), after the scenario's first year \(first.label); "
                + "give a value for \(first.label) too (earlier years would otherwise take the first step's value)")
            return nil
        }
        return Schedule(steps: steps)
    }

    /// A table over `labels` whose cells are numbers or schedules.
    func scheduleTable(_ node: Node, _ path: String, labels: [String], _ constraint: Constraint) -> [Schedule]? {
        guard let m = mapping(node, path: path) else { return nil }
        var values: [Schedule] = []
        var complete = true
        for label in labels {
            guard let child = m.value(label) else { complete = false; continue }
            if let x = schedule(child, join(path, label), constraint) { values.append(x) } else { complete = false }
        }
        for key in m.keys where !labels.contains(key) {
            fail(m.entries.first { $0.key == key }?.keyNode, join(path, key),
                 "unknown label; expected one of \(labels.joined(separator: ", "))")
        }
        m.useAll()
        return complete ? values : nil
    }

    /// A list of category labels, refused when empty; with `distinct`, none twice.
    func labelList(_ node: Node, _ path: String, labels: [String], distinct: Bool) -> [String]? {
        guard case .sequence(let items) = node, !items.isEmpty else {
            fail(node, path, "expected a list such as [\(labels.joined(separator: ", "))]")
            return nil
        }
        var result: [String] = []
        for (i, item) in items.enumerated() {
            guard case .scalar(let s) = item, labels.contains(s.string) else {
                fail(item, path + "[\(i)]", "unknown label; expected one of \(labels.joined(separator: ", "))")
                return nil
            }
            if distinct && result.contains(s.string) {
                fail(item, path + "[\(i)]", "\(s.string) is listed twice")
                return nil
            }
            result.append(s.string)
        }
        return result
    }

    /// Rows keyed by `rows` labels, each a list of one number per column (the same length for every row).
    func rowLists(_ node: Node, _ path: String, rows: [String], _ constraint: Constraint) -> [[Double]]? {
        guard let table = mapping(node, path: path) else { return nil }
        defer { table.finish() }
        var result: [[Double]] = []
        for label in rows {
            guard let row = table.value(label) else { return nil }
            guard let list = numberList(row, join(path, label), constraint) else { return nil }
            if let first = result.first, first.count != list.count {
                fail(row, join(path, label), "has \(list.count) columns where the first row has \(first.count)")
                return nil
            }
            result.append(list)
        }
        return result
    }

    /// Approval ranges keyed `youngest-oldest` (whole years within 0–17) with their shares, which sum to 1.
    func ageRangeShares(_ node: Node, _ path: String) -> (ranges: [ApprovalRange], mix: [Double])? {
        guard let table = mapping(node, path: path) else { return nil }
        table.useAll()
        var ranges: [ApprovalRange] = []
        var mix: [Double] = []
        for entry in table.entries {
            let bounds = entry.key.split(separator: "-").compactMap { Int($0) }
            guard bounds.count == 2, bounds[0] >= 0, bounds[1] <= 17, bounds[0] <= bounds[1] else {
                fail(entry.keyNode, join(path, entry.key), "expected an age range such as 0-17 or 10-17")
                return nil
            }
            guard let x = number(entry.value, join(path, entry.key), .probability) else { return nil }
            ranges.append(ApprovalRange(youngest: bounds[0], oldest: bounds[1]))
            mix.append(x)
        }
        let sum = mix.reduce(0, +)
        guard !mix.isEmpty, abs(sum - 1) <= shareTolerance else {
            fail(node, path, "shares must sum to 1 (±\(shareTolerance)); they sum to \(rounded(sum))")
            return nil
        }
        return (ranges, mix)
    }
}
