import SimulationCore
import SufficiencyModel

/// Everything one replication of the placement market changes: children, households, placements, the event queue,
/// running stocks and the tallies it writes. A value: the rules (`Arrivals`, `Matching`, `Placements`, `Exits`,
/// `Hazards`, `Carers`, `Money`, `Interventions`, `Metrics`, `InitialPopulation`) take it `inout`, one concern each,
/// and can be tested alone on a world built by hand.
///
/// A world is reused across replications by one worker thread (its tables keep their capacity); it owns all of its
/// mutable state, so replications run in parallel with no locking and give the same results whatever the thread
/// count. Its tables are noncopyable `Records` held by value, so access needs no run-time check of exclusivity or
/// sharing; the world itself is noncopyable, so there is only ever one of it to change.
struct World: ~Copyable {
    /// The scenario compiled to per-day rates and tables: read-only, shared by the worker's replications.
    let model: CompiledScenario
    /// `model.scenario`, held in the world so that the rules reach the scenario's values without going through the
    /// shared class on every read.
    let scenario: Scenario
    /// This replication's entries, exits, breakdowns and planned moves per day: the scenario's own, or its draw of
    /// the estimated rates (`RateDraws`).
    var hazards: HazardTables
    /// The generators' owners (which free them); the world draws through the `Generator` handles below, plain
    /// values, so a draw costs no reference counting.
    let generators = (arrivals: RandomStream(), attributes: RandomStream(), keyed: RandomStream())
    // One generator per sequential stream (model.md section 7), held as separate constants so the hot path does no
    // array lookup to reach them.
    let arrivals: Generator, attributes: Generator
    /// The generator restarted for every keyed draw (`Draw`).
    let keyedRNG: Generator
    /// Mixed from (seed, replication): the base of every keyed draw of this replication.
    var replicationKey: UInt64 = 0
    /// Serial numbers of households by source, for keyed draws: business as usual (and initial) and programme.
    var householdSerial: UInt32 = 0
    var programmeSerial: UInt32 = 0

    /// Later events wait in two-day buckets: a replication of the default scenario has about 1.3 events a day, so
    /// the heap holds a few events rather than every child's exit (measured: 10.83 M instructions a replication
    /// against 11.44 M with one heap, 10.89 M with 4-day and 11.14 M with 30-day buckets).
    var queue = EventQueue<EventKind>(bucketWidth: 2)
    var now = 0.0
    var year = 0
    var children = Records<ChildState>(capacity: 1024)
    var households = Records<Household>(capacity: 256)
    /// Households with a free place that take children (approved, not closing; possibly on hold), one list per
    /// approval range (`CompiledScenario.approvalRanges`), kept up to date by `Carers.refreshVacancy` so that
    /// matching looks only at households that could take the child.
    var vacantByRange: RecordLists<VacancyEntry>
    /// Entries in all the vacancy lists: when none, a request needs no scan to know there is no place it could use.
    var listedHouseholds = 0
    /// Households in no vacancy list whose free place still counts as vacant (`Household.holdsBackPlace`), kept by
    /// `Carers.refreshVacancy`: a request that finds no listed household while one of these is not on hold fell
    /// through for want of a fit (`no_match`), not of a vacancy (`Carers.holdsBackAvailablePlace`).
    var heldBack = Records<Int32>(capacity: 64)
    /// Households that could take the current request (`Matching.gatherHouseholds`), in one region of
    /// `candidateCapacity` slots per distance band: a buffer reused by every request and grown with the households,
    /// so that a request allocates nothing and the nearest are found without a second look.
    var candidates = Records<Int32>(repeating: 0, count: 3 * 128)
    /// Slots per distance band in `candidates`: a third of the buffer, derived so that the two cannot disagree.
    @inline(__always) var candidateCapacity: Int { candidates.count / 3 }
    var candidateCounts = (0, 0, 0)

    // Running stocks, kept incrementally so snapshots are O(1).
    var stock = Records<Int>(repeating: 0, count: PlacementType.count)
    var inCare = 0
    var stayingPut = 0
    var activeHouseholds = 0
    /// Children enrolled in the reunification programme and stepped down this year (against capacities).
    var enrolledThisYear = 0
    var stepDownsThisYear = 0
    /// Children in an IFA block contract's reserved places.
    var blockOccupied = 0

    // Money: cost rates by line in micro-pounds per day (integers, so adding and removing never drifts).
    var rateMicro = Records<Int64>(repeating: 0, count: CostItem.count)
    /// The day up to which each item has been charged (`Money`).
    var rateSince = Records<Double>(repeating: 0, count: CostItem.count)
    /// This year's values of the levers that ride on cost rates, copied at the start of each year.
    var yearLevers = YearLevers()
    var childDays = 0.0
    var childDaysSince = 0.0
    var events = 0
    /// How many children who went home before the start date `children` holds (`ChildState.key`).
    var recentCount = 0

    /// This replication's rows, in slots the run preallocated: `[year][AnnualMetric]`, `[month][MonthlySeries]`,
    /// request outcomes `[year][RequestTally]`, and the sufficiency and supply cells `[year][SufficiencyLayout]`
    /// (zeroed at every run and folded into the worker's histograms afterwards).
    var annual: UnsafeMutablePointer<Double>
    var monthly: UnsafeMutablePointer<Int32>
    var requests: UnsafeMutablePointer<Int32>
    var segmentRow: UnsafeMutablePointer<Double>
    let segmentCount: Int

    /// When set, `Invariants.check` runs after every event and at every month end (tests only: it is slow; compiled
    /// in only with `SUFFICIENCY_CHECKS`, which debug builds define).
    var checksInvariants = false
    /// The replication being run, and what the checks found.
    var index = 0
    var violations: [String] = []

    /// A world for `model` writing into the given rows (one replication's slots; `segmentRow` holds
    /// `years × SufficiencyLayout.count` cells).
    init(model: CompiledScenario, annual: UnsafeMutablePointer<Double>, monthly: UnsafeMutablePointer<Int32>,
         requests: UnsafeMutablePointer<Int32>, segmentRow: UnsafeMutablePointer<Double>) {
        self.model = model
        self.scenario = model.scenario
        arrivals = generators.arrivals.generator
        attributes = generators.attributes.generator
        keyedRNG = generators.keyed.generator
        hazards = model.hazards
        segmentCount = model.years.count * SufficiencyLayout.count
        vacantByRange = RecordLists(count: model.approvalRanges.count)
        self.annual = annual
        self.monthly = monthly
        self.requests = requests
        self.segmentRow = segmentRow
    }

    @inline(__always) func stream(_ s: Stream) -> Generator {
        switch s {
        case .arrivals: return arrivals
        case .childAttributes: return attributes
        }
    }

    /// The generator for a keyed draw about `subject` (a child, a household key, a year) and `counter`.
    @inline(__always) mutating func keyed(_ draw: Draw, _ subject: Int, _ counter: Int) -> Generator {
        keyedRNG.seed(key: SplitMix64.keyedDraw(replicationKey, draw, subject, counter))
        return keyedRNG
    }

    /// The generator for a keyed draw about child `i`. A child's draws are keyed by its place among the children
    /// in care at the start and the arrivals, not counting the children who went home before the start
    /// (`InitialPopulation.setUpRecentReturnsHome`), whose number moves with the exit and re-entry assumptions: so a
    /// sweep or sensitivity run of those assumptions leaves every arrival's random numbers where they were. Those
    /// children have keys of their own, from 2^40 up (`ChildState.key`, set when the child is added: a field read
    /// rather than a computed mapping, which cost 1.9% of a replication's instructions).
    @inline(__always) mutating func keyed(_ draw: Draw, child i: Int, _ counter: Int) -> Generator {
        keyed(draw, children[i].key, counter)
    }

    /// Schedules a domain event (all at priority 0: same-time events run in the order scheduled).
    @inline(__always) mutating func schedule(_ kind: EventKind, at time: Double, subject: Int, version: UInt32 = 0,
                                             horizon: Double) {
        queue.schedule(kind, at: time, subject: subject, version: version, horizon: horizon)
    }

    // MARK: Tallies

    @inline(__always) mutating func tally(_ metric: AnnualMetric, _ amount: Double = 1) {
        annual[year * AnnualMetric.count + metric.rawValue] += amount
    }

    /// Adds to this year's request counter `column` (a count of requests or children in one year, far below 2³¹,
    /// so added without an overflow check).
    @inline(__always) mutating func countRequest(_ column: Int, _ amount: Int32 = 1) {
        requests[year * RequestTally.count + column] &+= amount
    }

    /// Adds to the current year's sufficiency cell `m` of child `i`'s request segment.
    @inline(__always) mutating func countSegment(_ i: Int, _ m: SufficiencyMeasure, _ amount: Double = 1) {
        segmentRow[year * SufficiencyLayout.count + SufficiencyLayout.cell(segment: Int(children[i].segment), m)] += amount
    }

    /// Empties the world for the next replication, keeping storage.
    mutating func reset() {
        queue.reset()
        children.removeAll()
        recentCount = 0
        households.removeAll()
        for r in vacantByRange.indices { vacantByRange[r].removeAll() }
        listedHouseholds = 0
        heldBack.removeAll()
        now = 0
        year = 0
        stock.fill(with: 0)
        inCare = 0
        stayingPut = 0
        activeHouseholds = 0
        enrolledThisYear = 0
        stepDownsThisYear = 0
        blockOccupied = 0
        householdSerial = 0
        programmeSerial = 0
        segmentRow.update(repeating: 0, count: segmentCount)
        rateMicro.fill(with: 0)
        rateSince.fill(with: 0)
        childDays = 0
        childDaysSince = 0
        yearLevers = YearLevers(model, year: 0)
        events = 0
    }
}

/// The year's levers that cost accrual reads at every rate change, held in the world so that the hot path reads
/// three numbers rather than the scenario's year-by-year arrays.
struct YearLevers {
    var jointFundingShare = 0.0
    var residentialInflation = 1.0
    var retentionCostPerHouseholdDay = 0.0

    init() {}

    init(_ model: CompiledScenario, year: Int) {
        jointFundingShare = model.levers.jointFundingShare[year]
        residentialInflation = model.inflationIndex[year * CostLine.count + CostLine.residential.index]
        retentionCostPerHouseholdDay = model.levers.retentionCostPerHouseholdDay[year]
    }
}
