import Foundation
import SufficiencyModel

/// Where the in-house fostering service fell short, by segment of children: the sufficiency gap of a run's
/// results (`results.json`, the same figures as its `sufficiency.csv` and `supply.csv`).
///
/// The engine records, for each financial year and each segment (age band × need tier × size of the sibling group),
/// the placement requests of children who walked the preference list, where they were placed, why the in-house
/// option fell through, and `shortfall_place_years`: the years children of the segment spent in agency or
/// residential placements they entered after in-house fell through, which is in effect the average number of
/// in-house places the council was short of for them. The supply says how many in-house places were approved for,
/// and vacant for, each age band at 31 March: places can stand empty while children go elsewhere.
public struct SufficiencyGap: Sendable {
    // The vocabulary and the cells are the model's, so the report and the engine that writes them cannot drift apart.
    public typealias AgeBand = SufficiencyModel.AgeBand
    public typealias NeedTier = SufficiencyModel.NeedTier
    public typealias GroupSize = SufficiencyModel.GroupSize
    /// The measures of each segment, per financial year.
    public typealias Measure = SufficiencyMeasure
    /// The measures of the supply, at 31 March.
    public typealias SupplyMeasure = SufficiencyModel.SupplyMeasure
    /// A measure over the Monte Carlo replications: mean and 5th, 50th and 95th percentiles.
    public typealias Estimate = RunSummary.Estimate
    /// One financial year of one segment of children, with every measure.
    public typealias Segment = RunSummary.Segment
    /// In-house places approved for, and vacant for, an age band at the 31 March closing a year.
    public typealias Supply = RunSummary.Supply

    /// Segments in the order of the results.
    public let segments: [Segment]
    /// Supply by year and age band; nil when there is none.
    public let supply: [Supply]?

    /// Financial years in the order of the segments.
    public var years: [String] {
        var seen: [String] = []
        for s in segments where !seen.contains(s.year) { seen.append(s.year) }
        return seen
    }

    public func segments(in year: String) -> [Segment] { segments.filter { $0.year == year } }

    public func supply(_ year: String, _ band: AgeBand) -> Supply? { supply?.first { $0.year == year && $0.ageBand == band } }

    public init(segments: [Segment], supply: [Supply]?) {
        self.segments = segments
        self.supply = supply
    }

    /// The gap in a run's results.
    public init(_ results: RunSummary) {
        self.init(segments: results.sufficiency, supply: results.supply.isEmpty ? nil : results.supply)
    }

    /// Reads the results of a run directory (`results.json`).
    public init(directory: URL) throws {
        self.init(try RunData.results(in: directory))
    }
}
