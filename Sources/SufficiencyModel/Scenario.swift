/// A fully resolved scenario: every parameter the engine reads, in model units.
///
/// Tables are flat arrays indexed by the category's `index` (for example `[AgeBand.count]`), and
/// two-way tables are arrays of rows. Rates are annual unless the name says otherwise; money is pounds at the
/// price base (the first financial year of the run); probabilities and shares are in [0, 1].
/// A `Scenario` is built by `ScenarioLoader`, which checks every value, its unit and its source.
public struct Scenario: Sendable {
    /// Short machine name, used for the results folder (`results/<name>/...`).
    public var name: String
    /// One-line title for people.
    public var title: String
    /// The question the scenario answers (listed by `sufficiency scenarios`).
    public var question: String?
    /// First day simulated; stocks in `population` are the stocks on the day before.
    public var startDate: CivilDate

    public var population: InitialPopulation
    public var entries: Entries
    public var uasc: UASCArrivals
    public var routes: PlacementRoutes
    public var kinship: Kinship
    public var inHouse: InHouseFostering
    public var recruitment: Recruitment
    public var deregistration: Deregistration
    public var ifa: IFAMarket
    public var residential: ResidentialMarket
    public var exits: Exits
    public var breakdowns: Breakdowns
    public var plannedMoves: PlannedMoves
    public var costs: Costs
    /// Commissioning levers in force (none in a baseline).
    public var interventions: Interventions
    /// What the estimated rates rest on, for drawing them afresh in each replication (calibrated scenarios).
    public var parameterUncertainty: ParameterUncertainty? = nil
}

/// Children in care on the start date (model.md section 2, "initial population").
public struct InitialPopulation: Sendable {
    /// Number of children looked after.
    public var childrenInCare: Int
    /// Share of children in each placement type, `[PlacementType.count]`.
    public var placementMix: [Double]
    /// Age mix within each placement type, `[PlacementType.count][AgeBand.count]`.
    public var ageMixByPlacement: [[Double]]
    /// Need tier mix within each placement type, `[PlacementType.count][NeedTier.count]`.
    public var needMixByPlacement: [[Double]]
    /// Care plan mix by age band for children already in care, `[AgeBand.count][CarePlan.count]`.
    public var carePlanMixByAge: [[Double]]
    /// Share of children in each age band who are unaccompanied asylum-seeking children, `[AgeBand.count]`.
    public var uascShareByAge: [Double]
    /// Time already in care: gamma distribution with this mean (years) and shape; capped at the child's age.
    public var yearsInCareMean: Double
    public var yearsInCareShape: Double
    /// Young people aged 18–20 in Staying Put arrangements on the start date.
    public var stayingPut: Int
}

/// New children entering care (model.md section 2, "entries"), UASC excluded.
public struct Entries: Sendable {
    /// Children entering per year by age band at entry, `[AgeBand.count]`.
    public var annualRate: [Double]
    /// Sizes 1...n of the groups in which children arrive; `groupSizeMix[k]` is the share of groups of size k+1.
    public var siblingGroupSizeMix: [Double]
    /// Siblings' ages are spread uniformly within this many years either side of the first child's age.
    public var siblingAgeSpreadYears: Double
    /// Need tier mix by age band at entry, `[AgeBand.count][NeedTier.count]`.
    public var needMixByAge: [[Double]]
    /// Care plan mix by age band at entry, `[AgeBand.count][CarePlan.count]`.
    public var carePlanMixByAge: [[Double]]
    /// The rates' factor per year after the start date (1: flat): year k's rate is `annualRate × annualTrend^t`,
    /// t the years from the start date to the middle of the simulated part of year k.
    public var annualTrend: Double = 1
}

/// Unaccompanied asylum-seeking children: a separate arrivals stream, arriving alone.
public struct UASCArrivals: Sendable {
    public var annualRate: Double
    public var ageMix: [Double]
    public var needMix: [Double]
    public var carePlanMix: [Double]
}

/// The assessment at entry that sends some children straight to a setting, and the preference list for the rest.
public struct PlacementRoutes: Sendable {
    /// Order in which the policy tries placement options for a family placement request.
    public var preferenceOrder: [PlacementPreference]
    /// Probability that a child is assessed as needing residential care, by need tier.
    public var directResidentialByNeed: [Double]
    /// Probability of a residential school placement, by need tier.
    public var residentialSchoolByNeed: [Double]
    /// Probability that a child aged 16–17 at a request goes to supported accommodation.
    public var supportedAccommodationAt16To17: Double
    /// Probability that a child entering care is placed with parents under a care order.
    public var placedWithParentsAtEntry: Double
    /// Probability that a child entering care aged 10+ is placed in secure accommodation.
    public var secureAtEntry: Double
}

/// Kinship (family and friends) foster care.
public struct Kinship: Sendable {
    /// Probability that a connected person is found at entry, by age band.
    public var foundAtEntryByAge: [Double]
    /// Probability that a connected person is found when a child has to move.
    public var foundOnMove: Double
    public var distanceMix: [Double]
}

/// The council's own (or its partner's) foster households at the start.
public struct InHouseFostering: Sendable {
    public var households: Int
    /// Share of households approved for 1, 2, 3 and 4 places.
    public var placesMix: [Double]
    /// Approval age ranges (inclusive years) and their shares.
    public var approvalRanges: [ApprovalRange]
    public var approvalRangeMix: [Double]
    /// Independent probability that a household has each specialism, `[Specialism.count]`.
    public var specialismShare: [Double]
    public var distanceMix: [Double]
    /// Long-run share of time a household is on hold (its free places unavailable).
    public var onHoldShare: Double
    /// Mean length of an on-hold spell, days.
    public var onHoldMeanDays: Double
    /// Probability that the carers of a household that fits accept a proposed match, `[AgeBand][NeedTier]`
    /// (Ofsted: vacant places stay empty when carers decline the children proposed). 1 everywhere: never declined.
    public var acceptanceByAgeNeed: [[Double]] = Array(repeating: Array(repeating: 1, count: NeedTier.count),
                                                       count: AgeBand.count)
    /// Probability that carers accept a child their specialism is for (`teenagers` for a child aged 10 or over,
    /// `complex_needs` for complex or very complex needs), when higher than `acceptanceByAgeNeed`: recruiting and
    /// training carers for a group is meant to make them willing to take it. 0: no different from other carers.
    public var specialistAcceptance: Double = 0
    /// Households asked, nearest first, before the in-house option falls through as declined.
    public var proposalsPerRequest: Int = 1
    /// Probability that a child must be placed alone, by need tier: while the child is there the household takes
    /// nobody else, and its other free places count as not available (Ofsted's "a child needing to be placed alone").
    public var solePlacementByNeed: [Double] = Array(repeating: 0, count: NeedTier.count)
    /// Share of households approved for 2+ places that take one child fewer than approved, except a sibling group
    /// arriving together: the place is vacant (Ofsted counts it so) but is not offered to single children.
    public var fewerChildrenShare: Double = 0
}

/// An approval age range of a foster household, inclusive in whole years (`0-17`, `10-17`).
public struct ApprovalRange: Sendable, Hashable {
    public var youngest: Int
    public var oldest: Int
    public var label: String { "\(youngest)-\(oldest)" }
}

/// New in-house foster households (model.md section 3, "recruitment").
public struct Recruitment: Sendable {
    /// Expected approvals per financial year, business as usual.
    public var approvalsPerYear: Schedule
    /// Coefficient of variation of a year's yield around the target (gamma-distributed yield factor).
    public var yieldCV: Double
    /// Months from enquiry to approval: gamma distribution with this mean and shape.
    public var monthsToApprovalMean: Double
    public var monthsToApprovalShape: Double
    public var placesMix: [Double]
    public var approvalRangeMix: [Double]
    public var specialismShare: [Double]
    public var distanceMix: [Double]
    /// One-off cost of assessing and approving a household, pounds.
    public var costPerApproval: Double
    /// Approval age ranges that `approvalRangeMix` refers to.
    public var approvalRanges: [ApprovalRange]
    /// When given, business-as-usual approvals come from this funnel instead of `approvalsPerYear`.
    public var funnel: RecruitmentFunnel? = nil

    /// Expected approvals from the enquiries of financial year `year`: the funnel's enquiries times both
    /// conversions, or the approvals target.
    public func expectedApprovals(_ year: FinancialYear) -> Double {
        guard let f = funnel else { return approvalsPerYear.value(in: year) }
        return f.enquiriesPerYear.value(in: year) * f.applicationShare * f.approvalShare
    }
}

/// Recruitment as a funnel (Ofsted's columns): enquiries a year, the share that become applications and the share
/// of applications approved, each step with a gamma-distributed lag. Approvals per year = enquiries × both shares.
public struct RecruitmentFunnel: Sendable {
    public var enquiriesPerYear: Schedule
    public var applicationShare: Double
    public var approvalShare: Double
    /// Months from enquiry to application (gamma mean and shape).
    public var monthsToApplicationMean: Double
    public var monthsToApplicationShape: Double
    /// Months from application to approval (gamma mean and shape).
    public var monthsToApprovalMean: Double
    public var monthsToApprovalShape: Double

    public init(enquiriesPerYear: Schedule, applicationShare: Double, approvalShare: Double,
                monthsToApplicationMean: Double, monthsToApplicationShape: Double,
                monthsToApprovalMean: Double, monthsToApprovalShape: Double) {
        self.enquiriesPerYear = enquiriesPerYear
        self.applicationShare = applicationShare
        self.approvalShare = approvalShare
        self.monthsToApplicationMean = monthsToApplicationMean
        self.monthsToApplicationShape = monthsToApplicationShape
        self.monthsToApprovalMean = monthsToApprovalMean
        self.monthsToApprovalShape = monthsToApprovalShape
    }
}

/// Households leaving fostering.
public struct Deregistration: Sendable {
    /// Annual hazard in a household's first year after approval.
    public var annualHazardFirstYear: Double
    /// Annual hazard afterwards.
    public var annualHazard: Double
    /// Who starts a deregistration, `[DeregistrationReason.count]` (carer, service, transfer): the hazards above
    /// split in these shares, and the `retention` lever acts on the carer's part only.
    public var reasonMix: [Double] = [1, 0, 0]
}

/// Independent fostering agencies.
public struct IFAMarket: Sendable {
    /// Probability that a suitable IFA placement is found, `[AgeBand.count][NeedTier.count]`.
    public var foundProbability: [[Double]]
    /// Weekly price by need tier, pounds.
    public var weeklyPriceByNeed: [Double]
    public var distanceMix: [Double]
    /// Multiplier on `foundProbability` by year: below 1 the market tightens (a squeeze).
    public var availabilityMultiplier: Schedule
    /// Multiplier on prices by year.
    public var priceMultiplier: Schedule
    /// Share of agency offers for a sibling group that take the whole group together (0: siblings always split).
    public var siblingGroupsTogether: Double = 0
}

/// Children's homes, the placement of last resort.
public struct ResidentialMarket: Sendable {
    /// Mean weekly price by need tier, pounds; each placement's price is lognormal around it.
    public var weeklyPriceMeanByNeed: [Double]
    /// Coefficient of variation of the lognormal price.
    public var priceCV: Double
    public var distanceMix: [Double]
    /// Multiplier on prices by year.
    public var priceMultiplier: Schedule
}

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

/// Unplanned endings: hazard = base[placement] × need[tier] × age[band] × (early multiplier in the first months).
public struct Breakdowns: Sendable {
    public var annualHazardByPlacement: [Double]
    public var needMultiplier: [Double]
    public var ageMultiplier: [Double]
    /// Length of the early period, days, and the hazard multiplier within it.
    public var earlyPeriodDays: Double
    public var earlyMultiplier: Double
}

/// Planned moves (care plan changes, moves closer to home), re-matched like a breakdown.
public struct PlannedMoves: Sendable {
    public var annualHazardByPlacement: [Double]
    /// `[AgeBand.count]` (1 for every band unless estimated).
    public var ageMultiplier: [Double] = Array(repeating: 1, count: AgeBand.count)
}

/// Unit costs and inflation (model.md section 6).
public struct Costs: Sendable {
    /// Weekly cost of a placement by type at the price base, pounds (IFA and residential come from their markets).
    public var weeklyUnitCost: [Double]
    /// Weekly cost of a Staying Put arrangement, pounds.
    public var stayingPutWeekly: Double
    /// Multiplier on unit costs by need tier (not on IFA and residential prices, which are set by need).
    public var needUplift: [Double]
    /// Annual inflation by cost line, each constant or by year: the rate of a year takes prices from the year
    /// before to that year (so the first year is at the price base).
    public var inflationByLine: [Schedule]
    /// Fixed cost per approved in-house household per year (supervision, training, support), pounds.
    public var householdFixedCostPerYear: Double
}
