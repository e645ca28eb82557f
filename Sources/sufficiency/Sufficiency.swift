import ArgumentParser
import Foundation
import SufficiencyCalibration
import SufficiencyModel
import SufficiencySimulation

/// The `sufficiency` command: placement sufficiency simulations for a council's children in care.
///
/// `main()` is written out so that every input error (a bad flag, a bad scenario, a missing file) exits with
/// status 2 and a one-line message per problem, as the project's standards require; ArgumentParser's own
/// default for usage errors is 64.
@main
struct Sufficiency: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "sufficiency",
        abstract: "Simulate the placement market for children in a council's care.",
        discussion: """
            Runs a Monte Carlo model of children entering and leaving care, in-house foster households, the IFA \
            market and children's homes, and reports stocks, moves, sufficiency and costs by financial year.
            With no subcommand, `run` is used: `sufficiency` alone runs the embedded default scenario \
            (\(EmbeddedScenarios.defaultName)).
            """,
        version: version,
        subcommands: [RunCommand.self, CompareCommand.self, ReportCommand.self, GapCommand.self, CalibrateCommand.self, BacktestCommand.self, SweepCommand.self, TargetCommand.self, SensitivityCommand.self, ValidateCommand.self, ScenariosCommand.self, InitCommand.self, BenchCommand.self],
        defaultSubcommand: RunCommand.self
    )

    static func main() {
        // GSL's default handler aborts the process on a numerical failure; every GSL result is checked instead.
        GammaQuantile.disableAbort()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let refusal as TargetRefusal {
            RunWriter.abandon()
            FileHandle.standardError.write(Data("refused: \(ScenarioProblem.oneLine(refusal.description))\n".utf8))
            Foundation.exit(3)
        } catch let error as InputError {
            RunWriter.abandon()
            // Each problem on one line, whatever it quotes (a path or a cell holding a line break).
            for line in error.lines {
                FileHandle.standardError.write(Data(("error: " + ScenarioProblem.oneLine(line) + "\n").utf8))
            }
            Foundation.exit(2)
        } catch {
            RunWriter.abandon()
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            // One line per problem, like every other input error; the usage text is one `--help` away.
            let lines = message(for: error).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            let text = lines.filter { !$0.isEmpty }.joined(separator: "; ")
            FileHandle.standardError.write(Data(("error: \(text) (see --help)\n").utf8))
            Foundation.exit(2)
        }
        Foundation.exit(0)
    }
}

/// Problems with what the user gave us: printed one per line, exit status 2.
struct InputError: Error {
    var lines: [String]
    init(_ lines: [String]) { self.lines = lines }
    init(_ line: String) { self.lines = [line] }
}
