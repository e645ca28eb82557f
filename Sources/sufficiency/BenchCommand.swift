import ArgumentParser
import Foundation
import SufficiencyModel
import SufficiencySimulation

/// `sufficiency bench`: how fast the engine runs a scenario (a benchmark, not a test).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure replications and child-days simulated per second (writes no files).",
        discussion: "Defaults to the benchmark of the README's Performance section: the default scenario, 10,000 replications × 10 years."
    )

    @Argument(help: "Scenario file or embedded scenario name (default: \(EmbeddedScenarios.defaultName)).")
    var scenario: String?

    @OptionGroup var simulation: SimulationOptions<BenchDefaults>

    func run() throws {
        let loaded = try loadScenario(scenario)
        let (replications, years, threads) = (simulation.replications, simulation.years, simulation.threads)
        // Compiled once, for the work estimate and the run alike (the start date's time-in-care table is most of
        // the compilation's cost).
        let model = CompiledScenario(simulation.prepared(loaded.scenario), horizonYears: years)
        try checkWork(model, replications: replications, threads: threads, label: loaded.origin,
                      printing: simulation.dryRun)
        if simulation.dryRun { return }
        let clock = ContinuousClock.now
        let result = MonteCarlo.run(model, replications: replications, seed: simulation.seed, threads: threads)
        let simulated = (ContinuousClock.now - clock).seconds
        var checksum = 0.0
        for y in result.years.indices { checksum += Summary(result.values(.costTotal, year: y)).mean }
        let total = (ContinuousClock.now - clock).seconds
        let peak = peakResidentMegabytes()
        print("scenario \(loaded.scenario.name): \(Format.counted(replications, "replication")) × \(Format.counted(years, "year")) on \(Format.counted(threads, "thread"))")
        print("simulation wall \(Format.fixed(simulated, 2)) s; with summaries \(Format.fixed(total, 2)) s")
        print("replications per second \(Format.fixed(Double(replications) / simulated, 0))")
        print("child-days per second \(Format.fixed(result.childDays / simulated / 1e6, 1)) million")
        print("events per second \(Format.fixed(Double(result.events) / simulated / 1e6, 1)) million")
        print("peak resident memory \(Format.fixed(peak, 0)) MB")
        print("mean total cost over the years £\(Format.fixed(checksum / 1e6, 2))m (a checksum)")
    }
}

/// `bench`'s defaults: the issue's target, 10,000 replications × 10 years, which the README's performance figures use.
enum BenchDefaults: SimulationDefaults {
    static let replications = 10_000
    static let years = 10
}

/// Peak resident set size of this process (VmHWM from /proc/self/status), in MB; 0 where unavailable.
func peakResidentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kb / 1024
    }
    return 0
}
