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
            rows = [r for r in s.iter_rows(min_row=3) if r[3].value == "net_savings" and r[4].value == "nominal"]
            v = wb["Valuation"]
            print(json.dumps({"sheets": wb.sheetnames[:4], "years": [r[1].value for r in rows],
                              "days": [r[2].value for r in rows], "types": [r[5].data_type for r in rows],
                              "target": wb["Target"]["C3"].value, "valuation": [c.value for c in v[3]],
                              "note": v["A1"].value}))
            """)
        XCTAssertEqual(read["sheets"] as? [String], ["Savings by year", "Savings by line", "Valuation", "Target"])
        XCTAssertEqual(read["years"] as? [String], ["2022-23", "2023-24"])
        XCTAssertEqual(read["days"] as? [Double], [365, 366], "2023-24 holds 29 February 2024")
        XCTAssertEqual(read["types"] as? [String], ["n", "n"], "savings are numbers, not text")
        XCTAssertEqual(read["target"] as? Double, 1_122_000)
        // The valuation sheet holds compare.json's NPV and payback, and says how the NPV is reckoned.
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: work.appendingPathComponent("cmp/compare.json")))
                                 as? [String: Any])
        let plan = try XCTUnwrap((json["scenarios"] as? [String: Any])?["savings-plan-2022-23"] as? [String: Any])
        let npv = try XCTUnwrap(plan["npv_real"] as? [String: Double])
        let valuation = try XCTUnwrap(read["valuation"] as? [Any])
        XCTAssertEqual(valuation[0] as? String, "savings-plan-2022-23")
        XCTAssertEqual(try XCTUnwrap(valuation[1] as? Double), npv["mean"]!, accuracy: 0.006)
        XCTAssertEqual(try XCTUnwrap(valuation[2] as? Double), npv["p05"]!, accuracy: 0.006)
        XCTAssertEqual(try XCTUnwrap(valuation[3] as? Double), npv["p10"]!, accuracy: 0.006)
        XCTAssertEqual(try XCTUnwrap(valuation[5] as? Double), npv["p90"]!, accuracy: 0.006)
        XCTAssertEqual(try XCTUnwrap(valuation[6] as? Double), npv["p95"]!, accuracy: 0.006)
        XCTAssertEqual(valuation[8] as? String, (plan["payback_year"] as? String) ?? "not within the years simulated")
        let note = try XCTUnwrap(read["note"] as? String)
        XCTAssertTrue(note.contains("at 2022-23 prices") && note.contains("discounted at 3.5% a year to 2022-23 (year 0)"), note)
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
        // Each outcome in its own format, with the value sweep.csv gives it: a percentage as a share (Excel's % format
        // shows 6.0% for the CSV's 6.02), money in pounds, a count as a plain number.
        let columns = try openpyxl(work.appendingPathComponent("sw/workbook.xlsx"), """
            s = wb["Sweep"]
            print(json.dumps({c.value: [s.cell(row=3, column=c.column).value, s.cell(row=3, column=c.column).number_format]
                              for c in s[2]}))
            """)
        let csv = try String(contentsOf: work.appendingPathComponent("sw/sweep.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        func csvValue(_ column: String) throws -> Double {
            try XCTUnwrap(Double(csv[1][try XCTUnwrap(csv[0].firstIndex(of: column), column)]), column)
        }
        func cell(_ header: String) throws -> (Double, String) {
            let pair = try XCTUnwrap(columns[header] as? [Any], header)
            return (try XCTUnwrap(pair[0] as? Double, header), try XCTUnwrap(pair[1] as? String, header))
        }
        let moves = try cell("moves_3plus_pct mean")
        XCTAssertEqual(moves.0, try csvValue("moves_3plus_pct_mean") / 100, accuracy: 0.00005001)
        XCTAssertEqual(moves.1, "0.0%")
        let moves95 = try cell("moves_3plus_pct 95th percentile")
        XCTAssertEqual(moves95.0, try csvValue("moves_3plus_pct_p95") / 100, accuracy: 0.00005001)
        XCTAssertEqual(moves95.1, "0.0%")
        let cost = try cell("cost_total mean")
        XCTAssertEqual(cost.0, try csvValue("cost_total_mean"), accuracy: 0.5001)
        XCTAssertTrue(cost.1.contains("£"), "money in a £ format: \(cost.1)")
        let children = try cell("children_in_care mean")
        XCTAssertEqual(children.0, try csvValue("children_in_care_mean"), accuracy: 0.005001)
        XCTAssertFalse(children.1.contains("%") || children.1.contains("£"), children.1)
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
