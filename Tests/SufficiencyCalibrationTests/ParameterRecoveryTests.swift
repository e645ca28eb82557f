import Foundation
@testable import SufficiencyCalibration
import SufficiencyData
import SufficiencyModel
import SufficiencySimulation
import XCTest

/// Parameter recovery: SSDA903-shaped episodes generated from a known process with the project's own GSL
/// generator, calibrated, and each estimate's interval must contain the truth. The checks use 99.9% intervals:
/// with five of them a 95% interval would fail for about one seed in four by chance alone (seed 42 puts the
/// "other" exits 2.1 standard errors high).
final class ParameterRecoveryTests: XCTestCase {
    // The truth: children aged 11 enter at 60 a year; in care they go home at 0.7 a year and leave for other
    // reasons at 0.2 a year; their in-house placements break down at 0.4 a year (carer requests).
    static let entryRate = 60.0, reunification = 0.7, other = 0.2, breakdown = 0.4
    static let first = CivilDate(year: 2014, month: 4, day: 1), years = 6.0

    static func date(_ day: Double) -> String {
        let d = CivilDate(dayNumber: first.dayNumber + Int(day.rounded(.down)))
        return String(format: "%02d/%02d/%04d", d.day, d.month, d.year)
    }

    /// Writes episodes and header files of the known process into `directory`. With `reportedFrom` (days after
    /// `first`), as returns from that day's collection year would hold it: only the episodes still open then, so the
    /// longest stayers' DECOMs go back years before the first entry or exit recorded.
    /// `entryRate`, `reunification` and `other` replace the known rates.
    static func generate(into directory: URL, reportedFrom: Double? = nil, entryRate: Double = entryRate,
                         reunification: Double = reunification, other: Double = other) throws -> Int {
        let rng = RandomStream()
        rng.seed(master: 42, replication: 0, stream: .arrivals)
        var episodes = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
        var header = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
        let horizon = years * 365.25
        var t = 0.0, id = 100_000, rows = 0
        while true {
            t += rng.exponential(mean: 365.25 / entryRate)
            if t >= horizon { break }
            id += 1
            var reported = false
            let exit = t + rng.exponential(mean: 365.25 / (reunification + other))
            let goesHome = rng.uniform() < reunification / (reunification + other)
            var start = t
            var rne = "S"
            while true {
                let move = start + rng.exponential(mean: 365.25 / breakdown)
                if move < exit && move < horizon {
                    if move >= reportedFrom ?? 0 {
                        episodes += "\(id),\(date(start)),\(rne),C2,N1,U4,PR1,\(date(move)),X1,CREQB,,,\n"
                        rows += 1
                        reported = true
                    }
                    start = move
                    rne = "P"
                } else {
                    let ended = exit < horizon
                    if !ended || exit >= reportedFrom ?? 0 {
                        episodes += "\(id),\(date(start)),\(rne),C2,N1,U4,PR1,\(ended ? date(exit) : ""),\(ended ? (goesHome ? "E4A" : "E8") : ""),,,,\n"
                        rows += 1
                        reported = true
                    }
                    break
                }
            }
            if reported { header += "\(id),1,\(date(t - 11 * 365.25)),WBRI,A\(id),,\n" }
        }
        try Data(episodes.utf8).write(to: directory.appendingPathComponent("episodes.csv"))
        try Data(header.utf8).write(to: directory.appendingPathComponent("header.csv"))
        return rows
    }

    func testCalibrationRecoversKnownEntryExitAndBreakdownRates() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("recovery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rows = try Self.generate(into: dir)
        // About 360 children enter over the six years, each with one row and more after moves: a floor four standard
        // deviations below the expected number of children only checks that data were generated.
        XCTAssertGreaterThan(rows, 280)
        let data = try SSDA903Reader.load(paths: [dir.path], la: nil)
        XCTAssertEqual(data.quality.rejected.count, 0, data.quality.markdown)
        // A three-year window in the middle, away from the start-up and the end.
        let start = CivilDate(year: 2016, month: 4, day: 1), end = CivilDate(year: 2019, month: 4, day: 1)
        let e = Estimates(data: data, windowStart: start, windowEnd: end, snapshot: end)

        // Entries: a Poisson count over three years; its exact interval must contain 3 × 60.
        let entries = RateEstimate(events: e.entries.reduce(0, +), exposureDays: e.windowYears * 365.25)
        XCTAssertLessThanOrEqual(entries.interval(level: 0.999).low, Self.entryRate, "entries \(entries.perYear)")
        XCTAssertGreaterThanOrEqual(entries.interval(level: 0.999).high, Self.entryRate, "entries \(entries.perYear)")

        let home = e.exitRate(Estimates.routes.firstIndex(of: .reunification)!)
        XCTAssertLessThanOrEqual(home.interval(level: 0.999).low, Self.reunification, "reunification \(home.perYear)")
        XCTAssertGreaterThanOrEqual(home.interval(level: 0.999).high, Self.reunification, "reunification \(home.perYear)")
        let elsewhere = e.exitRate(Estimates.routes.firstIndex(of: .other)!)
        XCTAssertLessThanOrEqual(elsewhere.interval(level: 0.999).low, Self.other, "other \(elsewhere.perYear)")
        XCTAssertGreaterThanOrEqual(elsewhere.interval(level: 0.999).high, Self.other, "other \(elsewhere.perYear)")

        let moves = RateEstimate(events: e.breakdowns[PlacementType.inHouseFoster.index],
                                 exposureDays: e.placementExposure[PlacementType.inHouseFoster.index])
        XCTAssertLessThanOrEqual(moves.interval(level: 0.999).low, Self.breakdown, "breakdowns \(moves.perYear)")
        XCTAssertGreaterThanOrEqual(moves.interval(level: 0.999).high, Self.breakdown, "breakdowns \(moves.perYear)")
        XCTAssertEqual(e.plannedMoves[PlacementType.inHouseFoster.index], 0, "every move was a carer request")

        // The stock at the snapshot is the M/M/∞ stock: mean λ/μ = 60/0.9 ≈ 67; Poisson, so well within 67 ± 4√67.
        XCTAssertEqual(Double(e.childrenInCare), Self.entryRate / (Self.reunification + Self.other), accuracy: 4 * (66.7).squareRoot())

        // The calibrated scenario is valid, and its rates are the estimates.
        var options = Calibration.Options()
        options.windowStart = start
        options.windowEnd = end
        options.name = "recovered"
        var calibration = try Calibration(data: data, options: options)
        let yaml = calibration.scenarioYAML()
        let loaded = try ScenarioLoader.load(yaml: yaml, file: "recovered.yaml")
        // Its reunification hazard, averaged over the exposure the children had (all aged 10-15), is the observed
        // rate: the joint fit's factors multiply back to it (within the small pull of the shrinkage prior).
        let x = loaded.scenario.exits
        let ageBand = AgeBand.age10to15.index
        let exposed = e.exposure[ageBand]
        let implied = zip(exposed, x.timeInCareMultiplier[0]).reduce(0) { $0 + $1.0 * x.baseHazard[0][0] * x.ageMultiplier[0][ageBand] * $1.1 }
            / exposed.reduce(0, +)
        XCTAssertEqual(implied, home.perYear, accuracy: 0.01 * home.perYear)
        XCTAssertEqual(loaded.scenario.population.childrenInCare, e.childrenInCare)
        XCTAssertTrue(calibration.reportMarkdown().contains("## Exit hazards"))
    }

    func testExactPoissonIntervalsMatchKnownValues() {
        // Garwood 95% interval for 10 events in one year: [4.795, 18.390].
        let r = RateEstimate(events: 10, exposureDays: 365.25)
        XCTAssertEqual(r.interval.low, 4.795, accuracy: 0.001)
        XCTAssertEqual(r.interval.high, 18.390, accuracy: 0.001)
        XCTAssertEqual(RateEstimate(events: 0, exposureDays: 365.25).interval.high, 3.689, accuracy: 0.001)
    }
}
