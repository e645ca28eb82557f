import Foundation
import SufficiencyData
import SufficiencyModel
import SufficiencySimulation

extension Calibration {
    /// Refuses, in one line naming the episodes files, the figure and the limit, a calibration whose scenario would
    /// hold a figure beyond `ParameterBounds`.
    func checkLimits() throws {
        let files = data.episodeFilesDescription, e = estimates
        let window = "over the reference window \(e.windowStart) to \(e.windowEnd)"
        func refuse(_ what: String) -> CalibrationError { CalibrationError("\(files): \(what)") }
        func count(_ n: Int) -> String { Format.grouped(n) }
        func rate(_ x: Double) -> String { x < 1_000_000 ? count(Int(x.rounded())) : String(format: "%.3g", x) }

        if e.childrenInCare > ParameterBounds.childrenInCare.upperBound {
            throw refuse("\(count(e.childrenInCare)) children are in care on the snapshot date \(e.snapshot), more than "
                + "the \(count(ParameterBounds.childrenInCare.upperBound)) a scenario can hold (all of England has about 83,000); "
                + "one council's return holds a few thousand, so these files may hold several councils (select one by "
                + "its LA) or children counted under several identifiers")
        }
        let years = e.windowYears
        for a in AgeBand.allCases {
            let perYear = Double(e.entries[a.index]) / years
            if perYear > ParameterBounds.flowPerYear.upperBound {
                throw refuse("\(rate(perYear)) entries a year aged \(a.label) (\(count(e.entries[a.index])) \(window)), "
                    + "more than the \(rate(ParameterBounds.flowPerYear.upperBound)) a year a scenario can hold")
            }
        }
        let uasc = Double(e.uascEntries) / years
        if uasc > ParameterBounds.flowPerYear.upperBound {
            throw refuse("\(rate(uasc)) UASC entries a year (\(count(e.uascEntries)) \(window)), more than the "
                + "\(rate(ParameterBounds.flowPerYear.upperBound)) a year a scenario can hold")
        }
        if e.stayingPutAtSnapshot > ParameterBounds.stayingPut.upperBound {
            throw refuse("\(count(e.stayingPutAtSnapshot)) young people left care at 18 into Staying Put (E17) in the year "
                + "before \(e.snapshot), more than the \(count(ParameterBounds.stayingPut.upperBound)) a scenario can hold")
        }
        let sizing = inHouseSizing
        if sizing.households > ParameterBounds.households.upperBound || sizing.approvals > ParameterBounds.flowPerYear.upperBound {
            throw refuse("\(count(Int(sizing.children))) children in in-house foster care on \(e.snapshot) need "
                + "\(count(sizing.households)) households at the baseline's ratio, more than the "
                + "\(count(ParameterBounds.households.upperBound)) a scenario can hold")
        }
        if options.entriesTrend {
            let growth = entryFit.growth
            if !growth.isFinite || !ParameterBounds.entryTrend.contains(growth) {
                throw refuse("entries change by a factor of \(String(format: "%.3g", growth)) a year \(window), outside "
                    + "the \(ParameterBounds.entryTrend.lowerBound) to \(Int(ParameterBounds.entryTrend.upperBound)) a "
                    + "scenario allows; use flat entries or a longer window")
            }
        }
        if let earliest = entryMidpoints.min(), earliest < ParameterBounds.periodMidpointYears.lowerBound {
            throw refuse("the reference window starts \(Int(-earliest)) years before the snapshot, more than the "
                + "\(Int(-ParameterBounds.periodMidpointYears.lowerBound)) a scenario can hold; give a later --reference-start")
        }
    }
}
