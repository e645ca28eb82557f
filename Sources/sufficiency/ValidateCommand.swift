import ArgumentParser
import Foundation
import SufficiencyModel
import SufficiencySimulation

/// `sufficiency validate`: check scenario files without running them.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files: every problem, one per line, with file, line and key path.",
        discussion: """
            Also estimates the work of a run with the default options (events per replication-year, time, memory) \
            and refuses a scenario beyond the bounds `run` would refuse. Exits 0 when every file is valid, 2 otherwise.
            """
    )

    @Argument(help: "Scenario files (or embedded scenario names).")
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one scenario file") }
    }

    func run() throws {
        var problems: [String] = []
        // The work estimate is for a run with the default options (`run`'s replications, years and threads).
        let options = try SimulationOptions.parse([])
        for file in files {
            do {
                let loaded = try ScenarioLoader.load(path: file)
                let model = CompiledScenario(loaded.scenario, horizonYears: options.years, drawsRates: false)
                let estimate = WorkEstimate(model, replications: options.replications, threads: options.threads)
                let refused = estimate.problems(label: file)
                if refused.isEmpty {
                    print("\(file): valid (\(loaded.scenario.name))")
                    print("  work: \(estimate.summary)")
                } else {
                    problems += refused
                }
            } catch let error as ScenarioError {
                problems += error.problems.map(\.description)
            }
        }
        if !problems.isEmpty { throw InputError(problems) }
    }
}

/// `sufficiency scenarios`: the embedded scenario library.
struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "List the embedded scenarios and the question each answers."
    )

    func run() throws {
        let loaded = EmbeddedScenarios.names.map { name in (name, try? ScenarioLoader.load(path: name)) }
        let width = loaded.map(\.0.count).max() ?? 0
        for (name, scenario) in loaded {
            let question = scenario?.scenario.question ?? scenario?.scenario.title ?? "(does not load: run validate)"
            print(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + question)
        }
    }
}

/// `sufficiency init`: a commented scenario template that extends a baseline with every lever switched off.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a scenario template that extends a baseline, with each lever shown switched off."
    )

    @Option(name: .long, help: "The baseline to extend: an embedded scenario name or a path relative to FILE.")
    var from: String = EmbeddedScenarios.defaultName

    @Flag(name: .long, help: "Overwrite FILE if it exists.")
    var force = false

    @Argument(help: "The scenario file to write (.yaml).")
    var file: String

    func run() throws {
        guard file.hasSuffix(".yaml") else { throw InputError("\(file): a scenario file name must end in .yaml") }
        if FileManager.default.fileExists(atPath: file) && !force {
            throw InputError("\(file): exists; use --force to overwrite it")
        }
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let text = ScenarioTemplate.text(name: name, baseline: from)
        // Check the template resolves against its baseline before writing it.
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent().path
        do {
            _ = try ScenarioLoader.load(yaml: text, file: directory.isEmpty ? file : file)
        } catch let error as ScenarioError {
            throw InputError(error.problems.map(\.description))
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
        } catch {
            throw InputError("\(file): cannot write: \(error.localizedDescription)")
        }
        print("wrote \(file), extending \(from); uncomment a lever to switch it on, then: sufficiency validate \(file)")
    }
}
