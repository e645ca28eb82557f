import ArgumentParser
import Foundation
import SufficiencyModel

/// The defaults of the shared simulation options that a command may set apart: every command uses `run`'s, but
/// `bench` measures the target (10,000 replications × 10 years). The flags, their limits and their help are
/// the same everywhere, and `--help` shows each command's own default.
protocol SimulationDefaults {
    static var replications: Int { get }
    static var years: Int { get }
}

/// `run`'s defaults, and every other simulating command's but `bench`'s: 1,000 replications × 5 years.
enum RunDefaults: SimulationDefaults {
    static let replications = 1000
    static let years = 5
}

/// `--replications`, declared once for every command that simulates (through `SimulationOptions`, or alone in
/// `backtest`), with the command's default.
struct ReplicationCount<Defaults: SimulationDefaults>: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: "Replications (1–1,000,000).",
            transform: FlagValue.integer(1...1_000_000))
    var replications: Int = Defaults.replications
}

/// How each replication is seeded, drawn and run: `--seed`, `--threads` and `--no-parameter-uncertainty`, declared
/// once for every command that simulates (through `SimulationOptions`, or alone in `backtest`, whose years come from
/// `--rewind`).
struct ReplicationOptions: ParsableArguments {
    /// The documented default seed: the start date of the default scenario, 1 April 2017.
    static let defaultSeed: UInt64 = 20_170_401

    @Option(name: .long, parsing: .unconditional,
            help: "Master seed, 0 to 2^64−1; the same seed, scenario and version give the same results.",
            transform: FlagValue.seed)
    var seed: UInt64 = ReplicationOptions.defaultSeed

    @Option(name: .long, parsing: .unconditional, help: "Worker threads, 1–512 (default: all cores).",
            transform: FlagValue.integer(1...512))
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Use a calibrated scenario's point estimates in every replication instead of drawing each replication's rates from what they rest on (parameter_uncertainty).")
    var noParameterUncertainty = false
}

/// Options shared by commands that simulate a scenario: the replications, the years, how the replications run, and
/// `--dry-run`. (Two groups inside, so that `backtest` can take the replications without the years, while the
/// flags keep the order `--help` has always shown.)
struct SimulationOptions<Defaults: SimulationDefaults>: ParsableArguments {
    @OptionGroup var count: ReplicationCount<Defaults>

    /// `--years` as given: nil when left out, so that `target` (which simulates to its `--year`) can tell.
    @Option(name: .customLong("years"), parsing: .unconditional, help: "Years to simulate from the scenario's start date (1–15).",
            transform: FlagValue.integer(1...15))
    var givenYears: Int?

    var years: Int {
        get { givenYears ?? Defaults.years }
        set { givenYears = newValue }
    }

    @OptionGroup var replication: ReplicationOptions

    @Flag(name: .long, help: "Load and check the scenarios, print the work estimate (events per replication-year by kind, total events, time and memory) and stop: nothing is simulated or written.")
    var dryRun = false

    var replications: Int { count.replications }
    var seed: UInt64 { replication.seed }
    var threads: Int { replication.threads }

    /// The scenario as this run simulates it.
    func prepared(_ scenario: Scenario) -> Scenario {
        var s = scenario
        if replication.noParameterUncertainty { s.parameterUncertainty?.drawRates = false }
        return s
    }
}
