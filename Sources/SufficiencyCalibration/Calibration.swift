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
        /// Fewer events than this behind a level and the report notes that it was shrunk towards the others.
        public var minimumEvents = 5
        /// Entries as a flat rate over the window, or with a log-linear trend by year (`--entries trend`).
        public var entriesTrend = false
        /// Record what every estimated rate rests on, so that runs draw the rates afresh in each replication.
        public var parameterUncertainty = true
        /// Strength of the beta prior that shrinks a thin age band's kinship share towards all ages', in entries.
        public var kinshipPriorEntries = 2.0
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

    /// Calibrates from `data`: the window defaults to the three years before the data's last date, starting no
    /// earlier than the return records entries and exits (`Backtest.observedFrom`: a window reaching back before it
    /// counts years of children's time in care with none of their exits or entries), the snapshot to the window's end.
    ///
    /// - Throws: `CalibrationError`, one line naming the episodes files: no usable episode, a window end or
    ///   snapshot after the data's end, an empty window, no child in care at the snapshot, or a figure beyond what a scenario can hold (`checkLimits`).
    public init(data: SSDA903Data, options: Options) throws {
        let files = data.episodeFilesDescription
        guard let last = data.lastDate, let first = data.firstDate else {
            throw CalibrationError(Self.noEpisodes(data))
        }
        // The data end at the collection year's end (or, without one, at their last date): a window or snapshot
        // after it would count days on which nothing was recorded, as if no child entered or left (a window ending
        // three years late gave 1.0 entries a year at 10-15 instead of 14.7, and half the children in care).
        let dataEnd = data.quality.collectionEnd?.date ?? last
        for (date, flag) in [(options.windowEnd, "--reference-end"), (options.snapshot, "--snapshot-date")] {
            if let date, date > dataEnd {
                throw CalibrationError("\(files): \(flag) \(date) is after the data's end, \(dataEnd) (the episodes run from "
                    + "\(first) to \(last)); give a date up to \(dataEnd)")
            }
        }
        let end = options.windowEnd ?? last
        let start = options.windowStart ?? max(Backtest.observedFrom(data) ?? first,
                                               CivilDate(dayNumber: end.dayNumber - 1096))
        guard start < end else {
            throw CalibrationError("\(files): the reference window \(start) to \(end) is empty (the episodes run from "
                + "\(first) to \(last))")
        }
        let snapshot = options.snapshot ?? end
        self.data = data
        self.options = options
        baseline = try ScenarioLoader.load(path: options.baseline).scenario
        estimates = Estimates(data: data, windowStart: start, windowEnd: end, snapshot: snapshot,
                              timeBandMonths: baseline.exits.timeInCareBandStartsDays.map { $0 / daysPerMonth })
        guard estimates.childrenInCare > 0 else {
            if estimates.childrenWithoutBirth == data.children.count {
                // Every child was left out of the estimates: say why, rather than that no one is in care.
                throw CalibrationError("\(files): none of the \(data.children.count) children with episodes has a "
                    + "usable DOB in the header files, so none can be given an age")
            }
            throw CalibrationError("\(files): no children are in care on the snapshot date \(snapshot) (the episodes run "
                + "from \(first) to \(last))")
        }
        try checkLimits()
    }

    /// Why data without a dated episode cannot be calibrated: the files hold no rows, or every row was rejected
    /// (the first rejection named, so that a one-line error already points at a row to fix).
    public static func noEpisodes(_ data: SSDA903Data) -> String {
        let files = data.episodeFilesDescription, q = data.quality
        if q.episodeRowsRead == 0 && !data.episodeFiles.isEmpty {
            return "\(files): no episode rows (the episodes files hold only their column names)"
        }
        let episodeFiles = Set(data.episodeFiles)
        let rejected = q.rejected.filter { episodeFiles.contains($0.source.file) }
        guard let firstRejected = rejected.first else { return "\(files): the data hold no dated episodes" }
        return "\(files): every episode row was rejected (\(rejected.count) of \(q.episodeRowsRead); the first, "
            + "\(firstRejected.source.file) row \(firstRejected.source.row): \(firstRejected.reason))"
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

    /// Midpoints of the entry periods in years from the forecast's start (the day after the snapshot).
    var entryMidpoints: [Double] {
        let start = Double(estimates.snapshot.dayNumber + 1)
        return estimates.entryPeriods.map { (($0.start + $0.end) / 2 - start) / 365.25 }
    }

    var entryPeriodYears: [Double] { estimates.entryPeriods.map { ($0.end - $0.start) / 365.25 } }

    /// The entry model: rates by age band at the forecast's start, and the trend when asked for.
    var entryFit: EntryTrend {
        EntryTrend(events: estimates.entriesByPeriod.map { $0.map(Double.init) }, periodYears: entryPeriodYears,
                   midpoints: entryMidpoints, trend: options.entriesTrend)
    }

    var uascFit: EntryTrend {
        EntryTrend(events: [estimates.uascEntriesByPeriod.map(Double.init)], periodYears: entryPeriodYears,
                   midpoints: entryMidpoints, trend: false)
    }

    /// Breakdowns and planned moves: placement type × age band.
    var breakdownFit: JointHazard { JointHazard(events: estimates.breakdownEvents, exposureDays: estimates.moveExposure) }
    var plannedMoveFit: JointHazard { JointHazard(events: estimates.plannedMoveEvents, exposureDays: estimates.moveExposure) }
    func exitFit(_ r: Int) -> JointHazard { JointHazard(events: estimates.exitEvents[r], exposureDays: estimates.exposure) }

    /// Kinship at entry by age band: each band's share shrunk towards all ages' share by a beta prior worth
    /// `kinshipPriorEntries` entries, so a band with few entries is pulled towards the rest in proportion to how
    /// little it says (and a band with none takes all ages' share).
    var kinshipShares: (shares: [Double], overall: Double, entries: [Int], kinship: [Int]) {
        let e = estimates
        let entries = e.firstPlacement.map { $0.reduce(0, +) }
        let kinship = e.firstPlacement.map { $0[PlacementType.kinshipFoster.index] }
        let n = entries.reduce(0, +), k = kinship.reduce(0, +)
        guard n > 0 else { return (baseline.kinship.foundAtEntryByAge, 0, entries, kinship) }
        let overall = Double(k) / Double(n), m = options.kinshipPriorEntries
        let shares = zip(kinship, entries).map { (Double($0) + m * overall) / (Double($1) + m) }
        return (shares, overall, entries, kinship)
    }
}

public struct CalibrationError: Error, CustomStringConvertible {
    public var description: String
    public init(_ text: String) { description = text }
}
