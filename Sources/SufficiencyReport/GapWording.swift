import Foundation
import SufficiencyModel

/// The sufficiency gap in plain English: which children the in-house service is expected to be short of places for,
/// how many, where they go instead and why in-house fell through.
///
/// One sentence per segment, for example "In 2019-20 we expect to be short of about 14 in-house places (90% range
/// 9–20) for 10–15-year-olds with complex needs; two thirds of them go to agency carers, a third to children's
/// homes. In-house fostering fell through for them mainly because no in-house place was free." The number is the
/// segment's mean `shortfall_place_years` and the range its 5th–95th percentiles, written by `Wording.places`
/// (whole numbers from 10, one decimal below); the split comes from the means of `placed_ifa` and
/// `placed_residential`, and the reason from the largest of the three ways in-house fell through.
public enum GapWording {
    public typealias Segment = SufficiencyGap.Segment

    /// The children of an age band on their own: "babies under 1", "1–4-year-olds", ..., "16–17-year-olds".
    public static func children(_ band: SufficiencyGap.AgeBand) -> String {
        band == .under1 ? "babies under 1" : band.label.replacingOccurrences(of: "-", with: "–") + "-year-olds"
    }

    /// An age band after a noun: "under 1", "aged 5–9".
    public static func aged(_ band: SufficiencyGap.AgeBand) -> String {
        band == .under1 ? "under 1" : "aged " + band.label.replacingOccurrences(of: "-", with: "–")
    }

    /// "standard needs", "complex needs", "very complex needs".
    public static func needs(_ tier: SufficiencyGap.NeedTier) -> String {
        tier.label.replacingOccurrences(of: "_", with: " ") + " needs"
    }

    /// Who a segment is: "10–15-year-olds with complex needs who need a place without siblings", "pairs of siblings
    /// aged 5–9 with standard needs", "sibling groups of three or more under 1 with very complex needs". A segment is
    /// one group size, so a child asking alone says so: the sentence's number is not that of all the children of the
    /// age band and needs, whom the briefing's table under the sentences sums over group sizes.
    public static func who(_ band: SufficiencyGap.AgeBand, _ tier: SufficiencyGap.NeedTier, _ group: SufficiencyGap.GroupSize) -> String {
        switch group {
        case .single: return "\(children(band)) with \(needs(tier)) who need a place without siblings"
        case .pair: return "pairs of siblings \(aged(band)) with \(needs(tier))"
        case .threeOrMore: return "sibling groups of three or more \(aged(band)) with \(needs(tier))"
        }
    }

    /// A share in [0, 1] as the nearest simple fraction a committee would say: "none", "a few" (under 12%),
    /// "a fifth" (12% to 22.5%), "a quarter" (22.5% to 29%), "a third" (29% to 42%), "about half" (42% to 58%), and
    /// above half the complements "two thirds", "three quarters", "four fifths", "most", "all". A share and its
    /// complement always get matching words, so "two thirds ..., a third ..." never reads "most ..., a third ...".
    /// (Without "a fifth", 17% was "a quarter" and 83% "three quarters".)
    public static func share(_ p: Double) -> String {
        let lower = ["none", "a few", "a fifth", "a quarter", "a third", "about half"]
        let upper = ["all", "most", "four fifths", "three quarters", "two thirds", "about half"]
        let small = min(p, 1 - p)
        let i = small <= 0 ? 0 : small < 0.12 ? 1 : small < 0.225 ? 2 : small < 0.29 ? 3 : small < 0.42 ? 4 : 5
        return p <= 0.5 ? lower[i] : upper[i]
    }

    /// Where the children went instead: "two thirds of them go to agency carers, a third to children's homes", or
    /// nil when neither took any.
    public static func split(ifa: Double, residential: Double) -> String? {
        guard ifa + residential > 0 else { return nil }
        let p = ifa / (ifa + residential)
        if p >= 1 { return "all of them go to agency carers" }
        if p <= 0 { return "all of them go to children's homes" }
        return "\(share(p)) of them go to agency carers, \(share(1 - p)) to children's homes"
    }

    /// Why in-house fell through for a segment, from the largest of no vacancy, no match and declined: "mainly"
    /// when it is at least 60% of the times, "most often" otherwise; the reasons within a tenth of the largest are
    /// named with it, two "about as often" and three "about equally often" (3.11 against 3.05 was "mainly", and a
    /// third reason as close was left out); nil when in-house never fell through.
    public static func reason(_ segment: Segment) -> String? {
        let reasons: [(SufficiencyGap.Measure, String)] = [
            (.inHouseNoVacancy, "no in-house place was free"),
            (.inHouseNoMatch, "the free places did not suit their age, needs or sibling group"),
            (.inHouseDeclined, "the carers approached said no"),
        ]
        let values = reasons.map { segment[$0.0].mean }
        let total = values.reduce(0, +)
        // Larger first; of equal values, the reason listed first.
        let ranked = values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
        guard total > 0, let top = ranked.first else { return nil }
        let tied = ranked.filter { values[$0] >= 0.9 * values[top] }.map { reasons[$0].1 }
        switch tied.count {
        case 1:
            return "In-house fostering fell through for them \(values[top] / total >= 0.6 ? "mainly" : "most often") because \(tied[0])."
        case 2:
            return "In-house fostering fell through for them about as often because \(tied[0]) as because \(tied[1])."
        default:
            return "In-house fostering fell through for them about equally often because \(tied[0]), because \(tied[1]), "
                + "and because \(tied[2])."
        }
    }

    /// Whether a shortfall is too small to mention: it shows as zero ("0" or "0.0").
    public static func roundsToZero(_ shortfall: Double) -> Bool { !(abs(shortfall) >= 0.05) }

    /// The sentence for one segment, or nil when its mean shortfall rounds to zero.
    public static func sentence(_ segment: Segment) -> String? {
        let s = segment[.shortfallPlaceYears]
        guard !roundsToZero(s.mean) else { return nil }
        var text = "In \(segment.year) we expect to be short of about \(Wording.places(s.mean)) in-house places "
            + "(90% range \(Wording.range(s.p05, s.p95, Wording.places))) for "
            + who(segment.ageBand, segment.needTier, segment.groupSize)
        if let split = split(ifa: segment[.placedIFA].mean, residential: segment[.placedResidential].mean) { text += "; " + split }
        text += "."
        if let reason = reason(segment) { text += " " + reason }
        return text
    }

    /// Places standing empty beside the shortfall, for the age band short of the most: "At 31 March 2019 households
    /// approved for 10–15-year-olds had 6 places vacant and available (90% range 3–11) of 130, while 10–15-year-olds
    /// spent 56 place-years with agency carers or in children's homes after in-house fostering fell through." Nil
    /// without `supply.csv` or a shortfall.
    /// `stockDay` is the day the year's stocks are counted, "31 March 2019" unless given (a part year's last day).
    public static func vacancies(_ gap: SufficiencyGap, year: String, stockDay: String? = nil) -> String? {
        let byBand = SufficiencyGap.AgeBand.allCases.map { band in
            (band, gap.segments(in: year).filter { $0.ageBand == band }.reduce(0) { $0 + $1[.shortfallPlaceYears].mean })
        }
        guard let (band, shortfall) = byBand.max(by: { $0.1 < $1.1 }), !roundsToZero(shortfall),
              let supply = gap.supply(year, band) else { return nil }
        let vacant = supply[.placesVacantFor]
        return "At \(stockDay ?? "31 " + Wording.march(closing: year)) households approved for \(children(band)) had \(Wording.count(vacant.mean)) places "
            + "vacant and available (90% range \(Wording.range(vacant.p05, vacant.p95, Wording.count))) of "
            + "\(Wording.count(supply[.placesApprovedFor].mean)), while \(children(band)) spent \(Wording.places(shortfall)) place-years "
            + "with agency carers or in children's homes after in-house fostering fell through."
    }

    /// A year in one line: "2019-20: short of 96 in-house place-years across all children; 412 placement requests
    /// through the preference list, 180 (44%) placed in-house." Requests that went straight to a residential place,
    /// a school or the other direct routes are not among them (`requests.csv` counts them too, as `direct_route`).
    public static func total(_ t: SufficiencyGap.Total) -> String {
        var text = "\(t.year): short of \(Wording.places(t.shortfall)) in-house place-years across all children; "
            + "\(Wording.mean(t.requests)) placement requests through the preference list, \(Wording.mean(t.placedInHouse))"
        if t.requests > 0 { text += " (\(Wording.share(t.placedInHouse / t.requests)))" }
        return text + " placed in-house."
    }
}

extension SufficiencyGap {
    /// A year's sums over segments of the means (a sum of means is the mean of the sum, so these are exact).
    public struct Total: Sendable {
        public let year: String
        public let shortfall: Double
        public let requests: Double
        public let placedInHouse: Double
    }

    public func total(year: String) -> Total {
        let s = segments(in: year)
        func sum(_ m: Measure) -> Double { s.reduce(0) { $0 + $1[m].mean } }
        return Total(year: year, shortfall: sum(.shortfallPlaceYears), requests: sum(.requests), placedInHouse: sum(.placedInHouse))
    }

    /// A year's segments whose mean shortfall does not round to zero, largest first; ties in the order of age band,
    /// need tier and group size.
    public func ranked(year: String) -> [Segment] {
        func order(_ s: Segment) -> [Int] {
            [AgeBand.allCases.firstIndex(of: s.ageBand)!, NeedTier.allCases.firstIndex(of: s.needTier)!,
             GroupSize.allCases.firstIndex(of: s.groupSize)!]
        }
        return segments(in: year).filter { !GapWording.roundsToZero($0[.shortfallPlaceYears].mean) }.sorted { a, b in
            let x = a[.shortfallPlaceYears].mean, y = b[.shortfallPlaceYears].mean
            return x != y ? x > y : order(a).lexicographicallyPrecedes(order(b))
        }
    }

    /// The sentences for the `top` largest shortfalls of a year.
    public func sentences(year: String, top: Int = 5) -> [String] {
        ranked(year: year).prefix(max(top, 0)).compactMap(GapWording.sentence)
    }

    /// Where a gap report reads: a run directory itself or, for a comparison directory (with `compare.json`), the
    /// run of its first scenario, named.
    public static func runDirectory(for directory: URL) throws -> (run: URL, scenario: String?) {
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("compare.json").path) else {
            return (directory, nil)
        }
        let c = try Comparison(directory: directory)
        if let first = c.scenarios.first { return (first.run.directory, first.name) }
        return (c.baseline.directory, c.baselineName)
    }
}
