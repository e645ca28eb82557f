// The council's own foster carers: households, recruitment and deregistration (model.md section 3).

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

extension InHouseFostering: SchemaSection {
    init() {
        self.init(households: 0, placesMix: [], approvalRanges: [], approvalRangeMix: [], specialismShare: [],
                  distanceMix: [], onHoldShare: 0, onHoldMeanDays: 0)
    }

    /// The last five say why approved places stay empty; left out, every fitting household accepts and takes its
    /// full approval.
    static var schema: [SchemaEntry<Self>] {
        [
            .whole("households", Unit.households, ParameterBounds.households, \.households,
                   "Approved in-house foster households on the start date"),
            .table("places_mix", Unit.share, labels: ["1", "2", "3", "4"], .probability, shares: true,
                   "Share of households approved for 1, 2, 3 and 4 places") { $0.placesMix = $1 },
            .ageRangeShares("approval_range_mix", Unit.share, ranges: \.approvalRanges, mix: \.approvalRangeMix,
                            "Share of households by approval age range"),
            .table("specialism_share", Unit.probability, by: Specialism.self, .probability, \.specialismShare,
                   "Probability that a household has each specialism"),
            .table("distance_mix", Unit.share, by: DistanceBand.self, .probability, shares: true, \.distanceMix,
                   "Distance from children's homes of in-house households"),
            .number("on_hold_share", Unit.share, .range(0...0.95), \.onHoldShare,
                    "Long-run share of time a household is on hold, its free places unavailable"),
            // At least a day: a break or review is days to months, and shorter spells would make a household go on
            // and off hold without bound between events (1e-15 days overflowed its count of changes and crashed).
            .number("on_hold_mean_days", Unit.days, .range(1...3_650), \.onHoldMeanDays, "Mean length of an on-hold spell"),
            .number("specialist_acceptance", Unit.probability, .probability, \.specialistAcceptance,
                    "Probability that carers accept a child their specialism is for", required: false),
            .table2("acceptance_by_age_need", Unit.probability, rows: AgeBand.self, columns: NeedTier.self, .probability,
                    \.acceptanceByAgeNeed, "Probability that the carers of a fitting household accept a proposed match",
                    required: false),
            .whole("proposals_per_request", Unit.households, 1...3, \.proposalsPerRequest,
                   "Households asked, nearest first, before the in-house option falls through as declined",
                   required: false),
            .table("sole_placement_by_need", Unit.probability, by: NeedTier.self, .probability, \.solePlacementByNeed,
                   "Probability that a child must be placed alone", required: false),
            .number("fewer_children_share", Unit.share, .probability, \.fewerChildrenShare,
                    "Share of households approved for 2+ places that take one child fewer", required: false),
        ]
    }
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

/// The household profile and yield that business-as-usual recruitment and a recruitment programme share, so both
/// declare the same keys with one schema.
protocol RecruitmentProfile: SchemaSection {
    var approvalsPerYear: Schedule { get set }
    var yieldCV: Double { get set }
    var monthsToApprovalMean: Double { get set }
    var monthsToApprovalShape: Double { get set }
    var placesMix: [Double] { get set }
    var approvalRanges: [ApprovalRange] { get set }
    var approvalRangeMix: [Double] { get set }
    var specialismShare: [Double] { get set }
    var distanceMix: [Double] { get set }
    var costPerApproval: Double { get set }
}
extension RecruitmentProfile {
    /// The shared keys; `approvals_per_year` may be left out where a funnel stands in for it.
    static func profileSchema(approvalsRequired: Bool) -> [SchemaEntry<Self>] {
        [
            .schedule("approvals_per_year", Unit.householdsPerYear, .flow, \.approvalsPerYear,
                      "Expected approvals per financial year", required: approvalsRequired, example: 10),
            .number("yield_cv", Unit.coefficientOfVariation, .range(0...3), \.yieldCV,
                    "Coefficient of variation of a year's yield around the target", example: 0.3),
            .named("months_to_approval", Unit.months, ["mean", "shape"], .positive,
                   [\.monthsToApprovalMean, \.monthsToApprovalShape],
                   "Months from enquiry to approval: a gamma distribution's mean and shape", example: [6, 4]),
            .table("places_mix", Unit.share, labels: ["1", "2", "3", "4"], .probability, shares: true,
                   "Share of new households approved for 1, 2, 3 and 4 places",
                   example: [0.3, 0.4, 0.3, 0]) { $0.placesMix = $1 },
            .ageRangeShares("approval_range_mix", Unit.share, ranges: \.approvalRanges, mix: \.approvalRangeMix,
                            "Share of new households by approval age range",
                            example: [(ApprovalRange(youngest: 0, oldest: 17), 0.5),
                                      (ApprovalRange(youngest: 10, oldest: 17), 0.5)]),
            .table("specialism_share", Unit.probability, by: Specialism.self, .probability, \.specialismShare,
                   "Probability that a new household has each specialism", example: [0.5, 0.3, 0.1, 0]),
            .table("distance_mix", Unit.share, by: DistanceBand.self, .probability, shares: true, \.distanceMix,
                   "Distance from children's homes of new households", example: [0.9, 0.1, 0]),
            .number("cost_per_approval", Unit.pounds, .pounds, \.costPerApproval,
                    "One-off cost of assessing and approving a household", example: 6000),
        ]
    }
}

extension Recruitment: RecruitmentProfile {
    init() {
        self.init(approvalsPerYear: Schedule(0), yieldCV: 0, monthsToApprovalMean: 0, monthsToApprovalShape: 0,
                  placesMix: [], approvalRangeMix: [], specialismShare: [], distanceMix: [], costPerApproval: 0,
                  approvalRanges: [])
    }

    /// Business as usual may give a `funnel:` instead of, or over, `approvals_per_year`: when present the funnel is
    /// used (a layer cannot delete its parent's target, so the funnel takes precedence).
    static var schema: [SchemaEntry<Self>] {
        [.optionalSection("funnel", \.funnel, "Recruitment as a funnel of enquiries, applications and approvals")]
            + profileSchema(approvalsRequired: false)
    }

    static func check(_ value: Self, _ context: SectionContext) -> Bool {
        guard !context.given("approvals_per_year"), !context.given("funnel") else { return true }
        context.missing("approvals_per_year")
        return false
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

extension RecruitmentFunnel: SchemaSection {
    init() {
        self.init(enquiriesPerYear: Schedule(0), applicationShare: 0, approvalShare: 0, monthsToApplicationMean: 0,
                  monthsToApplicationShape: 0, monthsToApprovalMean: 0, monthsToApprovalShape: 0)
    }

    static var schema: [SchemaEntry<Self>] {
        [
            .schedule("enquiries_per_year", Unit.enquiriesPerYear, .flow, \.enquiriesPerYear,
                      "Enquiries from prospective foster carers per financial year"),
            .number("application_share", Unit.probability, .probability, \.applicationShare,
                    "Share of enquiries that become applications"),
            .number("approval_share", Unit.probability, .probability, \.approvalShare,
                    "Share of applications approved"),
            .named("months_to_application", Unit.months, ["mean", "shape"], .positive,
                   [\.monthsToApplicationMean, \.monthsToApplicationShape],
                   "Months from enquiry to application: a gamma distribution's mean and shape"),
            .named("months_to_approval", Unit.months, ["mean", "shape"], .positive,
                   [\.monthsToApprovalMean, \.monthsToApprovalShape],
                   "Months from application to approval: a gamma distribution's mean and shape"),
        ]
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

extension Deregistration: SchemaSection {
    init() { self.init(annualHazardFirstYear: 0, annualHazard: 0) }

    static var schema: [SchemaEntry<Self>] {
        [
            .number("annual_hazard_first_year", Unit.perYear, .hazard, \.annualHazardFirstYear,
                    "Annual hazard that a household stops fostering in its first year after approval"),
            .number("annual_hazard", Unit.perYear, .hazard, \.annualHazard,
                    "Annual hazard that a household stops fostering, after its first year"),
            .table("reason_mix", Unit.share, by: DeregistrationReason.self, .probability, shares: true, \.reasonMix,
                   "Who starts a deregistration: the carer, the service, or a transfer", required: false),
        ]
    }
}
