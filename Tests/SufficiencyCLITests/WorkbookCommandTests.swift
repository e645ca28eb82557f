import Foundation
import SufficiencyTestSupport
import XCTest

/// `--xlsx` on `run` and `compare`: the workbook is written into the directory, beside the CSV files, and an
/// independent reader (openpyxl, as in `SufficiencyWorkbookTests`) finds the savings by year as numbers. Skipped when
/// openpyxl is not available, unless `SUFFICIENCY_REQUIRE_OPENPYXL=1` (CI).
final class WorkbookCommandTests: CommandLineTestCase {
    /// The acceptance command of the finance issue, with fewer replications and years.
    func testCompareWithXlsxWritesAWorkbookWithTheSavingsByYearAsNumbers() throws {
        let result = try sufficiency(["compare", "scenarios/peterborough-2022.yaml", "scenarios/savings-plan-2022-23.yaml",
                                      "--target", "1122000", "--target-year", "2022-23", "--xlsx",
                                      "--replications", "30", "--years", "2", "--out", "cmp", "--quiet"].map(scenarioPath))
        XCTAssertEqual(result.status, 0, result.stderr)
        let book = work.appendingPathComponent("cmp/workbook.xlsx")
        XCTAssertTrue(fm.fileExists(atPath: book.path))
        let read = try openpyxl(book, """
            s = wb["Savings by year"]
            rows = [r for r in s.iter_rows(min_row=3) if r[2].value == "net_savings" and r[3].value == "nominal"]
            print(json.dumps({"sheets": wb.sheetnames[:3], "years": [r[1].value for r in rows],
                              "types": [r[4].data_type for r in rows], "target": wb["Target"]["C3"].value}))
            """)
        XCTAssertEqual(read["sheets"] as? [String], ["Savings by year", "Savings by line", "Target"])
        XCTAssertEqual(read["years"] as? [String], ["2022-23", "2023-24"])
        XCTAssertEqual(read["types"] as? [String], ["n", "n"], "savings are numbers, not text")
        XCTAssertEqual(read["target"] as? Double, 1_122_000)
    }

    func testRunWritesAWorkbookOnlyWhenAsked() throws {
        XCTAssertEqual(try sufficiency(["run", "--replications", "10", "--years", "1", "--out", "plain", "--quiet"]).status, 0)
        XCTAssertFalse(fm.fileExists(atPath: work.appendingPathComponent("plain/workbook.xlsx").path))
        let result = try sufficiency(["run", "--replications", "10", "--years", "1", "--out", "book", "--quiet", "--xlsx"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let read = try openpyxl(work.appendingPathComponent("book/workbook.xlsx"), """
            print(json.dumps({"sheets": wb.sheetnames, "freeze": wb["Summary"].freeze_panes}))
            """)
        XCTAssertEqual(read["sheets"] as? [String], ["Summary", "Sufficiency gap", "Assumptions", "Run"])
        XCTAssertEqual(read["freeze"] as? String, "A3")
    }

    func testSweepWritesOneRowPerPointWithItsLeverValueAsANumber() throws {
        let result = try sufficiency(["sweep", "tact-recruitment", "--set", "interventions.recruitment.approvals_per_year=5,10",
                                      "--replications", "10", "--years", "1", "--out", "sw", "--quiet", "--xlsx"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let read = try openpyxl(work.appendingPathComponent("sw/workbook.xlsx"), """
            s = wb["Sweep"]
            print(json.dumps({"lever": [s.cell(row=r, column=1).value for r in (3, 4)],
                              "type": s.cell(row=3, column=1).data_type, "header": s.cell(row=2, column=2).value}))
            """)
        XCTAssertEqual(read["lever"] as? [Double], [5, 10])
        XCTAssertEqual(read["type"] as? String, "n")
        XCTAssertEqual(read["header"] as? String, "children_in_care mean")
    }

    /// Scenario files are read from the repository, the binary runs in a scratch folder.
    func scenarioPath(_ argument: String) -> String {
        guard argument.hasPrefix("scenarios/") else { return argument }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(argument).path
    }

    func openpyxl(_ file: URL, _ script: String, line: UInt = #line) throws -> [String: Any] {
        try OpenPyXL.read(file, script, line: line)
    }
}
