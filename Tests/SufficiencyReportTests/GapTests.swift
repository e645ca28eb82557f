import Foundation
@testable import SufficiencyReport
import XCTest

/// The sufficiency gap: reading `sufficiency.csv` and `supply.csv`, ranking segments, the sentences and the briefing's
/// section, on hand-written files in a temporary directory.
final class GapTests: XCTestCase {
    typealias Gap = SufficiencyGap
    var directory: URL!
    let fm = FileManager.default

    override func setUpWithError() throws {
        directory = fm.temporaryDirectory.appendingPathComponent("sufficiency-gap-\(UUID().uuidString)")
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let directory { try? fm.removeItem(at: directory) }
    }

    // MARK: - Fixtures

    static let years = ["2017-18", "2018-19"]

    /// Measures (mean, p05, p50, p95) of the few non-zero segments, keyed "year|age|need|group"; every other
    /// combination has zeros, as the engine writes them.
    static let segments: [String: [String: [Double]]] = [
        // The largest in 2018-19: 14.2 places short, IFA:residential 8:4, mostly no match.
        "2018-19|10-15|complex|1": ["requests": [30, 22, 30, 38], "placed_in_house": [10, 6, 10, 14], "placed_ifa": [8, 4, 8, 12],
                                     "placed_residential": [4, 1, 4, 7], "in_house_no_vacancy": [3, 0, 3, 6],
                                     "in_house_no_match": [9, 5, 9, 13], "in_house_declined": [2, 0, 2, 4],
                                     "shortfall_place_years": [14.2, 9.1, 13.8, 20.4]],
        "2018-19|10-15|complex|2": ["shortfall_place_years": [1.3, 0, 1.1, 3.2], "placed_ifa": [1, 0, 1, 2]],
        "2018-19|5-9|standard|3+": ["requests": [12, 6, 12, 18], "placed_in_house": [2, 0, 2, 4], "placed_ifa": [5, 2, 5, 8],
                                     "in_house_no_vacancy": [4, 1, 4, 7], "in_house_no_match": [3, 1, 3, 5],
                                     "in_house_declined": [3, 1, 3, 5], "shortfall_place_years": [6.34, 2.0, 6.1, 11.7]],
        "2018-19|16-17|very_complex|1": ["requests": [4, 1, 4, 7], "placed_ifa": [1, 0, 1, 2], "placed_residential": [9, 5, 9, 13],
                                          "shortfall_place_years": [2.0, 0.5, 1.9, 3.6]],
        "2018-19|0|standard|2": ["requests": [2, 0, 2, 4], "placed_in_house": [2, 0, 2, 4], "shortfall_place_years": [0.04, 0, 0, 0.3]],
        "2017-18|10-15|complex|1": ["requests": [28, 20, 28, 36], "placed_in_house": [12, 8, 12, 16], "placed_ifa": [6, 3, 6, 9],
                                     "shortfall_place_years": [8, 4, 8, 12]],
    ]

    static func sufficiencyCSV() -> String {
        var text = "year,age_band,need_tier,group_size,measure,mean,p05,p50,p95\n"
        for y in years {
            for a in Gap.AgeBand.allCases { for n in Gap.NeedTier.allCases { for g in Gap.GroupSize.allCases { for m in Gap.Measure.allCases {
                let v = segments["\(y)|\(a.label)|\(n.label)|\(g.label)"]?[m.label] ?? [0, 0, 0, 0]
                text += "\(y),\(a.label),\(n.label),\(g.label),\(m.label)," + v.map { String(format: "%.4f", $0) }.joined(separator: ",") + "\n"
            } } } }
        }
        return text
    }

    static func supplyCSV() -> String {
        var text = "year,age_band,measure,mean,p05,p50,p95\n"
        for y in years {
            for (i, a) in Gap.AgeBand.allCases.enumerated() {
                text += "\(y),\(a.label),places_approved_for,\(100 + 10 * i).0000,\(90 + 10 * i).0000,\(100 + 10 * i).0000,\(110 + 10 * i).0000\n"
                text += "\(y),\(a.label),places_vacant_for,\(8 + i).5000,\(2 + i).0000,\(8 + i).0000,\(15 + i).0000\n"
            }
        }
        return text
    }

    func write(_ name: String, _ text: String, in dir: URL? = nil) throws {
        try Data(text.utf8).write(to: (dir ?? directory).appendingPathComponent(name))
    }

    /// A hand-written run directory with everything a briefing reads, two years, and optionally the gap files.
    func writeRun(at dir: URL, name: String = "fixture", gap: Bool = true) throws {
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        try write("manifest.json", #"{"tool_version": "0.1.0", "scenario": "\#(name)", "seed": 1, "replications": 20, "years": 2}"#, in: dir)
        let metrics = ["children_in_care", "in_house_foster", "ifa_foster", "residential", "in_house_places", "moves_3plus_pct",
                       "placed_over_20_miles_pct", "displaced_to_residential", "cost_total", "cost_in_house_foster",
                       "cost_ifa_foster", "cost_residential", "cost_other", "net_cost"]
        var summary = "metric,year,mean,sd,p05,p10,p25,p50,p75,p90,p95\n"
        var annual = "replication,year," + metrics.joined(separator: ",") + "\n"
        for y in Self.years {
            for m in metrics { summary += "\(m),\(y),100,5,90,92,96,100,104,108,110\n" }
            for r in 1...2 { annual += "\(r),\(y)," + metrics.map { _ in "100" }.joined(separator: ",") + "\n" }
        }
        try write("summary.csv", summary, in: dir)
        try write("annual.csv", annual, in: dir)
        var monthly = "month,placement,mean,p05,p25,p50,p75,p95\n"
        for i in 0..<24 {
            let month = "20\(17 + (i + 3) / 12)-\(String(format: "%02d", (i + 3) % 12 + 1))"
            for p in ["children_in_care", "in_house_foster", "ifa_foster", "residential"] { monthly += "\(month),\(p),100,90,95,100,105,110\n" }
        }
        try write("monthly.csv", monthly, in: dir)
        try write("scenario.resolved.yaml", "name: \(name)\npopulation:\n  children_in_care:\n    value: 100\n    unit: children\n"
            + "    source: a test\n    layer: \(name)\n", in: dir)
        if gap {
            try write("sufficiency.csv", Self.sufficiencyCSV(), in: dir)
            try write("supply.csv", Self.supplyCSV(), in: dir)
        }
    }

    func gap() throws -> Gap { try Gap(sufficiency: Self.sufficiencyCSV(), supply: Self.supplyCSV()) }

    // MARK: - Reading

    func testTheReaderLoadsEverySegmentWithItsMeasuresAndTheSupply() throws {
        try write("sufficiency.csv", Self.sufficiencyCSV())
        try write("supply.csv", Self.supplyCSV())
        let gap = try Gap(directory: directory)
        XCTAssertEqual(gap.years, Self.years)
        XCTAssertEqual(gap.segments.count, 2 * 5 * 3 * 3, "every year × age band × need tier × group size")
        let s = try XCTUnwrap(gap.segments.first { $0.year == "2018-19" && $0.ageBand == .age10to15 && $0.needTier == .complex && $0.groupSize == .single })
        XCTAssertEqual(s[.shortfallPlaceYears], Gap.Estimate(mean: 14.2, p05: 9.1, p50: 13.8, p95: 20.4))
        XCTAssertEqual(s[.inHouseNoMatch].mean, 9)
        XCTAssertEqual(s.measures.count, Gap.Measure.allCases.count)
        XCTAssertEqual(gap.supply(("2018-19"), .age16to17)?[.placesApprovedFor].mean, 140)
        XCTAssertEqual(gap.supply("2017-18", .under1)?[.placesVacantFor], Gap.Estimate(mean: 8.5, p05: 2, p50: 8, p95: 15))
        let total = gap.total(year: "2018-19")
        XCTAssertEqual(total.shortfall, 14.2 + 1.3 + 6.34 + 2.0 + 0.04, accuracy: 1e-9)
        XCTAssertEqual(total.requests, 48)
        XCTAssertEqual(total.placedInHouse, 14)
    }

    func testARunWithoutSufficiencyCSVSaysSoAndSupplyIsOptional() throws {
        XCTAssertFalse(Gap.exists(in: directory))
        XCTAssertThrowsError(try Gap(directory: directory)) { error in
            XCTAssertTrue("\(error)".contains("no sufficiency.csv"), "\(error)")
        }
        try write("sufficiency.csv", Self.sufficiencyCSV())
        XCTAssertNil(try Gap(directory: directory).supply)
    }

    func testAMalformedFileNamesTheFileLineAndColumn() throws {
        func message(_ text: String, supply: String? = nil) -> String {
            do { _ = try Gap(sufficiency: text, supply: supply, names: ("run/sufficiency.csv", "run/supply.csv")); return "no error" }
            catch { return "\(error)" }
        }
        let good = Self.sufficiencyCSV()
        var lines = good.split(separator: "\n").map(String.init)
        XCTAssertEqual(message("year,age,need_tier\n"),
                       "run/sufficiency.csv: line 1: the header should be year,age_band,need_tier,group_size,measure,mean,p05,p50,p95, not year,age,need_tier")
        lines[3] = lines[3].replacingOccurrences(of: ",0.0000,0.0000,0.0000,0.0000", with: ",0.0000,abc,0.0000,0.0000")
        XCTAssertEqual(message(lines.joined(separator: "\n")), "run/sufficiency.csv: line 4: column p05: 'abc' is not a number")
        lines = good.split(separator: "\n").map(String.init)
        lines[5] = lines[5].replacingOccurrences(of: ",1-4,", with: ",1-5,").replacingOccurrences(of: ",0,", with: ",1-5,")
        XCTAssertEqual(message(lines.joined(separator: "\n")), "run/sufficiency.csv: line 6: column age_band: '1-5' is not one of 0, 1-4, 5-9, 10-15, 16-17")
        lines = good.split(separator: "\n").map(String.init)
        lines[2] = lines[2] + ",9"
        XCTAssertEqual(message(lines.joined(separator: "\n")), "run/sufficiency.csv: line 3: 10 columns, expected 9")
        lines = good.split(separator: "\n").map(String.init)
        lines[1] = "2017/18" + lines[1].dropFirst(7)
        XCTAssertEqual(message(lines.joined(separator: "\n")), "run/sufficiency.csv: line 2: column year: '2017/18' is not a financial year like 2019-20")
        lines = good.split(separator: "\n").map(String.init)
        lines[2] = lines[1]
        XCTAssertEqual(message(lines.joined(separator: "\n")), "run/sufficiency.csv: line 3: column measure: a second row for this segment and measure")
        lines = good.split(separator: "\n").map(String.init)
        lines.remove(at: 9)   // the first segment's shortfall_place_years
        XCTAssertEqual(message(lines.joined(separator: "\n")),
                       "run/sufficiency.csv: no row for measure shortfall_place_years of 2017-18, age band 0, need tier standard, group size 1")
        XCTAssertEqual(message(good, supply: "year,age_band,measure,mean,p05,p50,p95\n2017-18,0,places_free,1,1,1,1\n"),
                       "run/supply.csv: line 2: column measure: 'places_free' is not one of places_approved_for, places_vacant_for")
        XCTAssertEqual(message(good, supply: "year,age_band,measure,mean,p05,p50,p95\n2017-18,0,places_vacant_for,-1,0,0,0\n"),
                       "run/supply.csv: line 2: column mean: -1 is negative")
        XCTAssertEqual(message(good + "\n", supply: Self.supplyCSV()), "no error", "a trailing blank line is not a row")
    }

    // MARK: - Ranking and wording

    func testRankingPutsTheLargestShortfallFirstAndSkipsThoseThatRoundToZero() throws {
        let ranked = try gap().ranked(year: "2018-19")
        XCTAssertEqual(ranked.map { "\($0.ageBand.label)|\($0.needTier.label)|\($0.groupSize.label)" },
                       ["10-15|complex|1", "5-9|standard|3+", "16-17|very_complex|1", "10-15|complex|2"])
        XCTAssertEqual(try gap().sentences(year: "2018-19", top: 2).count, 2)
        XCTAssertEqual(try gap().sentences(year: "2018-19", top: 10).count, 4, "0.04 place-years rounds to zero")
    }

    func testTheSentenceForAKnownSegment() throws {
        let sentences = try gap().sentences(year: "2018-19")
        XCTAssertEqual(sentences.first,
                       "In 2018-19 we expect to be short of about 14 in-house places (90% range 9.1–20) for 10–15-year-olds with "
                       + "complex needs; two thirds of them go to agency carers, a third to children's homes. In-house fostering fell "
                       + "through for them mainly because the free places did not suit their age, needs or sibling group.")
        XCTAssertEqual(sentences[1],
                       "In 2018-19 we expect to be short of about 6.3 in-house places (90% range 2.0–12) for sibling groups of three "
                       + "or more aged 5–9 with standard needs; all of them go to agency carers. In-house fostering fell through for "
                       + "them most often because no in-house place was free.")
        XCTAssertTrue(sentences[2].contains("for 16–17-year-olds with very complex needs; a few of them go to agency carers, most to children's homes."),
                      sentences[2])
        XCTAssertTrue(sentences[3].hasSuffix("for pairs of siblings aged 10–15 with complex needs; all of them go to agency carers."),
                      "no reason when in-house never fell through: \(sentences[3])")
        XCTAssertEqual(GapWording.vacancies(try gap(), year: "2018-19"),
                       "At 31 March 2019 households approved for 10–15-year-olds had 12 places vacant and available (90% range 5–18) "
                       + "of 130, while 10–15-year-olds spent 16 place-years with agency carers or in children's homes after in-house "
                       + "fostering fell through.")
        XCTAssertNil(GapWording.vacancies(try Gap(sufficiency: Self.sufficiencyCSV(), supply: nil), year: "2018-19"), "no supply.csv")
        XCTAssertEqual(GapWording.total(try gap().total(year: "2018-19")),
                       "2018-19: short of 24 in-house place-years across all children; 48 placement requests, 14 (29%) placed in-house.")
    }

    func testShareWordsAreSimpleFractionsAndComplementsMatch() {
        XCTAssertEqual(GapWording.share(2.0 / 3), "two thirds")
        XCTAssertEqual(GapWording.share(1.0 / 3), "a third")
        XCTAssertEqual(GapWording.share(0.5), "about half")
        XCTAssertEqual(GapWording.share(0.45), "about half")
        XCTAssertEqual(GapWording.share(0.75), "three quarters")
        XCTAssertEqual(GapWording.share(0.25), "a quarter")
        XCTAssertEqual(GapWording.share(0.9), "most")
        XCTAssertEqual(GapWording.share(0.05), "a few")
        XCTAssertEqual(GapWording.share(1), "all")
        XCTAssertEqual(GapWording.share(0), "none")
        let pairs = ["none": "all", "a few": "most", "a quarter": "three quarters", "a third": "two thirds", "about half": "about half"]
        for i in 0...64 {
            let p = Double(i) / 64
            let (a, b) = (GapWording.share(p), GapWording.share(1 - p))
            XCTAssertTrue(pairs[a] == b || pairs[b] == a, "\(p): \(a) / \(b)")
        }
        XCTAssertNil(GapWording.split(ifa: 0, residential: 0), "no clause when neither took any")
        XCTAssertEqual(GapWording.split(ifa: 0, residential: 3), "all of them go to children's homes")
        XCTAssertEqual(GapWording.split(ifa: 5, residential: 5), "about half of them go to agency carers, about half to children's homes")
    }

    func testGroupSizeAgeAndNeedWording() {
        XCTAssertEqual(GapWording.who(.age5to9, .standard, .threeOrMore), "sibling groups of three or more aged 5–9 with standard needs")
        XCTAssertEqual(GapWording.who(.age1to4, .complex, .pair), "pairs of siblings aged 1–4 with complex needs")
        XCTAssertEqual(GapWording.who(.under1, .veryComplex, .single), "babies under 1 with very complex needs")
        XCTAssertEqual(GapWording.who(.under1, .standard, .pair), "pairs of siblings under 1 with standard needs")
        XCTAssertEqual(Gap.AgeBand.allCases.map(GapWording.children),
                       ["babies under 1", "1–4-year-olds", "5–9-year-olds", "10–15-year-olds", "16–17-year-olds"])
    }

    func testPlacesAreWholeFromTenAndOneDecimalBelow() {
        XCTAssertEqual(Wording.places(14.2), "14")
        XCTAssertEqual(Wording.places(9.96), "10")
        XCTAssertEqual(Wording.places(6.34), "6.3")
        XCTAssertEqual(Wording.places(0.04), "0.0")
        XCTAssertEqual(Wording.places(0), "0")
        XCTAssertEqual(Wording.places(1_203.4), "1,203")
        XCTAssertTrue(GapWording.roundsToZero(0.049))
        XCTAssertFalse(GapWording.roundsToZero(0.05))
    }

    /// The table's darkest shade keeps the page's text (#1a1a1a) at WCAG AAA contrast; no value, no shade.
    func testShadingIsOneHueWithReadableText() {
        func luminance(_ hex: String) -> Double {
            let v = Int(hex.dropFirst(), radix: 16)!
            let c = [(v >> 16) & 255, (v >> 8) & 255, v & 255].map { x -> Double in
                let s = Double(x) / 255
                return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
        }
        XCTAssertEqual(GapSection.shade(0), "#ffffff")
        let darkest = GapSection.shade(1)
        XCTAssertGreaterThanOrEqual((luminance(darkest) + 0.05) / (luminance("#1a1a1a") + 0.05), 7, darkest)
        XCTAssertLessThan(luminance(GapSection.shade(0.8)), luminance(GapSection.shade(0.4)), "darker for larger values")
    }

    // MARK: - The briefing

    func testTheBriefingHasASufficiencyGapSectionAfterTheChartsWithItsTables() throws {
        try writeRun(at: directory)
        let briefing = try Briefing(directory: directory)
        let html = briefing.html
        let charts = try XCTUnwrap(html.range(of: "<h2>Charts</h2>"))
        let section = try XCTUnwrap(html.range(of: "<h2>Sufficiency gap</h2>"))
        let indicators = try XCTUnwrap(html.range(of: "<h2>Stability and sufficiency</h2>"))
        XCTAssertTrue(charts.upperBound < section.lowerBound && section.upperBound < indicators.lowerBound, "placed after the charts")
        XCTAssertTrue(html.contains("<li>In 2018-19 we expect to be short of about 14 in-house places (90% range 9.1–20) for 10–15-year-olds"))
        XCTAssertTrue(html.contains("2018-19: short of 24 in-house place-years across all children"))
        XCTAssertTrue(html.contains("<table class=\"gap\"><thead><tr><th>Age band</th><th class=\"num\">Standard needs</th>"
            + "<th class=\"num\">Complex needs</th><th class=\"num\">Very complex needs</th><th class=\"num\">All</th></tr>"), html)
        // 10–15 with complex needs: 14.2 alone + 1.3 in pairs = 15.5, the largest cell, so the darkest.
        XCTAssertTrue(html.contains("<tr><th>10–15</th><td class=\"num\" style=\"background:#ffffff\">0</td>"
            + "<td class=\"num\" style=\"background:\(GapSection.shade(1))\">16</td>"), html)
        XCTAssertTrue(html.contains("<th>Sibling group</th>"))
        XCTAssertTrue(html.contains("<td>16–17</td><td>140 (130–150)</td><td>13 (6–19)</td><td>2.0</td>"), "supply beside the shortfall")
        XCTAssertTrue(html.contains("Cells are means"))
        XCTAssertTrue(html.contains("<p>At 31 March 2019 households approved for 10–15-year-olds had 12 places vacant"))
        XCTAssertFalse(html.contains("From the run of"), "a run briefing names no scenario")
        let md = briefing.markdown
        XCTAssertTrue(md.contains("## Sufficiency gap\n"))
        XCTAssertTrue(md.contains("- In 2018-19 we expect to be short of about 14 in-house places"))
        XCTAssertTrue(md.contains("| Age band | Standard needs | Complex needs | Very complex needs | All |\n"), md)
        XCTAssertTrue(md.contains("| 10–15 | 0 | 16 | 0 | 16 |"), md)
        XCTAssertTrue(md.contains("| Three or more siblings | 0 | 0 | 6.3 | 0 | 0 | 6.3 |"), md)
        XCTAssertTrue(md.contains("| All | 0.0 | 0 | 6.3 | 16 | 2.0 | 24 |"), md)
    }

    func testABriefingOfAnOlderRunHasNoGapSectionAndAMalformedFileIsAnError() throws {
        try writeRun(at: directory, gap: false)
        XCTAssertFalse(try Briefing(directory: directory).html.contains("Sufficiency gap"))
        try write("sufficiency.csv", "year,age_band\n")
        XCTAssertThrowsError(try Briefing(directory: directory)) { error in
            XCTAssertTrue("\(error)".contains("sufficiency.csv: line 1: the header should be"), "\(error)")
        }
    }

    func testAComparisonBriefingUsesAndNamesTheFirstScenario() throws {
        try writeRun(at: directory.appendingPathComponent("baseline-base"), name: "base", gap: false)
        try writeRun(at: directory.appendingPathComponent("plan"), name: "plan")
        try write("compare.json", #"{"baseline": "base", "scenarios": {"plan": {}}}"#)
        var savings = "scenario,year,measure,basis,mean,sd,p05,p10,p25,p50,p75,p90,p95,prob_positive\n"
        for y in Self.years { savings += "plan,\(y),net_savings,nominal,1000,10,900,920,960,1000,1040,1080,1100,1\n" }
        try write("savings.csv", savings)
        let located = try Gap.runDirectory(for: directory)
        XCTAssertEqual(located.scenario, "plan")
        XCTAssertEqual(located.run.lastPathComponent, "plan")
        let briefing = try Briefing(directory: directory)
        XCTAssertTrue(briefing.html.contains("<h2>Sufficiency gap</h2>\n<p class=\"note\">From the run of plan. "), briefing.html)
        XCTAssertTrue(briefing.markdown.contains("From the run of plan."))
    }
}
