import Foundation
import SufficiencyModel
import Yams

/// What a briefing needs from a run directory.
public struct RunData {
    public let directory: URL
    public let manifest: [String: Any]
    public let summary: CSVTable
    public let monthly: CSVTable
    public let annual: CSVTable
    public let resolvedYAML: String
    public let resolved: Node?

    public init(directory: URL) throws {
        self.directory = directory
        let fm = FileManager.default
        for name in ["manifest.json", "summary.csv", "monthly.csv", "annual.csv", "scenario.resolved.yaml"]
        where !fm.fileExists(atPath: directory.appendingPathComponent(name).path) {
            throw ReportError("\(directory.path): not a run directory (no \(name))")
        }
        let data = try Data(contentsOf: directory.appendingPathComponent("manifest.json"))
        guard let manifest = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ReportError("\(directory.path)/manifest.json: not a JSON object")
        }
        self.manifest = manifest
        summary = try CSVTable(contentsOf: directory.appendingPathComponent("summary.csv"))
        monthly = try CSVTable(contentsOf: directory.appendingPathComponent("monthly.csv"))
        annual = try CSVTable(contentsOf: directory.appendingPathComponent("annual.csv"))
        resolvedYAML = try String(contentsOf: directory.appendingPathComponent("scenario.resolved.yaml"), encoding: .utf8)
        resolved = try? ScenarioLimits.compose(resolvedYAML, file: "scenario.resolved.yaml")
    }

    public var scenarioName: String { manifest["scenario"] as? String ?? "scenario" }

    /// Financial years in the order simulated.
    public var years: [String] {
        var seen: [String] = []
        if let c = summary.column("year") { for row in summary.rows where !seen.contains(row[c]) { seen.append(row[c]) } }
        return seen
    }

    /// A summary statistic (`mean`, `p05`, ...) of `metric` in `year`.
    public func stat(_ metric: String, _ year: String, _ stat: String = "mean") -> Double {
        guard let row = summary.rows(where: ["metric": metric, "year": year]).first else { return .nan }
        return summary.double(row, stat)
    }

    /// Month-end quantiles of one placement series.
    public func fan(_ series: String) -> [FanChart.Point] {
        monthly.rows(where: ["placement": series]).map { row in
            FanChart.Point(label: row[0], p05: monthly.double(row, "p05"), p25: monthly.double(row, "p25"),
                           p50: monthly.double(row, "p50"), p75: monthly.double(row, "p75"), p95: monthly.double(row, "p95"))
        }
    }

    /// Per-replication values of an annual metric in a year.
    public func values(_ metric: String, _ year: String) -> [Double] {
        annual.rows(where: ["year": year]).map { annual.double($0, metric) }
    }

    /// The value node of the parameter at `path` in the resolved scenario.
    public func parameter(_ path: String) -> Node? {
        guard var node = resolved else { return nil }
        for key in path.split(separator: ".") {
            guard case .mapping(let m) = node, let next = m[String(key)] else { return nil }
            node = next
        }
        return node
    }

    public func number(_ path: String) -> Double? {
        guard case .mapping(let m)? = parameter(path), case .scalar(let s)? = m["value"] else { return nil }
        return Double(s.string)
    }

    /// Children in a placement type at the start, from the stock figures (the exact counts the engine uses).
    public func startingStock(_ placement: String) -> Double? {
        guard let total = number("population.children_in_care"),
              case .mapping(let p)? = parameter("population.placement_mix"), case .mapping(let mix)? = p["value"],
              case .scalar(let share)? = mix[placement], let x = Double(share.string) else { return nil }
        return (total * x).rounded()
    }
}

/// A problem with the report's input: one line, exit status 2.
public struct ReportError: Error, CustomStringConvertible {
    public var description: String
    public init(_ text: String) { description = text }
}
