// Events while in care: exits, breakdowns and planned moves (model.md section 5).

/// Exits as competing risks with piecewise-constant hazards (proportional form):
/// hazard(route, plan, age, t) = base[route][plan] × ageMultiplier[route][age band] × timeMultiplier[route][band of t].
public struct Exits: Sendable {
    /// Lower bounds of time-in-care bands, days; the first is 0.
    public var timeInCareBandStartsDays: [Double]
    /// `[route][CarePlan.count]`, annual hazards, for `ExitRoute.hazardRoutes`.
    public var baseHazard: [[Double]]
    /// `[route][AgeBand.count]`.
    public var ageMultiplier: [[Double]]
    /// `[route][time-in-care band]`.
    public var timeInCareMultiplier: [[Double]]
    /// Probability that a child reunified returns to care within 12 months.
    public var reentryProbability: Double
    /// Probability that a young person in foster care at 18 stays put with the carer.
    public var stayingPutProbability: Double
    /// Annual hazard of a Staying Put arrangement ending before 21.
    public var stayingPutEndHazard: Double
    /// Days a child lives in an adoptive placement before the adoption order.
    public var adoptionPlacementDays: Double
}

extension Exits: SchemaSection {
    init() {
        let routes = ExitRoute.hazardRoutes.count
        self.init(timeInCareBandStartsDays: [], baseHazard: Array(repeating: [], count: routes),
                  ageMultiplier: Array(repeating: [], count: routes), timeInCareMultiplier: Array(repeating: [], count: routes),
                  reentryProbability: 0, stayingPutProbability: 0, stayingPutEndHazard: 0, adoptionPlacementDays: 0)
    }

    /// One group of keys per exit route (`exits.reunification.*`), then the probabilities that follow an exit.
    static var schema: [SchemaEntry<Self>] {
        [.list("time_in_care_bands", Unit.months, .nonNegative,
               "Lower bounds of the time-in-care bands the exit hazards step at") {
            $0.timeInCareBandStartsDays = $1.map { $0 * daysPerMonth }
        }]
        + ExitRoute.hazardRoutes.enumerated().map { r, route in
            .group(key: route.label, required: true, [
                .table("base_hazard_by_plan", Unit.perYear, by: CarePlan.self, .hazard, \.baseHazard[r],
                       "Annual hazard of leaving care by \(route.label), by care plan"),
                .table("age_multiplier", Unit.multiplier, by: AgeBand.self, .multiplier, \.ageMultiplier[r],
                       "Multiplier on the \(route.label) hazard by age band"),
                .list("time_in_care_multiplier", Unit.multiplier, .multiplier,
                      "Multiplier on the \(route.label) hazard by time-in-care band") { $0.timeInCareMultiplier[r] = $1 },
            ])
        }
        + [
            .number("reentry_probability", Unit.probability, .probability, \.reentryProbability,
                    "Probability that a child reunified returns to care within 12 months"),
            .number("staying_put_probability", Unit.probability, .probability, \.stayingPutProbability,
                    "Probability that a young person in foster care at 18 stays put with the carer"),
            .number("staying_put_end_hazard", Unit.perYear, .hazard, \.stayingPutEndHazard,
                    "Annual hazard of a Staying Put arrangement ending before 21"),
            .number("adoption_placement_days", Unit.days, .range(0...730), \.adoptionPlacementDays,
                    "Days a child lives with adopters before the adoption order"),
        ]
    }

    /// The bands start at 0 and increase, and every route has one multiplier per band.
    static func check(_ value: Self, _ context: SectionContext) -> Bool {
        guard context.read("time_in_care_bands") else { return true }
        let bands = value.timeInCareBandStartsDays
        guard bands.first == 0, zip(bands, bands.dropFirst()).allSatisfy({ $0 < $1 }) else {
            context.failValue("time_in_care_bands", "must start at 0 and increase")
            return false
        }
        var ok = true
        for (r, route) in ExitRoute.hazardRoutes.enumerated()
            where context.read(route.label + ".time_in_care_multiplier") && value.timeInCareMultiplier[r].count != bands.count {
            context.failValue(route.label + ".time_in_care_multiplier",
                              "needs one multiplier per time-in-care band (\(bands.count))")
            ok = false
        }
        return ok
    }
}

/// Unplanned endings: hazard = base[placement] × need[tier] × age[band] × (early multiplier in the first months, or
/// settled multiplier once the placement has lasted `settledAfterDays`).
public struct Breakdowns: Sendable {
    public var annualHazardByPlacement: [Double]
    public var needMultiplier: [Double]
    public var ageMultiplier: [Double]
    /// Length of the early period, days, and the hazard multiplier within it.
    public var earlyPeriodDays: Double
    public var earlyMultiplier: Double
    /// How long a placement lasts before it counts as settled, days, and the hazard multiplier from then on (at
    /// most 1: a placement that has lasted is less likely to break down, not more). 1: the hazard stays as it is
    /// after the early period. A settled part that would start inside the early period starts when it ends (the
    /// early multiplier holds there), so any pair of lengths has one meaning and varying either (`sensitivity`)
    /// never makes a scenario invalid.
    public var settledAfterDays: Double = 0
    public var settledMultiplier: Double = 1

    /// When the settled part starts, days after the placement began: not before the early period ends, and never
    /// when `settledMultiplier` is 1 (no settled part, so a hazard walk has no cut there to change its rounding).
    /// The one statement of the rule that the engine's walk, its bound and the work estimate read.
    public var settledStartDays: Double {
        settledMultiplier == 1 ? .infinity : max(settledAfterDays, earlyPeriodDays)
    }

    /// The part of a placement's life `days` after it began: the multiplier on its breakdown hazard there, and when
    /// that part ends (days after the start; infinity for the settled part, or for the time after the early period
    /// when there is none). The work estimate walks these parts from day 0; the engine's hazard walk states the
    /// same rule on absolute times, in its hottest loop.
    public func phase(afterDays days: Double) -> (multiplier: Double, endsAfterDays: Double) {
        days < earlyPeriodDays ? (earlyMultiplier, earlyPeriodDays)
            : days < settledStartDays ? (1, settledStartDays) : (settledMultiplier, .infinity)
    }

    /// The multiplier on a placement's breakdown hazard `days` after it began.
    public func durationMultiplier(afterDays days: Double) -> Double { phase(afterDays: days).multiplier }
}

extension Breakdowns: SchemaSection {
    init() { self.init(annualHazardByPlacement: [], needMultiplier: [], ageMultiplier: [], earlyPeriodDays: 0, earlyMultiplier: 0) }

    static var schema: [SchemaEntry<Self>] {
        [
            .table("annual_hazard_by_placement", Unit.perYear, by: PlacementType.self, .hazard, \.annualHazardByPlacement,
                   "Annual hazard of an unplanned ending by placement type"),
            .table("need_multiplier", Unit.multiplier, by: NeedTier.self, .multiplier, \.needMultiplier,
                   "Multiplier on the breakdown hazard by need tier"),
            .table("age_multiplier", Unit.multiplier, by: AgeBand.self, .multiplier, \.ageMultiplier,
                   "Multiplier on the breakdown hazard by age band"),
            .number("early_period", Unit.months, .range(0...60), \.earlyPeriodDays, scale: daysPerMonth,
                    "Length of the early months of a placement, when breakdowns are likelier"),
            .number("early_multiplier", Unit.multiplier, .multiplier, \.earlyMultiplier,
                    "Multiplier on the breakdown hazard in the early period"),
            .number("settled_after", Unit.months, .range(0...120), \.settledAfterDays, scale: daysPerMonth,
                    "How long a placement lasts before it counts as settled", required: false, example: 12),
            .number("settled_multiplier", Unit.multiplier, .range(0...1), \.settledMultiplier,
                    "Multiplier on the breakdown hazard of a settled placement", required: false, example: 0.5),
        ]
    }
}

/// Planned moves (care plan changes, moves closer to home), re-matched like a breakdown.
public struct PlannedMoves: Sendable {
    public var annualHazardByPlacement: [Double]
    /// `[AgeBand.count]` (1 for every band unless estimated).
    public var ageMultiplier: [Double] = Array(repeating: 1, count: AgeBand.count)
}

extension PlannedMoves: SchemaSection {
    init() { self.init(annualHazardByPlacement: []) }

    static var schema: [SchemaEntry<Self>] {
        [
            .table("annual_hazard_by_placement", Unit.perYear, by: PlacementType.self, .hazard, \.annualHazardByPlacement,
                   "Annual hazard of a planned move by placement type"),
            .table("age_multiplier", Unit.multiplier, by: AgeBand.self, .multiplier, \.ageMultiplier,
                   "Multiplier on the planned move hazard by age band", required: false),
        ]
    }
}
