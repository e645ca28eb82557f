import Foundation
@testable import SufficiencyModel
import XCTest

/// `extends:` layering: a scenario overrides a baseline by key path, the resolved scenario says which layer set
/// each value, and cycles are errors naming the files.
final class LayeringTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("layers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static let override = """
        extends: peterborough-2017
        name: more-carers
        recruitment:
          approvals_per_year:
            value: {2017-18: 11, 2018-19: 20}
            unit: households per year
            source: "test"
        """

    func testAScenarioOverridesABaselineValueByItsKeyPathAndKeepsTheRest() throws {
        let path = try write("more-carers.yaml", Self.override)
        let s = try ScenarioLoader.load(path: path).scenario
        XCTAssertEqual(s.name, "more-carers")
        XCTAssertEqual(s.recruitment.approvalsPerYear.value(in: FinancialYear(startYear: 2017)), 11)
        XCTAssertEqual(s.recruitment.approvalsPerYear.value(in: FinancialYear(startYear: 2021)), 20)
        XCTAssertEqual(s.population.childrenInCare, 363, "inherited from the baseline")
        XCTAssertEqual(s.recruitment.costPerApproval, 5000, "a sibling key of the override is inherited")
    }

    func testTheResolvedScenarioNamesTheLayerThatSetEachValueAndLoadsAgain() throws {
        let path = try write("more-carers.yaml", Self.override)
        let loaded = try ScenarioLoader.load(path: path)
        let yaml = loaded.resolvedYAML
        XCTAssertFalse(yaml.contains("extends:"), "the resolved scenario is flat")
        XCTAssertTrue(yaml.contains("layer: \(path)"), "the override's layer")
        XCTAssertTrue(yaml.contains("layer: embedded:peterborough-2017"), "the baseline's layer")
        let again = try ScenarioLoader.load(yaml: yaml, file: "scenario.resolved.yaml")
        XCTAssertEqual(again.scenario.recruitment.approvalsPerYear, loaded.scenario.recruitment.approvalsPerYear)
        XCTAssertTrue(again.resolvedYAML.contains("layer: \(path)"), "layers survive a second resolution")
    }

    func testAScenarioCanExtendAFileByRelativePath() throws {
        _ = try write("base.yaml", EmbeddedScenarios.text(named: "peterborough-2017")!)
        let path = try write("child.yaml", "extends: ./base.yaml\nname: child\n")
        let s = try ScenarioLoader.load(path: path).scenario
        XCTAssertEqual(s.name, "child")
        XCTAssertEqual(s.population.childrenInCare, 363)
    }

    func testAnExtendsCycleIsAnErrorNamingTheFiles() throws {
        let a = try write("a.yaml", "extends: ./b.yaml\nname: a\n")
        _ = try write("b.yaml", "extends: ./a.yaml\nname: b\n")
        XCTAssertThrowsError(try ScenarioLoader.load(path: a)) { error in
            let text = (error as? ScenarioError)?.description ?? "\(error)"
            XCTAssertTrue(text.contains("extends cycle"), text)
            XCTAssertTrue(text.contains("a.yaml") && text.contains("b.yaml"), text)
        }
    }

    func testAProblemInAnOverrideNamesTheOverridingFileAndLine() throws {
        let path = try write("bad.yaml", """
            extends: peterborough-2017
            name: bad
            exits:
              reentry_probability:
                value: 1.5
                unit: probability
                source: "test"
            """)
        XCTAssertThrowsError(try ScenarioLoader.load(path: path)) { error in
            XCTAssertEqual((error as? ScenarioError)?.problems, [ScenarioProblem(
                file: path, line: 5, keyPath: "exits.reentry_probability.value",
                message: "must be a probability in [0, 1] (found 1.5)")])
        }
    }

    /// A parameter written where the baseline has a section is one problem, in the layer's file and on its line.
    /// It used to give eight: a missing key for each of the section's four (in the baseline's name, with the
    /// layer's line), an unknown one for each of the parameter's three, and one for the `layer:` tag the loader
    /// adds, which no file has. A slip that merged the parameter into the section would give the baseline's line.
    func testAParameterOverASectionIsOneProblemInTheLayer() throws {
        let layered = """
            extends: peterborough-2017
            name: flat
            uasc:
              value: 26
              unit: children a year
              source: "test"
            """
        let expected = "is a section, not a parameter: give the keys inside it, not a value"
        XCTAssertEqual(problems(layered), ["probe.yaml:4: uasc: \(expected)"])
        // The same without a baseline: the whole default scenario with its `uasc:` section written as a parameter.
        let text = EmbeddedScenarios.text(named: EmbeddedScenarios.defaultName)!
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try XCTUnwrap(lines.firstIndex(of: "uasc:"))
        let end = try XCTUnwrap(lines[(start + 1)...].firstIndex { !$0.isEmpty && !$0.hasPrefix(" ") && !$0.hasPrefix("#") })
        let whole = (lines[..<start] + ["uasc:", "  value: 26", "  unit: children a year", "  source: \"test\""]
            + lines[end...]).joined(separator: "\n")
        XCTAssertEqual(problems(whole), ["probe.yaml:\(start + 2): uasc: \(expected)"])
    }

    /// A key missing from a section two layers share is reported in the later layer's file on that layer's line
    /// for the section, as the merged section's key path is the later layer's. It used to be reported in the later
    /// layer's name with the baseline's line numbers (line 195 of a 7-line file), and likewise a key missing from the
    /// top. The baseline alone reports it on its own lines.
    func testAKeyMissingUnderAMergedSectionIsReportedOnALineOfTheFileNamed() throws {
        let text = EmbeddedScenarios.text(named: EmbeddedScenarios.defaultName)!
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeAll { $0.hasPrefix("title:") }
        let uasc = try XCTUnwrap(lines.firstIndex(of: "uasc:"))
        let ageMix = try XCTUnwrap(lines[uasc...].firstIndex(of: "  age_mix:"))
        let next = try XCTUnwrap(lines[(ageMix + 1)...].firstIndex { !$0.hasPrefix("    ") })
        lines.removeSubrange(ageMix..<next)
        let top = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("name:") })
        let base = try write("base.yaml", lines.joined(separator: "\n"))
        let layer = try write("layer.yaml", """
            extends: ./base.yaml
            name: layer
            uasc:
              annual_rate:
                value: 30
                unit: children per year
                source: "test"
            """)
        // A block mapping's line is its first key's.
        XCTAssertThrowsError(try ScenarioLoader.load(path: base)) { error in
            XCTAssertEqual((error as? ScenarioError)?.problems.map(\.description),
                           ["\(base):\(top + 1): title: missing required key",
                            "\(base):\(uasc + 2): uasc.age_mix: missing required key"])
        }
        XCTAssertThrowsError(try ScenarioLoader.load(path: layer)) { error in
            XCTAssertEqual((error as? ScenarioError)?.problems.map(\.description),
                           ["\(layer):1: title: missing required key", "\(layer):4: uasc.age_mix: missing required key"])
        }
    }

    /// Every problem of a layered scenario names a line its file has. For each top-level section of the default
    /// scenario, a baseline without the section's first key and a layer writing the section six ways (a parameter,
    /// a list, a bad value, a number for a parameter, an unknown key, a table for a number); both files are loaded and
    /// each problem's line must lie within the file it names.
    func testEveryProblemOfALayeredScenarioNamesALineOfItsFile() throws {
        let text = EmbeddedScenarios.text(named: EmbeddedScenarios.defaultName)!
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let isTop = { (l: String) in !l.isEmpty && !l.hasPrefix(" ") && !l.hasPrefix("#") }
        var checked = 0
        for start in lines.indices where isTop(lines[start]) && lines[start].hasSuffix(":") {
            let section = String(lines[start].dropLast())
            let end = lines[(start + 1)...].firstIndex(where: isTop) ?? lines.endIndex
            let keys = lines[(start + 1)..<end].indices.filter { lines[$0].hasPrefix("  ") && !lines[$0].hasPrefix("   ")
                && !lines[$0].hasPrefix("  #") && lines[$0].hasSuffix(":") }
            guard let first = keys.first else { continue }
            let key = lines[first].trimmingCharacters(in: .whitespaces).dropLast()
            var base = lines
            base.removeSubrange(first..<(keys.dropFirst().first ?? end))
            let basePath = try write("base.yaml", base.joined(separator: "\n"))
            let forms = [
                ["  value: 1", "  unit: x", "  source: \"t\""], [" [1, 2]"],
                ["  \(key):", "    value: -1", "    unit: x", "    source: \"t\""], ["  \(key): 3"], ["  bogus_key: 1"],
                ["  \(key):", "    value:", "      a: 1", "    unit: share", "    source: \"t\""],
            ]
            for form in forms {
                let head = form == [" [1, 2]"] ? ["\(section): [1, 2]"] : ["\(section):"] + form
                let layer = ["extends: ./base.yaml", "name: layer"] + head
                let layerPath = try write("layer.yaml", layer.joined(separator: "\n"))
                for (path, count) in [(basePath, base.count), (layerPath, layer.count)] {
                    do { _ = try ScenarioLoader.load(path: path) } catch let error as ScenarioError {
                        for p in error.problems {
                            checked += 1
                            XCTAssert([basePath, layerPath].contains(p.file), "\(p)")
                            let lines = p.file == basePath ? base.count : layer.count
                            XCTAssert((p.line ?? 1) <= lines, "\(p) (loading \(path), \(count) lines)")
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 200)
    }

    func testAMisspeltKeyGetsASuggestion() throws {
        let path = try write("typo.yaml", """
            extends: peterborough-2017
            name: typo
            recruitment:
              aprovals_per_year:
                value: 20
                unit: households per year
                source: "test"
            """)
        XCTAssertThrowsError(try ScenarioLoader.load(path: path)) { error in
            let problems = (error as? ScenarioError)?.problems ?? []
            XCTAssertEqual(problems.map(\.description),
                           ["\(path):4: recruitment.aprovals_per_year: unknown key; did you mean 'approvals_per_year'?"])
        }
    }

    /// A file written before `population.years_in_care` was retired (every `calibrate` output had it) is told why
    /// the key went and what to do, on its line, not only that the key is unknown.
    func testARetiredKeyIsNamedWithItsReason() throws {
        let path = try write("retired.yaml", """
            extends: peterborough-2017
            name: retired
            population:
              years_in_care:
                value: {mean: 2.5, shape: 1.2}
                unit: years
                source: "test"
            """)
        XCTAssertThrowsError(try ScenarioLoader.load(path: path)) { error in
            let problems = (error as? ScenarioError)?.problems ?? []
            XCTAssertEqual(problems.count, 1)
            XCTAssertTrue(problems.first?.description.hasPrefix(
                "\(path):4: population.years_in_care: no longer read: the start date's time in care is drawn from "
                + "the model's own steady state") ?? false, problems.first?.description ?? "")
            XCTAssertTrue(problems.first?.description.hasSuffix("; remove it") ?? false)
        }
    }

    func testAnUnknownBaselineIsReported() throws {
        let path = try write("orphan.yaml", "extends: nowhere\nname: orphan\n")
        XCTAssertThrowsError(try ScenarioLoader.load(path: path)) { error in
            let text = (error as? ScenarioError)?.description ?? ""
            XCTAssertTrue(text.contains("\(path):1: extends: no embedded scenario 'nowhere'"), text)
        }
    }

    func testSchedulesGiveEachYearTheLatestStep() {
        let s = Schedule(steps: [.init(from: FinancialYear(startYear: 2019), value: 3),
                                 .init(from: FinancialYear(startYear: 2017), value: 1)])
        XCTAssertEqual(s.value(in: FinancialYear(startYear: 2016)), 1)
        XCTAssertEqual(s.value(in: FinancialYear(startYear: 2018)), 1)
        XCTAssertEqual(s.value(in: FinancialYear(startYear: 2019)), 3)
        XCTAssertEqual(s.value(in: FinancialYear(startYear: 2030)), 3)
        XCTAssertEqual(Schedule(2).value(in: FinancialYear(startYear: 2020)), 2)
    }

    /// An intervention's years run from `start` to `end` inclusive: both its first and its last year are in force.
    func testAnInterventionIsInForceInItsStartAndEndYears() {
        let span = YearSpan(start: FinancialYear(startYear: 2022), end: FinancialYear(startYear: 2023))
        XCTAssertEqual((2021...2024).map { span.contains(FinancialYear(startYear: $0)) }, [false, true, true, false])
        XCTAssertTrue(YearSpan(start: FinancialYear(startYear: 2022)).contains(FinancialYear(startYear: 2040)), "no end")
    }

    func testEveryEmbeddedScenarioValidates() throws {
        for name in EmbeddedScenarios.names {
            XCTAssertNoThrow(try ScenarioLoader.load(path: name), name)
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".yaml") }.sorted()
        XCTAssertEqual(files.map { String($0.dropLast(5)) }, EmbeddedScenarios.names, "run scripts/embed-scenarios.sh")
        for file in files {
            XCTAssertNoThrow(try ScenarioLoader.load(path: root.appendingPathComponent(file).path), file)
        }
    }
}

extension LayeringTests {
    func testAScheduleWhereAValueCannotVaryByYearIsExplained() throws {
        let path = try write("sched.yaml", """
            extends: peterborough-2017
            name: sched
            exits:
              reentry_probability:
                value: {2017-18: 0.1, 2019-20: 0.2}
                unit: probability
                source: "test"
            """)
        XCTAssertThrowsError(try ScenarioLoader.load(path: path)) { error in
            let text = (error as? ScenarioError)?.description ?? ""
            XCTAssertTrue(text.contains("\(path):5: exits.reentry_probability.value: this value cannot vary by financial year"), text)
        }
    }
}

extension LayeringTests {
    func testAScheduleThatStartsAfterTheFirstYearIsRefused() throws {
        let path = try write("late.yaml", """
            extends: peterborough-2017
            name: late
            ifa_market:
              availability_multiplier:
                value: {2018-19: 0.8}
                unit: multiplier
                source: "test"
            """)
        XCTAssertThrowsError(try ScenarioLoader.load(path: path)) { error in
            let text = (error as? ScenarioError)?.description ?? ""
            XCTAssertTrue(text.contains("\(path):5: ifa_market.availability_multiplier.value: the schedule starts in 2018-19, "
                + "after the scenario's first year 2017-18"), text)
        }
    }
}
