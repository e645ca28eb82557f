import Foundation
import SufficiencyModel
import XCTest

/// `sufficiency init`: the template's levers come from the scenario schema, and each one, uncommented as it
/// stands, loads.
final class InitTemplateTests: CommandLineTestCase {
    func testEveryLeverOfTheTemplateValidatesWhenUncommented() throws {
        XCTAssertEqual(try sufficiency(["init", "levers.yaml"]).status, 0)
        let text = try String(contentsOf: work.appendingPathComponent("levers.yaml"), encoding: .utf8)
        // Every lever and every one of its keys is in the template, with its unit.
        for lever in Interventions.levers {
            XCTAssertTrue(text.contains("\n#   \(lever.key):"), lever.key)
            for p in lever.parameters {
                XCTAssertTrue(text.contains("#     \(p.keyPath): {value: "), "\(lever.key).\(p.keyPath)")
                XCTAssertTrue(text.contains("unit: \(p.unit), source: "), "\(lever.key).\(p.keyPath)")
            }
        }
        // Uncomment the levers and the IFA market's schedules: the commented YAML block after the header.
        var lines = text.components(separatedBy: "\n")
        let first = try XCTUnwrap(lines.firstIndex(of: "# interventions:"))
        for i in first..<lines.count where lines[i].hasPrefix("# ") && !lines[i].hasPrefix("# The IFA") {
            lines[i] = String(lines[i].dropFirst(2))
        }
        let uncommented = lines.filter { $0 != "#" && !$0.hasPrefix("# The IFA") }.joined(separator: "\n")
        try uncommented.write(to: work.appendingPathComponent("on.yaml"), atomically: true, encoding: .utf8)
        let check = try sufficiency(["validate", "on.yaml"])
        XCTAssertEqual(check.status, 0, check.stderr + uncommented)
        let s = try ScenarioLoader.load(path: work.appendingPathComponent("on.yaml").path).scenario
        let i = s.interventions
        XCTAssertNotNil(i.recruitment)
        XCTAssertNotNil(i.retention)
        XCTAssertNotNil(i.reunification)
        XCTAssertNotNil(i.stepDown)
        XCTAssertNotNil(i.blockContract)
        XCTAssertNotNil(i.demand)
        XCTAssertNotNil(i.income)
        XCTAssertEqual(i.recruitment?.years.start, s.startDate.financialYear, "levers start in the baseline's first year")
    }

    /// The file's name became the scenario's name unquoted: `plan #2.yaml` was named "plan" (the rest a comment),
    /// `a: b.yaml` did not parse, `#draft.yaml` had no name at all.
    func testAFileNameThatYAMLWouldMisreadIsQuoted() throws {
        for (file, name) in [("plan #2.yaml", "plan #2"), ("a: b.yaml", "a: b"), ("#draft.yaml", "#draft"), ("[x].yaml", "[x]"),
                             ("*x.yaml", "*x"), ("it's \"new\".yaml", "it's \"new\"")] {
            let made = try sufficiency(["init", file])
            XCTAssertEqual(made.status, 0, "\(file): \(made.stderr)")
            let s = try ScenarioLoader.load(path: work.appendingPathComponent(file).path).scenario
            XCTAssertEqual(s.name, name, file)
            XCTAssertEqual(s.title, name, file)
        }
    }
}
