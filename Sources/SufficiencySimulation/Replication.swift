import SufficiencyModel

/// One replication of the placement market: the world, its random streams and its event loop.
///
/// A `Replication` is reused across replications by one worker thread (arrays keep their capacity); it owns
/// all of its mutable state, so replications can run in parallel with no locking and give the same results
/// whatever the thread count. The loop itself is small: pop the earliest event, skip it if stale, apply the
/// domain rule for its kind (in the `Replication+…` files), and take a month-end snapshot at each month boundary.
final class Replication {
    let model: CompiledScenario
    let scenario: Scenario
    /// This replication's entries, exits, breakdowns and planned moves per day: the scenario's own, or its draw of
    /// the estimated rates (`RateDraws`).
    var hazards: HazardTables
    // One generator per stream (model.md section 7), held as separate constants so the hot path does no array
    // lookup or reference counting to reach them.
    let arrivals = RandomStream(), attributes = RandomStream()
    /// The generator reseeded for every keyed draw (`Draw`).
    let keyedRNG = RandomStream()
    /// Mixed from (seed, replication): the base of every keyed draw of this replication.
    var replicationKey: UInt64 = 0
    /// Serial numbers of households by source, for keyed draws: business as usual (and initial) and programme.
    var householdSerial: UInt32 = 0
    var programmeSerial: UInt32 = 0

    var queue = EventQueue()
    var children: [ChildState] = []
    var households: [Household] = []
    /// Households with a free place that take children (approved, not closing; possibly on hold), one list per
    /// approval range (`CompiledScenario.approvalRanges`), kept up to date by `refreshVacancy` so that matching looks
    /// only at households that could take the child.
    let vacantByRange: UnsafeMutablePointer<VacancyList>
    /// Households that could take the current request (`gatherHouseholds`), in one region of `candidateCapacity`
    /// slots per distance band: a buffer reused by every request and grown with the households, so that a request
    /// allocates nothing and the nearest are found without a second look.
    var candidates = UnsafeMutablePointer<Int32>.allocate(capacity: 3 * 128)
    var candidateCapacity = 128
    var candidateCounts = (0, 0, 0)
    var now = 0.0
    var year = 0

    // Running stocks, kept incrementally so snapshots are O(1).
    var stock = [Int](repeating: 0, count: PlacementType.count)
    var inCare = 0
    var stayingPut = 0
    var over20Miles = 0
    var activeHouseholds = 0
    /// Children enrolled in the reunification programme and stepped down this year (against capacities).
    var enrolledThisYear = 0
    var stepDownsThisYear = 0
    /// Children in an IFA block contract's reserved places.
    var blockOccupied = 0

    // Money: cost rates by line in micro-pounds per day (integers, so adding and removing never drifts).
    var rateMicro = [Int64](repeating: 0, count: CostItem.count)
    var lastAccrual = 0.0
    var childDays = 0.0
    var events = 0

    /// This replication's rows: `[year][AnnualMetric]` and `[month][MonthlySeries]`.
    var annual: UnsafeMutablePointer<Double>!
    var monthly: UnsafeMutablePointer<Int32>!
    /// Request outcomes `[year][RequestTally]`.
    var requests: UnsafeMutablePointer<Double>!
    /// This replication's sufficiency and supply cells `[year][SufficiencyLayout]`, zeroed at every run and folded
    /// into the worker's histograms afterwards (a run keeps distributions of these, not every replication's row).
    let segmentRow: UnsafeMutablePointer<Double>
    let segmentCount: Int

    /// When set, `checkInvariants()` runs after every event and at every month end (tests only: it is slow).
    var checksInvariants = false
    /// What the checks found, with the replication index.
    var violations: [String] = []

    init(model: CompiledScenario) {
        self.model = model
        self.scenario = model.scenario
        hazards = model.hazards
        segmentCount = model.years.count * SufficiencyLayout.count
        segmentRow = .allocate(capacity: segmentCount)
        segmentRow.initialize(repeating: 0, count: segmentCount)
        vacantByRange = .allocate(capacity: model.approvalRanges.count)
        for r in model.approvalRanges.indices { (vacantByRange + r).initialize(to: VacancyList()) }
    }

    deinit {
        segmentRow.deallocate()
        candidates.deallocate()
        for r in model.approvalRanges.indices { vacantByRange[r].deallocate() }
        vacantByRange.deallocate()
    }

    @inline(__always) func stream(_ s: Stream) -> RandomStream {
        switch s {
        case .arrivals: return arrivals
        case .childAttributes: return attributes
        }
    }

    /// The generator for a keyed draw about `subject` (a child, a household key, a year) and `counter`.
    @inline(__always) func keyed(_ draw: Draw, _ subject: Int, _ counter: Int) -> RandomStream {
        keyedRNG.seed(key: SplitMix64.key(replicationKey, draw.rawValue, UInt64(truncatingIfNeeded: subject),
                                          UInt64(truncatingIfNeeded: counter)))
        return keyedRNG
    }

    /// Runs replication `index` and writes its rows into the given buffers (zeroed by the caller).
    func run(index: Int, seed: UInt64, annual: UnsafeMutablePointer<Double>, monthly: UnsafeMutablePointer<Int32>,
             requests: UnsafeMutablePointer<Double>) {
        self.annual = annual
        self.monthly = monthly
        self.requests = requests
        for s in Stream.allCases { stream(s).seed(master: seed, replication: index, stream: s) }
        replicationKey = SplitMix64.mix(SplitMix64.mix(seed) ^ UInt64(truncatingIfNeeded: index) &* 0x94D0_49BB_1331_11EB)
        if let rates = model.rates { hazards = rates.tables(key: replicationKey, rng: keyedRNG) }
        reset()
        setUpHouseholds()
        setUpInitialPopulation()
        scheduleRecruitment(forYear: -1)
        startYear()
        scheduleNextArrival()
        scheduleFirstStepDownReview()

        for m in model.monthEnds.indices {
            let end = model.monthEnds[m]
            while let event = queue.popEvent(before: end) {
                now = event.time
                events += 1
                handle(event)
                if checksInvariants { record(checkInvariants(), index) }
            }
            now = end
            accrue()
            recordMonth(m)
            if checksInvariants { record(checkInvariants(), index) }
            if model.levers.reunificationActive[year] { enrolForReunification() }
            if model.monthClosesYear[m] {
                recordYearEnd()
                year += 1
                if year < model.years.count { startYear() }
            }
        }
    }

    private func record(_ problems: [String], _ index: Int) {
        for p in problems.prefix(5) where violations.count < 50 { violations.append("replication \(index + 1), \(p)") }
    }

    func reset() {
        queue.reset()
        children.removeAll(keepingCapacity: true)
        households.removeAll(keepingCapacity: true)
        for r in model.approvalRanges.indices { vacantByRange[r].removeAll() }
        now = 0
        year = 0
        for i in stock.indices { stock[i] = 0 }
        inCare = 0
        stayingPut = 0
        over20Miles = 0
        activeHouseholds = 0
        enrolledThisYear = 0
        stepDownsThisYear = 0
        blockOccupied = 0
        householdSerial = 0
        programmeSerial = 0
        segmentRow.update(repeating: 0, count: segmentCount)
        for i in rateMicro.indices { rateMicro[i] = 0 }
        lastAccrual = 0
        childDays = 0
        events = 0
    }

    func handle(_ e: Event) {
        let i = Int(e.subject)
        switch e.kind {
        case .arrival:
            arrive()
        case .exit:
            if children[i].status == .inCare && children[i].episode == e.version { exitCare(i) }
        case .age18:
            if children[i].status == .inCare && children[i].episode == e.version { reach18(i) }
        case .breakdown, .plannedMove:
            if children[i].status == .inCare && children[i].placementVersion == e.version {
                endPlacementAndMove(i, unplanned: e.kind == .breakdown)
            }
        case .adoptionPlacement:
            if children[i].status == .inCare && children[i].episode == e.version { moveToAdopters(i) }
        case .reentry:
            if children[i].status == .left && children[i].episode == e.version { reenter(i) }
        case .stayingPutEnd:
            if children[i].status == .stayingPut && children[i].episode == e.version { endStayingPut(i) }
        case .approval:
            approveHousehold()
        case .deregistration:
            if households[i].active && !households[i].closing { decideToDeregister(i) }
        case .programmeApproval:
            approveProgrammeHousehold()
        case .stepDownReview:
            reviewStepDown()
        }
    }

    // MARK: Tallies

    @inline(__always) func tally(_ metric: AnnualMetric, _ amount: Double = 1) {
        annual[year * AnnualMetric.count + metric.rawValue] += amount
    }

    func recordMonth(_ m: Int) {
        let row = monthly + m * MonthlySeries.count
        for t in 0..<PlacementType.count { row[t] = Int32(stock[t]) }
        row[MonthlySeries.stayingPut] = Int32(stayingPut)
        row[MonthlySeries.childrenInCare] = Int32(inCare)
    }

    /// Stocks at 31 March (or the horizon), and the stability and sufficiency shares.
    func recordYearEnd() {
        let row = annual + year * AnnualMetric.count
        func set(_ m: AnnualMetric, _ v: Double) { row[m.rawValue] = v }
        func pct(_ part: Int, _ whole: Int) -> Double { whole > 0 ? 100 * Double(part) / Double(whole) : 0 }
        set(.childrenInCare, Double(inCare))
        set(.inHouseFoster, Double(stock[PlacementType.inHouseFoster.index]))
        set(.ifaFoster, Double(stock[PlacementType.ifaFoster.index]))
        set(.kinshipFoster, Double(stock[PlacementType.kinshipFoster.index]))
        set(.residential, Double(stock[PlacementType.residential.index]))
        set(.supportedAccommodation, Double(stock[PlacementType.supportedAccommodation.index]))
        set(.placedWithParents, Double(stock[PlacementType.placedWithParents.index]))
        set(.placedForAdoption, Double(stock[PlacementType.placedForAdoption.index]))
        set(.otherPlacement, Double(stock[PlacementType.residentialSchool.index] + stock[PlacementType.secure.index]
            + stock[PlacementType.other.index]))
        set(.stayingPut, Double(stayingPut))

        // One pass over the children: stability, UASC, ages, and shortfall time up to 31 March.
        var threePlus = 0, uasc = 0, longTermDenominator = 0, longTermStable = 0
        let byAge = row + AnnualMetric.childrenInCare0.rawValue   // zeroed with the row; one count per band
        let segments = segmentRow + year * SufficiencyLayout.count
        for i in children.indices where children[i].status == .inCare {
            let c = children[i]
            if c.countYear == Int16(year) && c.placementsThisYear >= 3 { threePlus += 1 }
            if c.uasc { uasc += 1 }
            let age = c.age(at: now)
            byAge[AgeBand.of(age: age).index] += 1
            switch DfEStability.longTerm(age: age, daysInCare: now - c.entry, daysStable: now - c.stableSince) {
            case .stable: longTermDenominator += 1; longTermStable += 1
            case .unstable: longTermDenominator += 1
            case .outOfScope: break
            }
            if c.shortfallSince >= 0 {
                segments[SufficiencyLayout.cell(segment: Int(c.segment), .shortfallPlaceYears)] += now - c.shortfallSince
                children[i].shortfallSince = now
            }
        }
        set(.moves3PlusPct, pct(threePlus, inCare))
        set(.longTermStabilityPct, pct(longTermStable, longTermDenominator))
        set(.uasc, Double(uasc))
        set(.placedOver20MilesPct, pct(over20Miles, inCare))

        // The in-house service at 31 March, overall and by the age bands households are approved for.
        var places = 0, filled = 0, vacancies = 0, unavailable = 0
        for h in households.indices where households[h].active {
            advanceHold(h)
            let household = households[h]
            places += Int(household.places)
            filled += Int(household.occupied)
            vacancies += household.vacancies
            unavailable += household.unavailable
            for band in model.rangeBands[Int(household.rangeIndex)] {
                segments[SufficiencyLayout.segments * SufficiencyLayout.measures + band * SufficiencyLayout.supplies
                    + SupplyMeasure.placesApprovedFor.index] += Double(household.places)
                segments[SufficiencyLayout.segments * SufficiencyLayout.measures + band * SufficiencyLayout.supplies
                    + SupplyMeasure.placesVacantFor.index] += Double(household.vacancies)
            }
        }
        // Ofsted counts a place as filled by a looked-after child; a young person staying put with the carer is no
        // longer looked after, so their place counts as not available.
        let children = stock[PlacementType.inHouseFoster.index]
        unavailable += filled - children
        filled = children
        set(.inHouseHouseholds, Double(activeHouseholds))
        set(.inHousePlaces, Double(places))
        set(.inHousePlacesFilled, Double(filled))
        set(.inHouseVacancies, Double(vacancies))
        set(.inHousePlacesUnavailable, Double(unavailable))
        set(.inHouseOccupancyPct, pct(filled, places))

        let tallies = requests + year * RequestTally.count
        let walked = Int(tallies[RequestTally.requests] - tallies[RequestTally.directRoute])
        set(.firstPreferenceMetPct, pct(Int(tallies[RequestTally.firstPreferenceMet]), walked))
        set(.siblingGroupsTogetherPct, pct(Int(tallies[RequestTally.siblingGroupsTogether]),
                                           Int(tallies[RequestTally.siblingGroups])))

        var other = 0.0
        for item in CostItem.allCases where item.line == .other { other += row[item.metric.rawValue] }
        set(.costOther, other)
        let cost = row[AnnualMetric.costInHouseFoster.rawValue] + row[AnnualMetric.costIFAFoster.rawValue]
            + row[AnnualMetric.costResidential.rawValue] + other
        set(.costTotal, cost)
        set(.netCost, cost + row[AnnualMetric.costRecruitment.rawValue] + row[AnnualMetric.costProgrammes.rawValue]
            - row[AnnualMetric.income.rawValue])
        if model.levers.recruitmentActive[year] {
            set(.recruitmentTargetMet,
                row[AnnualMetric.programmeApprovals.rawValue] >= model.levers.recruitmentTarget[year] ? 1 : 0)
        }
    }
}
