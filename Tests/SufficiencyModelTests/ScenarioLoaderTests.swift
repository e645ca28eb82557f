import Foundation
import XCTest
import Yams
@testable import SufficiencyModel

/// The scenario loader: the default scenario loads, and every kind of mistake in a scenario file is reported with
/// its file, line, key path and message. Bad scenarios are made by editing the text of the default scenario, so
/// each test changes one thing and knows the line it changed.
final class ScenarioLoaderTests: XCTestCase {
    static let file = "edited.yaml"

    /// The default scenario's text, as embedded in the binary.
    var defaultText: String { EmbeddedScenarios.text(named: EmbeddedScenarios.defaultName)! }

    // MARK: - The default scenario

    func testTheDefaultScenarioLoadsAndHas363ChildrenInCare() throws {
        let loaded = try ScenarioLoader.loadDefault()
        XCTAssertEqual(loaded.scenario.name, "peterborough-2017")
        XCTAssertEqual(loaded.scenario.population.childrenInCare, 363)
        XCTAssertEqual(loaded.scenario.startDate, CivilDate(year: 2017, month: 4, day: 1))
        XCTAssertEqual(loaded.origin, "embedded:peterborough-2017")
        XCTAssertEqual(loaded.scenario.routes.preferenceOrder.last, .residential)
    }

    func testTheDefaultScenarioLoadsFromItsTextFromItsFileAndByItsEmbeddedName() throws {
        let fromText = try ScenarioLoader.load(yaml: defaultText, file: Self.file)
        XCTAssertEqual(fromText.scenario.population.childrenInCare, 363)
        XCTAssertEqual(fromText.origin, Self.file)

        let path = Self.packageRoot.appendingPathComponent("scenarios/peterborough-2017.yaml").path
        let fromFile = try ScenarioLoader.load(path: path)
        XCTAssertEqual(fromFile.scenario.population.childrenInCare, 363)
        XCTAssertEqual(fromFile.origin, path)

        let byName = try ScenarioLoader.load(path: "peterborough-2017")
        XCTAssertEqual(byName.scenario.population.childrenInCare, 363)
        XCTAssertEqual(byName.origin, "embedded:peterborough-2017")
    }

    func testTheResolvedScenarioLoadsAgainAsTheSameScenario() throws {
        let loaded = try ScenarioLoader.loadDefault()
        XCTAssertTrue(loaded.resolvedYAML.hasPrefix("# Resolved scenario, as run. Origin: embedded:peterborough-2017\n"))
        let again = try ScenarioLoader.load(yaml: loaded.resolvedYAML, file: "scenario.resolved.yaml")
        XCTAssertEqual(again.scenario.name, loaded.scenario.name)
        XCTAssertEqual(again.scenario.population.childrenInCare, 363)
        XCTAssertEqual(again.scenario.population.placementMix, loaded.scenario.population.placementMix)
        XCTAssertEqual(again.scenario.entries.annualRate, loaded.scenario.entries.annualRate)
        XCTAssertEqual(again.scenario.exits.baseHazard, loaded.scenario.exits.baseHazard)
        XCTAssertEqual(again.scenario.costs.weeklyUnitCost, loaded.scenario.costs.weeklyUnitCost)
    }

    func testTheEmbeddedDefaultScenarioIsByteForByteTheFileInScenarios() throws {
        let url = Self.packageRoot.appendingPathComponent("scenarios/peterborough-2017.yaml")
        let file = try Data(contentsOf: url)
        let embedded = Data(defaultText.utf8)
        XCTAssertEqual(embedded.count, file.count,
                       "embedded text is \(embedded.count) bytes, \(url.path) is \(file.count) bytes; "
                       + "run scripts/embed-scenarios.sh")
        XCTAssertTrue(embedded == file, embedded + Data("\n".utf8) == file
            ? "the embedded default scenario lacks the final newline of \(url.path)"
            : "the embedded default scenario differs from \(url.path)")
    }

    func testEveryParameterInTheDefaultScenarioHasAUnitAndASource() throws {
        let root = try XCTUnwrap(try Yams.compose(yaml: defaultText))
        var parameters = 0
        func walk(_ node: Node, _ path: String) {
            switch node {
            case .mapping(let mapping):
                let keys = mapping.compactMap { $0.key.string }
                if keys.contains("value") {
                    parameters += 1
                    for required in ["unit", "source"] {
                        let text = mapping[required]?.string?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                        XCTAssertFalse(text.isEmpty, "\(path) (line \(node.mark?.line ?? 0)) has no \(required)")
                    }
                    return
                }
                for (key, value) in mapping { walk(value, path.isEmpty ? key.string ?? "?" : path + "." + (key.string ?? "?")) }
            case .sequence(let sequence):
                for (i, item) in sequence.enumerated() { walk(item, path + "[\(i)]") }
            case .scalar:
                break
            }
        }
        walk(root, "")
        XCTAssertGreaterThan(parameters, 70, "expected the default scenario to have many parameters")
    }

    // MARK: - Unknown, duplicate and missing keys

    func testAnUnknownTopLevelKeyIsReportedWithItsLineAndKeyPath() {
        let edit = edited(replacing: "title: Peterborough", with: "colour: blue\ntitle: Peterborough", lineOf: "colour: blue")
        let problems = loadProblems(edit.text)
        XCTAssertEqual(problems, [ScenarioProblem(file: Self.file, line: edit.line, keyPath: "colour", message: "unknown key")])
    }

    func testAnUnknownNestedKeyIsReportedWithItsLineAndKeyPath() {
        let edit = edited(replacing: "entries:\n  annual_rate:", with: "entries:\n  anual_rate:", lineOf: "  anual_rate:")
        let problems = loadProblems(edit.text)
        let unknown = problems.first { $0.keyPath == "entries.anual_rate" }
        XCTAssertEqual(unknown, ScenarioProblem(file: Self.file, line: edit.line, keyPath: "entries.anual_rate",
                                                message: "unknown key; did you mean 'annual_rate'?"))
        // The key it was meant to be is now missing, reported at the mapping that lacks it.
        let missing = problems.first { $0.keyPath == "entries.annual_rate" }
        XCTAssertEqual(missing?.message, "missing required key")
        XCTAssertEqual(missing?.line, edit.line)
        XCTAssertEqual(problems.count, 2, "\(problems)")
    }

    func testAnUnknownKeyInsideAParameterIsReported() {
        let edit = edited(replacing: "    value: 363\n", with: "    value: 363\n    vaule: 364\n", lineOf: "vaule: 364")
        XCTAssertEqual(loadProblems(edit.text), [ScenarioProblem(
            file: Self.file, line: edit.line, keyPath: "population.children_in_care.vaule",
            message: "unknown key; did you mean 'value'?")])
    }

    func testAnUnknownLabelInATableIsReported() {
        let edit = edited(replacing: "value: {local: 0.70, near: 0.05, distant: 0.25}",
                          with: "value: {local: 0.70, near: 0.05, distant: 0.25, faraway: 0.0}", lineOf: "faraway")
        let problems = loadProblems(edit.text)
        XCTAssertEqual(problems.count, 1, "\(problems)")
        XCTAssertEqual(problems.first?.line, edit.line)
        XCTAssertEqual(problems.first?.keyPath, "kinship.distance_mix.value.faraway")
        XCTAssertTrue(problems.first?.message.hasPrefix("unknown label") ?? false, "\(problems)")
    }

    func testADuplicateKeyIsReportedAtItsSecondOccurrence() {
        let edit = edited(replacing: "title: Peterborough", with: "name: peterborough-again\ntitle: Peterborough",
                          lineOf: "name: peterborough-again")
        XCTAssertEqual(loadProblems(edit.text),
                       [ScenarioProblem(file: Self.file, line: edit.line, keyPath: "name", message: "duplicate key")])
    }

    func testADuplicateKeyInsideAParameterIsReported() {
        let edit = edited(replacing: "    value: 0.10\n    unit: per year\n",
                          with: "    value: 0.10\n    unit: per year\n    value: 0.44\n", lineOf: "    value: 0.44\n")
        XCTAssertEqual(loadProblems(edit.text), [ScenarioProblem(
            file: Self.file, line: edit.line, keyPath: "deregistration.annual_hazard.value", message: "duplicate key")])
    }

    func testAMissingRequiredKeyIsReportedAtTheMappingThatLacksIt() throws {
        // Remove the whole staying_put_end_hazard parameter from `exits`.
        let removed = """
              staying_put_end_hazard:
                value: 0.5
                unit: per year
                source: "assumption: many arrangements end before 21 (education, work, moving on)"

            """
        let edit = edited(replacing: removed, with: "", lineOf: "  time_in_care_bands:")
        XCTAssertEqual(loadProblems(edit.text), [ScenarioProblem(
            file: Self.file, line: edit.line, keyPath: "exits.staying_put_end_hazard", message: "missing required key")])
    }

    func testAMissingTopLevelSectionIsReported() {
        let start = defaultText.range(of: "\nplanned_moves:\n")!
        let end = defaultText.range(of: "\ncosts:\n")!
        let text = defaultText.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "")
        let problems = loadProblems(text)
        XCTAssertEqual(problems.map(\.keyPath), ["planned_moves"])
        XCTAssertEqual(problems.first?.message, "missing required key")
        XCTAssertEqual(problems.first?.line, Self.lineNumber(of: "name: peterborough-2017", in: text))
    }

    // MARK: - Values

    func testAProbabilityOfOnePointFiveIsRefused() {
        let edit = edited(replacing: "reentry_probability:\n    value: 0.15", with: "reentry_probability:\n    value: 1.5",
                          lineOf: "    value: 1.5\n")
        XCTAssertEqual(loadProblems(edit.text), [ScenarioProblem(
            file: Self.file, line: edit.line, keyPath: "exits.reentry_probability.value",
            message: "must be a probability in [0, 1] (found 1.5)")])
    }

    func testAProbabilityOfOnePointFiveInATableIsRefused() {
        let edit = edited(replacing: "value: {standard: 0.0, complex: 0.03, very_complex: 0.35}",
                          with: "value: {standard: 0.0, complex: 1.5, very_complex: 0.35}", lineOf: "complex: 1.5, very_complex: 0.35")
        XCTAssertEqual(loadProblems(edit.text), [ScenarioProblem(
            file: Self.file, line: edit.line, keyPath: "placement_routes.direct_residential_by_need.value.complex",
            message: "must be a probability in [0, 1] (found 1.5)")])
    }

    func testANegativeRateIsRefused() {
        let edit = edited(replacing: "  annual_hazard:\n    value: 0.10", with: "  annual_hazard:\n    value: -0.12",
                          lineOf: "value: -0.12")
        XCTAssertEqual(loadProblems(edit.text), [ScenarioProblem(
            file: Self.file, line: edit.line, keyPath: "deregistration.annual_hazard.value",
            message: "must not be negative (found -0.12)")])
    }

    func testAHazardFasterThanWeeklyIsRefusedSoARunCannotCrawl() {
        let edit = edited(replacing: "  annual_hazard:\n    value: 0.10", with: "  annual_hazard:\n    value: 60",
                          lineOf: "value: 60")
        XCTAssertEqual(loadProblems(edit.text), [ScenarioProblem(
            file: Self.file, line: edit.line, keyPath: "deregistration.annual_hazard.value",
            message: "must be between 0.0 and 52.0 (found 60.0)")])
    }

    func testANegativeRateInATableIsRefused() {
        let edit = edited(replacing: "value: {\"0\": 29, \"1-4\": 27,", with: "value: {\"0\": -29, \"1-4\": 27,",
                          lineOf: "\"0\": -29")
        XCTAssertEqual(loadProblems(edit.text), [ScenarioProblem(
            file: Self.file, line: edit.line, keyPath: "entries.annual_rate.value.0",
            message: "must not be negative (found -29.0)")])
    }

    func testSharesThatDoNotSumToOneAreRefused() {
        let edit = edited(replacing: "value: {local: 0.70, near: 0.05, distant: 0.25}",
                          with: "value: {local: 0.71, near: 0.05, distant: 0.25}", lineOf: "local: 0.71")
        let problems = loadProblems(edit.text)
        XCTAssertEqual(problems.count, 1, "\(problems)")
        XCTAssertEqual(problems.first?.file, Self.file)
        XCTAssertEqual(problems.first?.line, edit.line)
        XCTAssertEqual(problems.first?.keyPath, "kinship.distance_mix.value")
        XCTAssertEqual(problems.first?.message, "shares must sum to 1 (±0.001); they sum to 1.01")
    }

    func testSharesJustOutsideTheToleranceAreRefused() {
        for (local, sum) in [("0.702", "1.002"), ("0.698", "0.998")] {
            let edit = edited(replacing: "value: {local: 0.70, near: 0.05, distant: 0.25}",
                              with: "value: {local: \(local), near: 0.05, distant: 0.25}", lineOf: "local: \(local)")
            XCTAssertEqual(loadProblems(edit.text), [ScenarioProblem(
                file: Self.file, line: edit.line, keyPath: "kinship.distance_mix.value",
                message: "shares must sum to 1 (±0.001); they sum to \(sum)")])
        }
    }

    func testSharesInATwoWayTableThatDoNotSumToOneAreRefusedByRow() {
        let edit = edited(replacing: "      secure: {standard: 0.0, complex: 0.20, very_complex: 0.80}",
                          with: "      secure: {standard: 0.0, complex: 0.30, very_complex: 0.80}",
                          lineOf: "secure: {standard: 0.0, complex: 0.30")
        XCTAssertEqual(loadProblems(edit.text), [ScenarioProblem(
            file: Self.file, line: edit.line, keyPath: "population.need_mix_by_placement.value.secure",
            message: "shares must sum to 1 (±0.001); they sum to 1.1")])
    }

    func testSharesThatSumToOneWithinTheToleranceAreAccepted() throws {
        for local in ["0.7009", "0.6991", "0.7005"] {
            let text = edited(replacing: "value: {local: 0.70, near: 0.05, distant: 0.25}",
                              with: "value: {local: \(local), near: 0.05, distant: 0.25}", lineOf: "local: \(local)").text
            let loaded = try ScenarioLoader.load(yaml: text, file: Self.file)
            XCTAssertEqual(loaded.scenario.kinship.distanceMix[0], Double(local)!)
        }
    }

    func testTextWhereANumberIsExpectedIsReportedAsAWrongType() {
        let edit = edited(replacing: "    value: 363\n", with: "    value: many\n", lineOf: "value: many")
        XCTAssertEqual(loadProblems(edit.text), [ScenarioProblem(
            file: Self.file, line: edit.line, keyPath: "population.children_in_care.value",
            message: "expected a number, found 'many'")])
    }

    /// Swift's `Double` reads `0x28` as 40, which the run used while the briefing showed `0x28`; a scenario's
    /// numbers are decimal, so hexadecimal, `inf` and `nan` are refused with the line and key path.
    func testANumberNotInDecimalNotationIsRefused() throws {
        for text in ["0x16B", "0x1p8", "nan", "inf"] {
            let edit = edited(replacing: "    value: 363\n", with: "    value: \(text)\n", lineOf: "value: \(text)")
            XCTAssertEqual(loadProblems(edit.text), [ScenarioProblem(
                file: Self.file, line: edit.line, keyPath: "population.children_in_care.value",
                message: "expected a number in decimal notation, found '\(text)'")], text)
        }
        let separated = edited(replacing: "    value: 363\n", with: "    value: 3_63\n", lineOf: "value: 3_63")
        let loaded = try ScenarioLoader.load(yaml: separated.text, file: Self.file)
        XCTAssertEqual(loaded.scenario.population.childrenInCare, 363, "YAML's digit separator is decimal notation")
    }

    func testAQuotedNumberIsReportedAsAWrongType() {
        let edit = edited(replacing: "    value: 363\n", with: "    value: \"363\"\n", lineOf: "value: \"363\"")
        XCTAssertEqual(loadProblems(edit.text), [ScenarioProblem(
            file: Self.file, line: edit.line, keyPath: "population.children_in_care.value",
            message: "expected a number, found '363'")])
    }

    func testABareNumberWhereAParameterIsExpectedIsRefused() {
        let edit = edited(replacing: "  staying_put:\n    value: 12\n    unit: young people\n"
                              + "    source: \"ADCS 2016/17: 12 young people in Staying Put arrangements at March 2017\"\n",
                          with: "  staying_put: 12\n", lineOf: "  staying_put: 12\n")
        XCTAssertEqual(loadProblems(edit.text), [ScenarioProblem(
            file: Self.file, line: edit.line, keyPath: "population.staying_put",
            message: "expected a parameter with value, unit and source")])
    }

    func testAFractionWhereAWholeNumberIsExpectedIsRefused() {
        let edit = edited(replacing: "    value: 363\n", with: "    value: 363.5\n", lineOf: "value: 363.5")
        XCTAssertEqual(loadProblems(edit.text), [ScenarioProblem(
            file: Self.file, line: edit.line, keyPath: "population.children_in_care.value",
            message: "must be a whole number (found 363.5)")])
    }

    func testAnImpossibleStartDateIsRefused() {
        let edit = edited(replacing: "value: 2017-04-01", with: "value: 2017-02-30", lineOf: "value: 2017-02-30")
        XCTAssertEqual(loadProblems(edit.text), [ScenarioProblem(
            file: Self.file, line: edit.line, keyPath: "start_date.value", message: "expected a date as yyyy-mm-dd")])
    }

    // MARK: - Units and sources

    func testAParameterInTheWrongUnitIsRefused() {
        let edit = edited(replacing: "    value: 0.10\n    unit: per year\n", with: "    value: 0.10\n    unit: per month\n",
                          lineOf: "unit: per month")
        XCTAssertEqual(loadProblems(edit.text), [ScenarioProblem(
            file: Self.file, line: edit.line, keyPath: "deregistration.annual_hazard.unit",
            message: "unit is 'per month' but this key is measured in 'per year'")])
    }

    func testAParameterWithoutAUnitIsRefused() {
        let edit = edited(replacing: "    value: 363\n    unit: children\n", with: "    value: 363\n",
                          lineOf: "    value: 363\n")
        XCTAssertEqual(loadProblems(edit.text), [ScenarioProblem(
            file: Self.file, line: edit.line, keyPath: "population.children_in_care.unit",
            message: "missing required key")])
    }

    func testAParameterWithoutASourceIsRefused() {
        let edit = edited(replacing: "    unit: children\n    source: \"ADCS 2016/17: 363 children looked after at 31 March 2017 (76 per 10,000)\"\n",
                          with: "    unit: children\n", lineOf: "    value: 363\n")
        XCTAssertEqual(loadProblems(edit.text), [ScenarioProblem(
            file: Self.file, line: edit.line, keyPath: "population.children_in_care.source",
            message: "missing required key")])
    }

    func testAParameterWithAnEmptySourceIsRefused() {
        let source = "    source: \"ADCS 2016/17: 363 children looked after at 31 March 2017 (76 per 10,000)\"\n"
        let blank = edited(replacing: source, with: "    source: \"   \"\n", lineOf: "source: \"   \"")
        XCTAssertEqual(loadProblems(blank.text), [ScenarioProblem(
            file: Self.file, line: blank.line, keyPath: "population.children_in_care.source",
            message: "source must not be empty")])

        let empty = edited(replacing: source, with: "    source: \"\"\n", lineOf: "source: \"\"")
        let problems = loadProblems(empty.text)
        XCTAssertEqual(problems.count, 1, "\(problems)")
        XCTAssertEqual(problems.first?.line, empty.line)
        XCTAssertEqual(problems.first?.keyPath, "population.children_in_care.source")
    }

    // MARK: - Cross-field rules

    func testAPreferenceOrderNotEndingWithResidentialIsRefused() {
        let edit = edited(replacing: "value: [kinship_foster, in_house_foster, ifa_foster, residential]",
                          with: "value: [kinship_foster, in_house_foster, residential, ifa_foster]",
                          lineOf: "value: [kinship_foster, in_house_foster, residential, ifa_foster]")
        XCTAssertEqual(loadProblems(edit.text), [ScenarioProblem(
            file: Self.file, line: edit.line, keyPath: "placement_routes.preference_order.value",
            message: "must end with residential, the placement of last resort")])
    }

    func testAPreferenceOrderListingAnOptionTwiceIsRefused() {
        let edit = edited(replacing: "value: [kinship_foster, in_house_foster, ifa_foster, residential]",
                          with: "value: [kinship_foster, ifa_foster, ifa_foster, residential]",
                          lineOf: "value: [kinship_foster, ifa_foster, ifa_foster, residential]")
        XCTAssertEqual(loadProblems(edit.text), [ScenarioProblem(
            file: Self.file, line: edit.line, keyPath: "placement_routes.preference_order.value[2]",
            message: "ifa_foster is listed twice")])
    }

    func testAnApprovalRangeOutsideChildhoodIsRefused() {
        let old = "value: {\"0-17\": 0.40, \"0-10\": 0.22, \"0-4\": 0.13, \"5-17\": 0.10, \"10-17\": 0.15}\n"
            + "    unit: share\n    source: \"assumption: most carers"
        let edit = edited(replacing: old, with: old.replacingOccurrences(of: "\"10-17\"", with: "\"10-18\""),
                          lineOf: "\"10-18\"")
        XCTAssertEqual(loadProblems(edit.text), [ScenarioProblem(
            file: Self.file, line: edit.line, keyPath: "in_house.approval_range_mix.value.10-18",
            message: "expected an age range such as 0-17 or 10-17")])
    }

    // MARK: - YAML syntax and several problems

    func testMalformedYAMLIsReportedWithTheLineOfTheSyntaxError() throws {
        let edit = edited(replacing: "    unit: children\n", with: "    unit: children: oops\n", lineOf: "children: oops")
        let problems = loadProblems(edit.text)
        XCTAssertEqual(problems.count, 1, "\(problems)")
        let problem = try XCTUnwrap(problems.first)
        XCTAssertEqual(problem.file, Self.file)
        XCTAssertEqual(problem.line, edit.line)
        XCTAssertEqual(problem.keyPath, "")
        XCTAssertTrue(problem.message.hasPrefix("YAML syntax: "), problem.message)
        XCTAssertEqual(problem.description, "\(Self.file):\(edit.line): \(problem.message)")
    }

    func testAnUnclosedFlowMappingIsReportedAsASyntaxErrorWithALine() throws {
        let edit = edited(replacing: "value: {local: 0.70, near: 0.05, distant: 0.25}",
                          with: "value: {local: 0.70, near: 0.05, distant: 0.25", lineOf: "distant: 0.25\n")
        let problems = loadProblems(edit.text)
        XCTAssertEqual(problems.count, 1, "\(problems)")
        let problem = try XCTUnwrap(problems.first)
        XCTAssertTrue(problem.message.hasPrefix("YAML syntax: "), problem.message)
        let line = try XCTUnwrap(problem.line, "a syntax error should carry a line")
        // libyaml notices the missing brace at the next line it cannot parse, just after the edit.
        XCTAssertTrue((edit.line...edit.line + 1).contains(line), "reported at line \(line); edit at \(edit.line)")
    }

    func testAnEmptyFileIsReported() {
        XCTAssertEqual(loadProblems("# nothing here\n"),
                       [ScenarioProblem(file: Self.file, line: nil, keyPath: "", message: "the file is empty")])
    }

    func testSeveralProblemsInOneFileAreAllReported() {
        var text = defaultText
        let unknown = Self.replace(&text, "title: Peterborough", "colour: blue\ntitle: Peterborough")
        XCTAssertTrue(unknown)
        XCTAssertTrue(Self.replace(&text, "reentry_probability:\n    value: 0.15", "reentry_probability:\n    value: 1.5"))
        XCTAssertTrue(Self.replace(&text, "  annual_hazard:\n    value: 0.10", "  annual_hazard:\n    value: -0.12"))
        XCTAssertTrue(Self.replace(&text, "    value: 0.5\n    unit: per year\n", "    value: 0.5\n    unit: per month\n"))
        let problems = loadProblems(text)
        let expected = [
            ScenarioProblem(file: Self.file, line: Self.lineNumber(of: "colour: blue", in: text), keyPath: "colour",
                            message: "unknown key"),
            ScenarioProblem(file: Self.file, line: Self.lineNumber(of: "value: 1.5\n", in: text),
                            keyPath: "exits.reentry_probability.value", message: "must be a probability in [0, 1] (found 1.5)"),
            ScenarioProblem(file: Self.file, line: Self.lineNumber(of: "value: -0.12", in: text),
                            keyPath: "deregistration.annual_hazard.value", message: "must not be negative (found -0.12)"),
            ScenarioProblem(file: Self.file, line: Self.lineNumber(of: "unit: per month", in: text),
                            keyPath: "exits.staying_put_end_hazard.unit",
                            message: "unit is 'per month' but this key is measured in 'per year'"),
        ]
        XCTAssertEqual(Set(problems), Set(expected), "\(problems)")
        XCTAssertEqual(problems.count, expected.count, "\(problems)")
    }

    // MARK: - Files

    func testAMissingFileIsReportedByItsPath() {
        let path = NSTemporaryDirectory() + "no-such-directory-\(UUID().uuidString)/scenario.yaml"
        XCTAssertThrowsError(try ScenarioLoader.load(path: path)) { error in
            guard let error = error as? ScenarioError else { return XCTFail("expected a ScenarioError, got \(error)") }
            XCTAssertEqual(error.problems, [ScenarioProblem(file: path, line: nil, keyPath: "", message: "no such file")])
            XCTAssertEqual(error.description, "\(path): no such file")
        }
    }

    func testADirectoryIsNotAScenarioFile() {
        let path = NSTemporaryDirectory()
        XCTAssertThrowsError(try ScenarioLoader.load(path: path)) { error in
            XCTAssertEqual((error as? ScenarioError)?.problems.first?.file, path)
            XCTAssertEqual((error as? ScenarioError)?.problems.first?.message, "is a directory, not a scenario file")
        }
    }

    func testProblemsInAFileOnDiskNameThatFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bad.yaml").path
        let edit = edited(replacing: "title: Peterborough", with: "colour: blue\ntitle: Peterborough", lineOf: "colour: blue")
        try Data(edit.text.utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try ScenarioLoader.load(path: path)) { error in
            XCTAssertEqual((error as? ScenarioError)?.problems,
                           [ScenarioProblem(file: path, line: edit.line, keyPath: "colour", message: "unknown key")])
            XCTAssertEqual((error as? ScenarioError)?.description, "\(path):\(edit.line): colour: unknown key")
        }
    }

    func testAProblemPrintsAsFileLineKeyPathAndMessage() {
        XCTAssertEqual(ScenarioProblem(file: "a.yaml", line: 12, keyPath: "exits.reentry_probability.value",
                                       message: "must be a probability in [0, 1] (found 1.5)").description,
                       "a.yaml:12: exits.reentry_probability.value: must be a probability in [0, 1] (found 1.5)")
        XCTAssertEqual(ScenarioProblem(file: "a.yaml", line: nil, keyPath: "", message: "no such file").description,
                       "a.yaml: no such file")
    }

    // MARK: - Helpers

    /// The package root: three levels above this file (Tests/SufficiencyModelTests/ScenarioLoaderTests.swift).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The default scenario with the single occurrence of `old` replaced by `new`, and the 1-based line of the
    /// edited text that holds `lineOf` (which must occur exactly once after the edit).
    func edited(replacing old: String, with new: String, lineOf marker: String,
                file: StaticString = #filePath, line: UInt = #line) -> (text: String, line: Int) {
        var text = defaultText
        XCTAssertEqual(text.components(separatedBy: old).count, 2, "'\(old)' should occur exactly once",
                       file: file, line: line)
        XCTAssertTrue(Self.replace(&text, old, new), file: file, line: line)
        XCTAssertEqual(text.components(separatedBy: marker).count, 2, "'\(marker)' should occur exactly once after the edit",
                       file: file, line: line)
        return (text, Self.lineNumber(of: marker, in: text))
    }

    /// Replaces the first occurrence of `old`; false if there is none.
    static func replace(_ text: inout String, _ old: String, _ new: String) -> Bool {
        guard let range = text.range(of: old) else { return false }
        text.replaceSubrange(range, with: new)
        return true
    }

    /// 1-based line on which `marker` starts in `text` (0 if absent).
    static func lineNumber(of marker: String, in text: String) -> Int {
        guard let range = text.range(of: marker) else { return 0 }
        return text[..<range.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    }

    /// The problems reported for `yaml`, or a test failure if it loads.
    func loadProblems(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) -> [ScenarioProblem] {
        do {
            _ = try ScenarioLoader.load(yaml: yaml, file: Self.file)
            XCTFail("the scenario loaded, but problems were expected", file: file, line: line)
            return []
        } catch let error as ScenarioError {
            return error.problems
        } catch {
            XCTFail("expected a ScenarioError, got \(error)", file: file, line: line)
            return []
        }
    }
}

/// Calendar dates and English financial years.
final class CivilDateTests: XCTestCase {
    func testTheFirstOfJanuary1970IsDayZero() {
        XCTAssertEqual(CivilDate(year: 1970, month: 1, day: 1).dayNumber, 0)
        XCTAssertEqual(CivilDate(year: 1969, month: 12, day: 31).dayNumber, -1)
        XCTAssertEqual(CivilDate(year: 2000, month: 3, day: 1).dayNumber, 11_017)
        XCTAssertEqual(CivilDate(year: 2017, month: 4, day: 1).dayNumber, 17_257)
    }

    func testDayNumbersRoundTrip() {
        // Every day from 1422 to 2517: each day number gives a valid date that gives the same number back, and
        // consecutive numbers give consecutive dates.
        var previous = CivilDate(dayNumber: -200_001)
        var failures = 0
        for n in -200_000...200_000 {
            let date = CivilDate(dayNumber: n)
            let valid = (1...12).contains(date.month) && date.day >= 1
                && date.day <= CivilDate.daysInMonth(year: date.year, month: date.month)
            let next = previous.day == CivilDate.daysInMonth(year: previous.year, month: previous.month)
                ? previous.firstOfNextMonth : CivilDate(year: previous.year, month: previous.month, day: previous.day + 1)
            if date.dayNumber != n || !valid || date != next {
                XCTFail("day \(n) gives \(date), which gives \(date.dayNumber); the day before was \(previous)")
                failures += 1
                if failures > 5 { break }
            }
            previous = date
        }
        XCTAssertEqual(CivilDate(iso: "2017-04-01").map { CivilDate(dayNumber: $0.dayNumber) }, CivilDate(iso: "2017-04-01"))
    }

    func testDatesParseFromISOTextAndPrintBack() {
        XCTAssertEqual(CivilDate(iso: "2017-04-01"), CivilDate(year: 2017, month: 4, day: 1))
        XCTAssertEqual(CivilDate(iso: "2017-04-01")?.description, "2017-04-01")
        XCTAssertEqual(CivilDate(year: 2018, month: 12, day: 9).description, "2018-12-09")
        for bad in ["2017-4-01", "2017-04-1", "2017-13-01", "2017-00-10", "2017-04-31", "2017-02-29", "17-04-01",
                    "2017/04/01", "", "2017-04-01x"] {
            XCTAssertNil(CivilDate(iso: bad), bad)
        }
        XCTAssertNotNil(CivilDate(iso: "2016-02-29"))
    }

    func testTheFirstOfApril2017IsInFinancialYear2017To18() {
        XCTAssertEqual(CivilDate(year: 2017, month: 4, day: 1).financialYear.label, "2017-18")
        XCTAssertEqual(CivilDate(year: 2018, month: 3, day: 31).financialYear.label, "2017-18")
        XCTAssertEqual(CivilDate(year: 2017, month: 3, day: 31).financialYear.label, "2016-17")
        XCTAssertEqual(CivilDate(year: 2018, month: 4, day: 1).financialYear.label, "2018-19")
        let year = FinancialYear(startYear: 2017)
        XCTAssertEqual(year.firstDay, CivilDate(year: 2017, month: 4, day: 1))
        XCTAssertEqual(year.lastDay, CivilDate(year: 2018, month: 3, day: 31))
        XCTAssertEqual(year.lastDay.dayNumber - year.firstDay.dayNumber + 1, 365)
        XCTAssertEqual(FinancialYear(startYear: 2019).lastDay.dayNumber - FinancialYear(startYear: 2019).firstDay.dayNumber + 1,
                       366, "2019-20 contains 29 February 2020")
    }

    func testFinancialYearLabelsParse() {
        XCTAssertEqual(FinancialYear(label: "2017-18")?.startYear, 2017)
        XCTAssertEqual(FinancialYear(label: "2017-18")?.label, "2017-18")
        XCTAssertEqual(FinancialYear(label: "2099-00")?.startYear, 2099)
        XCTAssertEqual(FinancialYear(startYear: 2008).label, "2008-09")
        XCTAssertEqual(FinancialYear(startYear: 1999).label, "1999-00")
        XCTAssertLessThan(FinancialYear(startYear: 2017), FinancialYear(startYear: 2018))
    }

    func testFinancialYearLabelsWhoseSecondYearDoesNotFollowAreRefused() {
        for bad in ["2017-19", "2017-17", "2017-2018", "17-18", "2017", "2017-18-19", "abcd-18", ""] {
            XCTAssertNil(FinancialYear(label: bad), bad)
        }
    }

    func testLeapYears() {
        XCTAssertTrue(CivilDate.isLeap(2016))
        XCTAssertTrue(CivilDate.isLeap(2000))
        XCTAssertFalse(CivilDate.isLeap(1900))
        XCTAssertFalse(CivilDate.isLeap(2017))
        XCTAssertFalse(CivilDate.isLeap(2100))
        XCTAssertEqual(CivilDate.daysInMonth(year: 2016, month: 2), 29)
        XCTAssertEqual(CivilDate.daysInMonth(year: 2017, month: 2), 28)
        XCTAssertEqual(CivilDate.daysInMonth(year: 2017, month: 4), 30)
        XCTAssertEqual(CivilDate.daysInMonth(year: 2017, month: 12), 31)
        XCTAssertEqual(CivilDate(year: 2016, month: 2, day: 28).dayNumber + 1, CivilDate(year: 2016, month: 2, day: 29).dayNumber)
        XCTAssertEqual(CivilDate(year: 2016, month: 3, day: 1).dayNumber - CivilDate(year: 2016, month: 2, day: 28).dayNumber, 2)
        XCTAssertEqual(CivilDate(year: 2016, month: 2, day: 29).adding(years: 1), CivilDate(year: 2017, month: 2, day: 28))
        XCTAssertEqual(CivilDate(year: 2016, month: 2, day: 29).adding(years: 4), CivilDate(year: 2020, month: 2, day: 29))
        XCTAssertEqual(CivilDate(year: 2017, month: 12, day: 15).firstOfNextMonth, CivilDate(year: 2018, month: 1, day: 1))
    }
}

/// The category counts the engine inlines as constants must equal the number of cases (each called on the concrete
/// type: a generic call would reach the protocol's own `allCases.count` and could not fail).
final class CategoryCountTests: XCTestCase {
    func testEveryCountMatchesItsCases() {
        XCTAssertEqual(AgeBand.count, AgeBand.allCases.count, "AgeBand")
        XCTAssertEqual(ExitRoute.count, ExitRoute.allCases.count, "ExitRoute")
        XCTAssertEqual(GroupSize.count, GroupSize.allCases.count, "GroupSize")
        XCTAssertEqual(SufficiencyMeasure.count, SufficiencyMeasure.allCases.count, "SufficiencyMeasure")
        XCTAssertEqual(SupplyMeasure.count, SupplyMeasure.allCases.count, "SupplyMeasure")
        XCTAssertEqual(CarePlan.count, CarePlan.allCases.count, "CarePlan")
        XCTAssertEqual(Specialism.count, Specialism.allCases.count, "Specialism")
        XCTAssertEqual(DistanceBand.count, DistanceBand.allCases.count, "DistanceBand")
        XCTAssertEqual(PlacementPreference.count, PlacementPreference.allCases.count, "PlacementPreference")
        XCTAssertEqual(FallThroughReason.count, FallThroughReason.allCases.count, "FallThroughReason")
        XCTAssertEqual(NeedTier.count, NeedTier.allCases.count, "NeedTier")
        XCTAssertEqual(DeregistrationReason.count, DeregistrationReason.allCases.count, "DeregistrationReason")
        XCTAssertEqual(PlacementType.count, PlacementType.allCases.count, "PlacementType")
        XCTAssertEqual(CostLine.count, CostLine.allCases.count, "CostLine")
    }
}
