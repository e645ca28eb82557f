import ArgumentParser
import Foundation
import SufficiencyModel
import SufficiencySimulation

/// `sufficiency run`: simulate a scenario and write a run directory.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate a scenario and write a run directory.",
        discussion: """
            SCENARIO is a YAML file, or the name of an embedded scenario; without it the embedded default \
            (\(EmbeddedScenarios.defaultName)) is used. The run directory holds scenario.resolved.yaml, \
            manifest.json, annual.csv, summary.csv, monthly.csv and requests.csv.
            """
    )

    @Argument(help: "Scenario file or embedded scenario name (default: \(EmbeddedScenarios.defaultName)).")
    var scenario: String?

    @OptionGroup var simulation: SimulationOptions

    @Option(name: .long, help: "Write the run to exactly this directory (default: results/<scenario>/<UTC time>/).")
    var out: String?

    @Flag(name: .long, help: "Replace --out if it exists and is not empty.")
    var force = false

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        let started = Date()
        let loaded = try loadScenario(scenario)
        let directory = try runDirectory(for: loaded.scenario.name, started: started)
        let model = CompiledScenario(loaded.scenario, horizonYears: simulation.years)
        try checkMemory(replications: simulation.replications, model: model)
        // From here on Ctrl-C (or SIGTERM) stops the run cleanly: nothing half-written is left behind.
        InterruptCleanup.install()
        if !quiet {
            print("sufficiency \(Sufficiency.version): \(loaded.scenario.name) (\(loaded.origin)), "
                + "\(simulation.replications) replications × \(simulation.years) years, seed \(simulation.seed), "
                + "\(simulation.threads) threads")
        }
        let progress = ProgressBar(total: simulation.replications, enabled: !quiet)
        let clock = ContinuousClock.now
        let result = MonteCarlo.run(model, replications: simulation.replications, seed: simulation.seed,
                                    threads: simulation.threads, progress: progress.update)
        progress.finish()
        let wall = ContinuousClock.now - clock
        let manifest = RunManifest(
            toolVersion: Sufficiency.version, scenarioName: loaded.scenario.name, scenarioOrigin: loaded.origin,
            resolvedYAML: loaded.resolvedYAML, seed: simulation.seed, replications: simulation.replications,
            years: simulation.years, threads: simulation.threads, startTime: started, wallSeconds: wall.seconds)
        do {
            try RunWriter.write(result, manifest: manifest, to: directory, replace: force)
        } catch {
            throw InputError("\(directory.path): cannot write the run: \(error.localizedDescription)")
        }
        if !quiet {
            print(RunTable.render(result))
            print("wrote \(directory.path) in \(Format.fixed(wall.seconds, 1)) s of simulation")
        }
    }

    /// The directory to write: `--out` exactly, or `results/<name>/<UTC timestamp>`.
    func runDirectory(for name: String, started: Date) throws -> URL {
        let fm = FileManager.default
        if let out {
            let url = URL(fileURLWithPath: out)
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: url.path, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else { throw InputError("\(out): --out exists and is not a directory") }
                let contents = (try? fm.contentsOfDirectory(atPath: url.path)) ?? []
                if !contents.isEmpty && !force {
                    throw InputError("\(out): --out exists and is not empty; use --force to replace it")
                }
                // --force replaces only a previous run: never a directory holding anything else.
                if !contents.isEmpty && !(contents.contains("manifest.json")
                    && Set(contents).isSubset(of: Set(RunWriter.fileNames))) {
                    throw InputError("\(out): --out is not a run directory (it holds other files); "
                        + "refusing to replace it, even with --force")
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
}

/// Refuses a run whose results would not fit comfortably in memory.
func checkMemory(replications: Int, model: CompiledScenario) throws {
    let bytes = RunResult.bytesNeeded(replications: replications, model: model)
    if bytes > RunResult.maximumBytes {
        throw InputError("--replications \(replications) over \(model.years.count) years needs "
            + "\(bytes >> 20) MB of results, more than the \(RunResult.maximumBytes >> 20) MB allowed; use fewer replications")
    }
}

/// Loads a scenario file or embedded name, turning every problem into an `InputError` line.
func loadScenario(_ path: String?) throws -> LoadedScenario {
    do {
        return try path.map(ScenarioLoader.load(path:)) ?? ScenarioLoader.loadDefault()
    } catch let error as ScenarioError {
        throw InputError(error.problems.map(\.description))
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
