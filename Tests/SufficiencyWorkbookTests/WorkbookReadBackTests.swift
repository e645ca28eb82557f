import Foundation
import SufficiencyModel
import SufficiencySimulation
import SufficiencyWorkbook
import SufficiencyTestSupport
import XCTest

/// Workbooks read back by an independent reader, Python's openpyxl: sheet names, frozen headers, a few cells and
/// their types and formats must be what finance will open.
///
/// openpyxl comes from `SUFFICIENCY_PYTHON` (CI installs it into a virtual environment); the tests are skipped when
/// no such Python is found, unless `SUFFICIENCY_REQUIRE_OPENPYXL=1` (CI) makes that a failure.
final class WorkbookReadBackTests: XCTestCase {
    static let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sufficiency-xlsx-\(getpid())")

    override class func setUp() {
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override class func tearDown() {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Runs `script` with openpyxl on `file` (after `wb = openpyxl.load_workbook(...)`) and returns what it printed.
    func readBack(_ file: URL, _ script: String, line: UInt = #line) throws -> [String: Any] {
        try OpenPyXL.read(file, script, line: line)
    }

    static func run(_ name: String, replications: Int = 40, years: Int = 2) throws -> (LoadedScenario, RunResult, RunSummary) {
        let loaded = try ScenarioLoader.load(path: name)
        let model = CompiledScenario(loaded.scenario, horizonYears: years)
        let result = MonteCarlo.run(model, replications: replications, seed: 7, threads: 1)
        let manifest = RunManifest(toolVersion: "test", scenarioName: loaded.scenario.name, scenarioOrigin: loaded.origin,
                                   resolvedYAML: loaded.resolvedYAML, seed: 7, replications: replications, years: years,
                                   threads: 1, startTime: Date(timeIntervalSince1970: 0), wallSeconds: 1.5)
        return (loaded, result, RunSummary(result, manifest: manifest))
    }

    static func assumptions(_ loaded: LoadedScenario) -> [WorkbookAssumption] {
        loaded.parameters.map {
            WorkbookAssumption(keyPath: $0.keyPath, value: $0.scalar ?? "(table)", unit: $0.unit, source: $0.source,
                               layer: $0.layer)
        }
    }

    func testARunsWorkbookHasItsSheetsFrozenHeadersAndNumbersWithTheirFormats() throws {
        let (loaded, _, summary) = try Self.run("peterborough-2017")
        let file = Self.scratch.appendingPathComponent("run.xlsx")
        try RunWorkbook.write(summary, assumptions: Self.assumptions(loaded), to: file)
        let read = try readBack(file, """
            s = wb["Summary"]
            rows = {(r[0].value, r[1].value): r for r in s.iter_rows(min_row=3)}
            cost = rows[("2017-18", "cost_total")]
            pct = rows[("2017-18", "moves_3plus_pct")]
            a = wb["Assumptions"]
            keys = {r[0].value: r for r in a.iter_rows(min_row=3)}
            cic = keys["population.children_in_care"]
            print(json.dumps({"sheets": wb.sheetnames, "note": s["A1"].value, "header": [c.value for c in s[2]],
                "freeze": s.freeze_panes, "cost": cost[2].value, "cost_type": cost[2].data_type,
                "cost_format": cost[2].number_format, "pct": pct[2].value, "pct_format": pct[2].number_format,
                "cic": cic[1].value, "cic_type": cic[1].data_type, "cic_unit": cic[2].value,
                "width": s.column_dimensions["B"].width, "cost_row": [c.value for c in cost[2:7]],
                "gap": [[c.value for c in r[5:9]] for r in wb["Sufficiency gap"].iter_rows(min_row=3)],
                "replications": [r[1].value for r in wb["Run"].iter_rows(min_row=3) if r[0].value == "Replications"][0]}))
            """)
        XCTAssertEqual(read["sheets"] as? [String], ["Summary", "Sufficiency gap", "Assumptions", "Run"])
        XCTAssertTrue((read["note"] as? String ?? "").contains("90% interval (5th to 95th percentile) over 40 replications"))
        XCTAssertEqual(read["header"] as? [String], ["Financial year", "Measure", "Mean", "5th percentile", "Median",
                                                     "95th percentile", "Standard deviation"])
        XCTAssertEqual(read["freeze"] as? String, "A3", "the header row stays in view")
        let cost = try XCTUnwrap(read["cost"] as? Double)
        XCTAssertEqual(cost, summary.annual["cost_total"]![0].mean, accuracy: 1e-6, "the mean cost, as a number")
        XCTAssertGreaterThan(cost, 1_000_000)
        XCTAssertEqual(read["cost_type"] as? String, "n")
        XCTAssertTrue((read["cost_format"] as? String ?? "").contains("£"), "money in a £ format")
        XCTAssertEqual(try XCTUnwrap(read["pct"] as? Double), summary.annual["moves_3plus_pct"]![0].mean / 100,
                       accuracy: 1e-9, "a percentage is written as a share")
        XCTAssertEqual(read["pct_format"] as? String, "0.0%")
        XCTAssertEqual(read["cic"] as? Double, 363, "a scalar assumption is a number")
        XCTAssertEqual(read["cic_type"] as? String, "n")
        XCTAssertEqual(read["cic_unit"] as? String, "children")
        XCTAssertGreaterThanOrEqual(read["width"] as? Double ?? 0, 20, "the measure column fits its longest label")
        XCTAssertEqual(read["replications"] as? Double, 40)
        // Each statistic in its own column: mean, 5th percentile, median, 95th percentile, standard deviation.
        let c = summary.annual["cost_total"]![0]
        let costRow = try XCTUnwrap(read["cost_row"] as? [Double])
        for (got, want) in zip(costRow, [c.mean, c.p05, c.p50, c.p95, c.sd]) { XCTAssertEqual(got, want, accuracy: 1e-6) }
        XCTAssertEqual(costRow.count, 5)
        // The gap sheet's mean, 5th percentile, median and 95th percentile of every segment's every measure, in order.
        let expected = summary.sufficiency.flatMap { s in
            SufficiencyMeasure.allCases.compactMap { s.measures[$0] }.map { [$0.mean, $0.p05, $0.p50, $0.p95] }
        }
        let gap = try XCTUnwrap(read["gap"] as? [[Double]])
        XCTAssertEqual(gap.count, expected.count)
        XCTAssertTrue(expected.contains { $0[0] != $0[2] }, "some mean differs from its median, so the columns are told apart")
        for (got, want) in zip(gap, expected) {
            for (a, b) in zip(got, want) { XCTAssertEqual(a, b, accuracy: 1e-9) }
        }
    }

    func testAComparisonsWorkbookHasSavingsByYearAndLineAsNumbers() throws {
        let (baseLoaded, baseResult, baseSummary) = try Self.run("peterborough-2022")
        let (planLoaded, planResult, planSummary) = try Self.run("savings-plan-2022-23")
        var valuation = SavingsValuation()
        valuation.target = 1_122_000
        valuation.targetYear = FinancialYear(label: "2022-23")
        let analysis = SavingsAnalysis(baseline: baseResult, scenario: planResult, name: "savings-plan-2022-23",
                                       valuation: valuation)
        let file = Self.scratch.appendingPathComponent("compare.xlsx")
        try ComparisonWorkbook.write([analysis], baseline: "peterborough-2022", runs: [
            ("peterborough-2022", baseSummary, Self.assumptions(baseLoaded)),
            ("savings-plan-2022-23", planSummary, Self.assumptions(planLoaded)),
        ], to: file)
        let read = try readBack(file, """
            s = wb["Savings by year"]
            net = [r for r in s.iter_rows(min_row=3) if r[1].value == "2022-23" and r[3].value == "net_savings" and r[4].value == "nominal"][0]
            lines = [r for r in wb["Savings by line"].iter_rows(min_row=3) if r[1].value == "2022-23" and r[4].value == "nominal"]
            t = wb["Target"]
            v = wb["Valuation"]
            print(json.dumps({"sheets": wb.sheetnames, "net": net[5].value, "net_type": net[5].data_type,
                "net_format": net[5].number_format, "p_positive": net[11].value, "p_format": net[11].number_format,
                "p10": net[7].value, "p90": net[9].value, "header": [c.value for c in s[2]],
                "days": net[2].value, "lines": sum(r[5].value for r in lines), "target": t["C3"].value,
                "p_target": t["D3"].value, "npv": v["B3"].value, "npv_p50": v["E3"].value, "payback": v["I3"].value}))
            """)
        XCTAssertEqual(read["sheets"] as? [String], ["Savings by year", "Savings by line", "Valuation", "Target",
            "Baseline Summary", "Baseline Sufficiency gap", "Baseline Assumptions", "Baseline Run",
            "Scenario Summary", "Scenario Sufficiency gap", "Scenario Assumptions", "Scenario Run"])
        let net = try XCTUnwrap(read["net"] as? Double)
        let expected = analysis.nominal[SavingsMeasure.netSavings.rawValue][0]
        XCTAssertEqual(net, expected.reduce(0, +) / Double(expected.count), accuracy: 1e-6)
        XCTAssertEqual(read["net_type"] as? String, "n")
        XCTAssertTrue((read["net_format"] as? String ?? "").contains("£"))
        XCTAssertEqual(read["p_format"] as? String, "0.0%")
        // The 80% interval the briefing and the console print is in the workbook too, beside the 90%.
        XCTAssertEqual(read["header"] as? [String], ["Scenario", "Financial year", "Days simulated", "Measure", "Basis", "Mean",
                                                     "5th percentile", "10th percentile", "Median", "90th percentile",
                                                     "95th percentile", "Probability above 0"])
        let netSummary = Summary(expected)
        XCTAssertEqual(try XCTUnwrap(read["p10"] as? Double), netSummary.p10, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(read["p90"] as? Double), netSummary.p90, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(read["lines"] as? Double), net, accuracy: 1,
                       "the lines' means add up to the mean net savings")
        XCTAssertEqual(read["target"] as? Double, 1_122_000)
        XCTAssertEqual(try XCTUnwrap(read["p_target"] as? Double), analysis.targetProbability!, accuracy: 1e-12)
        XCTAssertEqual(read["days"] as? Double, 365)
        XCTAssertEqual(try XCTUnwrap(read["npv"] as? Double), analysis.npv.reduce(0, +) / Double(analysis.npv.count),
                       accuracy: 1e-6, "the valuation sheet's NPV is the analysis's mean")
        XCTAssertEqual(try XCTUnwrap(read["npv_p50"] as? Double), Summary(analysis.npv).p50, accuracy: 1e-6)
        XCTAssertEqual(read["payback"] as? String, analysis.payback)
    }

    /// The values tried were stored as text ("10", "7.5"), which a finance model cannot link to.
    func testASensitivitySheetStoresNumbersAsNumbersAndTablesAsText() throws {
        let o = SensitivitySummary.Outcome(mean: 1000, p05: 0, p95: 2000, probabilityOfTarget: 0.5)
        let drivers = [
            SensitivitySummary.Driver(keyPath: "a.b", description: "a number", unit: "households per year", source: "assumption",
                                      changed: "scenario", value: "10", lowValue: "7.5", highValue: "12.5", heldAtLimit: .low, low: o,
                                      high: SensitivitySummary.Outcome(mean: 3000, p05: 0, p95: 4000, probabilityOfTarget: 0.5)),
            SensitivitySummary.Driver(keyPath: "c.d", description: "a table", unit: "months", source: "assumption",
                                      changed: "scenario", value: "{mean: 6, shape: 4}", lowValue: "{\"mean\": 4.5, \"shape\": 3}",
                                      highValue: "{\"mean\": 7.5, \"shape\": 5}", low: o, high: o),
            // A value as the scenario wrote it, with YAML's digit separator: still a number.
            SensitivitySummary.Driver(keyPath: "e.f", description: "a separated number", unit: "pounds", source: "assumption",
                                      changed: "scenario", value: "1_200", lowValue: "900", highValue: "1500", low: o, high: o),
        ]
        let summary = SensitivitySummary(baseline: "b", scenario: "s", goal: "net_savings", year: "2022-23", target: nil,
                                         swing: 0.25, replications: 10, seed: 1, central: o, drivers: drivers, skipped: [])
        let file = Self.scratch.appendingPathComponent("sensitivity.xlsx")
        try SensitivityWorkbook.write(summary, to: file)
        let read = try readBack(file, """
            s = wb["Sensitivity"]
            rows = [r for r in s.iter_rows(min_row=3)]
            print(json.dumps({"values": [[c.value for c in r[3:6]] for r in rows], "types": [[c.data_type for c in r[3:6]] for r in rows],
                              "header": [c.value for c in s[2]], "held": [r[6].value for r in rows], "note": s["A1"].value,
                              "savings": [c.value for c in rows[0][7:10]]}))
            """)
        let header = try XCTUnwrap(read["header"] as? [Any])
        XCTAssertEqual(header[6] as? String, "Held at limit")
        let held = try XCTUnwrap(read["held"] as? [Any])
        XCTAssertEqual(held.first as? String, "low")
        XCTAssertTrue(held.last is NSNull, "an empty cell where nothing is held")
        XCTAssertTrue((read["note"] as? String)?.contains(SensitivitySummary.Held.note(swing: 0.25)) == true, "\(read["note"] ?? "")")
        XCTAssertEqual(read["types"] as? [[String]], [["n", "n", "n"], ["s", "s", "s"], ["n", "n", "n"]])
        XCTAssertEqual((read["values"] as? [[Any]])?.first as? [Double], [10, 7.5, 12.5])
        XCTAssertEqual((read["values"] as? [[Any]])?.last as? [Double], [1200, 900, 1500])
        // Mean net savings at the low value, at the high value, and the range between them, each in its column.
        XCTAssertEqual(read["savings"] as? [Double], [1000, 3000, 2000])
    }

    func testAWorkbookThatCannotBeWrittenLeavesNothingBehind() throws {
        let (loaded, _, summary) = try Self.run("peterborough-2017", replications: 5, years: 1)
        let folder = Self.scratch.appendingPathComponent("no-such-folder")
        XCTAssertThrowsError(try RunWorkbook.write(summary, assumptions: Self.assumptions(loaded),
                                                   to: folder.appendingPathComponent("run.xlsx"))) { error in
            XCTAssertTrue("\(error)".contains("no-such-folder/run.xlsx"), "the error names the file: \(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path))
        // A second write over an existing workbook replaces it whole.
        let file = Self.scratch.appendingPathComponent("again.xlsx")
        try RunWorkbook.write(summary, assumptions: [], to: file)
        try RunWorkbook.write(summary, assumptions: [], to: file)
        let left = try FileManager.default.contentsOfDirectory(atPath: Self.scratch.path).filter { $0.contains("again") }
        XCTAssertEqual(left, ["again.xlsx"], "no temporary file is left")
    }
}
