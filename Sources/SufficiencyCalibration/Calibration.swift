import Foundation
import SufficiencyData
import SufficiencyModel

/// A scenario calibrated from an SSDA903 return: the estimates written as a scenario that extends a baseline for
/// what the return does not contain (carers, costs, needs), and a report of every estimate with its interval.
public struct Calibration {
    public struct Options: Sendable {
        public var windowStart: CivilDate?
        public var windowEnd: CivilDate?
        public var snapshot: CivilDate?
        public var baseline: String = EmbeddedScenarios.defaultName
        /// Fewer events than this in a cell and it is pooled with its neighbour.
        public var minimumEvents = 5
        public var name: String = "calibrated"
        public init() {}
    }

    public let estimates: Estimates
    public let data: SSDA903Data
    public let options: Options
    public let baseline: Scenario
    public internal(set) var notes: [String] = []
    /// Ofsted's fostering figures for the council (`calibrate --fostering`): its supply parameters replace the
    /// in-house sizing the return implies, and its report is added to this one.
    public var fostering: FosteringCalibration?

    /// Calibrates from `data`: the window defaults to the three years before the data's last date, the snapshot to
    /// the window's end.
    public init(data: SSDA903Data, options: Options) throws {
        guard let last = data.lastDate, let first = data.firstDate else {
            throw CalibrationError("the data hold no dated episodes")
        }
        let end = options.windowEnd ?? last
        let start = options.windowStart ?? max(first, CivilDate(dayNumber: end.dayNumber - 1096))
        guard start < end else { throw CalibrationError("the reference window \(start) to \(end) is empty") }
        let snapshot = options.snapshot ?? end
        self.data = data
        self.options = options
        baseline = try ScenarioLoader.load(path: options.baseline).scenario
        estimates = Estimates(data: data, windowStart: start, windowEnd: end, snapshot: snapshot)
        guard estimates.childrenInCare > 0 else {
            throw CalibrationError("no children are in care on the snapshot date \(snapshot)")
        }
    }

    var sourceFiles: String {
        let names = data.files.map { URL(fileURLWithPath: $0).lastPathComponent }
        return names.count > 4 ? "\(names.count) files (\(names.first!) … \(names.last!))" : names.joined(separator: ", ")
    }

    func source(_ n: Int, _ exposureDays: Double? = nil) -> String {
        var s = "SSDA903 \(sourceFiles), window \(estimates.windowStart) to \(estimates.windowEnd), n = \(n)"
        if let exposureDays { s += "/\(Int(exposureDays.rounded())) exposure days" }
        return s
    }

    /// Pools thin cells with their neighbours: returns, for each cell, the index range it was pooled over.
    func pool(_ counts: [Int]) -> [ClosedRange<Int>] {
        var groups: [ClosedRange<Int>] = counts.indices.map { $0...$0 }
        func total(_ g: ClosedRange<Int>) -> Int { g.reduce(0) { $0 + counts[$1] } }
        var changed = true
        while changed && groups.count > 1 {
            changed = false
            if let k = groups.firstIndex(where: { total($0) < options.minimumEvents }) {
                let j = k + 1 < groups.count ? k + 1 : k - 1
                let merged = min(groups[k].lowerBound, groups[j].lowerBound)...max(groups[k].upperBound, groups[j].upperBound)
                groups[min(k, j)] = merged
                groups.remove(at: max(k, j))
                changed = true
            }
        }
        return counts.indices.map { i in groups.first { $0.contains(i) }! }
    }
}

public struct CalibrationError: Error, CustomStringConvertible {
    public var description: String
    public init(_ text: String) { description = text }
}
