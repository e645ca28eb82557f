import Foundation
@testable import SufficiencyCalibration
import SufficiencyData
import SufficiencyModel
import SufficiencySimulation
import XCTest

/// Forecast recovery: many councils' returns generated from one known process, each calibrated on its three years
/// to 31 March 2019 and simulated over the next year, against the flows that process then produced.
///
/// The process has strongly age-dependent adoption and no duration effect at all (the case that multiplied
/// marginals and event-count pooling got wrong: adoptions 22% too high). Each council's forecast mean is compared
/// with the flow the process is expected to produce given that council's children in care on 31 March (found by
/// continuing the process many times), and its 90% interval with the flow that actually followed. With parameter
/// uncertainty the intervals must cover 85–95% of realised flows; the process's randomness alone is not enough.
final class ForecastRecoveryTests: XCTestCase {
    // The truth. Entries a year by age band; exit hazards a year by route (reunification, adoption, special
    // guardianship, other) and age band, with no duration effect.
    static let entries: [Double] = [30, 35, 30, 40, 15]
    static let hazards: [[Double]] = [
        [0.25, 0.30, 0.30, 0.25, 0.20],
        [0.90, 0.45, 0.04, 0.00, 0.00],
        [0.15, 0.15, 0.10, 0.03, 0.00],
        [0.05, 0.05, 0.08, 0.12, 0.35],
    ]
    static let bandStarts: [Double] = [0, 1, 5, 10, 16, 18]
    static let recCodes = ["E4A", "E11", "E41", "E8", "E8"]
    static let day0 = CivilDate(year: 2004, month: 4, day: 1)
    static let forecastStart = Double(CivilDate(year: 2019, month: 4, day: 1).dayNumber - day0.dayNumber)
    static let forecastEnd = forecastStart + 366   // 1 April 2019 to 31 March 2020 (a leap year)
    /// Flows compared: entries, exits by route and at 18 over the year, and children in care at its end.
    static let flows = ["entries", "reunification", "adoption", "sgo", "other", "age18", "in_care_at_end"]
    static let metrics: [AnnualMetric] = [.entries, .exitsReunification, .exitsAdoption, .exitsSGO, .exitsOther,
                                          .exitsAge18, .childrenInCare]

    struct Council {
        var episodes = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
        var header = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
        var realised = [Double](repeating: 0, count: flows.count)
        var expected = [Double](repeating: 0, count: flows.count)
    }

    static func band(_ age: Double) -> Int { bandStarts.lastIndex { $0 <= age }.map { min($0, 4) } ?? 0 }

    /// When and how a child aged `age` at time `t` leaves care: (time, route 0–3, or 4 at 18).
    static func exit(at t: Double, age: Double, _ rng: RandomStream) -> (Double, Int) {
        var t = t, age = age, e = rng.unitExponential()
        while true {
            let b = band(age)
            let total = hazards.reduce(0) { $0 + $1[b] } / 365.25
            let span = (bandStarts[b + 1] - age) * 365.25
            if total * span >= e {
                let time = t + e / total
                var u = rng.uniform() * total * 365.25
                for r in 0..<4 {
                    u -= hazards[r][b]
                    if u < 0 { return (time, r) }
                }
                return (time, 3)
            }
            e -= total * span
            t += span
            age = bandStarts[b + 1]
            if age >= 18 { return (t, 4) }
        }
    }

    /// The flows in the forecast year of the children in care at its start (`ages`) and of new entries, one draw.
    static func continuation(ages: [Double], _ rng: RandomStream) -> [Double] {
        var f = [Double](repeating: 0, count: flows.count)
        func add(_ t: Double, _ age: Double) {
            let (time, route) = exit(at: t, age: age, rng)
            if time < forecastEnd {
                f[age + (time - t) / 365.25 >= 17.9 ? 5 : 1 + route] += 1
            } else {
                f[6] += 1
            }
        }
        for a in ages { add(forecastStart, a) }
        for b in 0..<5 {
            var t = forecastStart + rng.exponential(mean: 365.25 / entries[b])
            while t < forecastEnd {
                f[0] += 1
                add(t, bandStarts[b] + rng.uniform() * (bandStarts[b + 1] - bandStarts[b]))
                t += rng.exponential(mean: 365.25 / entries[b])
            }
        }
        return f
    }

    static func date(_ day: Double) -> String {
        let d = CivilDate(dayNumber: day0.dayNumber + Int(day.rounded(.down)))
        return String(format: "%02d/%02d/%04d", d.day, d.month, d.year)
    }

    /// A council's return to 31 March 2019 from 15 years of the process, its realised flows in the year after, and
    /// their expectation given the children in care on 31 March (200 continuations).
    static func generate(seed: UInt64) -> Council {
        let rng = RandomStream()
        rng.seed(master: seed, replication: 0, stream: .arrivals)
        var council = Council()
        var id = 100_000
        var inCare: [Double] = []
        for b in 0..<5 {
            var t = rng.exponential(mean: 365.25 / entries[b])
            while t < forecastStart {
                id += 1
                // Under 18 by the calendar too, once the dates are whole days: an episode starting on the 18th
                // birthday is rejected (care ends at 18), so the last three days before it are left out.
                let age = min(bandStarts[b] + rng.uniform() * (bandStarts[b + 1] - bandStarts[b]), 18 - 3 / 365.25)
                let (time, route) = exit(at: t, age: age, rng)
                let (place, provider) = [("U4", "PR1"), ("U4", "PR1"), ("U4", "PR4"), ("K2", "PR4")][id % 4]
                let closed = time < forecastStart
                council.header += "\(id),1,\(date(t - age * 365.25)),WBRI,A\(id),,\n"
                council.episodes += "\(id),\(date(t)),S,C2,N1,\(place),\(provider),\(closed ? date(time) : ""),"
                    + "\(closed ? recCodes[route] : ""),,,,\n"
                if !closed { inCare.append(age + (forecastStart - t) / 365.25) }
                t += rng.exponential(mean: 365.25 / entries[b])
            }
        }
        council.realised = continuation(ages: inCare, rng)
        let draws = 200
        for _ in 0..<draws {
            council.expected = zip(council.expected, continuation(ages: inCare, rng)).map { $0 + $1 / Double(draws) }
        }
        return council
    }

    struct Outcome {
        var forecastMean = [Double](repeating: 0, count: flows.count)
        var expected = [Double](repeating: 0, count: flows.count)
        var inside = [Int](repeating: 0, count: flows.count)
        var councils = 0
        /// Each council's forecast minus its expectation, per flow: the spread of the bias estimate.
        var differences = [[Double]](repeating: [], count: flows.count)

        /// The standard error of the ratio bias Σforecast ÷ Σexpected − 1 over the councils (delta method).
        func standardError(_ k: Int) -> Double {
            let d = differences[k], n = Double(d.count)
            let mean = d.reduce(0, +) / n
            let variance = d.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)
            return (variance / n).squareRoot() / (expected[k] / n)
        }
    }

    /// Generates, calibrates and forecasts `councils` councils.
    func recover(councils: Int, replications: Int, parameterUncertainty: Bool) throws -> Outcome {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("forecast-recovery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // The generated children arrive alone; the baseline's sibling groups would over-disperse entries.
        let baseline = dir.appendingPathComponent("baseline.yaml")
        try Data("""
            extends: peterborough-2017
            name: recovery-baseline
            title: Baseline for generated councils
            entries:
              sibling_group_size_mix:
                value: {"1": 1, "2": 0, "3": 0, "4": 0}
                unit: share
                source: "assumption: the generated councils' children arrive alone"

            """.utf8).write(to: baseline)
        // The councils are independent: generated, calibrated and forecast two at a time, each with its own seed
        // and one thread (a run's results are the same on any number of threads), then added up in council order.
        let slots = Slots(count: councils)
        DispatchQueue.concurrentPerform(iterations: councils) { c in
            let result = Result {
                try Self.forecast(council: c, in: dir, baseline: baseline, replications: replications,
                                  parameterUncertainty: parameterUncertainty)
            }
            slots.put(result, at: c)
        }
        var outcome = Outcome()
        for c in 0..<councils {
            let (council, forecast) = try slots.take(c).get()
            for (k, s) in forecast.enumerated() {
                outcome.forecastMean[k] += s.mean
                outcome.expected[k] += council.expected[k]
                outcome.differences[k].append(s.mean - council.expected[k])
                if council.realised[k] >= s.p05 && council.realised[k] <= s.p95 { outcome.inside[k] += 1 }
            }
            outcome.councils += 1
        }
        return outcome
    }

    /// One council generated, calibrated on its return and forecast a year: the council and the summary of each
    /// metric (`metrics`) over the replications.
    static func forecast(council c: Int, in dir: URL, baseline: URL, replications: Int,
                         parameterUncertainty: Bool) throws -> (Council, [Summary]) {
        let council = generate(seed: 1_000 + UInt64(c))
        let data = dir.appendingPathComponent("c\(c)")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data(council.episodes.utf8).write(to: data.appendingPathComponent("episodes.csv"))
        try Data(council.header.utf8).write(to: data.appendingPathComponent("header.csv"))
        let loaded = try SSDA903Reader.load(paths: [data.path], la: nil)
        guard loaded.quality.rejected.isEmpty else {
            throw Failure("council \(c): rows rejected: \(loaded.quality.rejected.map(\.reason))")
        }
        var options = Calibration.Options()
        options.windowEnd = CivilDate(year: 2019, month: 3, day: 31)
        options.snapshot = options.windowEnd
        options.baseline = baseline.path
        options.name = "council-\(c)"
        options.parameterUncertainty = parameterUncertainty
        var calibration = try Calibration(data: loaded, options: options)
        let scenario = try ScenarioLoader.load(yaml: calibration.scenarioYAML(), file: "council-\(c).yaml").scenario
        guard scenario.startDate == CivilDate(year: 2019, month: 4, day: 1) else {
            throw Failure("council \(c): starts \(scenario.startDate), not 1 April 2019")
        }
        let model = CompiledScenario(scenario, horizonYears: 1)
        guard model.years.count == 1 else { throw Failure("council \(c): \(model.years.count) years, not 1") }
        // Each council its own seed: with one seed for all, every council's forecast shared the same draws, so
        // their errors did not average out over the councils (entries came out 1.9% high on all 120 alike, a
        // fluke of seed 7's 120 replications) and the standard error below, taken over councils, missed them.
        let result = MonteCarlo.run(model, replications: replications, seed: 7 + UInt64(c), threads: 1)
        return (council, metrics.map { Summary(result.values($0, year: 0)) })
    }

    /// A council's set-up that went wrong, thrown from a worker thread and failed on the test's own.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// The councils' results, each put by one worker and taken in council order.
    final class Slots: @unchecked Sendable {
        private var results: [Result<(Council, [Summary]), Error>?]
        private let lock = NSLock()
        init(count: Int) { results = Array(repeating: nil, count: count) }
        func put(_ result: Result<(Council, [Summary]), Error>, at c: Int) { lock.withLock { results[c] = result } }
        func take(_ c: Int) -> Result<(Council, [Summary]), Error> { lock.withLock { results[c]! } }
    }

    func testForecastsOfGeneratedCouncilsAreUnbiasedAndTheirIntervalsCoverTheFlows() throws {
        // 120 councils, each simulated with its own seed: adoption, about 30 a council, then has a bias estimate with
        // a standard error under 1%. (With one seed shared by every council, adoption's bias wandered by ±3% from
        // one set of 40 councils to another: the shared draws' error did not average out.)
        let councils = 120, replications = 120
        let on = try recover(councils: councils, replications: replications, parameterUncertainty: true)
        var lines: [String] = []
        for (k, flow) in Self.flows.enumerated() {
            let bias = on.forecastMean[k] / on.expected[k] - 1, se = on.standardError(k)
            lines.append(String(format: "%@: forecast %.1f, expected %.1f a council (bias %+.1f%%, standard error %.1f%%), 90%% interval held %d of %d",
                                flow, on.forecastMean[k] / Double(councils), on.expected[k] / Double(councils), 100 * bias,
                                100 * se, on.inside[k], councils))
            // Unbiased: within 5%, or within three standard errors for a flow so small that 80 councils cannot pin
            // its bias to 5% (adoption, about 30 a council: the standard error is near 2%).
            XCTAssertLessThanOrEqual(abs(bias), max(0.05, 3 * se), lines.last!)
            XCTAssertLessThanOrEqual(se, 0.04, "too few councils to test \(flow)'s bias")
        }
        let coverage = Double(on.inside.reduce(0, +)) / Double(councils * Self.flows.count)
        lines.append(String(format: "90%% intervals covered %.1f%% of %d realised flows", 100 * coverage, councils * Self.flows.count))
        XCTAssertGreaterThanOrEqual(coverage, 0.85, lines.joined(separator: "\n"))
        XCTAssertLessThanOrEqual(coverage, 0.95, lines.joined(separator: "\n"))
        print(lines.joined(separator: "\n"))
        // For the record (slow, so only when asked): the same without parameter uncertainty.
        if ProcessInfo.processInfo.environment["SUFFICIENCY_RECOVERY_COMPARE"] != nil {
            let off = try recover(councils: councils, replications: replications, parameterUncertainty: false)
            print(String(format: "without parameter uncertainty: 90%% intervals covered %.1f%%",
                         100 * Double(off.inside.reduce(0, +)) / Double(councils * Self.flows.count)))
            for (k, flow) in Self.flows.enumerated() {
                print(String(format: "  %@: bias %+.1f%% (standard error %.1f%%), 90%% interval held %d of %d", flow,
                             100 * (off.forecastMean[k] / off.expected[k] - 1), 100 * off.standardError(k), off.inside[k],
                             councils))
            }
        }
    }
}
