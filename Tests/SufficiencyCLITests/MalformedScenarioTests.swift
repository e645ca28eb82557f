import Foundation
import XCTest

/// Malformed and hostile scenario files given to the built binary: `validate` and `run --out` each exit with
/// status 2 (never a crash, which is 139 for the stack overflow deep nesting used to cause), print one line per
/// problem naming the file and, where the problem has one, the line, and `run` leaves nothing behind.
final class MalformedScenarioTests: CommandLineTestCase {

    static let child = "extends: peterborough-2017\nname: probe\n"
    static let aliases = "YAML anchor &a: scenario files take no anchors or aliases; write each value out where it is used"

    // MARK: - Limits

    /// Opening a named pipe waits for a writer: with none, `validate` (and a scenario extending it) hung for ever.
    func testANamedPipeNobodyWritesToIsRefusedNotWaitedForEver() throws {
        let pipe = work.appendingPathComponent("pipe.yaml").path
        XCTAssertEqual(mkfifo(pipe, 0o600), 0)
        let validate = try sufficiency(["validate", "pipe.yaml"])
        XCTAssertEqual(validate.status, 2)
        XCTAssertEqual(validate.stderr, "error: pipe.yaml: is a pipe that gave nothing to read within 2 seconds\n")
        try "extends: ./pipe.yaml\nname: x\n".write(to: work.appendingPathComponent("ext.yaml"), atomically: true, encoding: .utf8)
        let run = try sufficiency(["run", "ext.yaml", "--replications", "2", "--years", "1", "--out", "r"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr, "error: ext.yaml:1: extends: cannot read pipe.yaml: is a pipe that gave nothing to read "
                       + "within 2 seconds\n")
        XCTAssertFalse(fm.fileExists(atPath: work.appendingPathComponent("r").path))

        // A pipe something writes to is read as a file is (the shell's `<(cat x.yaml)`).
        try Self.child.write(to: work.appendingPathComponent("child.yaml"), atomically: true, encoding: .utf8)
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "cat child.yaml > pipe.yaml"]
        writer.currentDirectoryURL = work
        try writer.run()
        let piped = try sufficiency(["validate", "pipe.yaml"])
        writer.waitUntilExit()
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertTrue(piped.stdout.hasPrefix("pipe.yaml: valid (probe)"), piped.stdout)
    }

    func testTenThousandNestedBracketsAreRefusedWithoutACrash() throws {
        let text = Self.child + "description: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        try assertRefused("deep.yaml", text, ["deep.yaml:3: YAML nesting deeper than 64 levels (the limit)"])
    }

    func testABriefingOfARunWhoseResolvedScenarioWasTamperedWithDoesNotCrash() throws {
        // `report` reads a run's scenario.resolved.yaml through the scenario loader; the same limits apply there,
        // and a scenario it refuses stops the report with one line naming the file (exit 2), writing nothing.
        let run = try sufficiency(["run"] + CommandLineTests.small + ["--out", "run", "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        try (String(repeating: "[", count: 20_000) + "\n").write(
            to: work.appendingPathComponent("run/scenario.resolved.yaml"), atomically: true, encoding: .utf8)
        let report = try sufficiency(["report", "run"])
        XCTAssertEqual(report.status, 2, report.stderr)
        XCTAssertTrue(report.stderr.contains("run/scenario.resolved.yaml:1: YAML nesting deeper than 64 levels (the limit)"),
                      report.stderr)
        XCTAssertEqual(report.stderr.split(separator: "\n").count, 1, "one line")
        XCTAssertFalse(fm.fileExists(atPath: work.appendingPathComponent("run/briefing.html").path))
    }

    func testTenThousandNestedBlockListsAreRefusedWithoutACrash() throws {
        let text = Self.child + "description:\n  " + String(repeating: "- ", count: 10_000) + "x\n"
        try assertRefused("lists.yaml", text, ["lists.yaml:4: YAML nesting deeper than 64 levels (the limit)"])
    }

    func testABillionLaughsIsRefusedAtOnce() throws {
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for (name, previous) in zip("bcdefghij", "abcdefghi") {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        try assertRefused("laughs.yaml", text, ["laughs.yaml:1: " + Self.aliases])
    }

    func testAliasesUnderDescriptionAreRefusedAndNothingIsWritten() throws {
        // Accepted before, and written out expanded as a 49 MB scenario.resolved.yaml.
        var text = Self.child + "description:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for (name, previous) in zip("bcdefgh", "abcdefg") {
            text += "  \(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        try assertRefused("described.yaml", text, ["described.yaml:4: " + Self.aliases])
    }

    func testAFileOverFourMebibytesIsRefused() throws {
        let text = Self.child + "description: \"" + String(repeating: "x", count: 4 << 20) + "\"\n"
        try assertRefused("huge.yaml", text,
                          ["huge.yaml: is \(text.utf8.count) bytes, larger than 4194304 bytes (4 MiB, the limit for a scenario file)"])
    }

    func testMoreThanOneHundredThousandNodesAreRefused() throws {
        var text = "description:\n"
        for i in 0..<50_000 { text += "  k\(i): \(i)\n" }
        try assertRefused("nodes.yaml", text, ["nodes.yaml:50000: more than 100000 YAML nodes (keys, values and list items; the limit)"])
    }

    // MARK: - Duplicate keys in every layer

    func testADuplicateKeyInTheBaselineFileIsReportedThere() throws {
        try write("base.yaml", "extends: peterborough-2017\ntitle: Base\ntitle: Again\n")
        try assertRefused("child.yaml", "extends: ./base.yaml\nname: child\n", ["base.yaml:3: title: duplicate key"])
    }

    func testADuplicateWhoseFirstOccurrenceIsEmptyIsReportedInTheChild() throws {
        try assertRefused("empty-first.yaml", Self.child + "description:\ndescription: text\n",
                          ["empty-first.yaml:4: description: duplicate key"])
    }

    // MARK: - Ordinary malformed YAML

    func testATabIsASyntaxError() throws {
        try assertRefused("tab.yaml", Self.child + "description:\n\tindented: 1\n", ["tab.yaml:4: YAML syntax: "])
    }

    func testAnUnclosedQuoteIsASyntaxError() throws {
        try assertRefused("quote.yaml", Self.child + "title: \"never closed\n", ["quote.yaml:4: YAML syntax: "])
    }

    func testARootThatIsAListIsRefused() throws {
        try assertRefused("list.yaml", "- name\n- title\n", ["list.yaml:1: expected a mapping of keys to values"])
    }

    func testAKeyThatIsAListIsRefused() throws {
        try assertRefused("key.yaml", Self.child + "[a, b]: 1\n", ["key.yaml:3: keys must be plain names"])
    }

    func testBinaryGarbageIsNotUTF8Text() throws {
        var state: UInt64 = 0x5DEECE66D
        var bytes: [UInt8] = [0xFF, 0xFE, 0x00]
        for _ in 0..<4_096 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            bytes.append(UInt8(truncatingIfNeeded: state >> 56))
        }
        try assertRefused("garbage.yaml", Data(bytes), ["garbage.yaml: is not UTF-8 text"])
    }

    func testAControlCharacterIsReportedAtItsLine() throws {
        try assertRefused("control.yaml", Self.child + "title: bell\u{7}\n",
                          ["control.yaml:3: YAML: control characters are not allowed"])
    }

    func testAnEmptyFileIsRefused() throws {
        try assertRefused("empty.yaml", "", ["empty.yaml: the file is empty"])
    }

    func testAUTF16FileIsNotUTF8Text() throws {
        try assertRefused("utf16.yaml", try XCTUnwrap(Self.child.data(using: .utf16)), ["utf16.yaml: is not UTF-8 text"])
    }

    // MARK: - extends

    func testExtendsNamingItselfIsACycle() throws {
        try assertRefused("self.yaml", "name: me\nextends: ./self.yaml\n",
                          ["self.yaml:2: extends: extends cycle: self.yaml → self.yaml"])
    }

    func testExtendsNamingADirectoryIsRefusedAtItsLine() throws {
        try fm.createDirectory(at: work.appendingPathComponent("folder.yaml"), withIntermediateDirectories: false)
        try assertRefused("dir.yaml", "name: d\nextends: ./folder.yaml\n",
                          ["dir.yaml:2: extends: cannot read folder.yaml: is a directory, not a scenario file"])
    }

    func testExtendsNamingAMissingFileIsRefusedAtItsLine() throws {
        try assertRefused("orphan.yaml", "name: o\nextends: ./absent.yaml\n",
                          ["orphan.yaml:2: extends: cannot read absent.yaml: no such file"])
    }

    func testLimitsInTheBaselineNameTheBaseline() throws {
        try write("deep-base.yaml", Self.child + "description: " + String(repeating: "{a: ", count: 10_000) + "\n")
        try assertRefused("on-deep.yaml", "extends: ./deep-base.yaml\nname: c\n",
                          ["deep-base.yaml:3: YAML nesting deeper than 64 levels (the limit)"])
    }

    // MARK: - Helpers

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        let url = work.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    func assertRefused(_ name: String, _ text: String, _ expected: [String],
                       file: StaticString = #filePath, line: UInt = #line) throws {
        try assertRefused(name, Data(text.utf8), expected, file: file, line: line)
    }

    /// Writes `contents` to `name` in the working directory; `validate` and `run --out out` must each exit with
    /// status 2 and print exactly the lines `expected` (each after `error: `; a line ending in a space is a
    /// prefix), and `run` must leave the working directory as it was: no `out`, no `results/`, nothing partial.
    func assertRefused(_ name: String, _ contents: Data, _ expected: [String],
                       file: StaticString = #filePath, line: UInt = #line) throws {
        try contents.write(to: work.appendingPathComponent(name))
        let before = try Set(fm.contentsOfDirectory(atPath: work.path))
        let commands = [["validate", name], ["run", name, "--replications", "20", "--years", "2", "--out", "out"]]
        for arguments in commands {
            let result = try CommandLineTests.sufficiency(arguments, in: work, scratch: base, file: file, line: line)
            let label = arguments.joined(separator: " ")
            XCTAssertEqual(result.status, 2, "\(label): \(result.stderr)", file: file, line: line)
            XCTAssertEqual(result.stdout, "", label, file: file, line: line)
            let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            XCTAssertEqual(lines.count, expected.count, "\(label): \(result.stderr)", file: file, line: line)
            for (printed, wanted) in zip(lines, expected) {
                let matches = wanted.hasSuffix(" ") ? printed.hasPrefix("error: " + wanted) : printed == "error: " + wanted
                XCTAssertTrue(matches, "\(label): expected 'error: \(wanted)', got '\(printed)'", file: file, line: line)
            }
            XCTAssertEqual(try Set(fm.contentsOfDirectory(atPath: work.path)), before,
                           "\(label) left files behind", file: file, line: line)
        }
    }
}
