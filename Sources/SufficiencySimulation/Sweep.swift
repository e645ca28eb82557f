import Foundation
import SufficiencyModel

/// A grid of lever values, run on common random numbers: the points `sufficiency sweep` simulates, and what it
/// reports for each (`sweep.csv` and the printed table).
///
/// Each axis is a parameter's key path (as in the scenario file) and the values to try; the grid is every
/// combination, the first axis varying slowest, so the points come in the order the values were given. Every point
/// runs on the same seeds, so differences between points are the lever's, not the noise's.
public struct Sweep: Sendable, Equatable {
    /// One parameter and the values it takes.
    public struct Axis: Sendable, Equatable {
        public var keyPath: String
        public var values: [String]

        public init(keyPath: String, values: [String]) {
            self.keyPath = keyPath
            self.values = values
        }

        /// `KEY=V1,V2,...` (spaces around a value dropped); nil without a key, or with a value left empty
        /// (`5,,10` or `5,`: a slip, not a grid of two). A value may be a table or list in flow style
        /// (`{mean: 8, shape: 4},{mean: 2, shape: 1}`): only commas outside braces, brackets and quotes separate values.
        public init?(assignment: String) {
            guard let o = ScenarioOverride(assignment: assignment) else { return nil }
            let values = Self.topLevelValues(o.value).map { $0.trimmingCharacters(in: .whitespaces) }
            guard !values.contains(where: \.isEmpty) else { return nil }
            self.init(keyPath: o.keyPath, values: values)
        }

        /// `text` cut at the commas outside `{}`, `[]` and quotes (empty pieces kept, so that a slip can be refused).
        static func topLevelValues(_ text: String) -> [String] {
            var pieces: [String] = [], current = ""
            var depth = 0
            var quote: Character? = nil
            for ch in text {
                if let q = quote {
                    if ch == q { quote = nil }
                } else if ch == "\"" || ch == "'" {
                    quote = ch
                } else if ch == "{" || ch == "[" {
                    depth += 1
                } else if ch == "}" || ch == "]" {
                    depth = max(0, depth - 1)
                } else if ch == "," && depth == 0 {
                    pieces.append(current)
                    current = ""
                    continue
                }
                current.append(ch)
            }
            pieces.append(current)
            return pieces
        }
    }

    /// The most points a sweep runs: beyond this, a grid is more likely a mistake than a plan.
    public static let maximumPoints = 400

    /// The outcomes reported for each point, in `sweep.csv`'s order.
    public static let metrics: [AnnualMetric] = [.childrenInCare, .inHouseFoster, .ifaFoster, .residential,
                                                 .displacedToResidential, .moves3PlusPct, .costTotal, .netCost]

    public var axes: [Axis]

    public init(axes: [Axis]) {
        self.axes = axes
    }

    /// Every combination of the axes' values, the first axis slowest; one point (no overrides) without axes.
    public var points: [[ScenarioOverride]] {
        var grid: [[ScenarioOverride]] = [[]]
        for axis in axes {
            grid = grid.flatMap { point in axis.values.map { point + [ScenarioOverride(keyPath: axis.keyPath, value: $0)] } }
        }
        return grid
    }

    /// What is wrong with the axes, one line each: a key path given by more than one `--set` (the grid would hold
    /// two columns of that name, each point setting it twice, the last winning), or a value given twice in one
    /// `--set` (the same point run twice). Empty when the grid can be run.
    public var problems: [String] {
        var problems = ScenarioOverride.repeatedKeys(axes.map(\.keyPath))
        for axis in axes {
            // Values compared as numbers where they are numbers: `1` and `1.0` are the same point run twice.
            let values = axis.values.map { text in DecimalText.number(text).map { "\($0)" } ?? text }
            for (_, at) in Repeats.positions(in: values) {
                let given = at.map { axis.values[$0] }
                let written = Set(given).count == 1 ? "" : " (as \(given.joined(separator: " and ")))"
                problems.append("--set \(axis.keyPath)=\(axis.values.joined(separator: ",")): the value \(given[0]) given "
                    + Repeats.times(at.count) + written)
            }
        }
        return problems
    }

    /// How many points the grid has, without building it.
    public var pointCount: Int { axes.reduce(1) { $0 * $1.values.count } }

    /// A point as the progress and the work estimate name it: `key=value key=value`.
    public static func label(_ point: [ScenarioOverride]) -> String {
        point.map { "\($0.keyPath)=\($0.value)" }.joined(separator: " ")
    }
}

/// One outcome of one sweep point: the mean and 90% interval (5th to 95th percentile) over replications.
public struct SweepOutcome: Sendable, Equatable {
    public var metric: AnnualMetric
    public var mean: Double
    public var p05: Double
    public var p95: Double

    /// The outcome of `metric` in the run's year `y`.
    public init(_ metric: AnnualMetric, _ result: RunResult, year y: Int) {
        let s = Summary(result.values(metric, year: y))
        self.metric = metric
        mean = s.mean
        p05 = s.p05
        p95 = s.p95
    }

    /// Decimals in `sweep.csv`: 0 (whole pounds) for money, 2 otherwise.
    public static func decimals(_ metric: AnnualMetric) -> Int { metric.isMoney ? 0 : 2 }

    /// The three cells of `sweep.csv`.
    public var cells: [String] {
        let d = SweepOutcome.decimals(metric)
        return [Format.fixed(mean, d), Format.fixed(p05, d), Format.fixed(p95, d)]
    }

    /// "mean (p05–p95)" as the printed table shows it: the values as `sweep.csv` writes them, so that the two
    /// agree, then scaled (1e-6 for £m) and given `decimals`.
    public func interval(scale: Double = 1, decimals: Int = 0) -> String {
        let written = SweepOutcome.decimals(metric)
        let f = { (x: Double) in Format.fixed(Format.rounded(x, written) * scale, decimals) }
        return "\(f(mean)) (\(f(p05))–\(f(p95)))"
    }
}

/// One point of a sweep and its outcomes in the year reported, one per `Sweep.metrics`.
public struct SweepPoint: Sendable, Equatable {
    public var overrides: [ScenarioOverride]
    /// The year the outcomes are for, with its days (a part year's costs are for its days only).
    public var year: SimulatedYear
    public var outcomes: [SweepOutcome]

    public init(overrides: [ScenarioOverride], result: RunResult, year y: Int) {
        self.overrides = overrides
        year = result.model.simulatedYears[y]
        outcomes = Sweep.metrics.map { SweepOutcome($0, result, year: y) }
    }

    public func outcome(_ metric: AnnualMetric) -> SweepOutcome {
        outcomes.first { $0.metric == metric }!
    }
}

extension Sweep {
    /// `sweep.csv`: a column per axis (its key path), the year of the outcomes and its days simulated, then mean,
    /// p05 and p95 of each metric; a row per point.
    public func csv(_ points: [SweepPoint]) -> String {
        var header = axes.map(\.keyPath) + ["year", "days"]
        for m in Self.metrics { header += [m.label + "_mean", m.label + "_p05", m.label + "_p95"] }
        let rows = points.map { point in
            point.overrides.map(\.value) + point.year.cells + point.outcomes.flatMap(\.cells)
        }
        return ([header] + rows).map { $0.map(Format.csv).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// The printed table: a column per axis, then the main outcomes' means and 90% intervals.
    public func table(_ points: [SweepPoint]) -> String {
        var table = TextTable(Array(repeating: .right(), count: axes.count + 5))
        table.append(axes.map(\.keyPath) + ["children in care", "in-house", "IFA", "residential", "net cost £m"])
        for point in points {
            table.append(point.overrides.map(\.value)
                + [AnnualMetric.childrenInCare, .inHouseFoster, .ifaFoster, .residential].map { point.outcome($0).interval() }
                + [point.outcome(.netCost).interval(scale: 1e-6, decimals: 2)])
        }
        return table.render()
    }
}
