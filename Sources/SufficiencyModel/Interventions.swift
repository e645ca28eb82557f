/// The commissioning levers (model.md section 9), each switched on by its section under `interventions:` and in
/// force over its `start_year`–`end_year`. Each carries its own costs, so savings can be shown gross and net.
public struct Interventions: Sendable {
    public var recruitment: RecruitmentProgramme?
    public var retention: RetentionSupport?
    public var reunification: ReunificationProgramme?
    public var stepDown: ResidentialStepDown?
    public var blockContract: BlockContract?
    public var demand: DemandChange?
    public var income: Income?

    public init() {}
}

/// A recruitment drive (the TACT target): approvals on top of business-as-usual recruitment, with their own
/// household profile, an uncertain yield and months from enquiry to approval.
public struct RecruitmentProgramme: Sendable {
    public var years: YearSpan
    /// Target approvals per financial year (an expectation: the yield around it is uncertain).
    public var approvalsPerYear: Schedule
    public var yieldCV: Double
    public var monthsToApprovalMean: Double
    public var monthsToApprovalShape: Double
    public var placesMix: [Double]
    public var approvalRanges: [ApprovalRange]
    public var approvalRangeMix: [Double]
    public var specialismShare: [Double]
    public var distanceMix: [Double]
    public var costPerApproval: Double
    /// Contract or campaign cost per year in force, pounds.
    public var annualCost: Double
}

/// Support that keeps carers fostering: a multiplier on the deregistration hazard.
public struct RetentionSupport: Sendable {
    public var years: YearSpan
    public var deregistrationMultiplier: Double
    public var costPerHouseholdPerYear: Double
}

/// A programme that returns eligible children home sooner (like TACT's Parallel Parenting).
public struct ReunificationProgramme: Sendable {
    public var years: YearSpan
    public var eligiblePlans: [CarePlan]
    public var eligibleAgeBands: [AgeBand]
    /// Time in care at enrolment, days.
    public var minimumDaysInCare: Double
    public var maximumDaysInCare: Double
    /// Multiplier on the reunification hazard of an enrolled child for the rest of the episode.
    public var hazardMultiplier: Double
    /// Multiplier on the probability of re-entry within 12 months after an enrolled child goes home.
    public var reentryMultiplier: Double
    /// Children enrolled per financial year at most.
    public var capacityPerYear: Int
    public var annualCost: Double
}

/// Step-down: a periodic review moves children stable in residential care to in-house foster care.
public struct ResidentialStepDown: Sendable {
    public var years: YearSpan
    public var reviewIntervalDays: Double
    /// Days in the current residential placement before a child is considered stable enough to move.
    public var stableDays: Double
    public var capacityPerYear: Int
    public var costPerMove: Double
    public var annualCost: Double
}

/// A block contract with an IFA: reserved places, always available, at a discount on the market price.
/// Assumption: empty reserved places cost nothing (no void payments), so its savings are an upper bound.
public struct BlockContract: Sendable {
    public var years: YearSpan
    public var places: Int
    public var priceDiscount: Double
}

/// A change in demand (for example Family Safeguarding): multipliers on entry rates by age band, and on UASC arrivals.
public struct DemandChange: Sendable {
    public var years: YearSpan
    public var entryMultiplierByAge: [Schedule]
    public var uascMultiplier: Schedule
}

/// Income: joint funding of residential placements by health and education, and other income per year.
public struct Income: Sendable {
    public var years: YearSpan
    /// Share of residential placement costs recovered from partners.
    public var residentialJointFundingShare: Schedule
    /// Other income per financial year in force, pounds.
    public var annualIncome: Schedule
}
