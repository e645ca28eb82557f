import Foundation
@testable import SufficiencyModel
import XCTest
import Yams

/// Hostile and malformed scenario files: each is refused with problems naming its file and line, without crashing
/// (deep nesting overflowed Yams' recursive composer), running out of memory or time (aliases expanded, a merge
/// quadratic in the number of keys), or letting a repeated key pass. Every layer of `extends:` is held to the same
/// limits and checks as the file that names it.
final class LoaderLimitsTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    /// A scenario that loads: the default with a new name; tests append a `description:` (free-form, so any YAML
    /// is accepted there) or more keys.
    static let child = "extends: peterborough-2017\nname: probe\n"

    static let depthMessage = "YAML nesting deeper than \(ScenarioLimits.maximumDepth) levels (the limit)"

    // MARK: - Nesting

    /// Sixteen layers of `extends` load; seventeen are refused, once, naming the layer that goes too far.
    func testSixteenLayersLoadAndSeventeenAreRefused() throws {
        for k in 1...16 {
            let parent = k == 16 ? "peterborough-2017" : "./f\(k + 1).yaml"
            try Data("extends: \(parent)\nname: f\(k)\n".utf8).write(to: directory.appendingPathComponent("f\(k).yaml"))
        }
        XCTAssertEqual(try ScenarioLoader.load(path: directory.appendingPathComponent("f2.yaml").path).scenario.name, "f2")
        XCTAssertThrowsError(try ScenarioLoader.load(path: directory.appendingPathComponent("f1.yaml").path)) { error in
            let problems = (error as? ScenarioError)?.problems.map(\.description) ?? []
            XCTAssertEqual(problems.count, 1, "\(problems)")
            XCTAssertTrue(problems.first?.hasSuffix("f16.yaml:1: extends: more than 16 layers of extends") ?? false, "\(problems)")
        }
    }

    func testTenThousandNestedFlowListsAreRefusedAtTheirLine() {
        let yaml = Self.child + "description: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        assertOneProblem(yaml, line: 3, message: Self.depthMessage)
    }

    func testTenThousandNestedFlowMappingsAreRefusedAtTheirLine() {
        let yaml = Self.child + "description: " + String(repeating: "{a: ", count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        assertOneProblem(yaml, line: 3, message: Self.depthMessage)
    }

    func testTenThousandNestedBlockListsOnOneLineAreRefused() {
        // `- - - x` nests lists without indentation, so depth costs two bytes a level.
        let yaml = Self.child + "description:\n  " + String(repeating: "- ", count: 10_000) + "x\n"
        assertOneProblem(yaml, line: 4, message: Self.depthMessage)
    }

    func testDeepBlockMappingsAreRefusedAtTheLineOfTheFirstLevelTooDeep() {
        // Level d (the root is 1, `description`'s value 2) starts on line d + 1 here: line 1 is `description:`'s
        // own line after the child's two.
        var yaml = Self.child + "description:\n"
        for level in 1...200 { yaml += String(repeating: "  ", count: level) + "a:\n" }
        yaml += String(repeating: "  ", count: 201) + "end\n"
        let limit = ScenarioLimits.maximumDepth
        assertOneProblem(yaml, line: 3 + limit, message: Self.depthMessage)
    }

    func testDeepBlockListsOnTheirOwnLinesAreRefused() {
        var yaml = Self.child + "description:\n"
        for level in 1...200 { yaml += String(repeating: "  ", count: level) + "-\n" }
        yaml += String(repeating: "  ", count: 201) + "end\n"
        assertOneProblem(yaml, line: 3 + ScenarioLimits.maximumDepth, message: Self.depthMessage)
    }

    func testMixedBlockAndFlowNestingIsRefused() {
        // Block mappings and lists for 30 levels, then flow lists and mappings alternating inside them.
        var yaml = Self.child + "description:\n"
        for level in 1...30 { yaml += String(repeating: "  ", count: level) + (level % 2 == 0 ? "- " : "b:") + "\n" }
        yaml += String(repeating: "  ", count: 31) + String(repeating: "[{c: ", count: 5_000) + "1"
            + String(repeating: "}]", count: 5_000) + "\n"
        assertOneProblem(yaml, line: 3 + 31, message: Self.depthMessage)
    }

    func testNestingAtTheLimitStillLoadsAndOneLevelMoreDoesNot() throws {
        // The root mapping is level 1 and `description`'s value level 2, so 63 flow mappings reach the limit.
        let deepest = ScenarioLimits.maximumDepth - 1
        func nested(_ levels: Int) -> String {
            "description: " + String(repeating: "{a: ", count: levels) + "1" + String(repeating: "}", count: levels) + "\n"
        }
        let loaded = try ScenarioLoader.load(yaml: Self.child + nested(deepest), file: "deep.yaml")
        XCTAssertEqual(loaded.scenario.name, "probe")
        XCTAssertEqual(try YAMLEventScan.check(Self.child + nested(deepest), file: "deep.yaml").depth,
                       ScenarioLimits.maximumDepth)
        assertOneProblem(Self.child + nested(deepest + 1), line: 3, message: Self.depthMessage)
    }

    // MARK: - Anchors and aliases

    func testABillionLaughsIsRefusedAtItsFirstAnchor() {
        var yaml = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for level in 1...9 {
            let name = String(UnicodeScalar(UInt8(97 + level))), previous = String(UnicodeScalar(UInt8(96 + level)))
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        let started = Date()
        assertOneProblem(yaml, line: 1, message: "YAML anchor &a: scenario files take no anchors or aliases; "
                         + "write each value out where it is used")
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "refused before anything was expanded")
    }

    func testAnchorsAndAliasesUnderDescriptionAreRefused() {
        // `description:` takes any YAML, so this is where an expanded alias used to be written out whole.
        let anchored = Self.child + "description:\n  first: &words [lol, lol]\n  second: *words\n"
        assertOneProblem(anchored, line: 4, message: "YAML anchor &words: scenario files take no anchors or aliases; "
                         + "write each value out where it is used")
        let alias = Self.child + "description:\n  second: *words\n"
        assertOneProblem(alias, line: 4, message: "YAML alias *words: scenario files take no anchors or aliases; "
                         + "write each value out where it is used")
    }

    func testNoShippedOrEmbeddedScenarioComesNearALimit() throws {
        var texts = EmbeddedScenarios.names.map { ("embedded:\($0)", EmbeddedScenarios.text(named: $0)!) }
        let scenarios = Self.packageRoot.appendingPathComponent("scenarios")
        for name in try FileManager.default.contentsOfDirectory(atPath: scenarios.path) where name.hasSuffix(".yaml") {
            texts.append((name, try String(contentsOf: scenarios.appendingPathComponent(name), encoding: .utf8)))
        }
        XCTAssertGreaterThan(texts.count, 10)
        for (name, text) in texts {
            let extent = try YAMLEventScan.check(text, file: name)  // throws on any anchor or alias, among others
            XCTAssertLessThanOrEqual(extent.depth, 8, name)
            XCTAssertLessThan(extent.nodes, ScenarioLimits.maximumNodes / 20, name)
            XCTAssertLessThan(text.utf8.count, ScenarioLimits.maximumBytes / 100, name)
        }
    }

    func testTheEmbeddedScenariosTheLoaderDoesNotCheckPassTheChecksItSkips() throws {
        for name in EmbeddedScenarios.names {
            let text = try XCTUnwrap(EmbeddedScenarios.text(named: name))
            XCTAssertTrue(EmbeddedScenarios.isEmbedded(text), name)
            XCTAssertNoThrow(try YAMLEventScan.check(text, file: name), name)
            var problems: [ScenarioProblem] = []
            let root = try XCTUnwrap(try Yams.compose(yaml: text, .basic))
            _ = DuplicateKeys.removed(from: root, path: "", file: name, problems: &problems)
            XCTAssertEqual(problems, [], name)
        }
        let text = try XCTUnwrap(EmbeddedScenarios.text(named: EmbeddedScenarios.defaultName))
        XCTAssertFalse(EmbeddedScenarios.isEmbedded(text + " "), "a text with a byte more is checked")
        XCTAssertFalse(EmbeddedScenarios.isEmbedded(String(text.dropLast()) + "x"), "so is one with a byte changed")
        XCTAssertFalse(EmbeddedScenarios.isEmbedded(""))
        let deep = text + "\nextra: " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n"
        XCTAssertThrowsError(try ScenarioLoader.load(yaml: deep, file: "embedded:\(EmbeddedScenarios.defaultName)"),
                             "a text that only claims to be embedded is held to the limits")
    }

    // MARK: - Size, nodes and key paths

    func testAFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws {
        let path = directory.appendingPathComponent("huge.yaml").path
        let size = ScenarioLimits.maximumBytes + 1
        let text = Self.child + "description: \"" + String(repeating: "x", count: size - Self.child.utf8.count - 16) + "\"\n"
        XCTAssertGreaterThan(text.utf8.count, ScenarioLimits.maximumBytes)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let expected = ScenarioProblem(file: path, line: nil, keyPath: "",
                                       message: "is \(text.utf8.count) bytes, larger than 4194304 bytes "
                                           + "(4 MiB, the limit for a scenario file)")
        XCTAssertEqual(problems { try ScenarioLoader.load(path: path) }, [expected])
        // The same text given directly, and as the baseline another file extends (named in its own right).
        XCTAssertEqual(problems { try ScenarioLoader.load(yaml: text, file: "huge.yaml") },
                       [ScenarioProblem(file: "huge.yaml", line: nil, keyPath: "", message: expected.message)])
        let child = try write("child.yaml", "extends: ./huge.yaml\nname: child\n")
        XCTAssertEqual(problems { try ScenarioLoader.load(path: child) }, [expected])
    }

    func testTooManyNodesAreRefusedAtTheLineOfTheFirstOverTheLimit() {
        // Nodes: the root mapping, `description`, its mapping, then a key and a value per line from line 2: the
        // value on line n is node 2n + 1, so node limit + 1 is the value on line limit / 2.
        var yaml = "description:\n"
        for i in 0..<(ScenarioLimits.maximumNodes / 2) { yaml += "  k\(i): \(i)\n" }
        assertOneProblem(yaml, line: ScenarioLimits.maximumNodes / 2,
                         message: "more than 100000 YAML nodes (keys, values and list items; the limit)")
    }

    func testAKeyPathOverTheLimitIsRefused() throws {
        let long = String(repeating: "k", count: ScenarioLimits.maximumKeyPath)
        assertOneProblem(Self.child + "description:\n  " + long + ": 1\n", line: 4,
                         message: "key path longer than 256 characters (the limit)")
        // Just within the limit (`description.` and the key), it loads.
        let fits = String(repeating: "k", count: ScenarioLimits.maximumKeyPath - "description.".count)
        XCTAssertNoThrow(try ScenarioLoader.load(yaml: Self.child + "description:\n  " + fits + ": 1\n", file: "long.yaml"))
    }

    // MARK: - Many keys through extends

    func testFortyThousandKeysInAFileThatExtendsAnotherLoadInLinearTime() throws {
        // A baseline whose description is a mapping, so the child's 40,000 keys are merged into it key by key
        // (the merge that used to search its pairs for every key took minutes).
        _ = try write("base.yaml", "extends: peterborough-2017\ndescription:\n  about: a baseline\n")
        var text = "extends: ./base.yaml\nname: many\ndescription:\n"
        for i in 0..<40_000 { text += "  k\(i): \(i)\n" }
        let path = try write("many.yaml", text)
        let started = Date()
        let loaded = try ScenarioLoader.load(path: path)
        XCTAssertLessThan(Date().timeIntervalSince(started), 20)
        XCTAssertEqual(loaded.scenario.name, "many")
        XCTAssertTrue(loaded.resolvedYAML.contains("\n  about: a baseline\n"))
        XCTAssertTrue(loaded.resolvedYAML.contains("\n  k39999: 39999\n"))
    }

    func testFortyThousandUnknownKeysAreEachReportedAtTheirLine() throws {
        var text = "extends: peterborough-2017\n"
        for i in 0..<40_000 { text += "k\(i): \(i)\n" }
        let path = try write("unknown.yaml", text)
        let started = Date()
        let found = problems { try ScenarioLoader.load(path: path) }
        XCTAssertLessThan(Date().timeIntervalSince(started), 20)
        XCTAssertEqual(found.count, 40_000)
        XCTAssertEqual(found.first, ScenarioProblem(file: path, line: 2, keyPath: "k0", message: "unknown key"))
        XCTAssertEqual(found.last, ScenarioProblem(file: path, line: 40_001, keyPath: "k39999", message: "unknown key"))
    }

    // MARK: - Duplicate keys in every layer

    func testADuplicateKeyInAFileThatExtendsAnotherIsReportedAtItsSecondOccurrence() {
        let yaml = "extends: peterborough-2017\nname: first\ntitle: T\nname: second\n"
        XCTAssertEqual(problems { try ScenarioLoader.load(yaml: yaml, file: "child.yaml") },
                       [ScenarioProblem(file: "child.yaml", line: 4, keyPath: "name", message: "duplicate key")])
    }

    func testADuplicateKeyInTheFileExtendedIsReportedInThatFile() throws {
        let base = try write("base.yaml", "extends: peterborough-2017\nrecruitment:\n  cost_per_approval:\n"
            + "    value: 4000\n    unit: pounds\n    source: test\n    value: 6000\n")
        let child = try write("child.yaml", "extends: ./base.yaml\nname: child\nname: again\n")
        XCTAssertEqual(problems { try ScenarioLoader.load(path: child) }, [
            ScenarioProblem(file: child, line: 3, keyPath: "name", message: "duplicate key"),
            ScenarioProblem(file: base, line: 7, keyPath: "recruitment.cost_per_approval.value", message: "duplicate key"),
        ])
    }

    func testADuplicateWhoseFirstOccurrenceIsEmptyIsBlamedOnItsOwnFile() {
        let yaml = "extends: peterborough-2017\ndescription:\ndescription: a text\npopulation:\npopulation:\n"
            + "  children_in_care: {value: 300, unit: children, source: test}\n"
        let found = problems { try ScenarioLoader.load(yaml: yaml, file: "child.yaml") }
        XCTAssertEqual(Array(found.prefix(2)), [
            ScenarioProblem(file: "child.yaml", line: 3, keyPath: "description", message: "duplicate key"),
            ScenarioProblem(file: "child.yaml", line: 5, keyPath: "population", message: "duplicate key"),
        ])
        // The first occurrence is the one read: an empty `population` is reported where it stands, and nothing is
        // blamed on the baseline.
        XCTAssertTrue(found.contains(ScenarioProblem(file: "child.yaml", line: 4, keyPath: "population",
                                                     message: "expected a mapping of keys to values")), "\(found)")
        XCTAssertFalse(found.contains { $0.file.hasPrefix("embedded:") }, "\(found)")
    }

    // MARK: - Every layer is checked in its own name

    func testLimitsInAnExtendedFileNameThatFileAndItsLine() throws {
        let base = try write("base.yaml", Self.child + "description: " + String(repeating: "[", count: 10_000) + "\n")
        let child = try write("child.yaml", "extends: ./base.yaml\nname: child\n")
        XCTAssertEqual(problems { try ScenarioLoader.load(path: child) },
                       [ScenarioProblem(file: base, line: 3, keyPath: "", message: Self.depthMessage)])
        _ = try write("base.yaml", Self.child + "title: &t Title\n")
        XCTAssertEqual(problems { try ScenarioLoader.load(path: child) }.map { "\($0.file):\($0.line ?? 0)" },
                       ["\(base):3"])
    }

    func testABaselineThatCannotBeReachedIsBlamedOnTheExtendsLine() throws {
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("folder.yaml"),
                                                withIntermediateDirectories: false)
        let cases = [("./folder.yaml", "is a directory, not a scenario file"), ("./absent.yaml", "no such file")]
        for (reference, reason) in cases {
            let path = try write("child.yaml", "name: child\nextends: \(reference)\n")
            let target = ScenarioLayers.relativePath(directory.appendingPathComponent(reference).standardizedFileURL.path)
            XCTAssertEqual(problems { try ScenarioLoader.load(path: path) }, [ScenarioProblem(
                file: path, line: 2, keyPath: "extends", message: "cannot read \(target): \(reason)")])
        }
    }

    func testAFileThatExtendsItselfIsACycle() throws {
        let path = try write("self.yaml", "name: me\nextends: ./self.yaml\n")
        let found = problems { try ScenarioLoader.load(path: path) }
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertEqual(found.first?.file, path)
        XCTAssertEqual(found.first?.line, 2)
        XCTAssertEqual(found.first?.keyPath, "extends")
        XCTAssertTrue(found.first?.message.hasPrefix("extends cycle: ") ?? false, "\(found)")
    }

    // MARK: - Ordinary malformed YAML

    func testATabIndentationIsASyntaxErrorAtItsLine() {
        let found = problems { try ScenarioLoader.load(yaml: "name: x\ndescription:\n\tindented: 1\n", file: "tab.yaml") }
        XCTAssertEqual(found.map(\.file), ["tab.yaml"])
        XCTAssertEqual(found.first?.line, 3)
        XCTAssertTrue(found.first?.message.hasPrefix("YAML syntax: ") ?? false, "\(found)")
    }

    func testAnUnclosedQuoteIsASyntaxErrorAtTheLineWhereTheFileEnds() {
        let found = problems { try ScenarioLoader.load(yaml: "name: x\ntitle: \"never closed\nquestion: y\n", file: "q.yaml") }
        XCTAssertEqual(found.map(\.file), ["q.yaml"])
        XCTAssertEqual(found.first?.line, 4)
        XCTAssertTrue(found.first?.message.hasPrefix("YAML syntax: ") ?? false, "\(found)")
    }

    func testAControlCharacterIsReportedAtItsLine() {
        let found = problems { try ScenarioLoader.load(yaml: "name: x\ntitle: y\nquestion: \u{1}\n", file: "ctl.yaml") }
        XCTAssertEqual(found, [ScenarioProblem(file: "ctl.yaml", line: 3, keyPath: "",
                                               message: "YAML: control characters are not allowed")])
    }

    func testARootThatIsNotAMappingIsReported() {
        XCTAssertEqual(problems { try ScenarioLoader.load(yaml: "- a\n- b\n", file: "list.yaml") },
                       [ScenarioProblem(file: "list.yaml", line: 1, keyPath: "", message: "expected a mapping of keys to values")])
    }

    func testAKeyThatIsAListIsReportedAtItsLine() {
        let yaml = Self.child + "[a, b]: 1\n"
        XCTAssertEqual(problems { try ScenarioLoader.load(yaml: yaml, file: "key.yaml") },
                       [ScenarioProblem(file: "key.yaml", line: 3, keyPath: "", message: "keys must be plain names")])
    }

    func testAnEmptyFileAndAUTF16FileAreRefusedByName() throws {
        let empty = try write("empty.yaml", "")
        XCTAssertEqual(problems { try ScenarioLoader.load(path: empty) },
                       [ScenarioProblem(file: empty, line: nil, keyPath: "", message: "the file is empty")])
        let utf16 = directory.appendingPathComponent("utf16.yaml")
        try XCTUnwrap((Self.child).data(using: .utf16)).write(to: utf16)  // with a byte-order mark
        XCTAssertEqual(problems { try ScenarioLoader.load(path: utf16.path) },
                       [ScenarioProblem(file: utf16.path, line: nil, keyPath: "", message: "is not UTF-8 text")])
    }

    // MARK: - Helpers

    /// The fuzzer's finding (scripts/fuzz/regressions/): a mutated default scenario with 5,000 nested flow mappings,
    /// which crashed a fuzz binary linked against the loader from before its limits. Read as the fuzzer reads it
    /// (invalid UTF-8 replaced), it is refused at the line where the nesting passes 64.
    func testTheFuzzersDeepFlowMappingInputIsRefused() throws {
        let url = Self.packageRoot.appendingPathComponent("scripts/fuzz/regressions/scenario/deep-flow-mappings-in-a-mutated-default")
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        assertOneProblem(text, line: 6, message: Self.depthMessage)
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// The problems `load` throws, or a test failure if it loads.
    func problems(_ load: () throws -> LoadedScenario, file: StaticString = #filePath, line: UInt = #line) -> [ScenarioProblem] {
        do {
            _ = try load()
            XCTFail("the scenario loaded, but problems were expected", file: file, line: line)
        } catch let error as ScenarioError {
            return error.problems
        } catch {
            XCTFail("expected a ScenarioError, got \(error)", file: file, line: line)
        }
        return []
    }

    /// `yaml` (as `limits.yaml`) is refused with exactly one problem, at `line`, saying `message`.
    func assertOneProblem(_ yaml: String, line expected: Int, message: String,
                          file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(problems({ try ScenarioLoader.load(yaml: yaml, file: "limits.yaml") }, file: file, line: line),
                       [ScenarioProblem(file: "limits.yaml", line: expected, keyPath: "", message: message)],
                       file: file, line: line)
    }
}
