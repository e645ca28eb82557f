import Foundation
import XCTest

/// `sufficiency calibrate --fostering`, as a user runs it: the built binary on Ofsted's local-authority fostering
/// files in `../shared/data/ofsted-fostering`, in a fresh temporary working directory.
final class FosteringCommandTests: CommandLineTestCase {

    /// The Ofsted files beside the SSDA903 samples (`../shared` or `/work/shared`).
    static let ofsted = CommandLineTests.samples.deletingLastPathComponent().appendingPathComponent("ofsted-fostering")

    func ofstedFile(_ year: String) throws -> String {
        let path = Self.ofsted.appendingPathComponent("la-fostering-\(year).csv").path
        guard fm.fileExists(atPath: path) else { throw XCTSkip("\(path) is not available") }
        return path
    }

    func testCalibrateFromOfstedAloneWritesAScenarioThatValidatesAndRuns() throws {
        let file = try ofstedFile("2018-19")
        let result = try sufficiency(["calibrate", "--fostering", file, "--la", "Peterborough", "--out", "pb/pb.yaml"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("read Peterborough 2018-19, la-fostering-2018-19.csv: set 8 parameters"), result.stdout)
        let yaml = try String(contentsOf: work.appendingPathComponent("pb/pb.yaml"), encoding: .utf8)
        XCTAssertTrue(yaml.contains("\nextends: peterborough-2017\n"), yaml)
        XCTAssertFalse(yaml.contains("\npopulation:"), "only supply parameters: \(yaml)")
        let validate = try sufficiency(["validate", "pb/pb.yaml"])
        XCTAssertEqual(validate.status, 0, validate.stderr)
        let run = try sufficiency(["run", "pb/pb.yaml", "--replications", "20", "--years", "2", "--out", "pb/run", "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let resolved = try String(contentsOf: work.appendingPathComponent("pb/run/scenario.resolved.yaml"), encoding: .utf8)
        XCTAssertTrue(resolved.contains("households_total 115 − households_family_and_friends 15"))
        let report = try String(contentsOf: work.appendingPathComponent("pb/calibration-report.md"), encoding: .utf8)
        for section in ["## Figures read", "## Parameters set", "## Kept from the baseline", "## Recruitment funnel", "## Checks"] {
            XCTAssertTrue(report.contains(section), "no \(section): \(report)")
        }

        // A second calibration beside it would overwrite calibration-report.md: refused without --force.
        let again = try sufficiency(["calibrate", "--fostering", file, "--la", "Peterborough", "--out", "pb/other.yaml"])
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("calibration-report.md: exists; use --force"), again.stderr)
        XCTAssertFalse(fm.fileExists(atPath: work.appendingPathComponent("pb/other.yaml").path))
        let forced = try sufficiency(["calibrate", "--fostering", file, "--la", "Peterborough", "--funnel", "--out", "pb/other.yaml", "--force"])
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertTrue(try String(contentsOf: work.appendingPathComponent("pb/other.yaml"), encoding: .utf8).contains("\n  funnel:\n"))
    }

    func testAMisspeltCouncilExitsTwoSuggestingTheName() throws {
        let result = try sufficiency(["calibrate", "--fostering", try ofstedFile("2018-19"), "--la", "Peterbrough", "--out", "x/x.yaml"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("no local authority \"Peterbrough\"; did you mean 'Peterborough'"), result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: work.path), [], "nothing written")
    }

    func testAFileWithoutPlacesApprovedExitsTwoNamingTheColumn() throws {
        let text = try String(contentsOfFile: try ofstedFile("2018-19"), encoding: .utf8)
        let rows = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let column = try XCTUnwrap(rows.first?.firstIndex(of: "places_approved"))
        let cut = rows.map { row in row.enumerated().filter { $0.offset != column }.map(\.element).joined(separator: ",") }
        try Data((cut.joined(separator: "\n") + "\n").utf8).write(to: work.appendingPathComponent("cut.csv"))
        let result = try sufficiency(["calibrate", "--fostering", "cut.csv", "--la", "Peterborough", "--out", "x/x.yaml"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "error: cut.csv: missing column places_approved (Ofsted local-authority fostering layout)\n")
        XCTAssertFalse(fm.fileExists(atPath: work.appendingPathComponent("x").path))
    }

    /// A figure far beyond any council's (6,000 deregistrations of 115 households) gave a hazard past what a scenario
    /// holds, reported as "the calibrated scenario does not load (a bug ...)" at a line of a file never written.
    func testAFigureBeyondWhatAScenarioHoldsNamesTheRowAndItsColumns() throws {
        let text = try String(contentsOfFile: try ofstedFile("2018-19"), encoding: .utf8)
        // Lines end in CRLF, which Swift reads as one character: split on the scalars.
        let rows = text.unicodeScalars.split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .map { String($0).split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let column = try XCTUnwrap(rows.first?.firstIndex(of: "deregistered_total"))
        var row = try XCTUnwrap(rows.first { $0.first == "Peterborough" })
        row[column] = "6000"
        try Data((rows[0].joined(separator: ",") + "\n" + row.joined(separator: ",") + "\n").utf8)
            .write(to: work.appendingPathComponent("pb.csv"))
        let result = try sufficiency(["calibrate", "--fostering", "pb.csv", "--la", "Peterborough", "--out", "x/x.yaml"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "error: pb.csv:row 2: Peterborough 2018-19: deregistered_total 6000 / households_total 115 "
                       + "(both include family and friends households) gives deregistration.annual_hazard, which must be between "
                       + "0.0 and 52.0 (found 52.1739), beyond what a scenario can hold; check the row's figures\n")
        XCTAssertFalse(fm.fileExists(atPath: work.appendingPathComponent("x").path))
    }

    func testWithAReturnLaSelectsTheCouncilInBothSources() throws {
        let data = CommandLineTests.samples.appendingPathComponent("sf-regional-sample").path
        let result = try sufficiency(["calibrate", data, "--la", "Southwark", "--fostering", try ofstedFile("2018-19"), "--out", "sw/sw.yaml"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("fostering supply from Southwark 2018-19"), result.stdout)
        XCTAssertEqual(try sufficiency(["validate", "sw/sw.yaml"]).status, 0)
        let yaml = try String(contentsOf: work.appendingPathComponent("sw/sw.yaml"), encoding: .utf8)
        XCTAssertTrue(yaml.contains("Southwark 2018-19: households_total 205 − households_family_and_friends 30"), yaml)
        XCTAssertTrue(yaml.contains("\npopulation:"), "the return's estimates are there too")
    }

    func testFosteringOptionsNeedEachOther() throws {
        let noCouncil = try sufficiency(["calibrate", "--fostering", try ofstedFile("2018-19"), "--out", "x.yaml"])
        XCTAssertEqual(noCouncil.status, 2)
        XCTAssertTrue(noCouncil.stderr.contains("--fostering needs --la NAME"), noCouncil.stderr)
        let noData = try sufficiency(["calibrate", "--funnel", "--out", "x.yaml"])
        XCTAssertEqual(noData.status, 2)
        XCTAssertTrue(noData.stderr.contains("give at least one SSDA903 file or folder"), noData.stderr)
    }
}
