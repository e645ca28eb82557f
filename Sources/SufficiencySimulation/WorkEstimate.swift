import Foundation
import SufficiencyModel

/// How much work a run would be, estimated from the scenario's rates before anything is simulated: the events a
/// replication-year processes, by kind, the run's total events and time, and the memory its results take. A run
/// whose estimate is beyond the bounds below is refused with one line per problem.
///
/// The estimate is the expected-value (fluid) version of the engine, on a monthly grid over the horizon:
///
/// - Children in care. Every source of children (the initial population, entries by age band, UASC arrivals and
///   re-entries) is followed as a survival curve: the exit hazards by care plan × age band × time-in-care band
///   (`HazardTables.exitRoutePerDay`, piecewise constant, integrated exactly between their boundaries), ageing
///   through the bands, until the 18th birthday. Ages are spread over each band a year at a time; the initial
///   population's time already in care is its gamma distribution taken at five quantiles. Entries arrive month by
///   month at each year's rates (trend and demand changes included), so the curves are convolved with them. A
///   reunification returns to care with `exits.reentry_probability` within a year (spread evenly), as a new entry,
///   generation after generation until they fade; so do the returns home of the year before the start
///   (`InitialPopulation.recentReturnsHomeMean`, from the stock's reunification hazards), in the first year.
///   This gives child-days in care by age band and exits by route, month by month.
/// - Placement endings. For each placement type × need tier × age band, the placement's breakdown hazard `b`
///   (times `early_multiplier` for its first `early_period`, and `settled_multiplier` from `settled_after` on) and
///   planned-move hazard `p` make a renewal process; by the renewal–reward theorem the endings per child-day are
///   `breakdowns = Σ mₖ·b·Dₖ / Σ Dₖ` and `planned = p`, where `Dₖ` is the mean time a placement spends in piece k
///   of its life (multiplier `mₖ`): `Sₖ (1 − e^{−(mₖb+p)Lₖ}) / (mₖb+p)` for a piece of length `Lₖ` entered with
///   survival `Sₖ`.
///   A band's rate is the average over types and needs weighted as the initial population is
///   (`placement_mix` × `age_mix_by_placement` × `need_mix_by_placement`); placed-for-adoption placements do not
///   end. Breakdowns and planned moves are these rates times the band's child-days, plus, for each child entering
///   a band, the renewal function's constant (`endingRates`' `extraOnEntry`): the endings a first placement adds
///   because it starts at the beginning of its early period rather than at a random point of a placement's life.
/// - Other events follow from those: one event per arrival (a child, a sibling group or a UASC child), per exit,
///   per 18th birthday in care, per move to adopters (one per adoption), per re-entry, per end of Staying Put
///   (18th birthdays in foster care × `staying_put_probability`, and the initial Staying Put, when the end falls
///   inside the horizon), per approval (business as usual and programme), per deregistration (a fluid model of the
///   households, first-year hazard for the first twelve months), per step-down review, and, as an upper bound,
///   the events a reunification enrolment or a step-down leaves stale (two and one, up to each year's capacity).
///
/// Left out, each worth a few per cent of the default scenario's events: events left stale by deregistrations
/// that move children, the reunification programme's faster returns home, and per-replication draws of the rates
/// (the point estimates are used). Checked against the engine's own count (`RunResult.events`) in
/// `WorkEstimateTests`: the estimate is 1.09–1.16 times the engine's count for the default scenario (5 and 2 years),
/// 1.16–1.26 for the scenario library, and 1.03–1.04 for breakdown hazards at the loader's caps; over the engine's
/// count in every scenario checked.
///
/// The time is the events at `secondsPerEvent` each plus the households placement searches may read at
/// `secondsPerHouseholdRead` each: searches (entries, re-entries, breakdowns, planned moves) times the in-house
/// households on average (the carers' fluid model), since a search reads the vacancy lists, which grow with the
/// service. For Peterborough's 118 households the second term is about a fifth of the estimate (counted twice, since
/// `secondsPerEvent` was measured with its searches in, so the estimate errs high); for tens of thousands it is most.
public struct WorkEstimate: Sendable {
    /// The kinds of events the engine schedules (`EventKind`), grouped as a user thinks of them.
    public enum Kind: Int, CaseIterable, Sendable {
        case entries, reentries, exits, age18, adoptionPlacements, stayingPutEnds, breakdowns, plannedMoves,
             approvals, deregistrations, stepDownReviews, resampled

        /// What the events are, for the estimate's table.
        public var label: String {
            switch self {
            case .entries: return "entries (a child, a sibling group or a UASC child arriving)"
            case .reentries: return "re-entries after a return home"
            case .exits: return "exits (return home, adoption, special guardianship, other)"
            case .age18: return "18th birthdays in care"
            case .adoptionPlacements: return "moves to adopters"
            case .stayingPutEnds: return "Staying Put arrangements ending"
            case .breakdowns: return "placement breakdowns"
            case .plannedMoves: return "planned moves"
            case .approvals: return "carer approvals (business as usual and programme)"
            case .deregistrations: return "carer deregistrations"
            case .stepDownReviews: return "residential step-down reviews"
            case .resampled: return "stale events (placement ends and exits drawn again)"
            }
        }

        /// The parameters that drive this kind's count, by their scenario key paths.
        public var drivers: String {
            switch self {
            case .entries: return "entries.annual_rate, uasc.annual_rate"
            case .reentries: return "exits.reentry_probability"
            case .exits: return "exits.<route>.base_hazard_by_plan × age_multiplier × time_in_care_multiplier"
            case .age18: return "population.age_mix_by_placement, entries.annual_rate (children turning 18 in care)"
            case .adoptionPlacements: return "exits.adoption.base_hazard_by_plan"
            case .stayingPutEnds: return "exits.staying_put_probability, population.staying_put"
            case .breakdowns:
                return "breakdowns.annual_hazard_by_placement × breakdowns.need_multiplier × breakdowns.age_multiplier"
                    + " × breakdowns.early_multiplier × breakdowns.settled_multiplier"
            case .plannedMoves: return "planned_moves.annual_hazard_by_placement × planned_moves.age_multiplier"
            case .approvals: return "recruitment.approvals_per_year, interventions.recruitment.approvals_per_year"
            case .deregistrations: return "in_house.households × deregistration.annual_hazard"
            case .stepDownReviews: return "interventions.residential_step_down.review_interval"
            case .resampled:
                return "population.children_in_care, deregistration.annual_hazard, "
                    + "interventions.reunification_programme.capacity, interventions.residential_step_down.capacity"
            }
        }

        /// Whether the kind happens to children in care (so a rate per child-year means something).
        var perChild: Bool { self == .breakdowns || self == .plannedMoves || self == .exits }
    }

    /// Engine time per event, in seconds of one core: measured in release on the development machine (2 cores,
    /// shared with other builds, load 4–5) as user CPU time over the events the run reports (`RunResult.events`):
    /// - the default scenario, `sufficiency run --replications 2000 --years 10 --threads 1 --quiet`: 9,907,849 events
    ///   in 5.26 s of simulation (5.58 s user with writing), 0.53 µs an event (`bench` on the same: 0.51 µs);
    /// - breakdown hazards and multipliers at the loader's caps (`WorkEstimateTests.extremeYAML`),
    ///   `sufficiency run extreme.yaml --replications 1 --years 1 --threads 1`: 143,182,460 events in 56.3 s user,
    ///   0.39 µs an event.
    /// Everything a replication does besides events (set-up, month-end snapshots) is folded into the figure, which
    /// is rounded up to 0.6 µs.
    public static let secondsPerEvent = 0.6e-6

    /// Engine time per household a placement search may read, in seconds of one core. A search reads the vacancy
    /// lists (`Matching.gatherHouseholds`), so its cost grows with the in-house service, which `secondsPerEvent`
    /// (measured on Peterborough's 118 households) does not show. Measured on the development machine: a council
    /// scaled to the loader's caps (`run --set in_house.households=100000 --set population.children_in_care=100000
    /// --set 'entries.annual_rate={"0":8000,"1-4":7500,"5-9":7500,"10-15":12000,"16-17":5500}' --replications 1
    /// --years 1 --threads 1`) took 7.55 s user for 122,726 events, 61 µs an event, against about 60,800 searches
    /// of about 95,000 households: 1.3 ns per household read, rounded up to 2 ns as a margin. The same figure gives
    /// 0.46 s for the council scaled to 20,000 (measured 0.24 s). For the default scenario it adds about a fifth to
    /// the estimate (`bench --dry-run`: 266 searches a replication-year among 110 households on average, 59 µs
    /// against 314 µs for its 524 events),
    /// which errs high, since `secondsPerEvent` was measured with those searches inside it.
    public static let secondsPerHouseholdRead = 2e-9

    /// Events per replication-year above which a scenario is refused: 100 times what the largest English council
    /// would make.
    ///
    /// The largest councils (Kent, Birmingham, Lancashire) look after about 2,000–2,500 children (England 83,630 in
    /// March 2024, facts.md section B; Kent runs the largest in-house fostering service, 945 children with 685
    /// households at 31 March 2019, Ofsted LA fostering data in shared/data/ofsted-fostering). The default scenario
    /// (Peterborough, 363 children) makes 512,499 events in 200 replications × 5 years
    /// (`sufficiency run --replications 200 --years 5`, manifest.json) over 128.3 million child-days in care: 512
    /// events per replication-year for 351 children in care on average, 1.46 events per child-year with the carers'
    /// events counted in. A council of 2,500 children at those per-child rates makes 2,500 × 1.46 ≈ 3,650 events a
    /// year, and 100 times that is 365,000. (Breakdown hazards and multipliers at the loader's caps make about
    /// 143 million.)
    public static let maximumEventsPerReplicationYear = 365_000.0
    /// The children in care of the largest English council, on which the bound rests.
    public static let largestCouncilChildren = 2_500.0
    /// Longest a run may be estimated to take (24 hours on this machine).
    public static let maximumSeconds = 86_400.0

    public let scenarioName: String
    public let replications: Int
    /// Years simulated (the horizon) and the same in days-based years (`horizonDay / 365.25`).
    public let years: Int
    public let replicationYears: Double
    /// Financial years the run touches (for the memory message).
    let financialYears: Int
    /// Worker threads that would share the work (at most the cores and the replications).
    public let effectiveThreads: Int
    /// Expected events per replication-year, indexed by `Kind.rawValue`.
    public let perReplicationYear: [Double]
    /// Mean children in care over the horizon (child-years in care per year).
    public let childrenInCare: Double
    /// Bytes of the run's results (`RunResult.bytesNeeded`).
    public let bytes: Int
    /// Approved in-house households on average over the horizon.
    public let householdsOnAverage: Double
    /// Households placement searches may read per replication-year: searches (entries, re-entries, breakdowns
    /// and planned moves) times the households on average, an upper bound on the vacancy lists read.
    public let householdReadsPerReplicationYear: Double

    public var eventsPerReplicationYear: Double { perReplicationYear.reduce(0, +) }
    public func events(_ kind: Kind) -> Double { perReplicationYear[kind.rawValue] }
    /// Expected events of the whole run.
    public var totalEvents: Double { eventsPerReplicationYear * replicationYears * Double(replications) }
    /// Estimated wall time of the simulation on this machine: its events, and the households its searches read.
    public var seconds: Double {
        let reads = householdReadsPerReplicationYear * replicationYears * Double(replications)
        return (totalEvents * Self.secondsPerEvent + reads * Self.secondsPerHouseholdRead) / Double(effectiveThreads)
    }

    /// - Parameters:
    ///   - model: the compiled scenario the run would simulate.
    ///   - replications: as the run would use them.
    ///   - threads: as the run would use them.
    public init(_ model: CompiledScenario, replications: Int, threads: Int) {
        scenarioName = model.scenario.name
        self.replications = replications
        years = model.horizonYears
        replicationYears = model.horizonDay / daysPerYear
        financialYears = model.years.count
        effectiveThreads = max(1, min(threads, replications, ProcessInfo.processInfo.activeProcessorCount))
        bytes = RunResult.bytesNeeded(replications: replications, model: model)
        let flows = Flows(model)
        let span = max(model.horizonDay / daysPerYear, 1e-9)
        let perYear = flows.totals.map { $0 / span }
        perReplicationYear = perYear
        childrenInCare = flows.childDays / max(model.horizonDay, 1e-9)
        let households = flows.householdDays / max(model.horizonDay, 1e-9)
        householdsOnAverage = households
        let searches = [Kind.entries, .reentries, .breakdowns, .plannedMoves].reduce(0) { $0 + perYear[$1.rawValue] }
        householdReadsPerReplicationYear = searches * households
    }

    // MARK: Refusal

    /// The kinds that make most of the events (up to three, until 90% is covered), largest first.
    public var topKinds: [Kind] {
        let total = eventsPerReplicationYear
        var kinds: [Kind] = [], covered = 0.0
        for k in Kind.allCases.sorted(by: { events($0) > events($1) }) where events(k) > 0 {
            if kinds.count == 3 || (total > 0 && covered >= 0.9 * total) { break }
            kinds.append(k)
            covered += events(k)
        }
        return kinds
    }

    /// "breakdowns.… : 151,000,000 events per replication-year (416,000 per child-year)" for the top kinds.
    public var driverText: String {
        topKinds.map { k in
            var text = "\(k.drivers): \(Self.count(events(k))) events per replication-year"
            if k.perChild && childrenInCare > 0 {
                text += " (\(Self.count(events(k) / childrenInCare)) per child-year, \(Self.count(childrenInCare)) children in care)"
            }
            return text
        }.joined(separator: "; ")
    }

    /// Whether the households searches read take more of the time than the events.
    var searchesDominate: Bool {
        householdReadsPerReplicationYear * Self.secondsPerHouseholdRead > eventsPerReplicationYear * Self.secondsPerEvent
    }

    /// Placement searches per replication-year (entries, re-entries, breakdowns, planned moves).
    var searchesPerReplicationYear: Double { householdReadsPerReplicationYear / max(householdsOnAverage, 1e-9) }

    /// "in_house.households: placement searches reading about 63,500 households each on average, 61,100 searches
    /// per replication-year".
    var searchText: String {
        "in_house.households: placement searches reading about \(Self.count(householdsOnAverage)) households each on "
            + "average, \(Self.count(searchesPerReplicationYear)) searches per replication-year"
    }

    /// One line per problem, each starting with `label` (a scenario's origin or file): too many events per
    /// replication-year, too long a run, too much memory for the results. Empty when the run may go ahead.
    public func problems(label: String) -> [String] {
        var lines: [String] = []
        let rate = eventsPerReplicationYear
        if rate > Self.maximumEventsPerReplicationYear {
            lines.append("\(label): about \(Self.count(rate)) events per replication-year, more than the "
                + "\(Self.count(Self.maximumEventsPerReplicationYear)) allowed (100 times what the largest English council, "
                + "about \(Self.count(Self.largestCouncilChildren)) children in care, would make); "
                + "\(Format.counted(replications, "replication")) × \(Format.counted(years, "year")) would take "
                + "\(Self.duration(seconds)); driven by \(driverText)")
        } else if seconds > Self.maximumSeconds {
            lines.append("\(label): \(Format.counted(replications, "replication")) × \(Format.counted(years, "year")) would take "
                + "\(Self.duration(seconds)) (\(Self.count(totalEvents)) events), more than the "
                + "\(Int(Self.maximumSeconds / 3_600)) hours allowed; driven by \(searchesDominate ? searchText : driverText); "
                + "use fewer replications or years")
        }
        if bytes > RunResult.maximumBytes {
            lines.append("--replications \(replications) over \(financialYears) years needs \(bytes >> 20) MB of results, more than "
                + "the \(RunResult.maximumBytes >> 20) MB allowed; use fewer replications")
        }
        return lines
    }

    /// The problems of several runs made by one command (a comparison, a sweep), each labelled, and one more line
    /// when together they would take longer than allowed though none does alone.
    public static func problems(_ runs: [(label: String, estimate: WorkEstimate)]) -> [String] {
        var lines: [String] = []
        for line in runs.flatMap({ $0.estimate.problems(label: $0.label) }) where !lines.contains(line) { lines.append(line) }
        let total = runs.reduce(0) { $0 + $1.estimate.seconds }
        if lines.isEmpty && runs.count > 1 && total > maximumSeconds {
            lines.append("these \(runs.count) runs would take \(duration(total)) together, more than the "
                + "\(Int(Self.maximumSeconds / 3_600)) hours allowed; use fewer replications, years or runs")
        }
        return lines
    }

    // MARK: Report

    /// The estimate as a table: events per replication-year by kind, total events, time and memory; `label` (the
    /// scenario's origin, a sweep's point) names the run.
    public func report(label: String) -> [String] {
        var lines = ["work estimate for \(scenarioName) (\(label)): \(Format.counted(replications, "replication")) × \(Format.counted(years, "year")) "
            + "on \(Format.counted(effectiveThreads, "thread")), "
            + "\(Self.count(childrenInCare)) children in care on average"]
        lines.append("  events per replication-year, by kind:")
        // The kinds' column is as wide as the longest kind, shown or not, so estimates line up with each other.
        var table = TextTable([.left(minimumWidth: Kind.allCases.map(\.label.count).max()!), .left()])
        for k in Kind.allCases where events(k) > 0 { table.append([k.label, Self.count(events(k))]) }
        table.append(["total", Self.count(eventsPerReplicationYear) + " (bound \(Self.count(Self.maximumEventsPerReplicationYear)))"])
        lines += table.lines().map { "    " + $0 }
        lines.append("  total events: about \(Self.count(totalEvents))")
        lines.append("  estimated time: \(Self.duration(seconds)) "
            + "(\(Format.fixed(Self.secondsPerEvent * 1e6, 1)) µs an event in release"
            + (householdsOnAverage >= 1 ? ", and \(Format.fixed(Self.secondsPerHouseholdRead * 1e9, 0)) ns for each household a "
                + "search may read: \(Self.count(searchesPerReplicationYear)) searches per replication-year among "
                + "\(Self.count(householdsOnAverage)) households on average" : "")
            + "; bound \(Int(Self.maximumSeconds / 3_600)) hours)")
        lines.append("  memory for results: \(Self.megabytes(bytes)) (bound \(RunResult.maximumBytes >> 20) MB)")
        return lines
    }

    /// The runs of one command together: "3 runs: about 7,740,000 events, about 2.3 s".
    public static func total(_ estimates: [WorkEstimate]) -> String {
        "\(estimates.count) runs: about \(count(estimates.reduce(0) { $0 + $1.totalEvents })) events, "
            + duration(estimates.reduce(0) { $0 + $1.seconds })
    }

    /// One line: events per replication-year, total time and memory.
    public var summary: String {
        "about \(Self.count(eventsPerReplicationYear)) events per replication-year (\(Self.count(childrenInCare)) children "
            + "in care); \(Format.counted(replications, "replication")) × \(Format.counted(years, "year")): "
            + "\(Self.count(totalEvents)) events, \(Self.duration(seconds)), \(Self.megabytes(bytes)) of results"
    }

    /// A count to three significant figures with thousands separators: 416,000; 545; 0.42.
    static func count(_ x: Double) -> String {
        guard x.isFinite else { return "NA" }
        if x < 10 { return Format.fixed(x, x < 1 ? 2 : 1) }
        let digits = Int(Foundation.log10(x).rounded(.down)) + 1
        let scale = Foundation.pow(10, Double(max(digits - 3, 0)))
        let rounded = (x / scale).rounded() * scale
        guard rounded < 9e18 else { return String(format: "%.3g", x) }
        return grouped(Int(rounded))
    }

    /// A whole number with thousands separators: 1,000.
    static func grouped(_ n: Int) -> String { Format.grouped(n) }

    /// "under a second", "about 40 s", "about 2.1 days".
    static func duration(_ s: Double) -> String {
        if !s.isFinite { return "forever" }
        if s < 1 { return "under a second" }
        if s < 120 { return "about \(count(s)) s" }
        if s < 7_200 { return "about \(count(s / 60)) minutes" }
        if s < 172_800 { return "about \(count(s / 3_600)) hours" }
        if s < 2 * 31_557_600 { return "about \(count(s / 86_400)) days" }
        return "about \(count(s / 31_557_600)) years"
    }

    static func megabytes(_ b: Int) -> String {
        if b < 1 << 20 { return "under 1 MB" }
        if b < 10 << 20 { return "\(Format.fixed(Double(b) / Double(1 << 20), 1)) MB" }
        return "\(grouped(b >> 20)) MB"
    }
}
