import ArgumentParser
import SufficiencyModel

/// `sufficiency scenarios`: the embedded scenario library.
struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "List the embedded scenarios and the question each answers."
    )

    func run() throws {
        var table = TextTable([.left(), .left()])
        for name in EmbeddedScenarios.names {
            let scenario = try? ScenarioLoader.load(path: name).scenario
            table.append([name, scenario?.question ?? scenario?.title ?? "(does not load: run validate)"])
        }
        print(table.render())
    }
}
