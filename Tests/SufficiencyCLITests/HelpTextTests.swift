import Foundation
import SufficiencyTestSupport
import XCTest

/// Every command's `--help`, compared whole with its stored copy in `Help/` (`sufficiency.txt` for the root command,
/// `<subcommand>.txt` for the others), so that any change to what users read is seen, and reviewed, in a diff.
///
/// ArgumentParser wraps help to the terminal's width, taking it from `COLUMNS` before asking the terminal; the
/// binary runs with `COLUMNS=100`, so the copies do not depend on the terminal, or the `COLUMNS`, the tests run
/// under. When a change is deliberate, `scripts/regenerate-golden.sh` rewrites the copies.
final class HelpTextTests: CommandLineTestCase {
    static let columns = 100
    static let stored = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Help")
    static let regenerationScript = "scripts/regenerate-golden.sh"
    /// Lines of `diff -u` shown in a failure message.
    static let diffLines = 40

    /// Whether this test process rewrites the stored copies instead of comparing with them.
    static var regenerating: Bool { ProcessInfo.processInfo.environment["SUFFICIENCY_REGENERATE_GOLDEN"] == "1" }

    /// `sufficiency [command] --help`, wrapped to `columns`.
    func help(_ command: String?, columns: Int = columns) throws -> CommandLineTests.Result {
        try sufficiency((command.map { [$0] } ?? []) + ["--help"], environment: ["COLUMNS": String(columns)])
    }

    /// The subcommands the root help lists: under `SUBCOMMANDS:`, the first word of each line indented by two
    /// spaces (an abstract's continuation lines are indented further), up to the blank line that ends the list.
    static func subcommands(_ rootHelp: String) -> [String] {
        let lines = rootHelp.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "SUBCOMMANDS:") else { return [] }
        return lines[(start + 1)...].prefix { !$0.isEmpty }
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    func testEveryCommandsHelpIsItsStoredText() throws {
        let root = try help(nil)
        let commands = Self.subcommands(root.stdout)
        XCTAssertTrue(commands.contains("run") && commands.contains("bench"), "subcommands not found in:\n\(root.stdout)")
        var texts = ["sufficiency": root]
        for command in commands { texts[command] = try help(command) }
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: work.path), [], "--help wrote files")

        if Self.regenerating {
            try? fm.removeItem(at: Self.stored)
            try fm.createDirectory(at: Self.stored, withIntermediateDirectories: true)
            for (name, result) in texts {
                try Data(result.stdout.utf8).write(to: Self.stored.appendingPathComponent("\(name).txt"))
            }
            throw XCTSkip("regenerated \(Self.stored.path); review the diff before committing it")
        }

        let regenerate = "If the change is deliberate, run \(Self.regenerationScript) and review the diff."
        let stored = try fm.contentsOfDirectory(atPath: Self.stored.path).sorted()
        XCTAssertEqual(stored, texts.keys.map { "\($0).txt" }.sorted(),
                       "the stored help texts are not one per command. \(regenerate)")
        var differing: [String] = []
        for (name, result) in texts.sorted(by: { $0.key < $1.key }) {
            let invocation = name == "sufficiency" ? "sufficiency --help" : "sufficiency \(name) --help"
            XCTAssertEqual(result.status, 0, "\(invocation): \(result.stderr)")
            XCTAssertEqual(result.stderr, "", invocation)
            let copy = Self.stored.appendingPathComponent("\(name).txt")
            guard let expected = try? String(contentsOf: copy, encoding: .utf8), expected != result.stdout else { continue }
            if differing.isEmpty {
                XCTFail("""
                    \(invocation) differs from Tests/SufficiencyCLITests/Help/\(name).txt. \(regenerate)
                    \(try diff(stored: copy, printed: result.stdout))
                    """)
            }
            differing.append(name)
        }
        if differing.count > 1 { XCTFail("also differing: \(differing.dropFirst().joined(separator: ", "))") }
    }

    func testHelpIsWrappedToCOLUMNS() throws {
        // ArgumentParser's width without a terminal is 80: at 60 every line must be shorter than that, and at 100 some
        // line longer. Usage lines are never wrapped.
        for columns in [60, 100] {
            let lines = try help("run", columns: columns).stdout.split(separator: "\n").filter { !$0.hasPrefix("USAGE:") }
            let longest = lines.map(\.count).max() ?? 0
            XCTAssertLessThanOrEqual(longest, columns, "COLUMNS=\(columns)")
            XCTAssertGreaterThan(longest, columns == 60 ? 50 : 80, "COLUMNS=\(columns)")
        }
    }

    /// The first `diffLines` lines of `diff -u` between the stored copy and the printed text.
    func diff(stored copy: URL, printed: String) throws -> String {
        let name = copy.lastPathComponent
        return UnifiedDiff.text(try Data(contentsOf: copy), Data(printed.utf8), oldLabel: "stored/\(name)",
                                newLabel: "printed/\(name)", limit: Self.diffLines)
    }
}
