import Foundation
import SufficiencyModel

/// Which assumptions move a comparison's answer most: each uncertain parameter at its low and high value, the
/// comparison rerun on common random numbers, and the goal (mean net savings in a year, and the probability of
/// reaching a target) recorded (`SensitivitySummary`).
///
/// A parameter is uncertain when its source is an "assumption" (the default), or when it is named. Its low and
/// high values are the value × (1 ∓ swing), every number of a table or schedule alike, clamped to what the
/// parameter may be (a probability stays in [0, 1]; a value so held is marked, `SensitivitySummary.Held`) and rounded
/// for whole numbers. Tables of shares (which must sum to 1), lists of labels, dates and flags cannot be scaled and
/// are listed as skipped.
public enum Sensitivity {
    public struct Plan: Sendable {
        public var baseline: LoadedScenario
        public var scenario: LoadedScenario
        public var year: FinancialYear
        public var target: Double?
        public var swing: Double
        /// Key paths to vary; nil: every parameter whose source is an assumption.
        public var parameters: [String]?
        public var replications: Int
        public var seed: UInt64
        public var threads: Int
        /// False: a calibrated scenario's point estimates in every replication (`--no-parameter-uncertainty`).
        public var drawsRates: Bool

        public init(baseline: LoadedScenario, scenario: LoadedScenario, year: FinancialYear, target: Double?,
                    swing: Double, parameters: [String]?, replications: Int, seed: UInt64, threads: Int,
                    drawsRates: Bool = true) {
            self.drawsRates = drawsRates
            self.baseline = baseline
            self.scenario = scenario
            self.year = year
            self.target = target
            self.swing = swing
            self.parameters = parameters
            self.replications = replications
            self.seed = seed
            self.threads = threads
        }

        /// Years simulated: from the scenario's start to the goal's year.
        public var years: Int { max(1, year.startYear - scenario.scenario.startDate.financialYear.startYear + 1) }
    }

    public struct PlanError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Whether `source` marks its parameter as an assumption.
    public static func isAssumption(_ source: String) -> Bool {
        source.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("assumption")
    }

    /// The parameters to vary, in the scenario's order: named ones, or the assumptions of the scenario and of its
    /// baseline (the union, by key path).
    public static func candidates(_ plan: Plan) throws -> [ScenarioParameter] {
        var byPath: [String: ScenarioParameter] = [:]
        var order: [String] = []
        for p in plan.scenario.parameters + plan.baseline.parameters where byPath[p.keyPath] == nil {
            byPath[p.keyPath] = p
            order.append(p.keyPath)
        }
        guard let named = plan.parameters else {
            return order.compactMap { byPath[$0] }.filter { isAssumption($0.source) && !$0.keyPath.hasPrefix("benchmarks.") }
        }
        let problems = parameterProblems(named)
        guard problems.isEmpty else { throw PlanError(description: problems.joined(separator: "; ")) }
        let unknown = named.filter { byPath[$0] == nil }
        guard unknown.isEmpty else {
            throw PlanError(description: "--parameters: no parameter \(unknown.joined(separator: ", ")) in \(plan.scenario.origin) or \(plan.baseline.origin)")
        }
        return named.compactMap { byPath[$0] }
    }

    /// `--parameters` as key paths: the text between commas, spaces around each dropped, and empty ones kept so that
    /// `parameterProblems` can name them (`"a.b,,c.d"` is `["a.b", "", "c.d"]`; `""` is `[""]`).
    public static func parameterList(_ text: String) -> [String] {
        text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// What is wrong with the key paths named to vary, one line each, before any scenario is read: none named (an
    /// empty `--parameters`, or commas alone, used to vary nothing and write an empty table), an empty one between
    /// commas, or one named more than once (it used to be varied, and listed, once per naming). Whether each names a
    /// parameter of the scenarios is `candidates`'s check.
    public static func parameterProblems(_ named: [String]) -> [String] {
        let given = named.filter { !$0.isEmpty }
        guard !given.isEmpty else {
            return ["--parameters: no key path given; expected KEY,KEY,... (key paths as in the scenario file)"]
        }
        var problems: [String] = []
        if given.count < named.count {
            problems.append("--parameters: an empty key path (two commas together, or a comma at either end); "
                + "expected KEY,KEY,...")
        }
        for (key, at) in Repeats.positions(in: given) {
            problems.append("--parameters: \(key) given \(Repeats.times(at.count))")
        }
        return problems
    }

    /// A parameter's low and high values as scenario text (and whether either had a number held at the parameter's
    /// limit rather than scaled), or why it cannot be varied.
    public enum Variation: Sendable, Equatable {
        case vary(low: String, high: String, held: SensitivitySummary.Held? = nil)
        case skip(SensitivitySummary.Skipped)
    }

    public static func variants(_ p: ScenarioParameter, swing: Double) -> Variation {
        let spec = Scenario.parameterSpecs.first { $0.keyPath == p.keyPath }
        var constraint = Constraint.nonNegative
        var whole = false
        switch spec?.kind {
        case .number(let c)?, .schedule(let c)?, .scheduleTable(_, let c)?, .list(let c)?, .rowLists(_, let c)?,
             .namedValues(_, let c)?:
            constraint = c
        case .table(_, let c, let shares)?, .twoWayTable(_, _, let c, let shares)?:
            if shares { return .skip(.init(keyPath: p.keyPath, reason: "shares that must sum to 1")) }
            constraint = c
        case .wholeNumber(let r)?:
            constraint = .range(Double(r.lowerBound)...Double(r.upperBound))
            whole = true
        case .labelList?, .ageRangeShares?, .date?, .financialYear?, .flag?:
            return .skip(.init(keyPath: p.keyPath, reason: "not a number that can be scaled (\(spec!.kind.name))"))
        case nil:
            break
        }
        /// `v` with every number × `factor`, clamped; `held` is set when clamping moved any of them.
        func scaled(_ v: ScenarioParameter.Value, _ factor: Double, _ held: inout Bool) -> String? {
            switch v {
            case .scalar(let s):
                guard let x = DecimalText.number(s) else { return nil }
                var y = clamp(x * factor, constraint)
                // Held only when clamping moved it by more than rounding: 0.8 × 1.25 is at 1, not held short of it.
                if abs(y - x * factor) > 1e-9 * max(1, abs(y)) { held = true }
                if whole { y = y.rounded() }
                return Format.plain(y)
            case .list(let items):
                let parts = items.map { scaled($0, factor, &held) }
                guard parts.allSatisfy({ $0 != nil }) else { return nil }
                return "[" + parts.map { $0! }.joined(separator: ", ") + "]"
            case .table(let entries):
                let parts = entries.map { e in scaled(e.value, factor, &held).map { "\"\(e.key)\": \($0)" } }
                guard parts.allSatisfy({ $0 != nil }) else { return nil }
                return "{" + parts.map { $0! }.joined(separator: ", ") + "}"
            }
        }
        var lowHeld = false, highHeld = false, unused = false
        guard let low = scaled(p.value, 1 - swing, &lowHeld), let high = scaled(p.value, 1 + swing, &highHeld),
              let same = scaled(p.value, 1, &unused) else {
            return .skip(.init(keyPath: p.keyPath, reason: "not made of numbers"))
        }
        if low == same && high == same {
            return .skip(.init(keyPath: p.keyPath, reason: "no change at ±\(Format.plain(swing * 100))% (zero, or at its bounds)"))
        }
        return .vary(low: low, high: high, held: SensitivitySummary.Held(low: lowHeld, high: highHeld))
    }

    static func clamp(_ x: Double, _ c: Constraint) -> Double {
        switch c {
        case .nonNegative: return max(0, x)
        case .positive: return max(x, 1e-9)
        case .probability: return min(max(x, 0), 1)
        case .range(let r): return min(max(x, r.lowerBound), r.upperBound)
        }
    }

    /// `s` loaded again from where it came from, with `overrides`.
    static func reload(_ s: LoadedScenario, _ overrides: [ScenarioOverride]) throws -> LoadedScenario {
        let path = s.origin.hasPrefix("embedded:") ? String(s.origin.dropFirst("embedded:".count)) : s.origin
        return try ScenarioLoader.load(path: path, overrides: overrides)
    }

    /// The goal over one pair of runs.
    static func outcome(_ plan: Plan, baseline: RunResult, scenario: RunResult) -> SensitivitySummary.Outcome {
        var valuation = SavingsValuation()
        valuation.target = plan.target
        valuation.targetYear = plan.year
        let a = SavingsAnalysis(baseline: baseline, scenario: scenario, name: plan.scenario.scenario.name,
                                valuation: valuation)
        let y = a.years.firstIndex(of: plan.year) ?? a.years.count - 1
        let s = Summary(a.nominal[SavingsMeasure.netSavings.rawValue][y])
        return .init(mean: s.mean, p05: s.p05, p95: s.p95, probabilityOfTarget: plan.target == nil ? nil : a.targetProbability)
    }

    /// `s` as the plan simulates it: to the goal's year, drawing rates or not as the plan says.
    static func compiled(_ s: LoadedScenario, _ plan: Plan) -> CompiledScenario {
        var scenario = s.scenario
        if !plan.drawsRates { scenario.parameterUncertainty?.drawRates = false }
        return CompiledScenario(scenario, horizonYears: plan.years)
    }

    static func simulate(_ s: LoadedScenario, _ plan: Plan) -> RunResult {
        MonteCarlo.run(compiled(s, plan), replications: plan.replications, seed: plan.seed, threads: plan.threads)
    }

    /// Runs the plan: the central comparison, then each parameter low and high. `progress(done, total)` after each.
    public static func run(_ plan: Plan, progress: ((Int, Int) -> Void)? = nil) throws -> SensitivitySummary {
        let parameters = try candidates(plan)
        let centralBaseline = simulate(plan.baseline, plan)
        let central = outcome(plan, baseline: centralBaseline, scenario: simulate(plan.scenario, plan))
        var drivers: [SensitivitySummary.Driver] = []
        var skipped: [SensitivitySummary.Skipped] = []
        let baselinePaths = Set(plan.baseline.parameters.map(\.keyPath))
        let specs = Dictionary(Scenario.parameterSpecs.map { ($0.keyPath, $0) }, uniquingKeysWith: { a, _ in a })
        for (k, p) in parameters.enumerated() {
            defer { progress?(k + 1, parameters.count) }
            switch variants(p, swing: plan.swing) {
            case .skip(let reason):
                skipped.append(reason)
            case .vary(let low, let high, let held):
                let inBaseline = baselinePaths.contains(p.keyPath)
                var outcomes: [SensitivitySummary.Outcome] = []
                for value in [low, high] {
                    let o = [ScenarioOverride(keyPath: p.keyPath, value: value)]
                    let scenario = try reload(plan.scenario, o)
                    let baseline = inBaseline ? simulate(try reload(plan.baseline, o), plan) : centralBaseline
                    outcomes.append(outcome(plan, baseline: baseline, scenario: simulate(scenario, plan)))
                }
                drivers.append(.init(keyPath: p.keyPath, description: specs[p.keyPath]?.description ?? "", unit: p.unit,
                                     source: p.source, changed: inBaseline ? "baseline and scenario" : "scenario",
                                     value: text(p.value), lowValue: low, highValue: high, heldAtLimit: held, low: outcomes[0],
                                     high: outcomes[1]))
            }
        }
        return SensitivitySummary(baseline: plan.baseline.scenario.name, scenario: plan.scenario.scenario.name,
                                  goal: "net_savings", year: plan.year.label, target: plan.target, swing: plan.swing,
                                  replications: plan.replications, seed: plan.seed, central: central, drivers: drivers,
                                  skipped: skipped)
    }

    /// A value as written, in one line.
    static func text(_ v: ScenarioParameter.Value) -> String {
        switch v {
        case .scalar(let s): return s
        case .list(let items): return "[" + items.map(text).joined(separator: ", ") + "]"
        case .table(let entries): return "{" + entries.map { "\($0.key): \(text($0.value))" }.joined(separator: ", ") + "}"
        }
    }
}
