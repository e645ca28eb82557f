import Foundation
import SufficiencyData
import SufficiencyModel

/// The largest figures a scenario can hold, as the scenario loader checks them (`ScenarioBuilder`, `Constraint`).
///
/// A calibration checks its figures against these before writing, so that a return beyond them is refused with
/// the figure and the limit named, rather than producing a scenario the loader then refuses. They are the loader's
/// own numbers, repeated here because the loader does not publish them; `LimitTests` loads a calibrated scenario at
/// each limit and one past it, so the two cannot drift apart unnoticed.
public enum ScenarioLimits {
    /// `population.children_in_care`: England as a whole has about 83,000 children in care, the largest council
    /// about 6,000, so more than this is not one council's return.
    public static let childrenInCare = 100_000
    /// `population.staying_put`.
    public static let stayingPut = 10_000
    /// `in_house.households`.
    public static let households = 100_000
    /// Children or households a year (`entries.annual_rate` by age band, `uasc.annual_rate`,
    /// `recruitment.approvals_per_year`): England's entries to care are about 32,000 a year.
    public static let flowPerYear = 100_000.0
    /// `entries.annual_trend`, the yearly multiplier of entries.
    public static let entryTrend = 0.25...4.0
    /// `parameter_uncertainty.entries.period_midpoints`, years from the start date.
    public static let periodMidpointYears = 100.0
}

extension Calibration {
    /// Refuses, in one line naming the episodes files, the figure and the limit, a calibration whose scenario would
    /// hold a figure beyond `ScenarioLimits`.
    func checkLimits() throws {
        let files = data.episodeFilesDescription, e = estimates
        let window = "over the reference window \(e.windowStart) to \(e.windowEnd)"
        func refuse(_ what: String) -> CalibrationError { CalibrationError("\(files): \(what)") }
        func count(_ n: Int) -> String { n.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_GB"))) }
        func rate(_ x: Double) -> String { x < 1_000_000 ? count(Int(x.rounded())) : String(format: "%.3g", x) }

        if e.childrenInCare > ScenarioLimits.childrenInCare {
            throw refuse("\(count(e.childrenInCare)) children are in care on the snapshot date \(e.snapshot), more than "
                + "the \(count(ScenarioLimits.childrenInCare)) a scenario can hold (all of England has about 83,000); "
                + "one council's return holds a few thousand, so these files may hold several councils (select one by "
                + "its LA) or children counted under several identifiers")
        }
        let years = e.windowYears
        for a in AgeBand.allCases {
            let perYear = Double(e.entries[a.index]) / years
            if perYear > ScenarioLimits.flowPerYear {
                throw refuse("\(rate(perYear)) entries a year aged \(a.label) (\(count(e.entries[a.index])) \(window)), "
                    + "more than the \(rate(ScenarioLimits.flowPerYear)) a year a scenario can hold")
            }
        }
        let uasc = Double(e.uascEntries) / years
        if uasc > ScenarioLimits.flowPerYear {
            throw refuse("\(rate(uasc)) UASC entries a year (\(count(e.uascEntries)) \(window)), more than the "
                + "\(rate(ScenarioLimits.flowPerYear)) a year a scenario can hold")
        }
        if e.stayingPutAtSnapshot > ScenarioLimits.stayingPut {
            throw refuse("\(count(e.stayingPutAtSnapshot)) young people left care at 18 into Staying Put (E17) in the year "
                + "before \(e.snapshot), more than the \(count(ScenarioLimits.stayingPut)) a scenario can hold")
        }
        let sizing = inHouseSizing
        if sizing.households > ScenarioLimits.households || sizing.approvals > ScenarioLimits.flowPerYear {
            throw refuse("\(count(Int(sizing.children))) children in in-house foster care on \(e.snapshot) need "
                + "\(count(sizing.households)) households at the baseline's ratio, more than the "
                + "\(count(ScenarioLimits.households)) a scenario can hold")
        }
        if options.entriesTrend {
            let growth = entryFit.growth
            if !growth.isFinite || !ScenarioLimits.entryTrend.contains(growth) {
                throw refuse("entries change by a factor of \(String(format: "%.3g", growth)) a year \(window), outside "
                    + "the \(ScenarioLimits.entryTrend.lowerBound) to \(Int(ScenarioLimits.entryTrend.upperBound)) a "
                    + "scenario allows; use flat entries or a longer window")
            }
        }
        if let earliest = entryMidpoints.min(), earliest < -ScenarioLimits.periodMidpointYears {
            throw refuse("the reference window starts \(Int(-earliest)) years before the snapshot, more than the "
                + "\(Int(ScenarioLimits.periodMidpointYears)) a scenario can hold; give a later --reference-start")
        }
    }
}
