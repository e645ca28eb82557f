import ArgumentParser
import Foundation
import SufficiencyModel

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
        do {
            _ = try ScenarioLoader.load(yaml: text, file: file)
        } catch let error as ScenarioError {
            // A problem in the template (not yet written) is one with --from: naming FILE:12 would send the reader to
            // a line of a file that does not exist. A problem inside the baseline's own file names that file.
            // The key path stays (a baseline missing keys gave fifteen identical lines of "missing required key"),
            // but not `extends`, which is what --from writes.
            throw InputError(error.problems.map { p in
                guard p.file == file else { return p.description }
                return "--from \(from): " + (p.keyPath.isEmpty || p.keyPath == "extends" ? "" : p.keyPath + ": ") + p.message
            })
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
        } catch {
            throw InputError("\(file): cannot write: \(FileFailure.reason(error, writing: URL(fileURLWithPath: file)))")
        }
        print("wrote \(file), extending \(from); uncomment a lever to switch it on, then: sufficiency validate \(file)")
    }
}
