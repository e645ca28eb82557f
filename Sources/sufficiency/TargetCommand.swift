import ArgumentParser
import Foundation
import SufficiencyModel
import SufficiencySimulation

/// `sufficiency target`: the smallest lever value for which a goal is met with a given probability.
struct TargetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "target",
        abstract: "Find the smallest value of a lever for which a goal is met with at least a given probability.",
        discussion: """
            Bisection over --range on common random numbers: every value runs on the same seeds, so the \
            probability of meeting the goal changes only with the lever. The goal is an annual metric (such as \
            ifa_foster or net_cost) or net_savings against --baseline (default: the scenario's extends). It refuses \
            when the goal cannot be reached in the range, or is not monotone in the lever there.
            """
    )

    @Argument(help: "The scenario (file or embedded name).")
    var scenario: String

    @Option(name: .long, help: "Key path of the lever, such as interventions.recruitment.approvals_per_year.")
    var vary: String

    @Option(name: .long, help: "net_savings, or an annual metric such as ifa_foster.")
    var goal: String

    @Option(name: .long, help: "Financial year of the goal, such as 2019-20.")
    var year: String

    @Option(name: .long, parsing: .unconditional, help: "The goal is met when the value is at least this.",
            transform: FlagValue.finite)
    var atLeast: Double?

    @Option(name: .long, parsing: .unconditional, help: "The goal is met when the value is at most this.",
            transform: FlagValue.finite)
    var atMost: Double?

    @Option(name: .long, parsing: .unconditional, help: "Probability with which the goal must be met (0 to 1).",
            transform: FlagValue.number(0...1, "0 to 1"))
    var confidence: Double

    @Option(name: .long, parsing: .unconditional,
            help: "LO,HI: the values of the lever to search (default 0 to twice its current value).")
    var range: String?

    @Option(name: .long, parsing: .unconditional,
            help: "Resolution of the answer, above 0 (default 1 for whole-number ranges, else 1% of the range).",
            transform: FlagValue.positive)
    var step: Double?

    @Option(name: .long, help: "Baseline for net_savings (default: what the scenario extends).")
    var baseline: String?

    @OptionGroup var simulation: SimulationOptions

    func validate() throws {
        guard (atLeast == nil) != (atMost == nil) else { throw ValidationError("give exactly one of --at-least and --at-most") }
        guard FinancialYear(label: year) != nil else { throw ValidationError("--year must be like 2019-20 (got \(year))") }
        guard goal == "net_savings" || AnnualMetric.allCases.contains(where: { $0.label == goal }) else {
            throw ValidationError("--goal must be net_savings or one of \(AnnualMetric.allCases.map(\.label).joined(separator: ", "))")
        }
        if let range { guard parseRange(range) != nil else { throw ValidationError("--range must be LO,HI with LO < HI") } }
    }

    func parseRange(_ text: String) -> (Double, Double)? {
        let parts = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, parts[0] < parts[1] else { return nil }
        return (parts[0], parts[1])
    }

    func run() throws {
        let base = try loadScenario(scenario)
        guard let current = base.value(at: vary).flatMap(Double.init) else {
            throw InputError("--vary \(vary): no single numeric parameter with this key path in \(base.origin)")
        }
        let targetYear = FinancialYear(label: year)!
        let startYear = base.scenario.startDate.financialYear
        let yearsNeeded = targetYear.startYear - startYear.startYear + 1
        guard (1...15).contains(yearsNeeded) else {
            throw InputError("--year \(year) is not within 15 years of the scenario's start (\(startYear.label))")
        }
        var options = simulation
        options.years = yearsNeeded
        let (lo, hi) = range.flatMap(parseRange) ?? (0, max(2 * current, 1))
        let whole = lo == lo.rounded() && hi == hi.rounded() && current == current.rounded()
        let resolution = step ?? (whole ? 1 : (hi - lo) / 100)
        let y = yearsNeeded - 1

        // The work of the scenario at both ends of the range (and of the baseline) is checked before anything runs.
        var checked = try [lo, hi].map { v in
            ("\(base.origin) [\(vary)=\(v)]",
             try loadScenario(scenario, overrides: [ScenarioOverride(keyPath: vary, value: Format.fixed(v, 6))]))
        }
        var baselineScenario: LoadedScenario? = nil
        if goal == "net_savings" {
            guard let name = baseline ?? base.parent else {
                throw InputError("--goal net_savings needs --baseline: \(base.origin) extends no baseline")
            }
            let b = try loadScenario(name)
            guard b.scenario.startDate == base.scenario.startDate else {
                throw InputError("--baseline \(name) starts on \(b.scenario.startDate), the scenario on \(base.scenario.startDate); "
                    + "net savings need the same start date")
            }
            baselineScenario = b
            checked.insert((b.origin, b), at: 0)
        }
        try checkWork(checked, options)
        if options.dryRun { return }
        var baselineResult: RunResult? = nil
        if let b = baselineScenario { baselineResult = try simulate(b, options, quiet: true).0 }
        var cache: [Double: Double] = [:]
        func probability(_ v: Double) throws -> Double {
            if let p = cache[v] { return p }
            let loaded = try loadScenario(scenario, overrides: [ScenarioOverride(keyPath: vary, value: Format.fixed(v, 6))])
            let r = try simulate(loaded, options, quiet: true).0
            let values: [Double]
            if let b = baselineResult {
                values = (0..<r.replications).map { b.value(.netCost, year: y, replication: $0) - r.value(.netCost, year: y, replication: $0) }
            } else {
                let m = AnnualMetric.allCases.first { $0.label == goal }!
                values = r.values(m, year: y)
            }
            let met = values.filter { x in atLeast.map { x >= $0 } ?? (x <= atMost!) }.count
            let p = Double(met) / Double(values.count)
            cache[v] = p
            FileHandle.standardError.write(Data("  \(vary) = \(Format.fixed(v, 3)): P(goal) = \(Format.fixed(p, 3))\n".utf8))
            return p
        }
        func snap(_ v: Double) -> Double { lo + ((v - lo) / resolution).rounded(.down) * resolution }
        let goalText = "\(goal) in \(year) \(atLeast != nil ? "≥ \(Format.fixed(atLeast!, 0))" : "≤ \(Format.fixed(atMost!, 0))")"
        print("target: smallest \(vary) in [\(Format.fixed(lo, 3)), \(Format.fixed(hi, 3))] with P(\(goalText)) ≥ "
            + "\(confidence), \(options.replications) replications on common random numbers (seed \(options.seed))")

        // Monotonicity over a coarse grid: the probability must not fall as the lever rises (beyond sampling noise).
        let grid = (0...4).map { snap(lo + Double($0) * (hi - lo) / 4) } + [hi]
        // (Monotonicity is checked on a coarse grid; the bisection below assumes it.)
        var previous: (Double, Double)? = nil
        let noise = 2 * (0.25 / Double(options.replications)).squareRoot() + 1 / Double(options.replications)
        for v in Array(Set(grid)).sorted() {
            let p = try probability(v)
            if let (pv, pp) = previous, p < pp - noise {
                throw TargetRefusal("the goal is not monotone in \(vary) over the range: P = \(Format.fixed(pp, 3)) at "
                    + "\(Format.fixed(pv, 3)) but \(Format.fixed(p, 3)) at \(Format.fixed(v, 3))")
            }
            previous = (v, p)
        }
        guard try probability(hi) >= confidence else {
            throw TargetRefusal("the goal is not reachable in the range: P = \(Format.fixed(try probability(hi), 3)) at "
                + "\(vary) = \(Format.fixed(hi, 3)), below \(confidence); widen --range or lower --confidence")
        }
        // Bisection over the grid of values lo + k·step (the last point capped at hi): the smallest k that meets the
        // goal, with k − 1 evaluated as "one step below" on the same grid.
        let steps = Int(((hi - lo) / resolution).rounded(.up))
        func value(_ k: Int) -> Double { min(lo + Double(k) * resolution, hi) }
        var lowK = 0, highK = steps
        if try probability(value(0)) >= confidence {
            highK = 0
        } else {
            while highK - lowK > 1 {
                let mid = (lowK + highK) / 2
                if try probability(value(mid)) >= confidence { highK = mid } else { lowK = mid }
            }
        }
        let high = value(highK)
        let below = highK > 0 ? value(highK - 1) : lo - 1
        let pBelow = highK > 0 ? try probability(below) : .nan
        print("answer: \(vary) = \(Format.fixed(high, 3)) gives P(\(goalText)) = \(Format.fixed(try probability(high), 3)); "
            + (below >= lo ? "one step below, \(Format.fixed(below, 3)), gives \(Format.fixed(pBelow, 3))"
                : "it is the bottom of the range"))
    }
}

/// A target search that has no answer: printed as a refusal, exit status 3.
struct TargetRefusal: Error, CustomStringConvertible {
    var description: String
    init(_ text: String) { description = text }
}
