import Foundation
@testable import SufficiencyCalibration
import SufficiencyData
import SufficiencyModel
@testable import SufficiencySimulation
import XCTest

/// Each replication's draw of the estimated rates (`RateDraws`), the entry model (`EntryTrend`), and the
/// `parameter_uncertainty` section as `calibrate` writes it and the loader reads it.
final class ParameterUncertaintyTests: XCTestCase {
    static func baseline() throws -> Scenario { try ScenarioLoader.loadDefault().scenario }

    /// Adoption-like exits: all events in the youngest bands, much exposure and none elsewhere.
    static let adoption = EventTable(
        events: [[6, 3, 1, 0, 0], [10, 8, 6, 2, 0], [1, 1, 1, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]],
        exposureYears: [[8, 4, 1, 0.2, 0], [15, 12, 14, 6, 0.5], [10, 9, 18, 25, 12], [12, 11, 30, 70, 60], [4, 4, 6, 12, 18]])

    func scenario(_ u: ParameterUncertainty) throws -> Scenario {
        var s = try Self.baseline()
        s.parameterUncertainty = u
        return s
    }

    /// The events the scenario's adoption hazards imply over the table's exposure.
    func impliedAdoptions(_ s: Scenario) -> Double {
        let x = s.exits, r = ExitRoute.hazardRoutes.firstIndex(of: .adoption)!
        var total = 0.0
        for a in 0..<AgeBand.count {
            for t in 0..<5 {
                total += x.baseHazard[r][0] * x.ageMultiplier[r][a] * x.timeInCareMultiplier[r][t] * Self.adoption.exposureYears[a][t]
            }
        }
        return total
    }

    /// Over many replications the drawn rates scatter around the scenario's own with the spread of a Poisson count
    /// of the table's events (39 here: sd about 1/√39 = 16%), and cells with no events stay at zero.
    func testDrawsScatterAroundTheEstimatesWithTheEventsSpread() throws {
        var u = ParameterUncertainty()
        let r = ExitRoute.hazardRoutes.firstIndex(of: .adoption)!
        u.exits[r] = Self.adoption
        var s = try scenario(u)
        // The scenario's adoption hazards are the table's fit, as `calibrate` writes them.
        let fit = JointHazard(events: Self.adoption.events, exposureYears: Self.adoption.exposureYears)
        s.exits.baseHazard[r] = s.exits.baseHazard[r].map { _ in fit.base }
        s.exits.ageMultiplier[r] = fit.rows
        s.exits.timeInCareMultiplier[r] = fit.columns
        let draws = try XCTUnwrap(RateDraws(s, years: [s.startDate.financialYear], yearStarts: [0], horizonDay: 365))
        let rng = RandomStream()
        let point = impliedAdoptions(s)
        let ratios = (0..<4000).map { r in impliedAdoptions(draws.scenario(key: UInt64(r) &* 7919, rng: rng)) / point }
        let m = moments(ratios)
        // Not four standard errors of these 4,000 draws (0.0027 on the mean, 0.0019 on the sd), and cannot be: on 39
        // events the Poisson spread is itself approximate. The refit is not linear in thin counts (the shrinkage
        // prior), and each factor is divided by its mean over 256 draws whose own error, fixed by their seed, is
        // about 0.16 / √256 = 0.01 on the mean. Measured: mean 0.9825 and sd 0.1712 against 1/√39 = 0.1601, each about
        // six of the draws' standard errors away. Four standard errors of the mean counting the 256 draws would be
        // about 0.04, so 0.02 is not loose; the sd's 0.03 is kept as a bound on the approximation.
        // `testDrawsOfAWellPopulatedTableHaveAPoissonCountsSpread` checks the spread to four standard errors where
        // the theory is exact.
        XCTAssertEqual(m.mean, 1, accuracy: 0.02)
        XCTAssertEqual(m.variance.squareRoot(), 1 / 39.0.squareRoot(), accuracy: 0.03)
        // A replication's draw leaves the other routes alone.
        let one = draws.scenario(key: 12345, rng: rng)
        XCTAssertEqual(one.exits.ageMultiplier[0], s.exits.ageMultiplier[0])
        XCTAssertEqual(one.exits.baseHazard, s.exits.baseHazard)
    }

    /// Where the refit is near linear in the counts (755 events, every cell with 10 or more), the drawn rates imply
    /// adoptions that scatter as a Poisson count of the table's events over those events: sd 1/√755 = 0.0364.
    /// Tolerances are four standard errors: of the sd of 4,000 draws, σ/√(2(n − 1)) = 0.00041 (a Poisson count of 755
    /// has negligible excess kurtosis); of the mean, the draws' σ/√n = 0.00058 and the error of the mean over 256
    /// draws each factor is divided by, σ/√256 = 0.0023, fixed by its seed (measured: sd 0.03651, mean 1.0029).
    func testDrawsOfAWellPopulatedTableHaveAPoissonCountsSpread() throws {
        let table = EventTable(
            events: [[60, 40, 30, 20, 10], [50, 45, 40, 30, 20], [30, 30, 35, 40, 25], [20, 25, 30, 40, 35],
                     [10, 15, 20, 25, 30]],
            exposureYears: [[80, 50, 40, 30, 20], [100, 90, 80, 60, 40], [100, 100, 110, 120, 80],
                            [120, 130, 150, 200, 180], [60, 70, 90, 110, 130]])
        let events = table.events.joined().reduce(0, +)
        XCTAssertEqual(events, 755)
        let r = ExitRoute.hazardRoutes.firstIndex(of: .adoption)!
        var u = ParameterUncertainty()
        u.exits[r] = table
        var s = try scenario(u)
        let fit = JointHazard(events: table.events, exposureYears: table.exposureYears)
        s.exits.baseHazard[r] = s.exits.baseHazard[r].map { _ in fit.base }
        s.exits.ageMultiplier[r] = fit.rows
        s.exits.timeInCareMultiplier[r] = fit.columns
        func implied(_ s: Scenario) -> Double {
            var total = 0.0
            for a in 0..<AgeBand.count {
                for t in 0..<5 {
                    total += s.exits.baseHazard[r][0] * s.exits.ageMultiplier[r][a] * s.exits.timeInCareMultiplier[r][t]
                        * table.exposureYears[a][t]
                }
            }
            return total
        }
        let draws = try XCTUnwrap(RateDraws(s, years: [s.startDate.financialYear], yearStarts: [0], horizonDay: 365))
        let rng = RandomStream()
        let point = implied(s)
        let n = 4000
        let ratios = (0..<n).map { k in implied(draws.scenario(key: UInt64(k) &* 7919, rng: rng)) / point }
        let m = moments(ratios)
        let sigma = 1 / events.squareRoot()
        XCTAssertEqual(m.variance.squareRoot(), sigma, accuracy: 4 * sigma / (2 * Double(n - 1)).squareRoot())
        let meanSE = (sigma * sigma / Double(n) + sigma * sigma / Double(RateDraws.calibrationDraws)).squareRoot()
        XCTAssertEqual(m.mean, 1, accuracy: 4 * meanSE)
    }

    /// The same key draws the same rates, whatever else differs between the scenarios (common random numbers in
    /// `compare`): an intervention's multiplier survives, scaled by the same draw.
    func testTheSameReplicationDrawsTheSameRatesInABaselineAndAScenario() throws {
        var u = ParameterUncertainty()
        u.exits[ExitRoute.hazardRoutes.firstIndex(of: .adoption)!] = Self.adoption
        u.entries = EntryTable(events: [[10, 12, 9], [20, 22, 25], [15, 14, 16], [30, 28, 33], [8, 9, 7]],
                               periodYears: [1, 1, 1], midpoints: [-2.5, -1.5, -0.5], trend: false)
        let base = try scenario(u)
        var changed = base
        changed.entries.annualRate = base.entries.annualRate.map { $0 * 0.8 }   // an edge-of-care programme, say
        let years = [base.startDate.financialYear]
        let a = try XCTUnwrap(RateDraws(base, years: years, yearStarts: [0], horizonDay: 365))
        let b = try XCTUnwrap(RateDraws(changed, years: years, yearStarts: [0], horizonDay: 365))
        let rng = RandomStream()
        for key: UInt64 in [1, 99, 123_456_789] {
            let x = a.scenario(key: key, rng: rng), y = b.scenario(key: key, rng: rng)
            XCTAssertEqual(x.exits.ageMultiplier, y.exits.ageMultiplier)
            for band in 0..<AgeBand.count {
                XCTAssertEqual(y.entries.annualRate[band], 0.8 * x.entries.annualRate[band], accuracy: 1e-9)
            }
        }
        XCTAssertNotEqual(a.scenario(key: 1, rng: rng).entries.annualRate, a.scenario(key: 2, rng: rng).entries.annualRate)
    }

    /// Off in the scenario, nothing is drawn and the manifest says so; a scenario without estimates says that.
    func testDrawingCanBeSwitchedOffAndTheManifestSaysWhich() throws {
        var u = ParameterUncertainty()
        u.breakdowns = EventTable(events: Array(repeating: [1, 1, 1, 1, 1], count: PlacementType.count),
                                  exposureYears: Array(repeating: [5, 5, 5, 5, 5], count: PlacementType.count))
        let on = CompiledScenario(try scenario(u), horizonYears: 1)
        XCTAssertNotNil(on.rates)
        XCTAssertTrue(on.parameterUncertainty.hasPrefix("on: "), on.parameterUncertainty)
        u.drawRates = false
        let off = CompiledScenario(try scenario(u), horizonYears: 1)
        XCTAssertNil(off.rates)
        XCTAssertTrue(off.parameterUncertainty.hasPrefix("off: "), off.parameterUncertainty)
        XCTAssertTrue(CompiledScenario(try Self.baseline(), horizonYears: 1).parameterUncertainty.hasPrefix("none: "))
        // With drawing on, replications differ in their rates but a run is still reproducible.
        var s = try scenario(ParameterUncertainty(breakdowns: u.breakdowns))
        s.breakdowns.annualHazardByPlacement = s.breakdowns.annualHazardByPlacement.map { max($0, 0.5) }
        let model = CompiledScenario(s, horizonYears: 1)
        let first = MonteCarlo.run(model, replications: 20, seed: 3, threads: 2)
        let again = MonteCarlo.run(model, replications: 20, seed: 3, threads: 1)
        XCTAssertEqual(first.annual, again.annual)
    }

    /// A planned-move table's draw scales the planned-move rates and no others (`RateDraws`: each table's row ratios
    /// scale its section's `annual_hazard_by_placement` and its column ratios that section's `age_multiplier`, as
    /// for breakdowns): with only `parameter_uncertainty.planned_moves` recorded (5 planned moves in 50 years in each
    /// cell, so a refit of Poisson counts moves every level), each replication's draw leaves every breakdown rate as
    /// written and draws planned-move age multipliers of its own.
    func testAPlannedMoveTableDrawsThePlannedMoveRatesAndNoOthers() throws {
        var u = ParameterUncertainty()
        u.plannedMoves = EventTable(events: Array(repeating: [5, 5, 5, 5, 5], count: PlacementType.count),
                                    exposureYears: Array(repeating: [50, 50, 50, 50, 50], count: PlacementType.count))
        let s = try scenario(u)
        let draws = try XCTUnwrap(RateDraws(s, years: [s.startDate.financialYear], yearStarts: [0], horizonDay: 365))
        let rng = RandomStream()
        var ageMultipliers: Set<[Double]> = []
        let keys: [UInt64] = [1, 2, 3, 99, 123_456_789]
        for key in keys {
            let x = draws.scenario(key: key, rng: rng)
            XCTAssertEqual(x.breakdowns.ageMultiplier, s.breakdowns.ageMultiplier, "key \(key)")
            XCTAssertEqual(x.breakdowns.annualHazardByPlacement, s.breakdowns.annualHazardByPlacement, "key \(key)")
            XCTAssertNotEqual(x.plannedMoves.annualHazardByPlacement, s.plannedMoves.annualHazardByPlacement, "key \(key)")
            ageMultipliers.insert(x.plannedMoves.ageMultiplier)
        }
        XCTAssertEqual(ageMultipliers.count, keys.count, "each replication draws its own planned-move age multipliers")
        XCTAssertFalse(ageMultipliers.contains(s.plannedMoves.ageMultiplier))
    }

    /// Poisson counts from a known trend: the fitted growth is unbiased and its standard error is honest.
    func testEntryTrendRecoversAKnownTrend() {
        let rng = RandomStream()
        rng.seed(master: 11, replication: 0, stream: .arrivals)
        let years: [Double] = [1, 1, 1], mids: [Double] = [-2.5, -1.5, -0.5]
        let rates: [Double] = [20, 40, 60], growth = 0.85
        var betas: [Double] = [], ses: [Double] = [], starts: [Double] = []
        for _ in 0..<2000 {
            let events = rates.map { r in zip(years, mids).map { Double(rng.poisson(mean: r * $0 * pow(growth, $1))) } }
            let fit = EntryTrend(events: events, periodYears: years, midpoints: mids, trend: true)
            betas.append(log(fit.growth))
            ses.append(fit.trendStandardError)
            starts.append(fit.rate.reduce(0, +))
        }
        let b = moments(betas)
        XCTAssertEqual(b.mean, log(growth), accuracy: 0.01)
        XCTAssertEqual(b.variance.squareRoot(), ses.reduce(0, +) / Double(ses.count), accuracy: 0.1 * b.variance.squareRoot())
        XCTAssertEqual(moments(starts).mean, 120, accuracy: 2)
        // Flat: each row's count over the years.
        let flat = EntryTrend(events: [[3, 4, 5]], periodYears: [1, 1, 0.5], midpoints: [-2, -1, -0.25], trend: false)
        XCTAssertEqual(flat.rate[0], 12 / 2.5, accuracy: 1e-12)
        XCTAssertEqual(flat.growth, 1)
    }

    /// Two periods are enough for a trend, and with two the fit is exact: 100 then 121 entries in two whole years
    /// grow by 1.21 a year, so the rate half a year after the second period's middle is 121 × 1.1 = 133.1 a year, and
    /// β = ln 1.21 has the standard error of a log ratio of two Poisson counts, √(1/100 + 1/121). One period has no
    /// trend to find: the rate is its count over its years.
    func testEntryTrendFromTwoPeriodsIsTheirRatio() {
        let fit = EntryTrend(events: [[100, 121]], periodYears: [1, 1], midpoints: [-1.5, -0.5], trend: true)
        XCTAssertEqual(fit.growth, 1.21, accuracy: 1e-9)
        XCTAssertEqual(fit.rate[0], 133.1, accuracy: 1e-7)
        XCTAssertEqual(fit.trendStandardError, (1.0 / 100 + 1.0 / 121).squareRoot(), accuracy: 1e-9)
        let one = EntryTrend(events: [[100, 0]], periodYears: [1, 0], midpoints: [-0.5, 0], trend: true)
        XCTAssertEqual(one.growth, 1)
        XCTAssertEqual(one.rate[0], 100, accuracy: 1e-12)
    }

    /// `calibrate` writes the section; the loader reads it back with the same numbers; a malformed one is refused
    /// with the key path.
    func testTheCalibratedSectionLoadsAndAMalformedOneIsRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("uncertainty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try ParameterRecoveryTests.generate(into: dir)
        let data = try SSDA903Reader.load(paths: [dir.path], la: nil)
        var options = Calibration.Options()
        options.windowStart = CivilDate(year: 2016, month: 4, day: 1)
        options.windowEnd = CivilDate(year: 2019, month: 4, day: 1)
        options.entriesTrend = true
        var calibration = try Calibration(data: data, options: options)
        let yaml = calibration.scenarioYAML()
        let loaded = try ScenarioLoader.load(yaml: yaml, file: "c.yaml").scenario
        let u = try XCTUnwrap(loaded.parameterUncertainty)
        XCTAssertTrue(u.drawRates)
        XCTAssertEqual(u.tableCount, 8)
        XCTAssertEqual(u.entries?.trend, true)
        let recorded: [Double] = (u.entries?.events ?? []).map { $0.reduce(0, +) }
        let counted: [Double] = calibration.estimates.entriesByPeriod.map { Double($0.reduce(0, +)) }
        XCTAssertEqual(recorded, counted)
        let exitEvents: Double = (u.exits[0]?.events ?? []).joined().reduce(0, +)
        XCTAssertEqual(exitEvents, Double(calibration.estimates.exitEvents[0].joined().reduce(0, +)))
        XCTAssertEqual(loaded.entries.annualTrend, calibration.entryFit.growth, accuracy: 1e-4)
        // A row with a column too many.
        let broken = yaml.replacingOccurrences(of: "\"0\": [0, 0, 0, 0, 0], \"1-4\"", with: "\"0\": [0, 0, 0, 0, 0, 0], \"1-4\"")
        XCTAssertNotEqual(broken, yaml)
        XCTAssertThrowsError(try ScenarioLoader.load(yaml: broken, file: "c.yaml")) { error in
            XCTAssertTrue("\(error)".contains("parameter_uncertainty."), "\(error)")
        }
    }

    /// Kinship at entry: a band with no entries takes all ages' share; a band with many keeps its own.
    func testKinshipSharesAreShrunkNotPooled() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kinship-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try ParameterRecoveryTests.generate(into: dir)   // every child enters aged 11, in-house
        let data = try SSDA903Reader.load(paths: [dir.path], la: nil)
        var options = Calibration.Options()
        options.windowStart = CivilDate(year: 2016, month: 4, day: 1)
        options.windowEnd = CivilDate(year: 2019, month: 4, day: 1)
        let k = try Calibration(data: data, options: options).kinshipShares
        XCTAssertEqual(k.entries[AgeBand.under1.index], 0)
        XCTAssertEqual(k.shares[AgeBand.under1.index], k.overall, accuracy: 1e-12)
        XCTAssertEqual(k.shares[AgeBand.age10to15.index], 0, accuracy: 0.02)
    }
}

/// Mean and (population) variance.
private func moments(_ x: [Double]) -> (mean: Double, variance: Double) {
    let mean = x.reduce(0, +) / Double(x.count)
    return (mean, x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count))
}

/// The bootstrap's refit by Newton's method reaches the same fit as iterative proportional fitting.
final class JointHazardRefitTests: XCTestCase {
    func testNewtonsRefitAgreesWithProportionalFitting() {
        let rng = RandomStream()
        rng.seed(master: 5, replication: 0, stream: .arrivals)
        let table = ParameterUncertaintyTests.adoption
        let fit = JointHazard(events: table.events, exposureYears: table.exposureYears)
        for _ in 0..<50 {
            let y = fit.fittedEvents(table.exposureYears).map { $0.map { Double(rng.poisson(mean: 3 * $0)) } }
            let newton = fit.refit(events: y, exposureYears: table.exposureYears)
            let ipf = JointHazard(events: y, exposureYears: table.exposureYears)
            XCTAssertLessThan(newton.iterations, 12)
            for (a, b) in zip(newton.rate.joined(), ipf.rate.joined()) { XCTAssertEqual(a, b, accuracy: 1e-7 * max(b, 1e-9)) }
        }
    }
}
