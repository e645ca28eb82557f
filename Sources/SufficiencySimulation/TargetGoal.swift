import SufficiencyModel

/// What a target search asks of the lever: an outcome in one financial year at least, or at most, a bound.
///
/// The outcome is an annual metric of the scenario (`ifa_foster`, `net_cost`, …) or its net savings against a
/// baseline, replication by replication on common random numbers (the baseline's net cost less the scenario's).
public struct TargetGoal: Sendable, Equatable, CustomStringConvertible {
    public enum Outcome: Sendable, Equatable {
        case netSavings
        case metric(AnnualMetric)

        /// `net_savings` or an annual metric's label; nil for anything else.
        public init?(label: String) {
            if label == "net_savings" {
                self = .netSavings
            } else if let metric = AnnualMetric.allCases.first(where: { $0.label == label }) {
                self = .metric(metric)
            } else {
                return nil
            }
        }

        public var label: String {
            switch self {
            case .netSavings: return "net_savings"
            case .metric(let m): return m.label
            }
        }
    }

    public enum Bound: Sendable, Equatable {
        case atLeast(Double)
        case atMost(Double)
    }

    public var outcome: Outcome
    public var year: FinancialYear
    public var bound: Bound

    public init(_ outcome: Outcome, in year: FinancialYear, _ bound: Bound) {
        self.outcome = outcome
        self.year = year
        self.bound = bound
    }

    /// Whether one replication's value meets the goal (the bound itself meets it).
    public func isMet(by x: Double) -> Bool {
        switch bound {
        case .atLeast(let b): return x >= b
        case .atMost(let b): return x <= b
        }
    }

    /// Years to simulate from a scenario starting on `start` so that the goal's year is the last.
    public func horizonYears(from start: CivilDate) -> Int {
        year.startYear - start.financialYear.startYear + 1
    }

    /// The share of `result`'s replications that meet the goal in its year, the run's year `y` (the last simulated
    /// when the horizon is `horizonYears`). Net savings need the `baseline`'s run on the same seeds.
    public func probability(_ result: RunResult, baseline: RunResult?, year y: Int) -> Double {
        let values: [Double]
        switch outcome {
        case .netSavings:
            guard let baseline else { preconditionFailure("net savings need a baseline run") }
            precondition(baseline.replications == result.replications, "net savings pair replications")
            values = (0..<result.replications).map {
                baseline.value(.netCost, year: y, replication: $0) - result.value(.netCost, year: y, replication: $0)
            }
        case .metric(let m):
            values = result.values(m, year: y)
        }
        return Double(values.filter(isMet(by:)).count) / Double(values.count)
    }

    /// As the command states it, the bound as tested (`net_savings in 2020-21 ≥ 372000`, `moves_3plus_pct in
    /// 2019-20 ≤ 6.5`): rounding it to a whole number said 7 where 6.5 was tested.
    public var description: String {
        switch bound {
        case .atLeast(let b): return "\(outcome.label) in \(year.label) ≥ \(Format.plain(b))"
        case .atMost(let b): return "\(outcome.label) in \(year.label) ≤ \(Format.plain(b))"
        }
    }
}
