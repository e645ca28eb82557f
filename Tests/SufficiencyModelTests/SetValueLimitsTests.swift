import Foundation
@testable import SufficiencyModel
import XCTest

/// Values set on the command line (`--set KEY=VALUE`) are held to the limits a scenario file is (a third fuzz
/// audit): a table or list nested 10,000 deep crashed the process, 400 bytes of nested aliases ran it out of time,
/// and values that together went past the node limit made a run write a `scenario.resolved.yaml` that nothing could
/// read back. Each is now one problem naming `--set` and the key path, before anything is composed or written.
final class SetValueLimitsTests: XCTestCase {
    func problems(_ sets: [String], scenario: String = "peterborough-2017") -> [String] {
        let overrides = sets.map { ScenarioOverride(assignment: $0)! }
        do {
            _ = try ScenarioLoader.load(path: scenario, overrides: overrides)
            return []
        } catch let error as ScenarioError {
            return error.problems.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    func testATenThousandDeepValueIsRefusedWithoutComposingIt() {
        let deep = String(repeating: "[", count: 10_000) + "1" + String(repeating: "]", count: 10_000)
        XCTAssertEqual(problems(["uasc.annual_rate=" + deep]),
                       ["--set: uasc.annual_rate: YAML nesting deeper than 64 levels (the limit)"])
    }

    func testNestedAliasesInAValueAreRefusedAtTheFirstAnchor() {
        var value = "[&a0 [1,1,1,1,1,1,1,1,1,1]"
        for i in 1...8 { value += ", &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ",") + "]" }
        value += "]"
        XCTAssertEqual(problems(["entries.annual_rate=" + value]), [
            "--set: entries.annual_rate: YAML anchor &a0: scenario files take no anchors or aliases; write each value out where it is used",
        ])
    }

    func testValuesThatTogetherPassTheNodeLimitAreRefusedSoTheResolvedFileReadsBack() throws {
        func sets(_ n: Int) -> [String] {
            let bands = "[" + (0..<n).map(String.init).joined(separator: ",") + "]"
            let ones = "[" + Array(repeating: "1", count: n).joined(separator: ",") + "]"
            return ["exits.time_in_care_bands=" + bands]
                + ["reunification", "adoption", "sgo", "other"].map { "exits.\($0).time_in_care_multiplier=" + ones }
        }
        let found = problems(sets(20_000))
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].hasPrefix("--set: the scenario with these values set is more than 100000 YAML nodes ("), found[0])
        // A fifth as many load, and the resolved text passes the scan a reader applies.
        let within = try ScenarioLoader.load(path: "peterborough-2017", overrides: sets(4_000).map { ScenarioOverride(assignment: $0)! })
        XCTAssertNoThrow(try YAMLEventScan.check(within.resolvedYAML, file: "resolved"))
    }

    /// Each file is within the limits, but their layers merge key by key into a tree past them: the run would have
    /// written a resolved file nothing reads back.
    func testLayersThatTogetherPassTheNodeLimitAreRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("merged-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func keys(_ prefix: String) -> String { (0..<30_000).map { "\(prefix)\($0): 0" }.joined(separator: ", ") }
        try ("extends: peterborough-2017\nname: base\ndescription: {" + keys("a") + "}\n")
            .write(to: directory.appendingPathComponent("base.yaml"), atomically: true, encoding: .utf8)
        let top = directory.appendingPathComponent("top.yaml").path
        try ("extends: base.yaml\nname: top\ndescription: {" + keys("b") + "}\n").write(toFile: top, atomically: true, encoding: .utf8)
        let found = problems([], scenario: top)
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].hasPrefix("\(top): the scenario as a run writes it out (its layers merged, each parameter "
            + "tagged with its layer) is more than 100000 YAML nodes ("), found[0])
        // A value set on top is not blamed for what the files did.
        XCTAssertTrue(problems(["uasc.annual_rate=40"], scenario: top).first?.hasPrefix("\(top): the scenario as a run writes it out") ?? false)
    }

    /// Two layers of 3 MB each are each within the 4 MiB a file may be, but the run's resolved file is not.
    func testLayersThatTogetherPassTheSizeLimitAreRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("size-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let big = String(repeating: "x", count: 3_000_000)
        try ("extends: peterborough-2017\nname: base\ndescription: {a: \(big)}\n")
            .write(to: directory.appendingPathComponent("base.yaml"), atomically: true, encoding: .utf8)
        let top = directory.appendingPathComponent("top.yaml").path
        try ("extends: base.yaml\nname: top\ndescription: {b: \(big)}\n").write(toFile: top, atomically: true, encoding: .utf8)
        let found = problems([], scenario: top)
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].contains(" bytes, larger than 4194304 bytes (4 MiB), past the limit"), found[0])
    }

    func testAValueWithinTheDepthLimitAloneButNotWhereItLandsIsRefused() {
        // 62 levels of list under `uasc.annual_rate.value` (the root, `uasc`, `annual_rate` are three more).
        let value = String(repeating: "[", count: 62) + "1" + String(repeating: "]", count: 62)
        XCTAssertEqual(problems(["uasc.annual_rate=" + value]), [
            "--set: the scenario with these values set is nested deeper than 64 levels, past the limit for a scenario "
                + "file, so the run's scenario.resolved.yaml could not be read back",
        ])
    }

    func testAValueOverSeveralLinesIsRefused() {
        XCTAssertEqual(problems(["entries.annual_rate={\"0\": 30,\n \"1-4\": 27}"]), [
            "--set: entries.annual_rate: the value has a line break or other control character; give it on one line",
        ])
        XCTAssertEqual(problems(["uasc.annual_rate=4\u{2028}0"]), [
            "--set: uasc.annual_rate: the value has a line break or other control character; give it on one line",
        ])
        // A value that cannot be set under a key path no layer has: both problems, not the first alone.
        XCTAssertEqual(problems(["uasc.annual_rat=4\u{1}"]), [
            "--set: uasc.annual_rat: the value has a line break or other control character; give it on one line",
            "--set: uasc.annual_rat: no parameter with this key path in embedded:peterborough-2017; did you mean 'uasc.annual_rate'?",
        ])
        // A tab is YAML's whitespace, on its line.
        XCTAssertEqual(problems(["entries.annual_rate={\"0\":\t30, \"1-4\": 27, \"5-9\": 27, \"10-15\": 43, \"16-17\": 20}"]), [])
    }

    func testTheTreeExtentCountsAsTheScanOfItsTextDoes() throws {
        for name in EmbeddedScenarios.names {
            let loaded = try ScenarioLoader.load(path: name)
            let scanned = try YAMLEventScan.check(loaded.resolvedYAML, file: name)
            XCTAssertEqual(YAMLEventScan.extent(of: loaded.tree.root).extent, scanned, name)
        }
    }

    func testARightToLeftOverrideInAProblemIsWrittenAsAnEscape() {
        let problem = ScenarioProblem(file: "--set", line: nil, keyPath: "uasc.annual\u{202E}rate", message: "no parameter")
        XCTAssertEqual(problem.description, "--set: uasc.annual\\u{202e}rate: no parameter")
    }
}
