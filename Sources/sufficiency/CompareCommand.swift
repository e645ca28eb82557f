import ArgumentParser
import Foundation
import SufficiencyModel
import SufficiencySimulation
import SufficiencyWorkbook

/// `sufficiency compare`: savings of scenarios against a baseline on common random numbers.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Savings of scenarios against a baseline, by financial year, on common random numbers.",
        discussion: """
            Each replication runs the baseline and every scenario with the same seed, so the same children arrive \
            in all of them and the savings interval reflects the policy, not the noise. Writes savings.csv, \
            savings_by_line.csv, compare.json and each run's files in a sub-directory.
            """
    )

    @Argument(help: "The baseline scenario (file or embedded name).")
    var baseline: String

    @Argument(help: "One or more scenarios to compare with it.")
    var scenarios: [String]

    @OptionGroup var simulation: SimulationOptions<RunDefaults>

    @Option(name: .long, help: "Write the comparison to exactly this directory (default: results/compare-<scenario>/<UTC time>/).")
    var out: String?

    @OptionGroup var workbook: WorkbookOption

    @Flag(name: .long, help: "Replace --out if it holds a previous run or comparison.")
    var force = false

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    @Option(name: .long, parsing: .unconditional, help: "A net savings target in pounds (nominal), with --target-year.",
            transform: FlagValue.finite)
    var target: Double?

    @Option(name: .long, help: "The financial year of --target, such as 2022-23.")
    var targetYear: String?

    @Option(name: .long, parsing: .unconditional,
            help: "Discount rate for net present value, 0 to 0.5 (default 0.035, the Green Book rate).",
            transform: FlagValue.number(0...0.5, "0 to 0.5"))
    var discountRate: Double = 0.035

    @Option(name: .long, parsing: .unconditional,
            help: "General inflation for real terms, -0.1 to 0.3 (default 0.02, a GDP deflator assumption).",
            transform: FlagValue.number(SavingsValuation.deflatorRange, SavingsValuation.deflatorRangeLabel))
    var deflator: Double = 0.02

    @Option(name: .long, help: "Financial year whose prices real figures are in, within \(SavingsValuation.priceBaseReach) years of the simulated years (default: the first simulated year).")
    var priceBase: String?

    @Flag(name: .long, help: "Run scenarios on seeds different from the baseline's (to measure what common random numbers save).")
    var independentSeeds = false

    @Option(name: .customLong("set"),
            help: "KEY=VALUE: set a parameter by its key path in the baseline and every scenario alike, a key each of them gives (repeatable).")
    var sets: [String] = []

    func validate() throws {
        guard !scenarios.isEmpty else { throw ValidationError("give at least one scenario to compare with the baseline") }
        try ParameterSets.validate(sets)
        if (target == nil) != (targetYear == nil) { throw ValidationError("--target and --target-year go together") }
        if let targetYear, FinancialYear(label: targetYear) == nil {
            throw ValidationError("--target-year must be a financial year such as 2022-23 (got \(targetYear))")
        }
        if let priceBase, FinancialYear(label: priceBase) == nil {
            throw ValidationError("--price-base must be a financial year such as 2017-18 (got \(priceBase))")
        }
    }

    func run() throws {
        let started = Date()
        // A --set is a what-if for the whole comparison (more arrivals, a dearer market): the same value in the
        // baseline and every scenario, so the savings are those of the plan under it, on common random numbers.
        let overrides = try ParameterSets.overrides(sets)
        let loaded: [LoadedScenario]
        do {
            loaded = try ScenarioLoader.loadAlike(paths: [baseline] + scenarios, overrides: overrides)
        } catch let error as ScenarioError {
            throw InputError(error.problems.map(\.description))
        }
        let base = loaded[0], others = Array(loaded.dropFirst())
        var problems: [String] = []
        var names = Set([base.scenario.name])
        for s in others {
            if s.scenario.startDate != base.scenario.startDate {
                problems.append("\(s.origin): starts on \(s.scenario.startDate), the baseline on \(base.scenario.startDate); "
                    + "a comparison needs the same start date")
            }
            if !names.insert(s.scenario.name).inserted {
                problems.append("\(s.origin): the name \(s.scenario.name) is used twice in this comparison")
            }
        }
        let years = CompiledScenario(base.scenario, horizonYears: simulation.years, drawsRates: false).years
        if let targetYear, let y = FinancialYear(label: targetYear), !years.contains(y) {
            problems.append("--target-year \(targetYear) is outside the simulated years \(years.first!.label) to \(years.last!.label)")
        }
        var valuation = SavingsValuation()
        valuation.discountRate = discountRate
        valuation.deflatorRate = deflator
        valuation.priceBase = priceBase.flatMap(FinancialYear.init(label:))
        valuation.target = target
        valuation.targetYear = targetYear.flatMap(FinancialYear.init(label:))
        problems += valuation.problems(years: years)
        if !problems.isEmpty { throw InputError(problems) }
        try checkWork(([base] + others).map { ($0.origin, $0) }, simulation)
        if simulation.dryRun { return }
        let name = "compare-" + (others.count == 1 ? others[0].scenario.name : "\(others.count)-scenarios")
        let directory = try outputDirectory(out, defaultName: name, force: force, started: started)

        let (baseResult, baseManifest) = try simulate(base, simulation, quiet: quiet, label: "baseline \(base.scenario.name)")
        var runs: [(LoadedScenario, RunResult, RunManifest)] = []
        for (k, s) in others.enumerated() {
            let seed = SavingsAnalysis.seed(forScenario: k, baseline: simulation.seed, independent: independentSeeds)
            let (r, m) = try simulate(s, simulation, seed: seed, quiet: quiet, label: s.scenario.name)
            runs.append((s, r, m))
        }
        let analyses = runs.map {
            SavingsAnalysis(baseline: baseResult, scenario: $0.1, name: $0.0.scenario.name, valuation: valuation)
        }
        do {
            try RunWriter.writeAtomically(to: directory, replace: force) { dir in
                let baseDir = dir.appendingPathComponent("baseline-" + base.scenario.name)
                try FileManager.default.createDirectory(at: baseDir, withIntermediateDirectories: false)
                var summaries = [(base.scenario.name, try RunWriter.writeRunFiles(baseResult, manifest: baseManifest, into: baseDir),
                                  WorkbookAssumption.all(base))]
                for (s, r, m) in runs {
                    let sub = dir.appendingPathComponent(s.scenario.name)
                    try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: false)
                    summaries.append((s.scenario.name, try RunWriter.writeRunFiles(r, manifest: m, into: sub),
                                      WorkbookAssumption.all(s)))
                }
                if workbook.xlsx {
                    try ComparisonWorkbook.write(analyses, baseline: base.scenario.name, runs: summaries,
                                                 to: dir.appendingPathComponent(WorkbookOption.fileName))
                }
                try RunWriter.write(CompareWriter.savingsCSV(analyses), dir, "savings.csv")
                try RunWriter.write(CompareWriter.savingsByLineCSV(analyses), dir, "savings_by_line.csv")
                try RunWriter.write(CompareWriter.compareJSON(analyses, baseline: base.scenario.name, seed: simulation.seed,
                                                              replications: simulation.replications,
                                                              independentSeeds: independentSeeds), dir, "compare.json")
            }
        } catch {
            throw InputError("\(directory.path): cannot write the comparison: \(FileFailure.reason(error))")
        }
        if !quiet {
            // What was set for every run is said first: the savings are the plan's under it, not as written.
            let set = sets.isEmpty ? "" : " with " + sets.joined(separator: "; ") + " in every run"
            print("sufficiency \(Sufficiency.version): savings against \(base.scenario.name)\(set), "
                + "\(Format.counted(simulation.replications, "replication")), seed \(simulation.seed)\(independentSeeds ? " (independent seeds)" : ", common random numbers")")
            for a in analyses {
                print("\n\(a.scenario): net savings by financial year, nominal pounds")
                print(CompareWriter.table(a))
            }
            print("\nwrote \(directory.path)")
        }
    }
}
