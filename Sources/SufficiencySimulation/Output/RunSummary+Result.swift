import Foundation
import SufficiencyModel

extension RunSummary {
    /// The typed summary of a run, with the figures of its CSV files rounded as they round them (`results.json`).
    public init(_ result: RunResult, manifest m: RunManifest) {
        self.init(result, manifest: m, tables: RunTables(result))
    }

    /// The same from summaries already computed for the CSV files (which print exactly these values).
    init(_ result: RunResult, manifest m: RunManifest, tables: RunTables) {
        let years = result.years.indices
        let manifest = Manifest(result, m)

        var annual: [String: [Statistics]] = [:]
        for metric in AnnualMetric.allCases {
            let d = metric.isMoney ? 2 : 4
            annual[metric.label] = years.map { y in
                let s = tables.annual[y * AnnualMetric.count + metric.rawValue]
                let q = s.quantiles.map { Format.rounded($0, d) }
                return Statistics(mean: Format.rounded(s.mean, d), sd: Format.rounded(s.sd, d), p05: q[0], p10: q[1],
                                  p25: q[2], p50: q[3], p75: q[4], p90: q[5], p95: q[6])
            }
        }
        var monthly: [String: [MonthQuantiles]] = [:]
        for (k, series) in MonthlySeries.labels.enumerated() {
            monthly[series] = result.monthLabels.indices.map { month in
                let s = tables.monthly[month * MonthlySeries.count + k]
                return MonthQuantiles(mean: Format.rounded(s.mean, 4), p05: Format.rounded(s.p05, 4),
                                      p25: Format.rounded(s.p25, 4), p50: Format.rounded(s.p50, 4),
                                      p75: Format.rounded(s.p75, 4), p95: Format.rounded(s.p95, 4))
            }
        }
        var requests: [String: [Estimate]] = [:]
        for (k, label) in RequestTally.labels.enumerated() {
            requests[label] = years.map { y in
                let s = tables.requests[y * RequestTally.count + k]
                return Estimate(mean: Format.rounded(s.mean, 4), p05: Format.rounded(s.p05, 4),
                                p50: Format.rounded(s.p50, 4), p95: Format.rounded(s.p95, 4))
            }
        }
        func estimate(_ c: CellSummary) -> Estimate {
            Estimate(mean: Format.rounded(c.mean, 4), p05: Format.rounded(c.p05, 4), p50: Format.rounded(c.p50, 4),
                     p95: Format.rounded(c.p95, 4))
        }
        var segments: [Segment] = []
        var supply: [Supply] = []
        for (y, year) in result.years.enumerated() {
            for age in AgeBand.allCases {
                for need in NeedTier.allCases {
                    for group in GroupSize.allCases {
                        let segment = SufficiencyLayout.segment(age, need, group)
                        let measures = SufficiencyMeasure.allCases.map { ($0, estimate(result.sufficiency(year: y, segment: segment, $0))) }
                        segments.append(Segment(year: year.label, ageBand: age, needTier: need, groupSize: group,
                                                measures: Dictionary(uniqueKeysWithValues: measures)))
                    }
                }
            }
            for age in AgeBand.allCases {
                let measures = SupplyMeasure.allCases.map { ($0, estimate(result.supply(year: y, age, $0))) }
                supply.append(Supply(year: year.label, ageBand: age, measures: Dictionary(uniqueKeysWithValues: measures)))
            }
        }
        // Summed in year order from the pennies `annual.csv` holds.
        let cumulative = (0..<result.replications).map { r in
            years.reduce(0.0) { $0 + Format.rounded(result.value(.netCost, year: $1, replication: r), 2) }
        }
        self.init(manifest: manifest, years: result.years.map(\.label), annual: annual, months: result.monthLabels,
                  monthly: monthly, requests: requests, sufficiency: segments, supply: supply,
                  cumulativeNetCost: cumulative)
    }
}

extension RunSummary.Manifest {
    /// What identifies a run, from the run's settings and results: the one place its fields are worked out, for
    /// `results.json` and for `manifest.json` (`RunWriter.manifestJSON`).
    init(_ result: RunResult, _ m: RunManifest) {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime]
        self.init(
            toolVersion: m.toolVersion, scenario: m.scenarioName, scenarioOrigin: m.scenarioOrigin,
            scenarioSHA256: SHA256.hex(Array(m.resolvedYAML.utf8)), seed: m.seed, replications: m.replications,
            years: m.years, threads: m.threads, startTime: iso.string(from: m.startTime),
            wallSeconds: Format.rounded(m.wallSeconds, 3), childDays: Format.rounded(result.childDays, 0),
            events: result.events, parameterUncertainty: result.model.parameterUncertainty)
    }
}

/// The text of `results.json`: the run's typed summary (`RunSummary`), which the report reads, built and encoded
/// either now or, `alongside` the writing of the other files, on a thread of its own; `finish` waits for it.
///
/// Safe to share with that thread: it only reads the finished run (`RunResult` and the summaries are not changed
/// once the simulation is over), and `finish` reads what it wrote only after waiting for it to end.
final class ResultsEncoding: @unchecked Sendable {
    private var outcome: Result<(RunSummary, Data), Error>?
    private let done = DispatchGroup()

    init(_ result: RunResult, manifest: RunManifest, tables: RunTables, alongside: Bool) {
        func encode() -> Result<(RunSummary, Data), Error> {
            let summary = RunSummary(result, manifest: manifest, tables: tables)
            return Result { (summary, try summary.encoded()) }
        }
        guard alongside else {
            outcome = encode()
            return
        }
        let work = UncheckedWork(encode)
        DispatchQueue.global().async(group: done) { [self] in outcome = work.run() }
    }

    /// The summary and its encoded text, once ready; rethrows an encoding error.
    func finish() throws -> (RunSummary, Data) {
        done.wait()
        return try outcome!.get()
    }
}

/// A closure handed to another thread that reads only values no one changes any more (`ResultsEncoding`).
private struct UncheckedWork<T>: @unchecked Sendable {
    let run: () -> T
    init(_ run: @escaping () -> T) { self.run = run }
}
