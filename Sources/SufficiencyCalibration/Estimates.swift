import Foundation
import SufficiencyData
import SufficiencyModel

/// What a calibration estimates from an SSDA903 return, over a reference window, with counts behind every figure.
public struct Estimates: Sendable {
    /// Exit routes estimated as hazards (the 18th birthday is deterministic in the model).
    public static let routes: [ExitRoute] = [.reunification, .adoption, .specialGuardianship, .other]
    /// Time-in-care band starts, months, when no baseline gives them (those of the default scenario).
    public static let timeBandMonths: [Double] = [0, 6, 12, 24, 60]

    /// The time-in-care band starts, months, that exit events and exposure are counted by: the baseline's, so
    /// that the calibrated scenario's multipliers fit the bands it inherits.
    public var bandMonths: [Double] = Estimates.timeBandMonths

    public var windowStart: CivilDate
    public var windowEnd: CivilDate
    public var snapshot: CivilDate

    /// Entries (first and later periods of care that are not re-entries) by age band at entry, and UASC entries.
    public var entries = [Int](repeating: 0, count: AgeBand.count)
    public var uascEntries = 0
    public var uascEntryAges = [Int](repeating: 0, count: AgeBand.count)
    public var reentries = 0
    /// Periods first seen in the window that began before the data did (not counted as entries).
    public var unobservedStarts = 0
    public var reunifications = 0
    /// First placement of entries, by age band × placement type.
    public var firstPlacement = [[Int]](repeating: [Int](repeating: 0, count: PlacementType.count), count: AgeBand.count)

    /// Exit events `[route][age][time band]` and exposure days `[age][time band]` while in care and under 18, with
    /// as many time bands as `bandMonths` (set by `init`).
    public var exitEvents: [[[Int]]] = []
    public var exposure: [[Double]] = []
    public var exitsAt18 = 0
    /// Exits at 18 (from 17.9) whose last placement was foster care, and those of them with REC E17 ("remained with
    /// current carers"): Staying Put is an arrangement with foster carers, so an E17 from another placement (with
    /// parents, say) is in neither, and the share is of like with like.
    public var exitsAt18FromFoster = 0
    public var stayingPut = 0

    /// Entries by age band (and UASC arrivals) in each period of the window: consecutive years counted back from
    /// its end (the first possibly shorter), for a trend.
    public var entryPeriods: [(start: Double, end: Double)] = []
    public var entriesByPeriod: [[Int]] = []
    public var uascEntriesByPeriod: [Int] = []

    /// Moves by placement type × age band at the move: breakdowns (carer-initiated or provider reasons), planned
    /// moves, and exposure days.
    public var breakdownEvents = [[Int]](repeating: [Int](repeating: 0, count: AgeBand.count), count: PlacementType.count)
    public var plannedMoveEvents = [[Int]](repeating: [Int](repeating: 0, count: AgeBand.count), count: PlacementType.count)
    public var moveExposure = [[Double]](repeating: [Double](repeating: 0, count: AgeBand.count), count: PlacementType.count)
    /// The same by placement type over all ages.
    public var breakdowns: [Int] { breakdownEvents.map { $0.reduce(0, +) } }
    public var plannedMoves: [Int] { plannedMoveEvents.map { $0.reduce(0, +) } }
    public var placementExposure: [Double] { moveExposure.map { $0.reduce(0, +) } }

    /// Children in care at the snapshot: by placement type × age band, UASC by age band, and days in care.
    public var stock = [[Int]](repeating: [Int](repeating: 0, count: AgeBand.count), count: PlacementType.count)
    public var uascStock = [Int](repeating: 0, count: AgeBand.count)
    public var daysInCareAtSnapshot: [Double] = []
    /// Young people who left care at 18 (from 17.9) from foster care into Staying Put (E17) in the year before the
    /// snapshot, still under 21 then.
    public var stayingPutAtSnapshot = 0
    /// Children left out of the estimates because their date of birth is unknown.
    public var childrenWithoutBirth = 0

    public var windowYears: Double { Double(windowEnd.dayNumber - windowStart.dayNumber) / 365.25 }

    /// Reasons for a placement change that mean the placement broke down rather than a planned move (issue 6).
    static let breakdownReasons: Set<String> = ["CREQB", "CREQO", "CLOSE", "ALLEG", "STAND", "APPRR"]

    /// The hazard route of a REC code, nil for codes that do not end care by a hazard (X1) — the 18th birthday is
    /// recognised by age, not code.
    public static func route(of rec: String) -> ExitRoute? {
        switch rec {
        case "E4A", "E4B", "E13": return .reunification
        case "E11", "E12": return .adoption
        case "E41", "E45", "E46", "E47", "E48": return .specialGuardianship
        case "X1", "": return nil
        default: return .other
        }
    }

    /// Accumulates everything from `data` over [windowStart, windowEnd), and the stock at `snapshot`.
    public init(data: SSDA903Data, windowStart: CivilDate, windowEnd: CivilDate, snapshot: CivilDate,
                timeBandMonths: [Double] = Estimates.timeBandMonths) {
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.snapshot = snapshot
        bandMonths = timeBandMonths
        exitEvents = [[[Int]]](repeating: [[Int]](repeating: [Int](repeating: 0, count: timeBandMonths.count),
                                                  count: AgeBand.count), count: Self.routes.count)
        exposure = [[Double]](repeating: [Double](repeating: 0, count: timeBandMonths.count), count: AgeBand.count)
        let ws = Double(windowStart.dayNumber), we = Double(windowEnd.dayNumber), snap = Double(snapshot.dayNumber)
        let bandStarts = timeBandMonths.map { $0 * 365.25 / 12 }
        var periodEnd = we
        while periodEnd > ws {
            var start = max(ws, periodEnd - 365.25)
            if start - ws < 365.25 / 2 { start = ws }   // a remainder under half a year joins the first period
            entryPeriods.insert((start, periodEnd), at: 0)
            periodEnd = start
        }
        entriesByPeriod = [[Int]](repeating: [Int](repeating: 0, count: entryPeriods.count), count: AgeBand.count)
        uascEntriesByPeriod = [Int](repeating: 0, count: entryPeriods.count)
        func periodIndex(_ t: Double) -> Int { entryPeriods.lastIndex { $0.start <= t } ?? 0 }
        for child in data.children {
            guard let birthDate = child.birth else { childrenWithoutBirth += 1; continue }
            let birth = Double(birthDate.dayNumber)
            func age(_ t: Double) -> Double { (t - birth) / 365.25 }
            var lastReunification: Double? = nil
            for period in child.periods {
                let start = Double(period.start.dayNumber)
                let end = period.end.map { Double($0.dayNumber) }
                // Entries in the window: a re-entry if the child went home (reunification) within the year before.
                // A period that began before the data did (its first episode is not RNE S) is not an entry: its
                // first day in the data is only when the returns start to see it.
                if start >= ws && start < we && !period.startObserved { unobservedStarts += 1 }
                if start >= ws && start < we && period.startObserved {
                    let band = AgeBand.of(age: age(start))
                    if let back = lastReunification, start - back <= 365.25 {
                        reentries += 1
                    } else if child.uasc {
                        uascEntries += 1
                        uascEntryAges[band.index] += 1
                        uascEntriesByPeriod[periodIndex(start)] += 1
                    } else {
                        entries[band.index] += 1
                        entriesByPeriod[band.index][periodIndex(start)] += 1
                    }
                    if let first = period.placements.first { firstPlacement[band.index][first.type.index] += 1 }
                }
                // Exposure in the window, split at age-band and time-in-care boundaries, while under 18.
                let to18 = birth + 18 * 365.25
                let from = max(start, ws), until = min(end ?? we, we, to18)
                if until > from {
                    var boundaries = [from, until]
                    for years in [1.0, 5, 10, 16] where birth + years * 365.25 > from && birth + years * 365.25 < until {
                        boundaries.append(birth + years * 365.25)
                    }
                    for b in bandStarts.dropFirst() where start + b > from && start + b < until { boundaries.append(start + b) }
                    boundaries.sort()
                    for (a, b) in zip(boundaries, boundaries.dropFirst()) where b > a {
                        let mid = (a + b) / 2
                        exposure[AgeBand.of(age: age(mid)).index][Self.timeBand(mid - start, bandStarts)] += b - a
                    }
                }
                // Exits in the window. Any exit from age 17.9 is the 18th birthday, whatever its REC: the model ends
                // care at 18 and its hazards run only before, and young people leaving in the weeks before their
                // birthday are ageing out, often recorded as going to live with family (E13) or independently.
                // Counting such an E13 as a return home would raise the 16-17s' reunification hazard all through the
                // two years. The DfE's tables count by REC at any age.
                if let e = end, e >= ws, e < we, let rec = period.exitReason {
                    let lastType = period.placements.last?.type
                    if age(e) >= 17.9 {
                        exitsAt18 += 1
                        if lastType?.isFoster == true {
                            exitsAt18FromFoster += 1
                            if rec == "E17" { stayingPut += 1 }
                        }
                    } else if let route = Self.route(of: rec) {
                        let r = Self.routes.firstIndex(of: route)!
                        exitEvents[r][AgeBand.of(age: age(e)).index][Self.timeBand(e - start, bandStarts)] += 1
                        if route == .reunification { reunifications += 1 }
                    }
                }
                if let e = end, let rec = period.exitReason, Self.route(of: rec) == .reunification { lastReunification = e }
                if let e = end, rec(period) == "E17", age(e) >= 17.9, period.placements.last?.type.isFoster == true,
                   e <= snap, snap - e < 365.25, age(snap) < 21 { stayingPutAtSnapshot += 1 }
                // Placements: exposure by type in the window, and how each ended.
                for (k, p) in period.placements.enumerated() {
                    let ps = Double(p.start.dayNumber), pe = p.end.map { Double($0.dayNumber) }
                    let a = max(ps, ws), b = min(pe ?? we, we, to18)
                    if b > a {
                        // Split at birthdays that start an age band.
                        var from = a
                        for years in [1.0, 5, 10, 16] where birth + years * 365.25 > a && birth + years * 365.25 < b {
                            let cut = birth + years * 365.25
                            moveExposure[p.type.index][AgeBand.of(age: age((from + cut) / 2)).index] += cut - from
                            from = cut
                        }
                        moveExposure[p.type.index][AgeBand.of(age: age((from + b) / 2)).index] += b - from
                    }
                    if let pe, pe >= ws, pe < we, pe < to18, k + 1 < period.placements.count {
                        let next = period.placements[k + 1].type
                        if next == .placedForAdoption { continue }   // the model moves children to adopters itself
                        let band = AgeBand.of(age: age(pe)).index
                        if let reason = p.reasonChange, Self.breakdownReasons.contains(reason) {
                            breakdownEvents[p.type.index][band] += 1
                        } else {
                            plannedMoveEvents[p.type.index][band] += 1
                        }
                    }
                }
                // The stock at the snapshot.
                if start <= snap && (end.map { $0 > snap } ?? true) && age(snap) < 18 {
                    if let p = period.placements.last(where: { Double($0.start.dayNumber) <= snap }) {
                        let band = AgeBand.of(age: age(snap))
                        stock[p.type.index][band.index] += 1
                        if child.uasc { uascStock[band.index] += 1 }
                        daysInCareAtSnapshot.append(snap - start)
                    }
                }
            }
        }
    }

    static func timeBand(_ daysInCare: Double, _ starts: [Double]) -> Int {
        starts.lastIndex { $0 <= daysInCare } ?? 0
    }

    public var childrenInCare: Int { stock.reduce(0) { $0 + $1.reduce(0, +) } }

    /// The exit rate of route index `r` in one age band (all time bands), or one time band (all ages).
    public func exitRate(_ r: Int, age: Int? = nil, band: Int? = nil) -> RateEstimate {
        var e = RateEstimate()
        for a in 0..<AgeBand.count where age == nil || age == a {
            for t in exposure[a].indices where band == nil || band == t {
                e.events += exitEvents[r][a][t]
                e.exposureDays += exposure[a][t]
            }
        }
        return e
    }
}

private func rec(_ p: PeriodOfCare) -> String? { p.exitReason }
