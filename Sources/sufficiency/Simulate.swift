import Foundation
import SufficiencyModel
import SufficiencySimulation

/// Runs a loaded scenario with the shared options and returns the result with its manifest.
func simulate<D>(_ loaded: LoadedScenario, _ options: SimulationOptions<D>, seed: UInt64? = nil, quiet: Bool,
              label: String? = nil) throws -> (RunResult, RunManifest) {
    let started = Date()
    let model = CompiledScenario(options.prepared(loaded.scenario), horizonYears: options.years)
    try checkWork(model, replications: options.replications, threads: options.threads, label: loaded.origin)
    let seed = seed ?? options.seed
    if !quiet, let label { FileHandle.standardError.write(Data("simulating \(label)\n".utf8)) }
    if !quiet { for note in model.unmetEntryRates { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) } }
    let progress = ProgressBar(total: options.replications, enabled: !quiet)
    let clock = ContinuousClock.now
    let result = MonteCarlo.run(model, replications: options.replications, seed: seed, threads: options.threads,
                                progress: { progress.update($0) })
    progress.finish()
    let manifest = RunManifest(
        toolVersion: Sufficiency.version, scenarioName: loaded.scenario.name, scenarioOrigin: loaded.origin,
        resolvedYAML: loaded.resolvedYAML, seed: seed, replications: options.replications, years: options.years,
        threads: options.threads, startTime: started, wallSeconds: (ContinuousClock.now - clock).seconds)
    return (result, manifest)
}

/// Refuses a run whose estimated work is beyond `WorkEstimate`'s bounds (too many events per replication-year, too
/// long, too much memory for the results), before anything is allocated: status 2, one line per problem. With
/// `printing` (`--dry-run`), prints the estimate in full first.
@discardableResult
func checkWork(_ model: CompiledScenario, replications: Int, threads: Int, label: String,
               printing: Bool = false) throws -> WorkEstimate {
    let estimate = WorkEstimate(model, replications: replications, threads: threads)
    if printing { print(estimate.report(label: label).joined(separator: "\n")) }
    let problems = estimate.problems(label: label)
    if !problems.isEmpty { throw InputError(problems) }
    return estimate
}

/// The work estimates of the runs a command will make, labelled, as `options` would run them; with `--dry-run` they are
/// printed (in full for a few runs, a line each for more). Refuses them as `checkWork` does, together.
func checkWork<D>(_ runs: [(label: String, scenario: LoadedScenario)], _ options: SimulationOptions<D>) throws {
    let estimates = runs.map { run in
        (label: run.label, estimate: WorkEstimate(
            CompiledScenario(options.prepared(run.scenario.scenario), horizonYears: options.years, drawsRates: false),
            replications: options.replications, threads: options.threads))
    }
    if options.dryRun {
        for (label, estimate) in estimates {
            print(estimates.count <= 4 ? estimate.report(label: label).joined(separator: "\n") : "\(label): \(estimate.summary)")
        }
        if estimates.count > 1 { print(WorkEstimate.total(estimates.map(\.estimate))) }
    }
    let problems = WorkEstimate.problems(estimates)
    if !problems.isEmpty { throw InputError(problems) }
}

/// Loads a scenario file or embedded name (the default scenario when nil), turning every problem into an
/// `InputError` line.
func loadScenario(_ path: String?, overrides: [ScenarioOverride] = []) throws -> LoadedScenario {
    do {
        return try ScenarioLoader.load(path: path ?? EmbeddedScenarios.defaultName, overrides: overrides)
    } catch let error as ScenarioError {
        throw InputError(error.problems.map(\.description))
    }
}

/// The run or comparison directory `path` names (`gap`, `report`): refused, one line, when nothing is there or it is
/// a file rather than a directory.
func existingDirectory(_ path: String) throws -> URL {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw InputError("\(path): no such directory")
    }
    guard isDirectory.boolValue else { throw InputError("\(path): not a directory (give a run or comparison directory)") }
    return URL(fileURLWithPath: path)
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

/// Checks `--out` (or picks `results/<name>/<UTC stamp>`) and reserves it before any simulating, so that a place
/// that cannot be written is refused at once: an existing non-empty directory is refused unless `force`, and
/// even then only a directory the same kind of command wrote is replaced: a run or a comparison (holding
/// `manifest.json` or `compare.json`) by `run` and `compare`, and one holding `marker` (such as `backtest.csv`) by a
/// command that names it, which never replaces a run or a comparison it did not write. Partial directories left by killed runs, beside the
/// target or inside it, are removed first.
func outputDirectory(_ out: String?, defaultName name: String, force: Bool, started: Date,
                     marker: String? = nil) throws -> URL {
    let url = try chooseOutputDirectory(out, defaultName: name, force: force, started: started, marker: marker)
    // From here on Ctrl-C (or SIGTERM) stops the command cleanly, removing the reserved partial directory. Installed
    // before the directory is reserved, so that whoever sees the partial directory may interrupt the command.
    InterruptCleanup.install()
    do {
        try RunWriter.reserve(url)
    } catch let error as PartialDirectoryError {
        throw InputError("\(out ?? url.path): --out cannot be written: \(error.description)")
    }
    return url
}

/// With `marker`, `--force` replaces only a directory holding it (a sweep, a backtest, a sensitivity analysis), not
/// a run or a comparison, which that command never writes (a sweep once replaced a run directory with its table).
private func chooseOutputDirectory(_ out: String?, defaultName name: String, force: Bool, started: Date,
                                   marker: String?) throws -> URL {
    let fm = FileManager.default
    if let out {
        // An empty path would name the working directory, which is never a run directory.
        guard !out.isEmpty else { throw InputError("--out is empty: give the directory to write") }
        let url = URL(fileURLWithPath: out)
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw InputError("\(out): --out exists and is not a directory") }
            PartialDirectory.removeStale(in: url)
            let contents = (try? fm.contentsOfDirectory(atPath: url.path)) ?? []
            if !contents.isEmpty && !force {
                throw InputError("\(out): --out exists and is not empty; use --force to replace it")
            }
            let runFiles = Set(RunWriter.fileNames)
            let isRun = contents.contains("manifest.json") && Set(contents).isSubset(of: runFiles)
            let isComparison = contents.contains("compare.json")
            let replaceable = marker.map { contents.contains($0) } ?? (isRun || isComparison)
            if !contents.isEmpty && !replaceable {
                throw InputError("\(out): --out " + (marker.map { "holds no earlier \($0)" } ?? "is not a run directory")
                    + " (it holds other files); refusing to replace it, even with --force")
            }
        }
        return url
    }
    let stamp = ISO8601DateFormatter.string(from: started, timeZone: TimeZone(identifier: "UTC")!,
                                            formatOptions: [.withFullDate, .withTime, .withTimeZone])
        .replacingOccurrences(of: ":", with: "")
    var url = URL(fileURLWithPath: "results").appendingPathComponent(name).appendingPathComponent(stamp)
    var k = 2
    while fm.fileExists(atPath: url.path) {
        url = url.deletingLastPathComponent().appendingPathComponent("\(stamp)-\(k)")
        k += 1
    }
    return url
}
