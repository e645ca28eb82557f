import ArgumentParser
import Foundation
import SufficiencyModel

/// Options shared by commands that simulate.
struct SimulationOptions: ParsableArguments {
    /// The documented default seed: the start date of the default scenario, 1 April 2017.
    static let defaultSeed: UInt64 = 20_170_401

    @Option(name: .long, parsing: .unconditional, help: "Replications (1–1,000,000).",
            transform: FlagValue.integer(1...1_000_000))
    var replications: Int = 1000

    @Option(name: .long, parsing: .unconditional, help: "Years to simulate from the scenario's start date (1–15).",
            transform: FlagValue.integer(1...15))
    var years: Int = 5

    @Option(name: .long, parsing: .unconditional,
            help: "Master seed, 0 to 2^64−1; the same seed, scenario and version give the same results.",
            transform: FlagValue.seed)
    var seed: UInt64 = SimulationOptions.defaultSeed

    @Option(name: .long, parsing: .unconditional, help: "Worker threads, 1–512 (default: all cores).",
            transform: FlagValue.integer(1...512))
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Use a calibrated scenario's point estimates in every replication instead of drawing each replication's rates from what they rest on (parameter_uncertainty).")
    var noParameterUncertainty = false

    @Flag(name: .long, help: "Load and check the scenarios, print the work estimate (events per replication-year by kind, total events, time and memory) and stop: nothing is simulated or written.")
    var dryRun = false

    /// The scenario as this run simulates it.
    func prepared(_ scenario: Scenario) -> Scenario {
        var s = scenario
        if noParameterUncertainty { s.parameterUncertainty?.drawRates = false }
        return s
    }
}
