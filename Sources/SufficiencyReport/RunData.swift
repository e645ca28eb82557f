import Foundation
import SufficiencyModel

/// What a briefing needs from a run directory: its typed results (`results.json`) and its scenario, read back
/// through the scenario loader from `scenario.resolved.yaml`.
public struct RunData {
    public let directory: URL
    public let results: RunSummary
    public let scenario: LoadedScenario

    public init(directory: URL) throws {
        self.directory = directory
        results = try Self.results(in: directory)
        let scenarioURL = directory.appendingPathComponent("scenario.resolved.yaml")
        guard FileManager.default.fileExists(atPath: scenarioURL.path) else {
            throw ReportError("\(directory.path): not a run directory (no scenario.resolved.yaml)")
        }
        let text = try String(contentsOf: scenarioURL, encoding: .utf8)
        do {
            scenario = try ScenarioLoader.load(yaml: text, file: scenarioURL.path)
        } catch let error as ScenarioError {
            // The problem names the file, line and key path.
            let first = error.problems.first.map { "\($0)" } ?? "\(scenarioURL.path): invalid scenario"
            throw ReportError(first.split(separator: "\n").joined(separator: " ")
                + " (this version of sufficiency cannot read the run's scenario)")
        }
    }

    /// Reads `results.json` in a run directory; a directory without one (a run made by a version before it was
    /// written, or not a run at all) or with a damaged one is a `ReportError` in one line. Results that decode but
    /// that the report cannot word or draw (`problems(in:)`: a missing key, an array without one entry per year, a
    /// figure that is not finite or beyond `largestFigure`) are a `ReportError` with one line per problem, each
    /// naming the file and the key, so that `report` and `gap` refuse them (exit 2) before writing anything.
    public static func results(in directory: URL) throws -> RunSummary {
        let url = directory.appendingPathComponent(RunSummary.fileName)
        let fm = FileManager.default
        guard fm.fileExists(atPath: url.path) else {
            if fm.fileExists(atPath: directory.appendingPathComponent("manifest.json").path) {
                throw ReportError("\(directory.path): no \(RunSummary.fileName): the run was made by an older version of "
                    + "sufficiency; run it again with this version")
            }
            throw ReportError("\(directory.path): not a run directory (no \(RunSummary.fileName))")
        }
        let results: RunSummary
        do {
            results = try RunSummary.decode(try Data(contentsOf: url))
        } catch let error as RunSummary.FormatError {
            throw ReportError("\(url.path): \(error)")
        } catch let error as DecodingError {
            throw ReportError("\(url.path): not results written by sufficiency (\(Self.describe(error)))")
        }
        let problems = Self.problems(in: results)
        guard problems.isEmpty else { throw ReportError(lines: problems.map { "\(url.path): " + $0 }) }
        return results
    }

    /// A decoding error in a few words: what was wrong, and where.
    static func describe(_ error: DecodingError) -> String {
        func path(_ c: DecodingError.Context) -> String {
            let keys = c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
            return keys.isEmpty ? "" : " at " + String(keys.drop { $0 == "." })
        }
        let text: String
        switch error {
        case .keyNotFound(let key, let c): text = "no \(key.stringValue)" + path(c)
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
            text = c.debugDescription + path(c)
        @unknown default: text = "\(error)"
        }
        return text.split(separator: "\n").joined(separator: " ")
    }

    public var scenarioName: String { results.manifest.scenario }

    /// Financial years in the order simulated.
    public var years: [String] { results.years }

    /// The years with the days simulated in each, from the scenario's start date and the run's horizon; nil when
    /// they do not give the results' years (a file edited by hand), so that nothing is said of part years then.
    public var simulatedYears: [SimulatedYear]? {
        // A run over N years reports N financial years, or N + 1 with part years; anything else is not worth walking.
        let horizon = results.manifest.years
        guard horizon >= 1, horizon <= years.count, horizon + 1 >= years.count else { return nil }
        let s = SimulatedYear.overlapping(from: scenario.scenario.startDate, years: horizon)
        return s.map(\.year.label) == years ? s : nil
    }

    /// The last day of `year` when it is a part year ("30 September 2018"), the day its stocks are counted on
    /// instead of 31 March; nil for a whole year (or when the part years are not known).
    public func partYearEnd(_ year: String) -> String? {
        simulatedYears?.first { $0.year.label == year && !$0.isWhole }.map { SimulatedYear.long($0.last) }
    }

    /// The first and last years the headlines and indicators compare: whole financial years when the run has any,
    /// so that a part year of a few days (a start date other than 1 April) is not read as a year.
    public var headlineYears: (first: String, last: String)? {
        let whole = simulatedYears?.filter(\.isWhole).map(\.year.label) ?? []
        guard let first = whole.first ?? years.first, let last = whole.last ?? years.last else { return nil }
        return (first, last)
    }

    /// A summary statistic (`mean`, `p05`, ...) of `metric` in `year`.
    public func stat(_ metric: String, _ year: String, _ stat: String = "mean") -> Double {
        results.stat(metric, year, stat)
    }

    /// Month-end quantiles of one placement series.
    public func fan(_ series: String) -> [FanChart.Point] {
        let points = results.monthly[series] ?? []
        return zip(results.months, points).map { month, q in
            FanChart.Point(label: month, p05: q.p05, p25: q.p25, p50: q.p50, p75: q.p75, p95: q.p95)
        }
    }

    /// Children in care at the start.
    public var startingChildren: Double { Double(scenario.scenario.population.childrenInCare) }

    /// Children in a placement type at the start, from the stock figures (the exact counts the engine uses).
    public func startingStock(_ placement: String) -> Double? {
        guard let type = PlacementType(label: placement) else { return nil }
        let mix = scenario.scenario.population.placementMix
        guard type.index < mix.count else { return nil }
        return (startingChildren * mix[type.index]).rounded()
    }
}

/// A problem with the report's input: one line, exit status 2; or several problems, one line each.
public struct ReportError: PlainError {
    public var description: String
    public init(_ text: String) { description = text }
    public init(lines: [String]) { description = lines.joined(separator: "\n") }

    /// One line per problem, as the command prints them.
    public var lines: [String] {
        let lines = description.split(separator: "\n").map(String.init)
        return lines.isEmpty ? [description] : lines
    }
}
