import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
                                   "monthly.csv", "requests.csv", "sufficiency.csv", "supply.csv", "results.json"]

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

    /// The run files of `result`, written into an existing directory; returns the typed summary written as
    /// `results.json`, for writers of other formats (the workbook) to use without reading the files back.
    @discardableResult
    public static func writeRunFiles(_ result: RunResult, manifest: RunManifest, into directory: URL) throws -> RunSummary {
        try ParallelWork.$workerLimit.withValue(max(1, manifest.threads)) {
            try writeRunFiles(result, resolvedYAML: manifest.resolvedYAML, manifest: manifestJSON(manifest, result),
                              runManifest: manifest, into: directory)
        }
    }

    private static func writeRunFiles(_ result: RunResult, resolvedYAML: String, manifest: String,
                                      runManifest: RunManifest, into directory: URL) throws -> RunSummary {
        var timer = OutputTimer()
        func file(_ name: String, _ texts: () -> [ByteText]) throws {
            try timer.time(name) { try ByteText.write(texts(), to: directory.appendingPathComponent(name)) }
        }
        try write(resolvedYAML, directory, "scenario.resolved.yaml")
        try write(manifest, directory, "manifest.json")
        // Summarised once, for the CSV files and for results.json.
        let tables = RunTables(result)
        // results.json is encoded by Foundation's JSONEncoder, on one thread (about 0.14 s for 10,000
        // replications): with more than one thread it is built and encoded beside the CSV files, and written last.
        let results = ResultsEncoding(result, manifest: runManifest, tables: tables,
                                      alongside: ParallelWork.workers(for: 2) > 1)
        try timer.time("annual.csv") { try writeAnnual(result, to: directory.appendingPathComponent("annual.csv")) }
        try file("summary.csv") { [summaryText(result, tables.annual)] }
        try file("monthly.csv") { [monthlyText(result, tables.monthly)] }
        try file("requests.csv") { [requestsText(result, tables.requests)] }
        try file("sufficiency.csv") { sufficiencyText(result) }
        try file("supply.csv") { supplyText(result) }
        let summary = try timer.time("results.json") {
            let (summary, data) = try results.finish()
            try data.write(to: directory.appendingPathComponent(RunSummary.fileName))
            return summary
        }
        timer.report(directory)
        return summary
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

    /// `manifest.json`: the manifest's fields (`RunSummary.Manifest`, worked out once for it and `results.json`) in
    /// the order and layout users' scripts have always read.
    static func manifestJSON(_ m: RunManifest, _ result: RunResult) -> String {
        let f = RunSummary.Manifest(result, m)
        let fields: [(String, String)] = [
            ("tool", Format.json("sufficiency")),
            ("tool_version", Format.json(f.toolVersion)),
            ("scenario", Format.json(f.scenario)),
            ("scenario_origin", Format.json(f.scenarioOrigin)),
            ("scenario_sha256", Format.json(f.scenarioSHA256)),
            ("seed", String(f.seed)),
            ("replications", String(f.replications)),
            ("years", String(f.years)),
            ("financial_years", "[" + result.years.map { Format.json($0.label) }.joined(separator: ", ") + "]"),
            ("simulated_years", "[" + result.model.simulatedYears.map(\.json).joined(separator: ", ") + "]"),
            ("threads", String(f.threads)),
            ("start_time", Format.json(f.startTime)),
            ("wall_seconds", Format.jsonNumber(f.wallSeconds, 3)),
            ("child_days", Format.jsonNumber(f.childDays, 0)),
            ("events", String(f.events)),
            ("parameter_uncertainty", Format.json(f.parameterUncertainty)),
        ]
        return "{\n" + fields.map { "  \(Format.json($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    /// Replications formatted together into one buffer of annual.csv (by one worker).
    static let annualChunk = 250
    /// Buffers formatted in parallel before they are written, per worker: the file is written as it is built, so
    /// that a large run's annual.csv is never held in memory whole.
    static let annualChunksPerWorker = 4

    static func annualCSV(_ result: RunResult) -> String {
        annualText(result).map(\.string).joined()
    }

    /// annual.csv, all of it.
    static func annualText(_ result: RunResult) -> [ByteText] {
        [annualHeader()] + annualChunks(result, 0..<annualChunkCount(result))
    }

    /// annual.csv written to `url` a batch of chunks at a time (by default `annualChunksPerWorker` per worker).
    static func writeAnnual(_ result: RunResult, to url: URL, batch: Int? = nil) throws {
        let file = try ByteFile(creating: url)
        try file.write(annualHeader())
        let chunks = annualChunkCount(result)
        let batch = max(1, batch ?? annualChunksPerWorker * ParallelWork.workers(for: chunks))
        for first in stride(from: 0, to: chunks, by: batch) {
            for text in annualChunks(result, first..<min(chunks, first + batch)) { try file.write(text) }
        }
        try file.close()
    }

    static func annualHeader() -> ByteText {
        let header = ByteText()
        header.append("replication,year,days," + AnnualMetric.allCases.map(\.label).joined(separator: ",") + "\n")
        return header
    }

    static func annualChunkCount(_ result: RunResult) -> Int {
        (result.replications + annualChunk - 1) / annualChunk
    }

    /// annual.csv's rows for the replications of `chunks` (`annualChunk` replications each): a row per
    /// replication and year, a column per metric (counts without decimals, money with 2, percentages with 4),
    /// formatted in parallel, a chunk per task.
    static func annualChunks(_ result: RunResult, _ chunks: Range<Int>) -> [ByteText] {
        let years = result.years.count, metrics = AnnualMetric.count, replications = result.replications
        let decimals = AnnualMetric.allCases.map { $0.isCount ? 0 : $0.isMoney ? 2 : 4 }
        let yearLabels = result.model.simulatedYears.map { ByteText.bytes($0.csvCells) }
        return result.annual.withUnsafeBufferPointer { annual in
            let annual = SharedBuffer(annual) // read only
            return ParallelWork.map(chunks.count) { k in
                let first = (chunks.lowerBound + k) * annualChunk, end = min(replications, first + annualChunk)
                let text = ByteText(capacity: (end - first) * years * (metrics * 8 + 32))
                for r in first..<end {
                    for y in 0..<years {
                        text.append(UInt64(r + 1))
                        text.append(byte: 44)
                        yearLabels[y].withUnsafeBufferPointer { text.append(bytes: $0) }
                        let row = annual.base + (r * years + y) * metrics
                        for m in 0..<metrics {
                            text.append(byte: 44)
                            text.appendFixed(row[m], decimals[m])
                        }
                        text.append(byte: 10)
                    }
                }
                return text
            }
        }
    }

    static func summaryCSV(_ result: RunResult) -> String { summaryText(result).string }

    /// summary.csv: per metric and year, the mean, sd and quantiles over replications.
    static func summaryText(_ result: RunResult, _ table: SummaryTable? = nil) -> ByteText {
        let table = table ?? result.annualSummaries()
        let text = ByteText(capacity: 128 * AnnualMetric.count * result.years.count + 256)
        text.append("metric,year,days,mean,sd," + Summary.levelLabels.joined(separator: ",") + "\n")
        for metric in AnnualMetric.allCases {
            let decimals = metric.isMoney ? 2 : 4
            for (y, year) in result.model.simulatedYears.enumerated() {
                let s = table[y * AnnualMetric.count + metric.rawValue]
                text.append(metric.label)
                text.append(byte: 44)
                text.append(year.csvCells)
                text.append(byte: 44)
                text.appendFixed(s.mean, decimals)
                text.append(byte: 44)
                text.appendFixed(s.sd, decimals)
                for q in s.quantiles {
                    text.append(byte: 44)
                    text.appendFixed(q, decimals)
                }
                text.append(byte: 10)
            }
        }
        return text
    }

    static func monthlyCSV(_ result: RunResult) -> String { monthlyText(result).string }

    /// monthly.csv: per month end and series, the mean and quantiles of the stock over replications.
    static func monthlyText(_ result: RunResult, _ table: SummaryTable? = nil) -> ByteText {
        let table = table ?? result.monthlySummaries()
        let levels = [0.05, 0.25, 0.5, 0.75, 0.95]
        let text = ByteText(capacity: 80 * MonthlySeries.count * result.monthLabels.count + 64)
        text.append("month,placement,mean,p05,p25,p50,p75,p95\n")
        for (m, label) in result.monthLabels.enumerated() {
            for (k, series) in MonthlySeries.labels.enumerated() {
                let s = table[m * MonthlySeries.count + k]
                text.append(label)
                text.append(byte: 44)
                text.append(series)
                text.append(byte: 44)
                text.appendFixed(s.mean, 4)
                for level in levels {
                    text.append(byte: 44)
                    text.appendFixed(s.quantile(level), 4)
                }
                text.append(byte: 10)
            }
        }
        return text
    }

    static func sufficiencyCSV(_ result: RunResult) -> String { sufficiencyText(result).map(\.string).joined() }

    /// The sufficiency gap: every year × age band × need tier × group size × measure, zeros included. A year per
    /// task, in parallel.
    static func sufficiencyText(_ result: RunResult) -> [ByteText] {
        let header = ByteText()
        header.append("year,days,age_band,need_tier,group_size,measure,mean,p05,p50,p95\n")
        return [header] + byYear(result) { y, text in
            let year = result.model.simulatedYears[y].csvCells
            for age in AgeBand.allCases {
                for need in NeedTier.allCases {
                    for group in GroupSize.allCases {
                        let segment = SufficiencyLayout.segment(age, need, group)
                        let prefix = year + "," + age.label + "," + need.label + "," + group.label + ","
                        for m in SufficiencyMeasure.allCases {
                            text.append(prefix)
                            text.append(m.label)
                            cells(result.sufficiency(year: y, segment: segment, m), text)
                        }
                    }
                }
            }
        }
    }

    static func supplyCSV(_ result: RunResult) -> String { supplyText(result).map(\.string).joined() }

    /// In-house places approved for, and vacant for, each age band at 31 March.
    static func supplyText(_ result: RunResult) -> [ByteText] {
        let header = ByteText()
        header.append("year,days,age_band,measure,mean,p05,p50,p95\n")
        return [header] + byYear(result) { y, text in
            for age in AgeBand.allCases {
                for m in SupplyMeasure.allCases {
                    text.append(result.model.simulatedYears[y].csvCells + "," + age.label + "," + m.label)
                    cells(result.supply(year: y, age, m), text)
                }
            }
        }
    }

    /// A text per year, written by `body(year, text)` in parallel.
    static func byYear(_ result: RunResult, _ body: @Sendable (Int, ByteText) -> Void) -> [ByteText] {
        ParallelWork.map(result.years.count) { y in
            let text = ByteText(capacity: 1 << 15)
            body(y, text)
            return text
        }
    }

    /// ",mean,p05,p50,p95\n" with 4 decimals.
    static func cells(_ s: CellSummary, _ text: ByteText) {
        for x in [s.mean, s.p05, s.p50, s.p95] {
            text.append(byte: 44)
            text.appendFixed(x, 4)
        }
        text.append(byte: 10)
    }

    static func requestsCSV(_ result: RunResult) -> String { requestsText(result).string }

    /// requests.csv: per year and request counter, the mean and 5th, 50th and 95th percentiles over replications.
    static func requestsText(_ result: RunResult, _ table: SummaryTable? = nil) -> ByteText {
        let table = table ?? result.requestSummaries()
        let text = ByteText(capacity: 80 * RequestTally.count * result.years.count + 64)
        text.append("year,days,measure,mean,p05,p50,p95\n")
        for (y, year) in result.model.simulatedYears.enumerated() {
            for (k, label) in RequestTally.labels.enumerated() {
                let s = table[y * RequestTally.count + k]
                text.append(year.csvCells)
                text.append(byte: 44)
                text.append(label)
                for x in [s.mean, s.quantile(0.05), s.quantile(0.5), s.quantile(0.95)] {
                    text.append(byte: 44)
                    text.appendFixed(x, 4)
                }
                text.append(byte: 10)
            }
        }
        return text
    }
}

/// With `SUFFICIENCY_OUTPUT_TIMING` set in the environment, the time the output phase takes (building and writing a
/// run's files), in all and by file, is printed to standard error: a measurement aid, not part of the output.
struct OutputTimer {
    static let enabled = ProcessInfo.processInfo.environment["SUFFICIENCY_OUTPUT_TIMING"] != nil
    private let start = ContinuousClock.now
    private let startCPU = OutputTimer.processorSeconds()
    private var steps: [(String, Duration)] = []

    mutating func time<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        guard Self.enabled else { return try body() }
        let clock = ContinuousClock.now
        let value = try body()
        steps.append((name, ContinuousClock.now - clock))
        return value
    }

    /// Processor time of the whole process, user and system (the output phase runs alone: the simulation is over).
    static func processorSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    func report(_ directory: URL) {
        guard Self.enabled else { return }
        func seconds(_ d: Duration) -> String {
            Format.fixed(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18, 3)
        }
        let parts = steps.map { "\($0.0) \(seconds($0.1))" }.joined(separator: ", ")
        let cpu = Format.fixed(Self.processorSeconds() - startCPU, 3)
        let line = "output phase: \(seconds(ContinuousClock.now - start)) s, \(cpu) s of processor time "
            + "(\(directory.lastPathComponent): \(parts))\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
