import ArgumentParser
import Foundation
import SufficiencyModel
import SufficiencyReport
import SufficiencySimulation
import SufficiencyWorkbook

/// `sufficiency sensitivity`: which assumptions move a comparison's savings most (a tornado table).
struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Find which assumptions move a scenario's net savings most (a tornado table).",
        discussion: """
            Each uncertain parameter (every parameter whose source is an assumption, in the scenario or its \
            baseline, or those named by --parameters) is set to its value × (1 − swing) and × (1 + swing), and the \
            comparison against --baseline is run again on the same seeds (common random numbers). A parameter of \
            the baseline changes in both runs, a lever only in the scenario's. The table lists the change in mean \
            net savings in --year and in the probability of reaching --target, largest first. Writes \
            sensitivity.json (which `report` draws as a tornado chart when it sits in a comparison directory) and \
            sensitivity.csv.
            """
    )

    @Argument(help: "The scenario (file or embedded name).")
    var scenario: String

    @Option(name: .long, help: "The baseline it is compared with (default: what the scenario extends).")
    var baseline: String?

    @Option(name: .long, help: "The goal: net_savings.")
    var goal: String = "net_savings"

    @Option(name: .long, help: "Financial year of the goal, such as 2022-23.")
    var year: String

    @Option(name: .long, parsing: .unconditional, help: "Savings target in pounds: the probability of reaching it is reported too.",
            transform: FlagValue.finite)
    var target: Double?

    @Option(name: .long, parsing: .unconditional, help: "Relative change of each value, such as 25% or 0.25 (more than 0, below 100%).")
    var swing: String = "25%"

    @Option(name: .long, help: "Comma-separated key paths to vary (default: every parameter whose source is an assumption).")
    var parameters: String?

    @OptionGroup var count: ReplicationCount<RunDefaults>
    @OptionGroup var replication: ReplicationOptions

    @Option(name: .long, help: "Directory to write sensitivity.json and sensitivity.csv (default: results/sensitivity-<scenario>/<UTC time>/); it may be a comparison directory of the same scenarios, to add them to its briefing.")
    var out: String?

    @OptionGroup var workbook: WorkbookOption

    @Flag(name: .long, help: "Replace a previous sensitivity analysis in --out (its own directory, or the one added to a comparison directory, which is otherwise kept).")
    var force = false

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    /// `--swing` as a fraction.
    var swingFraction: Double? {
        let text = swing.trimmingCharacters(in: .whitespaces)
        let percent = text.hasSuffix("%")
        guard let x = DecimalText.number(percent ? String(text.dropLast()) : text), x.isFinite else { return nil }
        let f = percent ? x / 100 : x
        return f > 0 && f < 1 ? f : nil
    }

    func validate() throws {
        guard goal == "net_savings" else { throw ValidationError("--goal must be net_savings (got \(goal))") }
        guard FinancialYear(label: year) != nil else { throw ValidationError("--year must be like 2022-23 (got \(year))") }
        guard swingFraction != nil else { throw ValidationError("--swing must be above 0 and below 100%, like 25% or 0.25 (got \(swing))") }
    }

    func run() throws {
        let started = Date()
        let named = parameters.map(Sensitivity.parameterList)
        if let named {
            let problems = Sensitivity.parameterProblems(named)
            if !problems.isEmpty { throw InputError(problems) }
        }
        let scenarioLoaded = try loadScenario(scenario)
        guard let baselineName = baseline ?? scenarioLoaded.parent else {
            throw InputError("\(scenarioLoaded.origin): it extends nothing; give --baseline")
        }
        let baselineLoaded = try loadScenario(baselineName)
        guard scenarioLoaded.scenario.name != baselineLoaded.scenario.name else {
            throw InputError("\(baselineLoaded.origin): the name \(baselineLoaded.scenario.name) is used twice in this comparison "
                + "(the scenario and its baseline)")
        }
        let goalYear = FinancialYear(label: year)!
        guard scenarioLoaded.scenario.startDate == baselineLoaded.scenario.startDate else {
            throw InputError("\(scenarioLoaded.origin): starts on \(scenarioLoaded.scenario.startDate), the baseline on "
                + "\(baselineLoaded.scenario.startDate); a comparison needs the same start date")
        }
        let first = scenarioLoaded.scenario.startDate.financialYear
        guard goalYear >= first, goalYear.startYear - first.startYear < 15 else {
            throw InputError("--year \(year) must be one of the 15 financial years from \(first.label)")
        }
        let plan = Sensitivity.Plan(
            baseline: baselineLoaded, scenario: scenarioLoaded, year: goalYear, target: target, swing: swingFraction!,
            parameters: named,
            replications: count.replications, seed: replication.seed, threads: replication.threads,
            drawsRates: !replication.noParameterUncertainty)
        let candidates: [ScenarioParameter]
        do { candidates = try Sensitivity.candidates(plan) } catch let e as Sensitivity.PlanError { throw InputError(e.description) }
        for s in [scenarioLoaded, baselineLoaded] {
            _ = try checkWork(CompiledScenario(s.scenario, horizonYears: plan.years, drawsRates: false),
                              replications: count.replications * (2 * candidates.count + 1), threads: replication.threads,
                              label: s.origin)
        }
        let directory = try existingComparisonOrNew(started: started, plan: plan)
        if !quiet {
            print("sufficiency \(Sufficiency.version): sensitivity of \(scenarioLoaded.scenario.name) against "
                + "\(baselineLoaded.scenario.name), \(Format.counted(candidates.count, "parameter")), \(Format.counted(count.replications, "replication")), "
                + "seed \(replication.seed)")
        }
        // Progress on a terminal only, so that a log of the output is not filled with it.
        let showProgress = !quiet && isatty(2) != 0
        let summary = try Sensitivity.run(plan) { done, total in
            if showProgress { FileHandle.standardError.write(Data("\r\(done) of \(Format.counted(total, "parameter"))".utf8)) }
        }
        if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
        do {
            try write(summary, to: directory.url, fresh: directory.fresh)
        } catch {
            throw InputError("\(directory.url.path): cannot write the sensitivity analysis: \(FileFailure.reason(error))")
        }
        if !quiet {
            print(SensitivityWriter.table(summary))
            print("wrote \(directory.url.path)")
        }
    }

    /// `--out` when it is a comparison directory (the files are added to it), else a new directory. A comparison
    /// of other scenarios, or of these run otherwise (`Sensitivity.Plan.mismatches`), is refused before anything is
    /// simulated: its briefing would set this analysis beside savings it is not about.
    func existingComparisonOrNew(started: Date, plan: Sensitivity.Plan) throws -> (url: URL, fresh: Bool) {
        let scenario = plan.scenario.scenario.name, baseline = plan.baseline.scenario.name
        let compareFile = out.map { URL(fileURLWithPath: $0).appendingPathComponent("compare.json") }
        if let out, let compareFile, FileManager.default.fileExists(atPath: compareFile.path) {
            // Read as the briefing reads it, so that a comparison the briefing could not use is refused here too.
            let comparison: Comparison
            do {
                comparison = try Comparison(directory: URL(fileURLWithPath: out))
            } catch let error as ReportError {
                throw InputError(error.lines.map { $0 + " (write the sensitivity analysis elsewhere)" })
            } catch {
                throw InputError("\(out): cannot read the comparison: \(FileFailure.reason(reading: error))")
            }
            let names = comparison.scenarios.map(\.name)
            guard comparison.baselineName == baseline, names.contains(scenario) else {
                throw InputError("\(out): a comparison of \(names.joined(separator: ", ")) against \(comparison.baselineName), not of "
                    + "\(scenario) against \(baseline); write the sensitivity analysis elsewhere or into a comparison of these scenarios")
            }
            let run = comparison.scenarios.first { $0.name == scenario }!.run
            func compared(_ r: RunData) throws -> Sensitivity.Plan.ComparedRun {
                let file = r.directory.appendingPathComponent("scenario.resolved.yaml")
                do { return (r.results.manifest, try String(contentsOf: file, encoding: .utf8)) } catch {
                    throw InputError("\(file.path): cannot read it: \(FileFailure.reason(reading: error))")
                }
            }
            let problems = plan.mismatches(baseline: try compared(comparison.baseline), scenario: try compared(run),
                                           years: run.years)
            guard problems.isEmpty else {
                throw InputError(problems.map { "\(out): a comparison run otherwise: \($0); write the sensitivity analysis "
                    + "elsewhere or give the comparison's scenarios (--baseline too), --seed, --replications and "
                    + "--no-parameter-uncertainty as it was given" })
            }
            // An earlier analysis in the comparison is replaced only when asked, as in a directory of its own.
            if FileManager.default.fileExists(atPath: URL(fileURLWithPath: out).appendingPathComponent(SensitivitySummary.fileName).path),
               !force {
                throw InputError("\(out): the comparison holds a sensitivity analysis already; use --force to replace it")
            }
            return (URL(fileURLWithPath: out), false)
        }
        return (try outputDirectory(out, defaultName: "sensitivity-" + scenario, force: force, started: started,
                                    marker: SensitivitySummary.fileName), true)
    }

    func write(_ s: SensitivitySummary, to directory: URL, fresh: Bool) throws {
        func files(_ dir: URL) throws {
            try s.encoded().write(to: dir.appendingPathComponent(SensitivitySummary.fileName), options: .atomic)
            try Data(SensitivityWriter.csv(s).utf8).write(to: dir.appendingPathComponent("sensitivity.csv"), options: .atomic)
            if workbook.xlsx {
                try SensitivityWorkbook.write(s, to: dir.appendingPathComponent(fresh ? WorkbookOption.fileName : "sensitivity.xlsx"))
            }
        }
        if fresh {
            try RunWriter.writeAtomically(to: directory, replace: force, files)
        } else {
            try files(directory)
        }
    }
}
