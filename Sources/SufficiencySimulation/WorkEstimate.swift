import CGSL
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
///   reunification returns to care with `exits.reentry_probability` within a year (spread evenly), as a new entry.
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

    public var eventsPerReplicationYear: Double { perReplicationYear.reduce(0, +) }
    public func events(_ kind: Kind) -> Double { perReplicationYear[kind.rawValue] }
    /// Expected events of the whole run.
    public var totalEvents: Double { eventsPerReplicationYear * replicationYears * Double(replications) }
    /// Estimated wall time of the simulation on this machine.
    public var seconds: Double { totalEvents * Self.secondsPerEvent / Double(effectiveThreads) }

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
        perReplicationYear = flows.totals.map { $0 / span }
        childrenInCare = flows.childDays / max(model.horizonDay, 1e-9)
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

    /// One line per problem, each starting with `label` (a scenario's origin or file): too many events per
    /// replication-year, too long a run, too much memory for the results. Empty when the run may go ahead.
    public func problems(label: String) -> [String] {
        var lines: [String] = []
        let rate = eventsPerReplicationYear
        if rate > Self.maximumEventsPerReplicationYear {
            lines.append("\(label): about \(Self.count(rate)) events per replication-year, more than the "
                + "\(Self.count(Self.maximumEventsPerReplicationYear)) allowed (100 times what the largest English council, "
                + "about \(Self.count(Self.largestCouncilChildren)) children in care, would make); "
                + "\(Self.grouped(replications)) replications × \(years) years would take "
                + "\(Self.duration(seconds)); driven by \(driverText)")
        } else if seconds > Self.maximumSeconds {
            lines.append("\(label): \(Self.grouped(replications)) replications × \(years) years would take "
                + "\(Self.duration(seconds)) (\(Self.count(totalEvents)) events), more than the "
                + "\(Int(Self.maximumSeconds / 3_600)) hours allowed; driven by \(driverText); use fewer replications or years")
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
        var lines = ["work estimate for \(scenarioName) (\(label)): \(Self.grouped(replications)) replications × \(years) years "
            + "on \(effectiveThreads) thread\(effectiveThreads == 1 ? "" : "s"), "
            + "\(Self.count(childrenInCare)) children in care on average"]
        lines.append("  events per replication-year, by kind:")
        // The kinds' column is as wide as the longest kind, shown or not, so estimates line up with each other.
        var table = TextTable([.left(minimumWidth: Kind.allCases.map(\.label.count).max()!), .left()])
        for k in Kind.allCases where events(k) > 0 { table.append([k.label, Self.count(events(k))]) }
        table.append(["total", Self.count(eventsPerReplicationYear) + " (bound \(Self.count(Self.maximumEventsPerReplicationYear)))"])
        lines += table.lines().map { "    " + $0 }
        lines.append("  total events: about \(Self.count(totalEvents))")
        lines.append("  estimated time: \(Self.duration(seconds)) "
            + "(\(Format.fixed(Self.secondsPerEvent * 1e6, 1)) µs an event in release; bound \(Int(Self.maximumSeconds / 3_600)) hours)")
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
            + "in care); \(Self.grouped(replications)) replications × \(years) years: "
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

// MARK: The expected-value model

extension WorkEstimate {
    /// Expected events of one replication over the horizon, by kind, and child-days in care.
    struct Flows {
        var totals = [Double](repeating: 0, count: Kind.allCases.count)
        var childDays = 0.0

        // Quantities tracked per month: child-days by age band, exits by hazard route, 18th birthdays.
        static let routes = 4
        static let quantities = AgeBand.count + routes + 1
        static let age18 = AgeBand.count + routes

        let model: CompiledScenario
        let steps: Int
        let dt: Double
        /// The pieces of a placement's life over which the breakdown multiplier is constant (`Breakdowns.phase`):
        /// the early period, the time before the placement is settled, then the rest (length infinity); empty pieces
        /// are left out. The same for every placement, so worked out once.
        let placementPieces: [(start: Double, length: Double, multiplier: Double)]

        init(_ model: CompiledScenario) {
            self.model = model
            steps = max(1, Int((model.horizonDay / daysPerMonth).rounded(.up)))
            dt = model.horizonDay / Double(steps)
            var pieces: [(start: Double, length: Double, multiplier: Double)] = []
            var start = 0.0
            while start.isFinite {
                let (multiplier, end) = model.scenario.breakdowns.phase(afterDays: start)
                pieces.append((start, end - start, multiplier))
                start = end
            }
            placementPieces = pieces
            compute()
        }

        /// The year index of step `k` (at its middle).
        func year(ofStep k: Int) -> Int {
            let t = (Double(k) + 0.5) * dt
            return model.yearStarts.lastIndex { $0 <= t } ?? 0
        }

        mutating func compute() {
            let s = model.scenario
            let h = model.hazards
            let q = Self.quantities
            var series = [Double](repeating: 0, count: steps * q)

            // Sources of children: each entry band, UASC arrivals, and the initial population.
            let bands = AgeBand.allCases
            let entryCurves = bands.map { band in
                curve(ages: [(band.index, 1)], plans: { _ in s.entries.carePlanMixByAge[band.index] }, timesInCare: [(0, 1)])
            }
            let uascCurve = curve(ages: model.uascAge.probabilities.enumerated().map { ($0.offset, $0.element) },
                                  plans: { _ in s.uasc.carePlanMix }, timesInCare: [(0, 1)])
            var entryRates = [[Double]](repeating: [Double](repeating: 0, count: steps), count: AgeBand.count)
            var uascRates = [Double](repeating: 0, count: steps)
            for k in 0..<steps {
                let y = year(ofStep: k)
                let groups = h.arrivalRatePerDay[y] * dt
                totals[Kind.entries.rawValue] += groups
                for b in bands.indices { entryRates[b][k] = h.entryChildrenPerDay[y][b] * dt }
                uascRates[k] = groups * h.arrivalSource[y].probabilities[AgeBand.count]
            }
            var entering = bands.map { entryRates[$0.index].reduce(0, +) }
            let uascTotal = uascRates.reduce(0, +)
            for (b, w) in model.uascAge.probabilities.enumerated() { entering[b] += uascTotal * w }
            for b in bands.indices { convolve(entryCurves[b], rates: entryRates[b], into: &series) }
            convolve(uascCurve, rates: uascRates, into: &series)

            // The initial population (placed-for-adoption children are set apart: their order follows within
            // `adoption_placement_days`, and their placements do not end).
            let pfa = PlacementType.placedForAdoption.index
            var initialCurve: [Double]? = nil
            var ageWeights = [Double](repeating: 0, count: AgeBand.count)
            for type in PlacementType.allCases where type.index != pfa {
                let n = Double(model.initialCounts[type.index])
                for (b, w) in model.initialAge[type.index].probabilities.enumerated() { ageWeights[b] += n * w }
            }
            if ageWeights.reduce(0, +) > 0 {
                let quantiles = gammaQuantiles(mean: s.population.yearsInCareMean, shape: s.population.yearsInCareShape)
                let initial = curve(ages: ageWeights.enumerated().map { ($0.offset, $0.element) },
                                    plans: { model.initialPlan[$0].probabilities },
                                    timesInCare: quantiles.map { ($0 * daysPerYear, 1 / Double(quantiles.count)) },
                                    normalise: false)
                for i in series.indices { series[i] += initial[i] }
                initialCurve = initial
            }
            let adopting = Double(model.initialCounts[pfa])
            let adoptionDays = s.exits.adoptionPlacementDays
            if adopting > 0 {
                let inside = adoptionDays > 0 ? min(1, model.horizonDay / adoptionDays) : 1
                totals[Kind.exits.rawValue] += adopting * inside
                // Mean of min(U·A, T) for U uniform: A/2 when the horizon is longer than A.
                let T = model.horizonDay, A = adoptionDays
                childDays += adopting * (A <= T ? A / 2 : T - T * T / (2 * A))
            }

            // Re-entries: a reunification returns to care within a year with the re-entry probability, as an entry
            // with the entrants' age profile; followed for a few generations.
            let reentry = s.exits.reentryProbability
            if reentry > 0 {
                let entryShares = bands.map { s.entries.annualRate[$0.index] }
                let shareSum = entryShares.reduce(0, +)
                let shares = shareSum > 0 ? entryShares.map { $0 / shareSum } : bands.map { _ in 1 / Double(AgeBand.count) }
                let reentryCurve = curve(ages: shares.enumerated().map { ($0.offset, $0.element) },
                                         plans: { s.entries.carePlanMixByAge[$0] }, timesInCare: [(0, 1)])
                let spread = max(1, Int((daysPerYear / dt).rounded()))
                var generation = series
                for _ in 0..<4 {
                    var rates = [Double](repeating: 0, count: steps)
                    var mass = 0.0
                    for k in 0..<steps {
                        let home = generation[k * q + AgeBand.count + ExitRoute.reunification.rawValue] * reentry
                        guard home > 0 else { continue }
                        for d in 1...spread where k + d < steps {
                            rates[k + d] += home / Double(spread)
                            mass += home / Double(spread)
                        }
                    }
                    guard mass > 1e-9 else { break }
                    totals[Kind.reentries.rawValue] += mass
                    for b in bands.indices { entering[b] += mass * shares[b] }
                    var next = [Double](repeating: 0, count: steps * q)
                    convolve(reentryCurve, rates: rates, into: &next)
                    for i in series.indices { series[i] += next[i] }
                    generation = next
                }
            }

            // Child-days, exits and 18th birthdays.
            var daysByBand = [Double](repeating: 0, count: AgeBand.count)
            for k in 0..<steps {
                for b in bands.indices { daysByBand[b] += series[k * q + b] }
                for r in 0..<Self.routes { totals[Kind.exits.rawValue] += series[k * q + AgeBand.count + r] }
                totals[Kind.age18.rawValue] += series[k * q + Self.age18]
                totals[Kind.adoptionPlacements.rawValue] += series[k * q + AgeBand.count + ExitRoute.adoption.rawValue]
            }
            childDays += daysByBand.reduce(0, +)

            // Breakdowns and planned moves: renewal rates per band, weighted by the initial population's make-up.
            let weights = placementWeights()
            var fosterAt16 = 0.0
            for b in bands.indices {
                var breakdown = 0.0, planned = 0.0, firstPlacement = 0.0
                for type in PlacementType.allCases where type.index != pfa {
                    for need in NeedTier.allCases {
                        let w = weights[b][type.index * NeedTier.count + need.index]
                        guard w > 0 else { continue }
                        let rates = endingRates(type: type.index, need: need.index, age: b)
                        breakdown += w * rates.breakdown
                        planned += w * rates.planned
                        firstPlacement += w * rates.extraOnEntry
                        if b == AgeBand.age16to17.index && type.isFoster { fosterAt16 += w }
                    }
                }
                totals[Kind.breakdowns.rawValue] += daysByBand[b] * breakdown + entering[b] * firstPlacement
                totals[Kind.plannedMoves.rawValue] += daysByBand[b] * planned
            }

            // Stale events: the set-up draws each initial child's placement end twice (once as the child is placed,
            // once from the placement's true start), and the first draw still runs when it falls inside the
            // horizon; a household's deregistration moves its children, whose pending ends go stale the same way.
            var staleShare = 0.0
            if let initial = initialCurve {
                let initialChildren = ageWeights.reduce(0, +)
                var stale = 0.0
                for b in bands.indices {
                    for type in PlacementType.allCases where type.index != pfa {
                        for need in NeedTier.allCases {
                            let w = weights[b][type.index * NeedTier.count + need.index]
                            guard w > 0 else { continue }
                            var before = 1.0
                            for k in 0..<steps {
                                let after = freshSurvival(type: type.index, need: need.index, age: b, days: Double(k + 1) * dt)
                                stale += w * initial[k * q + b] / dt * (before - after)
                                before = after
                            }
                        }
                    }
                }
                totals[Kind.resampled.rawValue] += stale
                staleShare = initialChildren > 0 ? min(1, stale / initialChildren) : 0
            }

            // Staying Put: starts at 18 in foster care; the end is counted when it falls inside the horizon.
            let T = model.horizonDay
            let endHazard = s.exits.stayingPutEndHazard / daysPerYear
            let threeYears = 3 * daysPerYear
            for k in 0..<steps {
                let starts = series[k * q + Self.age18] * fosterAt16 * s.exits.stayingPutProbability
                let left = T - (Double(k) + 0.5) * dt
                let ends = left >= threeYears ? 1 : 1 - Foundation.exp(-endHazard * left)
                totals[Kind.stayingPutEnds.rawValue] += starts * ends
            }
            let notEnded = Foundation.exp(-endHazard * T) * max(0, (threeYears - T) / threeYears)
            totals[Kind.stayingPutEnds.rawValue] += Double(s.population.stayingPut) * (1 - notEnded)

            carers()
            let households = Double(s.inHouse.households)
            let perHousehold = households > 0 ? min(4, Double(model.initialCounts[PlacementType.inHouseFoster.index]) / households) : 0
            totals[Kind.resampled.rawValue] += totals[Kind.deregistrations.rawValue] * perHousehold * staleShare
            interventions(childrenInCare: childDays / max(T, 1e-9), weights: weights)
        }

        /// Approvals and deregistrations: households approved at each year's rate (business as usual and
        /// programme), each leaving at the first-year hazard for twelve months and the later hazard after, times
        /// the retention multiplier of the year.
        mutating func carers() {
            let levers = model.levers
            var old = Double(model.scenario.inHouse.households)
            var recent = [Double](repeating: 0, count: 12)   // households approved in each of the last 12 steps
            for k in 0..<steps {
                let y = year(ofStep: k)
                let approved = (levers.approvals[y] + levers.recruitmentTarget[y]) * dt / daysPerYear
                totals[Kind.approvals.rawValue] += approved
                let m = levers.deregistrationMultiplier[y]
                let later = 1 - Foundation.exp(-model.deregistrationPerDay * m * dt)
                let first = 1 - Foundation.exp(-model.deregistrationFirstYearPerDay * m * dt)
                var leaving = old * later
                old -= old * later
                for i in recent.indices {
                    leaving += recent[i] * first
                    recent[i] -= recent[i] * first
                }
                totals[Kind.deregistrations.rawValue] += leaving
                // The oldest of the recent households pass their first year.
                old += recent[k % 12]
                recent[k % 12] = approved
            }
        }

        /// Step-down reviews, and an upper bound on the events enrolments and step-downs leave stale.
        mutating func interventions(childrenInCare: Double, weights: [[Double]]) {
            let s = model.scenario
            let T = model.horizonDay
            if let p = s.interventions.stepDown {
                let first = max(Double(p.years.start.firstDay.dayNumber - s.startDate.dayNumber), 0) + p.reviewIntervalDays
                if first < T { totals[Kind.stepDownReviews.rawValue] += ((T - first) / p.reviewIntervalDays).rounded(.down) + 1 }
                let residentialShare = weights.reduce(0) { total, band in
                    total + NeedTier.allCases.reduce(0) { $0 + band[PlacementType.residential.index * NeedTier.count + $1.index] }
                } / Double(AgeBand.count)
                for y in model.years.indices where model.levers.stepDownActive[y] {
                    totals[Kind.resampled.rawValue] += min(Double(p.capacityPerYear), childrenInCare * residentialShare)
                        * model.yearFraction(y)
                }
            }
            if let p = s.interventions.reunification {
                for y in model.years.indices where model.levers.reunificationActive[y] {
                    totals[Kind.resampled.rawValue] += 2 * min(Double(p.capacityPerYear), childrenInCare) * model.yearFraction(y)
                }
            }
        }

        /// Breakdowns and planned moves per child-day in a placement of this type, need and age band: the long-run
        /// rates of the renewal process a placement's early period and settled part make (see `WorkEstimate`).
        ///
        /// `extraOnEntry` is the renewal function's constant, `E[X²] / 2D² − 1` for placements of length X and mean D:
        /// the endings a child's first placement adds to the long-run rate because it starts at the beginning of its
        /// early period (zero when the hazard does not change with the placement's length).
        func endingRates(type: Int, need: Int, age: Int) -> (breakdown: Double, planned: Double, extraOnEntry: Double) {
            let (b, p, pieces) = placementHazards(type: type, need: need, age: age)
            guard b + p > 0 else { return (0, 0, 0) }
            // Over each piece [a, a + L) of constant hazard h, entered with survival S: time spent S(1 − e^{−hL})/h
            // and ∫ t S(t) dt = S[a(1 − e^{−hL})/h + (1 − e^{−hL}(1 + hL))/h²] (L = ∞ for the last piece).
            var survival = 1.0, d = 0.0, breakdowns = 0.0, moment = 0.0
            for piece in pieces {
                let h = piece.multiplier * b + p, a = piece.start, L = piece.length
                // A settled part that never ends: no long-run endings, and the first placement ends 1/S − 1 times
                // on average before one lasts into it (S: the chance of lasting into it).
                if L == .infinity && h == 0 { return (0, p, 1 / survival - 1) }
                let time: Double, tTime: Double, after: Double
                if L == .infinity {
                    (time, tTime, after) = (survival / h, survival * (a / h + 1 / (h * h)), 0)
                } else if h > 0 {
                    let x = h * L, gone = -Foundation.expm1(-x), stays = Foundation.exp(-x)
                    (time, tTime, after) = (survival * gone / h, survival * (a * gone / h + (gone - x * stays) / (h * h)),
                                            survival * stays)
                } else {
                    (time, tTime, after) = (survival * L, survival * (a * L + L * L / 2), survival)
                }
                d += time
                breakdowns += piece.multiplier * b * time
                moment += tTime
                survival = after
            }
            return (breakdowns / d, p, max(0, moment / (d * d) - 1))
        }

        /// The probability that a placement that has just begun has not ended `days` later.
        func freshSurvival(type: Int, need: Int, age: Int, days: Double) -> Double {
            let (b, p, pieces) = placementHazards(type: type, need: need, age: age)
            var exponent = 0.0
            for piece in pieces where piece.start < days {
                exponent += (piece.multiplier * b + p) * min(piece.length, days - piece.start)
            }
            return Foundation.exp(-exponent)
        }

        /// Breakdown and planned-move hazards per day, and the pieces of a placement's life (`placementPieces`).
        func placementHazards(type: Int, need: Int, age: Int)
            -> (Double, Double, [(start: Double, length: Double, multiplier: Double)]) {
            let b = model.hazards.breakdownPerDay[model.placementIndex(type: type, need: need, age: age)]
            let p = model.hazards.plannedMovePerDay[type * AgeBand.count + age]
            return (b, p, placementPieces)
        }

        /// The initial population's make-up by age band: `[band][type × NeedTier.count + need]`, summing to 1 in
        /// each band (placement mix × age mix × need mix; the placement and need mixes alone for a band nobody is in).
        func placementWeights() -> [[Double]] {
            let pop = model.scenario.population
            let types = PlacementType.allCases
            return AgeBand.allCases.map { band in
                var w = [Double](repeating: 0, count: PlacementType.count * NeedTier.count)
                for withAge in [true, false] {
                    for type in types {
                        let share = pop.placementMix[type.index] * (withAge ? model.initialAge[type.index].probabilities[band.index] : 1)
                        for (n, x) in model.initialNeed[type.index].probabilities.enumerated() {
                            w[type.index * NeedTier.count + n] = share * x
                        }
                    }
                    if w.reduce(0, +) > 0 { break }
                }
                let sum = w.reduce(0, +)
                return sum > 0 ? w.map { $0 / sum } : w
            }
        }

        /// The expected path of children of the given age bands (weights), care plans by band, and times already
        /// in care (days, weights), from now for `steps` months: `[step][quantity]`. The weights are normalised to
        /// one child unless `normalise` is false (then the age weights are counts).
        func curve(ages: [(band: Int, weight: Double)], plans: (Int) -> [Double], timesInCare: [(days: Double, weight: Double)],
                   normalise: Bool = true) -> [Double] {
            var out = [Double](repeating: 0, count: steps * Self.quantities)
            let total = normalise ? ages.reduce(0) { $0 + $1.weight } : 1
            guard total > 0 else { return out }
            for (band, weight) in ages where weight > 0 {
                let b = AgeBand(rawValue: band)!
                let width = b.upperAge - b.lowerAge
                let planMix = plans(band)
                let planSum = planMix.reduce(0, +)
                guard planSum > 0 else { continue }
                for i in 0..<width {
                    let age = (Double(b.lowerAge) + Double(i) + 0.5) * daysPerYear
                    for (plan, share) in planMix.enumerated() where share > 0 {
                        for (tau, w) in timesInCare {
                            follow(age: age, plan: plan, timeInCare: min(tau, age),
                                   mass: weight / total / Double(width) * share / planSum * w, into: &out)
                        }
                    }
                }
            }
            return out
        }

        /// Adds the expected path of `mass` children of this age (days), plan and time in care to `out`: the exit
        /// hazards are constant between age-band and time-in-care-band boundaries and are integrated exactly.
        ///
        /// Written over buffer pointers, with the band boundaries looked up once: it runs about 500 times for a
        /// scenario, a few hundred pieces each, every time a run, `bench` or `validate` starts. The arithmetic is
        /// the same, in the same order, so the estimate is the same to the last bit.
        func follow(age: Double, plan: Int, timeInCare: Double, mass: Double, into out: inout [Double]) {
            let starts = model.timeBandStarts
            var a = age, tau = timeInCare, alive = mass
            var band = AgeBand.of(age: a / daysPerYear).index
            var timeBand = starts.lastIndex { $0 <= tau } ?? 0
            let q = Self.quantities, routes = Self.routes, bands = AgeBand.count, times = starts.count
            let steps = self.steps, dt = self.dt
            let ageEnds = Self.ageBandEnds
            let base = (plan * bands) * times
            model.hazards.exitTotalPerDay.withUnsafeBufferPointer { total in
                model.hazards.exitRoutePerDay.withUnsafeBufferPointer { route in
                    starts.withUnsafeBufferPointer { starts in
                        out.withUnsafeMutableBufferPointer { out in
                            for k in 0..<steps {
                                var left = dt
                                while left > 0 && alive > mass * 1e-9 {
                                    let nextAge = ageEnds[band]
                                    let nextTime = timeBand + 1 < times ? starts[timeBand + 1] : .infinity
                                    let toAge = nextAge - a, toTime = nextTime - tau
                                    let span = max(0, min(left, toAge, toTime))
                                    let index = base + band * times + timeBand
                                    let rate = total[index]
                                    let row = k * q
                                    if rate > 0 {
                                        let gone = -alive * Foundation.expm1(-rate * span)
                                        out[row + band] += gone / rate
                                        for r in 0..<routes {
                                            out[row + bands + r] += gone * route[index * routes + r] / rate
                                        }
                                        alive -= gone
                                    } else {
                                        out[row + band] += alive * span
                                    }
                                    left -= span
                                    if toAge <= span {
                                        a = nextAge
                                        if band + 1 < bands {
                                            band += 1
                                        } else {
                                            out[row + Self.age18] += alive
                                            return
                                        }
                                    } else {
                                        a += span
                                    }
                                    if toTime <= span {
                                        tau = nextTime
                                        timeBand += 1
                                    } else {
                                        tau += span
                                    }
                                }
                                if alive <= mass * 1e-9 { return }
                            }
                        }
                    }
                }
            }
        }

        /// The age in days at which a child leaves each age band: the next band's lower age, or the 18th birthday.
        static let ageBandEnds: [Double] = AgeBand.allCases.map { band in
            band.index + 1 < AgeBand.count ? Double(AgeBand(rawValue: band.index + 1)!.lowerAge) * daysPerYear : 18 * daysPerYear
        }

        /// Adds children entering at `rates[s]` in step s, each following `curve` from then, to `out`.
        ///
        /// Eight values at a time: the compiler does not vectorise the loop itself (it cannot tell the buffers apart),
        /// and this is most of the estimate's time. Each value is still `out + rate × curve`, rounded as before.
        func convolve(_ curve: [Double], rates: [Double], into out: inout [Double]) {
            let q = Self.quantities
            curve.withUnsafeBufferPointer { c in
                out.withUnsafeMutableBufferPointer { o in
                    let c = UnsafeRawPointer(c.baseAddress!), o = UnsafeMutableRawPointer(o.baseAddress!)
                    let stride = MemoryLayout<Double>.stride
                    for s in 0..<steps where rates[s] > 0 {
                        let r = rates[s], n = (steps - s) * q
                        let target = o + s * q * stride
                        var i = 0
                        while i + 8 <= n {
                            let x = target.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Double>.self)
                            let y = c.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Double>.self)
                            target.storeBytes(of: x + r * y, toByteOffset: i * stride, as: SIMD8<Double>.self)
                            i += 8
                        }
                        while i < n {
                            let x = target.load(fromByteOffset: i * stride, as: Double.self)
                            let y = c.load(fromByteOffset: i * stride, as: Double.self)
                            target.storeBytes(of: x + r * y, toByteOffset: i * stride, as: Double.self)
                            i += 1
                        }
                    }
                }
            }
        }

        /// Five quantiles (at 10%, 30%, …, 90%) of a gamma distribution in years, by bisection on GSL's CDF.
        func gammaQuantiles(mean: Double, shape: Double) -> [Double] {
            guard mean > 0, shape > 0 else { return [max(mean, 0)] }
            let scale = mean / shape
            return [0.1, 0.3, 0.5, 0.7, 0.9].map { p in
                var lo = 0.0, hi = mean
                while gsl_cdf_gamma_P(hi, shape, scale) < p && hi < 1e6 { hi *= 2 }
                for _ in 0..<60 {
                    let mid = (lo + hi) / 2
                    if gsl_cdf_gamma_P(mid, shape, scale) < p { lo = mid } else { hi = mid }
                }
                return (lo + hi) / 2
            }
        }
    }
}
