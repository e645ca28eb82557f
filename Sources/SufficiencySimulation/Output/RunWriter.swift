import Foundation
import SufficiencyModel

/// What identifies a run, written to `manifest.json`.
public struct RunManifest: Sendable {
    public var toolVersion: String
    public var scenarioName: String
    public var scenarioOrigin: String
    public var resolvedYAML: String
    public var seed: UInt64
    public var replications: Int
    public var years: Int
    public var threads: Int
    public var startTime: Date
    public var wallSeconds: Double

    public init(toolVersion: String, scenarioName: String, scenarioOrigin: String, resolvedYAML: String, seed: UInt64,
                replications: Int, years: Int, threads: Int, startTime: Date, wallSeconds: Double) {
        self.toolVersion = toolVersion
        self.scenarioName = scenarioName
        self.scenarioOrigin = scenarioOrigin
        self.resolvedYAML = resolvedYAML
        self.seed = seed
        self.replications = replications
        self.years = years
        self.threads = threads
        self.startTime = startTime
        self.wallSeconds = wallSeconds
    }
}

/// Writes a run directory: the files are written into a partial directory beside the target (`PartialDirectory`)
/// and renamed into place only when all are complete, so an interrupted run never leaves a half-written run
/// directory, and one killed outright leaves a visible `<target>.partial-<pid>` that the next run removes.
public enum RunWriter {
    /// Files of a run directory, in the order they are written.
    public static let fileNames = ["scenario.resolved.yaml", "manifest.json", "annual.csv", "summary.csv",
                                   "monthly.csv", "requests.csv", "sufficiency.csv", "supply.csv"]

    /// The partial directory reserved for this process's output, removed by the interrupt handler or when the
    /// command fails before writing.
    nonisolated(unsafe) public static var reserved: PartialDirectory?

    /// Reserves `directory` before any work is done: creates its partial directory, which both proves the place
    /// writable and marks it as being written. `writeAtomically` then fills and renames it.
    public static func reserve(_ directory: URL) throws {
        if let reserved, reserved.target.standardizedFileURL == directory.standardizedFileURL { return }
        reserved?.abandon()
        reserved = try PartialDirectory.create(for: directory)
    }

    /// Removes the reserved partial directory, if any: the command stopped before writing its output.
    public static func abandon() {
        reserved?.abandon()
        reserved = nil
    }

    /// Writes `result` to `directory` (which must not exist, or is replaced when `replace`).
    public static func write(_ result: RunResult, manifest: RunManifest, to directory: URL, replace: Bool) throws {
        try writeAtomically(to: directory, replace: replace) { temporary in
            try writeRunFiles(result, manifest: manifest, into: temporary)
        }
    }

    /// The run files of `result`, written into an existing directory.
    public static func writeRunFiles(_ result: RunResult, manifest: RunManifest, into directory: URL) throws {
        let clock = ContinuousClock.now
        defer { reportOutputTime(since: clock, directory) }
        try write(manifest.resolvedYAML, directory, "scenario.resolved.yaml")
        try write(manifestJSON(manifest, result), directory, "manifest.json")
        try write(annualCSV(result), directory, "annual.csv")
        try write(summaryCSV(result), directory, "summary.csv")
        try write(monthlyCSV(result), directory, "monthly.csv")
        try write(requestsCSV(result), directory, "requests.csv")
        try write(sufficiencyCSV(result), directory, "sufficiency.csv")
        try write(supplyCSV(result), directory, "supply.csv")
    }

    /// With `SUFFICIENCY_OUTPUT_TIMING` set in the environment, the time the output phase took (building and writing
    /// a run's files) is printed to standard error: a measurement aid, not part of the output.
    static let reportsOutputTime = ProcessInfo.processInfo.environment["SUFFICIENCY_OUTPUT_TIMING"] != nil

    static func reportOutputTime(since start: ContinuousClock.Instant, _ directory: URL) {
        guard reportsOutputTime else { return }
        let d = (ContinuousClock.now - start).components
        let seconds = Double(d.seconds) + Double(d.attoseconds) * 1e-18
        FileHandle.standardError.write(Data("output phase: \(Format.fixed(seconds, 3)) s (\(directory.lastPathComponent))\n".utf8))
    }

    /// Fills the partial directory beside `directory` (reserved earlier, or now) with `body`, then renames it into
    /// place, so that `directory` either appears complete or not at all. An existing empty `directory` is
    /// replaced; a non-empty one only when `replace` (the caller checks it is safe to replace).
    public static func writeAtomically(to directory: URL, replace: Bool, _ body: (URL) throws -> Void) throws {
        try reserve(directory)
        guard let partial = reserved else { return }
        do {
            try body(partial.url)
            try partial.commit(replace: replace)
            reserved = nil
        } catch {
            abandon()
            throw error
        }
    }

    public static func write(_ text: String, _ directory: URL, _ name: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    static func manifestJSON(_ m: RunManifest, _ result: RunResult) -> String {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime]
        let fields: [(String, String)] = [
            ("tool", Format.json("sufficiency")),
            ("tool_version", Format.json(m.toolVersion)),
            ("scenario", Format.json(m.scenarioName)),
            ("scenario_origin", Format.json(m.scenarioOrigin)),
            ("scenario_sha256", Format.json(SHA256.hex(Array(m.resolvedYAML.utf8)))),
            ("seed", String(m.seed)),
            ("replications", String(m.replications)),
            ("years", String(m.years)),
            ("financial_years", "[" + result.years.map { Format.json($0.label) }.joined(separator: ", ") + "]"),
            ("threads", String(m.threads)),
            ("start_time", Format.json(iso.string(from: m.startTime))),
            ("wall_seconds", Format.fixed(m.wallSeconds, 3)),
            ("child_days", Format.fixed(result.childDays, 0)),
            ("events", String(result.events)),
            ("parameter_uncertainty", Format.json(result.model.parameterUncertainty)),
        ]
        return "{\n" + fields.map { "  \(Format.json($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    static func cell(_ metric: AnnualMetric, _ x: Double) -> String {
        metric.isCount ? Format.fixed(x, 0) : Format.fixed(x, metric.isMoney ? 2 : 4)
    }

    static func annualCSV(_ result: RunResult) -> String {
        var out = "replication,year," + AnnualMetric.allCases.map(\.label).joined(separator: ",") + "\n"
        out.reserveCapacity(result.replications * result.years.count * 260)
        for r in 0..<result.replications {
            for (y, year) in result.years.enumerated() {
                out += String(r + 1) + "," + year.label
                for metric in AnnualMetric.allCases {
                    out += "," + cell(metric, result.value(metric, year: y, replication: r))
                }
                out += "\n"
            }
        }
        return out
    }

    static func summaryCSV(_ result: RunResult) -> String {
        var out = "metric,year,mean,sd," + Summary.levelLabels.joined(separator: ",") + "\n"
        for metric in AnnualMetric.allCases {
            let decimals = metric.isMoney ? 2 : 4
            for (y, year) in result.years.enumerated() {
                let s = Summary(result.values(metric, year: y))
                out += metric.label + "," + year.label + "," + Format.fixed(s.mean, decimals) + ","
                    + Format.fixed(s.sd, decimals) + ","
                    + s.quantiles.map { Format.fixed($0, decimals) }.joined(separator: ",") + "\n"
            }
        }
        return out
    }

    static func monthlyCSV(_ result: RunResult) -> String {
        var out = "month,placement,mean,p05,p25,p50,p75,p95\n"
        for (m, label) in result.monthLabels.enumerated() {
            for (k, series) in MonthlySeries.labels.enumerated() {
                let s = Summary(result.monthlyValues(series: k, month: m))
                out += label + "," + series + "," + Format.fixed(s.mean, 4)
                for level in [0.05, 0.25, 0.5, 0.75, 0.95] { out += "," + Format.fixed(s.quantile(level), 4) }
                out += "\n"
            }
        }
        return out
    }

    /// The sufficiency gap: every year × age band × need tier × group size × measure, zeros included.
    static func sufficiencyCSV(_ result: RunResult) -> String {
        var out = "year,age_band,need_tier,group_size,measure,mean,p05,p50,p95\n"
        for (y, year) in result.years.enumerated() {
            for age in AgeBand.allCases {
                for need in NeedTier.allCases {
                    for group in GroupSize.allCases {
                        let segment = SufficiencyLayout.segment(age, need, group)
                        let prefix = year.label + "," + age.label + "," + need.label + "," + group.label + ","
                        for m in SufficiencyMeasure.allCases {
                            out += prefix + m.label + "," + cells(result.sufficiency(year: y, segment: segment, m))
                        }
                    }
                }
            }
        }
        return out
    }

    /// In-house places approved for, and vacant for, each age band at 31 March.
    static func supplyCSV(_ result: RunResult) -> String {
        var out = "year,age_band,measure,mean,p05,p50,p95\n"
        for (y, year) in result.years.enumerated() {
            for age in AgeBand.allCases {
                for m in SupplyMeasure.allCases {
                    out += year.label + "," + age.label + "," + m.label + "," + cells(result.supply(year: y, age, m))
                }
            }
        }
        return out
    }

    static func cells(_ s: CellSummary) -> String {
        Format.fixed(s.mean, 4) + "," + Format.fixed(s.p05, 4) + "," + Format.fixed(s.p50, 4) + ","
            + Format.fixed(s.p95, 4) + "\n"
    }

    static func requestsCSV(_ result: RunResult) -> String {
        var out = "year,measure,mean,p05,p50,p95\n"
        for (y, year) in result.years.enumerated() {
            for (k, label) in RequestTally.labels.enumerated() {
                let s = Summary(result.requestValues(column: k, year: y))
                out += year.label + "," + label + "," + Format.fixed(s.mean, 4) + "," + Format.fixed(s.p05, 4) + ","
                    + Format.fixed(s.p50, 4) + "," + Format.fixed(s.p95, 4) + "\n"
            }
        }
        return out
    }
}
