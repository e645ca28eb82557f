import XCTest
@testable import SufficiencyCalibration
import SufficiencyModel
import SufficiencySimulation

/// The joint Poisson model of exits against the faults of multiplied marginals and event-count pooling.
final class JointHazardTests: XCTestCase {
    /// Exposure where age and time in care are confounded (the youngest have been in care the shortest time),
    /// in days `[age band][time band]`.
    static let exposure: [[Double]] = [
        [40_000, 25_000, 8_000, 1_000, 0],
        [30_000, 30_000, 40_000, 30_000, 2_000],
        [15_000, 15_000, 25_000, 40_000, 20_000],
        [20_000, 20_000, 30_000, 60_000, 75_000],
        [8_000, 8_000, 10_000, 15_000, 20_000],
    ]
    /// Adoption-like truth: strongly age-dependent, no duration effect at all (per year).
    static let ageRate = [1.5, 0.6, 0.1, 0.0, 0.0]

    /// With the expected counts themselves as data, the joint fit finds no duration effect; the marginal method
    /// (rate by age over all durations × rate by duration over all ages) finds a large one.
    func testNoDurationEffectIsFoundWhereThereIsNone() {
        let events = (0..<5).map { a in (0..<5).map { t in Int((Self.exposure[a][t] / 365.25 * Self.ageRate[a]).rounded()) } }
        let fit = JointHazard(events: events, exposureDays: Self.exposure, priorEvents: 1)
        // Within 5% where the bands hold many events; the last holds 8, so a 20% pull of the prior is within its noise.
        for t in 0..<4 { XCTAssertEqual(fit.columns[t], 1, accuracy: 0.05, "time band \(t): \(fit.columns)") }
        XCTAssertEqual(fit.columns[4], 1, accuracy: 0.2, "time band 4: \(fit.columns)")
        // The marginal duration factors of the same data are far from 1.
        let byBand = (0..<5).map { t in Double((0..<5).reduce(0) { $0 + events[$1][t] }) / (0..<5).reduce(0) { $0 + Self.exposure[$1][t] } }
        let overall = Double(events.joined().reduce(0, +)) / Self.exposure.joined().reduce(0, +)
        XCTAssertGreaterThan(byBand[0] / overall, 1.5, "the confounding this test relies on")
        XCTAssertLessThan(byBand[4] / overall, 0.2)
        // Ages keep their rates; the fitted events add up to the observed.
        for a in 0..<3 {
            XCTAssertEqual(fit.rate[a][1], Self.ageRate[a], accuracy: 0.05 * Self.ageRate[a] + 0.01)
        }
        let fitted = (0..<5).reduce(0.0) { s, a in s + (0..<5).reduce(0.0) { $0 + fit.rate[a][$1] * Self.exposure[a][$1] / 365.25 } }
        XCTAssertEqual(fitted, Double(events.joined().reduce(0, +)), accuracy: 3)
    }

    /// No events in much exposure means a rate near zero, not the neighbour's.
    func testAZeroEventLargeExposureCellStaysNearZero() {
        let events = (0..<5).map { a in (0..<5).map { t in Int((Self.exposure[a][t] / 365.25 * Self.ageRate[a]).rounded()) } }
        let fit = JointHazard(events: events, exposureDays: Self.exposure)
        // 10-15: no events in 205,000 child-days (561 years).
        XCTAssertLessThan(fit.rate[3][3], 0.005)
        XCTAssertLessThan(fit.rate[3][3], fit.rate[1][3] / 100)
    }

    /// Poisson data from the truth, many times: the fitted expected events of each age band are unbiased within 3%
    /// where there are events, and the duration factors average 1 within 5%.
    func testFitsOfPoissonDataAreUnbiased() {
        let rng = RandomStream()
        rng.seed(master: 7, replication: 0, stream: .arrivals)
        var sums = [Double](repeating: 0, count: 5), time = [Double](repeating: 0, count: 5)
        let draws = 300
        for _ in 0..<draws {
            let events = (0..<5).map { a in (0..<5).map { t in rng.poisson(mean: Self.exposure[a][t] / 365.25 * Self.ageRate[a]) } }
            let fit = JointHazard(events: events, exposureDays: Self.exposure)
            for a in 0..<5 { sums[a] += (0..<5).reduce(0) { $0 + fit.rate[a][$1] * Self.exposure[a][$1] / 365.25 } }
            for t in 0..<5 { time[t] += fit.columns[t] }
        }
        for a in 0..<3 {
            let truth = Self.exposure[a].reduce(0, +) / 365.25 * Self.ageRate[a]
            XCTAssertEqual(sums[a] / Double(draws), truth, accuracy: 0.03 * truth, "age band \(a)")
        }
        for t in 0..<4 { XCTAssertEqual(time[t] / Double(draws), 1, accuracy: 0.05, "time band \(t)") }
    }
}
