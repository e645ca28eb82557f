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
            when the goal cannot be reached in the range, when the chance of meeting it does not rise with the \
            lever, or when the goal is met at some values below the top of the range but not at the top (the chance \
            is then within sampling noise of --confidence). The answer is on the grid of --step from the bottom \
            of the range; at the bottom itself, smaller values may meet the goal too.
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
            help: "Resolution of the answer, 0.000001 or more (default 1 for whole-number ranges, else 1% of the range).",
            transform: FlagValue.positive)
    var step: Double?

    @Option(name: .long, help: "Baseline for net_savings (default: what the scenario extends).")
    var baseline: String?

    @OptionGroup var simulation: SimulationOptions<RunDefaults>

    func validate() throws {
        guard (atLeast == nil) != (atMost == nil) else { throw ValidationError("give exactly one of --at-least and --at-most") }
        guard FinancialYear(label: year) != nil else { throw ValidationError("--year must be like 2019-20 (got \(year))") }
        guard TargetGoal.Outcome(label: goal) != nil else {
            throw ValidationError("--goal must be net_savings or one of \(AnnualMetric.allCases.map(\.label).joined(separator: ", "))")
        }
        if let range { guard parseRange(range) != nil else { throw ValidationError("--range must be LO,HI with LO < HI") } }
    }

    func parseRange(_ text: String) -> ClosedRange<Double>? {
        let parts = text.split(separator: ",").compactMap { DecimalText.number($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, parts[0] < parts[1] else { return nil }
        return parts[0]...parts[1]
    }

    func run() throws {
        let base = try loadScenario(scenario)
        guard let current = base.value(at: vary).flatMap(DecimalText.number) else {
            throw InputError("--vary \(vary): no single numeric parameter with this key path in \(base.origin)")
        }
        let goal = TargetGoal(TargetGoal.Outcome(label: self.goal)!, in: FinancialYear(label: year)!,
                              atLeast.map(TargetGoal.Bound.atLeast) ?? .atMost(atMost!))
        let startYear = base.scenario.startDate.financialYear
        let yearsNeeded = goal.horizonYears(from: base.scenario.startDate)
        guard (1...15).contains(yearsNeeded) else {
            throw InputError("--year \(year) is not within 15 years of the scenario's start (\(startYear.label))")
        }
        // The search simulates to --year; a --years that stops before it was silently overridden.
        if let given = simulation.givenYears {
            let years = CompiledScenario(base.scenario, horizonYears: given, drawsRates: false).years
            guard years.contains(goal.year) else {
                throw InputError("--year \(year) is outside the simulated years \(years.first!.label) to \(years.last!.label) "
                    + "(--years \(given)); target simulates to --year, so --years can be left out")
            }
        }
        var options = simulation
        options.years = yearsNeeded
        let range = self.range.flatMap(parseRange) ?? TargetSearch.defaultRange(current: current)
        let resolution = step ?? TargetSearch.defaultResolution(range: range, current: current)
        guard resolution >= TargetSearch.finestResolution else {
            throw InputError("--step \(resolution) is finer than 0.000001, the six decimals a lever's value is "
                + "set to; use a larger step")
        }
        guard TargetSearch.fits(range: range, resolution: resolution) else {
            throw InputError("--step \(resolution) cuts the range [\(range.lowerBound), \(range.upperBound)] into more than "
                + "\(Format.grouped(TargetSearch.maximumSteps)) steps; use a larger step")
        }
        let search = TargetSearch(lever: vary, range: range, resolution: resolution, confidence: confidence,
                                  replications: options.replications)
        func loadPoint(_ v: Double) throws -> LoadedScenario {
            try loadScenario(scenario, overrides: [ScenarioOverride(keyPath: vary, value: TargetSearch.label(v))])
        }

        // The work of the scenario at both ends of the range (and of the baseline) is checked before anything runs.
        // A value the scenario refuses is the range's fault, not a --set the user never gave: say so.
        var checked = try [range.lowerBound, range.upperBound].map { v in
            do {
                return ("\(base.origin) [\(vary)=\(TargetSearch.label(v))]", try ScenarioLoader.load(
                    path: scenario,
                    overrides: [ScenarioOverride(keyPath: vary, value: TargetSearch.label(v))]))
            } catch let error as ScenarioError {
                throw InputError(error.problems.map {
                    "--range \(TargetSearch.label(range.lowerBound)),\(TargetSearch.label(range.upperBound)): \(vary) = "
                        + "\(TargetSearch.label(v)): \($0.message)"
                })
            }
        }
        var baselineScenario: LoadedScenario? = nil
        if goal.outcome == .netSavings {
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
        if options.dryRun {
            print("the search runs the scenario at up to \(search.maximumEvaluations) values of \(vary), each a run like "
                + "those at the range's ends above")
            return
        }
        let baselineResult = try baselineScenario.map { try simulate($0, options, quiet: true).0 }
        print("target: smallest \(vary) in [\(TargetSearch.label(search.lower)), \(TargetSearch.label(search.upper))] "
            + "in steps of \(TargetSearch.label(search.resolution)) with "
            + "P(\(goal)) ≥ \(confidence), \(Format.counted(options.replications, "replication")) on common random numbers (seed \(options.seed))")
        let answer = try search.run { v in
            let result = try simulate(try loadPoint(v), options, quiet: true).0
            let p = goal.probability(result, baseline: baselineResult, year: yearsNeeded - 1)
            FileHandle.standardError.write(Data("  \(vary) = \(TargetSearch.label(v)): P(goal) = \(Format.fixed(p, 3))\n".utf8))
            return p
        }
        let below = answer.below.map {
            "one step below, \(TargetSearch.label($0)), gives \(Format.fixed(answer.belowProbability!, 3))"
        }
        print("answer: \(vary) = \(TargetSearch.label(answer.value)) gives P(\(goal)) = \(Format.fixed(answer.probability, 3)); "
            + (below ?? "it is the bottom of the range, so smaller values may meet the goal too"))
    }
}
