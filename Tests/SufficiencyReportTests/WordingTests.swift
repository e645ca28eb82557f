import SufficiencyModel
@testable import SufficiencyReport
import XCTest

/// Numbers in headlines: rounded to what a forecast can honestly claim.
final class WordingTests: XCTestCase {
    func testCountsAreWholeNumbersWithThousandsSeparators() {
        XCTAssertEqual(Wording.count(351.42), "351")
        XCTAssertEqual(Wording.count(351.5), "352")
        XCTAssertEqual(Wording.count(83_630), "83,630")
        XCTAssertEqual(Wording.count(.nan), "n/a")
        XCTAssertEqual(Wording.count(-0.3), "0")
    }

    /// Defence in depth behind the reader's checks (`RunData.largestFigure`): a figure past `Int`'s range is "n/a"
    /// in words and an empty cell in a chart's CSV, never a trap in `Int(_:)`.
    func testFiguresPastIntsRangeAreNotANumberRatherThanACrash() {
        for x in [1e19, -1e19, .infinity] {
            XCTAssertEqual(Wording.count(x), "n/a")
            XCTAssertEqual(Wording.places(x), "n/a")
            XCTAssertEqual(Wording.pounds(x), "n/a")
            XCTAssertEqual(Wording.percent(x), "n/a")
        }
        let chart = CostChart(years: [CostChart.Year(label: "2017-18", lines: [1e19, .nan, 1, 2], totalP05: -1e19, totalP95: .nan)]).chart()
        XCTAssertTrue(chart.csv.contains("2017-18,In-house foster care,,,\n2017-18,IFA foster care,,,\n2017-18,Residential care,1,,\n"), chart.csv)
    }

    /// A range is "24–38", but with a negative end "−£196,000 to −£43,000": "−£196,000–−£43,000" reads as a
    /// subtraction.
    func testARangeWithANegativeEndSaysToRatherThanADash() {
        XCTAssertEqual(Wording.range(24, 38, Wording.count), "24–38")
        XCTAssertEqual(Wording.range(19_300_000, 26_400_000, Wording.money), "£19.3m–£26.4m")
        XCTAssertEqual(Wording.range(-195_757, -43_256, Wording.money), "−£196,000 to −£43,000")
        XCTAssertEqual(Wording.range(-45_310, 120_000, Wording.money), "−£45,000 to £120,000")
        XCTAssertEqual(Wording.pounds(-45_310), "−£45,310")
        XCTAssertEqual(Wording.pounds(-0.4), "£0", "no sign on a sum that rounds to nothing")
        XCTAssertEqual(Format.pounds(-1_122_000.4), "-£1,122,000")
        // In the page a minus sign is joined to its figure, so a line cannot break between them.
        XCTAssertEqual(Briefing.text("(80% range −£206,000 to £888,000) <b>"), "(80% range −\u{2060}£206,000 to £888,000) &lt;b&gt;")
    }

    func testMoneyIsShownInMillionsOrToTheNearestThousandNeverToThePenny() {
        XCTAssertEqual(Wording.money(22_783_114.56), "£22.8m")
        XCTAssertEqual(Wording.money(1_122_000), "£1.1m")
        XCTAssertEqual(Wording.money(999_700), "£1.0m")
        XCTAssertEqual(Wording.money(507_872), "£508,000")
        XCTAssertEqual(Wording.money(372_000), "£372,000")
        XCTAssertEqual(Wording.money(4_349), "£4,300")
        XCTAssertEqual(Wording.money(-45_310), "−£45,000")
        XCTAssertEqual(Wording.money(-3_654_000), "−£3.7m")
        XCTAssertEqual(Wording.money(20), "£0")
        XCTAssertEqual(Wording.pounds(1_122_000), "£1,122,000", "a target is a person's exact figure")
        for x in [12_345.678, 987_654.321] {
            XCTAssertFalse(Wording.money(x).contains("."), "no pence below £1m: \(Wording.money(x))")
        }
        XCTAssertEqual(Wording.money(45_678_901.23).filter { $0 == "." }.count, 1, "one decimal of millions")
    }

    func testPercentagesKeepOneDecimalOnlyBelowTen() {
        XCTAssertEqual(Wording.percent(6.3), "6.3%")
        XCTAssertEqual(Wording.percent(6.349), "6.3%")
        XCTAssertEqual(Wording.percent(12.4), "12%")
        XCTAssertEqual(Wording.percent(9.96), "10%")
        XCTAssertEqual(Wording.percent(0), "0%")
        XCTAssertEqual(Wording.percent(100), "100%")
        XCTAssertEqual(Wording.share(0.0512), "5.1%")
        XCTAssertEqual(Wording.share(0.816), "82%")
    }

    /// A chance is "0%" or "100%" only when no replication or every one did it: 995 of 1,000 saving money is not a
    /// certainty (the briefing once said "100% of replications save money" with five losing).
    func testChancesClaimNoCertaintyTheReplicationsDidNotGive() {
        XCTAssertEqual(Wording.chance(0.995), ">99%")
        XCTAssertEqual(Wording.chance(0.9999), ">99%")
        XCTAssertEqual(Wording.chance(1), "100%")
        XCTAssertEqual(Wording.chance(0.994), "99%")
        XCTAssertEqual(Wording.chance(0.0004), "<0.1%")
        XCTAssertEqual(Wording.chance(0), "0%")
        XCTAssertEqual(Wording.chance(0.0512), "5.1%", "as share writes it otherwise")
        XCTAssertEqual(Wording.chance(0.646), "65%")
        XCTAssertEqual(Format.chance(0.995), ">99%")
        XCTAssertEqual(Format.chance(0.994), "99%")
        XCTAssertEqual(Format.chance(1), "100%")
        XCTAssertEqual(Format.chance(0.004), "<1%")
        XCTAssertEqual(Format.chance(0.005), "1%")
        XCTAssertEqual(Format.chance(0), "0%")
        XCTAssertEqual(Format.chance(0.9996, decimals: 1), ">99.9%")
        XCTAssertEqual(Format.chance(0.0004, decimals: 1), "<0.1%")
        XCTAssertEqual(Format.chance(0.5, decimals: 1), "50.0%")
        XCTAssertEqual(Format.chance(.nan), "NA")
    }

    /// The terminal and the briefing give a comparison's probabilities to the same precision: a target met in 37 of
    /// 1,000 replications is "3.7%" in both (compare printed "4%" while the briefing said "3.7%").
    func testTheTerminalAndTheBriefingShareOneProbabilityFormat() {
        for p in [0, 0.0004, 0.013, 0.037, 0.0994, 0.0996, 0.1, 0.646, 0.994, 0.995, 1] {
            XCTAssertEqual(Wording.chance(p), Format.probability(p), "\(p)")
        }
        XCTAssertEqual(Format.probability(0.037), "3.7%")
        XCTAssertEqual(Format.probability(0.0996), "10%")
        XCTAssertEqual(Format.probability(0.646), "65%")
        XCTAssertEqual(Format.probability(0.0004), "<0.1%")
        XCTAssertEqual(Format.probability(0.9996), ">99%")
    }

    func testRangesShareTheirFormat() {
        XCTAssertEqual(Wording.range(24.2, 37.8, Wording.count), "24–38")
        XCTAssertEqual(Wording.range(19_310_000, 26_370_000, Wording.money), "£19.3m–£26.4m")
        XCTAssertEqual(Wording.march(closing: "2021-22"), "March 2022")
    }

    /// The wording is built on the one formatter the run files use (`Format`), with the briefing's own minus sign and
    /// its printf rounding of tenths, so that a briefing's text does not change from one version to the next.
    func testTheWordingUsesTheSharedFormatter() {
        XCTAssertEqual(Wording.count(-1_234.4), "−1,234")
        XCTAssertEqual(Format.grouped(-1_234), "-1,234", "files and tables keep the ASCII minus")
        XCTAssertEqual(Format.grouped(-1_234, minus: "−"), "−1,234")
        XCTAssertEqual(Format.grouped(999), "999")
        // Tenths in prose round the binary value as printf does (2.25 is exact: a tie, to even; 1.45 is just below);
        // the CSV files' `fixed` rounds the decimal half away from zero.
        XCTAssertEqual(Wording.percent(2.25), "2.2%")
        XCTAssertEqual(Wording.percent(1.45), "1.4%")
        XCTAssertEqual(Format.fixed(2.25, 1), "2.3")
        XCTAssertEqual(Format.fixed(1.45, 1), "1.5")
        XCTAssertEqual(Format.decimal(2.25, 1), "2.2")
        XCTAssertEqual(Format.rounded(2.345, 2), 2.35)
        XCTAssertTrue(Format.rounded(.nan, 2).isNaN)
    }
}
