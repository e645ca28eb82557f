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

// MARK: - Schema

extension YearSpan {
    /// `start_year` (required) and `end_year` (optional) of a lever, stored in its `years`.
    static func schema<Root>(_ field: WritableKeyPath<Root, YearSpan>) -> [SchemaEntry<Root>] {
        [
            .year("start_year", Unit.financialYear, field.appending(path: \.start), "First financial year the lever is in force"),
            .optionalYear("end_year", Unit.financialYear, field.appending(path: \.end),
                          "Last financial year the lever is in force (none: to the end of the run)"),
        ]
    }

    /// `end_year` is not before `start_year`.
    static func check(_ span: YearSpan, _ context: SectionContext) -> Bool {
        guard context.read("start_year"), context.read("end_year"), let end = span.end, end < span.start else { return true }
        context.fail("end_year", "ends before start_year \(span.start.label)")
        return false
    }

    /// A placeholder until the loader reads the years.
    static let unset = YearSpan(start: FinancialYear(startYear: 2000))
}

extension Interventions: SchemaSection {
    /// Each lever is optional: present means in force over its years.
    static var schema: [SchemaEntry<Self>] {
        [
            .optionalSection("recruitment", \.recruitment,
                             "A recruitment drive on top of business-as-usual approvals"),
            .optionalSection("retention", \.retention, "Support that keeps carers fostering"),
            .optionalSection("reunification_programme", \.reunification, "Returns eligible children home sooner"),
            .optionalSection("residential_step_down", \.stepDown,
                             "Moves children stable in residential care to in-house carers"),
            .optionalSection("ifa_block_contract", \.blockContract, "Reserved IFA places at a discount"),
            .optionalSection("demand", \.demand, "Entry-rate multipliers by age band and year"),
            .optionalSection("income", \.income, "Joint funding and other income"),
        ]
    }
}

extension RecruitmentProgramme: RecruitmentProfile {
    init() {
        self.init(years: .unset, approvalsPerYear: Schedule(0), yieldCV: 0, monthsToApprovalMean: 0,
                  monthsToApprovalShape: 0, placesMix: [], approvalRanges: [], approvalRangeMix: [], specialismShare: [],
                  distanceMix: [], costPerApproval: 0, annualCost: 0)
    }

    /// The keys of business-as-usual recruitment, plus the years and the programme's own yearly cost.
    static var schema: [SchemaEntry<Self>] {
        YearSpan.schema(\.years) + profileSchema(approvalsRequired: true) + [
            .number("annual_cost", Unit.poundsPerYear, .pounds, \.annualCost,
                    "Contract or campaign cost per year in force", example: 100_000),
        ]
    }

    static func check(_ value: Self, _ context: SectionContext) -> Bool { YearSpan.check(value.years, context) }
}

extension RetentionSupport: SchemaSection {
    init() { self.init(years: .unset, deregistrationMultiplier: 1, costPerHouseholdPerYear: 0) }

    static var schema: [SchemaEntry<Self>] {
        YearSpan.schema(\.years) + [
            .number("deregistration_multiplier", Unit.multiplier, .multiplier, \.deregistrationMultiplier,
                    "Multiplier on the carers' own part of the deregistration hazard", example: 0.8),
            .number("cost_per_household", Unit.poundsPerHouseholdPerYear, .pounds, \.costPerHouseholdPerYear,
                    "Cost of the support per household a year", example: 500),
        ]
    }

    static func check(_ value: Self, _ context: SectionContext) -> Bool { YearSpan.check(value.years, context) }
}

extension ReunificationProgramme: SchemaSection {
    init() {
        self.init(years: .unset, eligiblePlans: [], eligibleAgeBands: [], minimumDaysInCare: 0, maximumDaysInCare: 0,
                  hazardMultiplier: 1, reentryMultiplier: 1, capacityPerYear: 0, annualCost: 0)
    }

    static var schema: [SchemaEntry<Self>] {
        YearSpan.schema(\.years) + [
            .labels("eligible_care_plans", Unit.labels, of: CarePlan.self, \.eligiblePlans,
                    "Care plans of the children the programme takes", example: [.reunification]),
            .labels("eligible_age_bands", Unit.labels, of: AgeBand.self, \.eligibleAgeBands,
                    "Age bands of the children the programme takes", example: [.under1, .age1to4, .age5to9, .age10to15]),
            .named("time_in_care", Unit.months, ["min", "max"], .range(0...216), [\.minimumDaysInCare, \.maximumDaysInCare],
                   scale: daysPerMonth, "Time in care at enrolment: the shortest and the longest", example: [1, 24]),
            .number("hazard_multiplier", Unit.multiplier, .multiplier, \.hazardMultiplier,
                    "Multiplier on an enrolled child's reunification hazard", example: 1.3),
            .number("reentry_multiplier", Unit.multiplier, .multiplier, \.reentryMultiplier,
                    "Multiplier on the probability of re-entry after an enrolled child goes home", example: 0.7),
            .whole("capacity", Unit.childrenPerYear, 0...100_000, \.capacityPerYear,
                   "Children enrolled per financial year at most", example: 40),
            .number("annual_cost", Unit.poundsPerYear, .pounds, \.annualCost, "Programme cost per year in force",
                    example: 150_000),
        ]
    }

    static func check(_ value: Self, _ context: SectionContext) -> Bool {
        var ok = YearSpan.check(value.years, context)
        if context.read("time_in_care"), value.minimumDaysInCare > value.maximumDaysInCare {
            context.fail("time_in_care", "min must not exceed max")
            ok = false
        }
        return ok
    }
}

extension ResidentialStepDown: SchemaSection {
    init() { self.init(years: .unset, reviewIntervalDays: 0, stableDays: 0, capacityPerYear: 0, costPerMove: 0, annualCost: 0) }

    static var schema: [SchemaEntry<Self>] {
        YearSpan.schema(\.years) + [
            .number("review_interval", Unit.months, .range(0.25...24), \.reviewIntervalDays, scale: daysPerMonth,
                    "Time between reviews of the children in residential care", example: 3),
            .number("stable_for", Unit.months, .range(0...120), \.stableDays, scale: daysPerMonth,
                    "Time in the current residential placement before a child is stable enough to move", example: 6),
            .whole("capacity", Unit.childrenPerYear, 0...100_000, \.capacityPerYear,
                   "Children stepped down per financial year at most", example: 8),
            .number("cost_per_move", Unit.pounds, .pounds, \.costPerMove, "One-off cost of a step-down move", example: 3000),
            .number("annual_cost", Unit.poundsPerYear, .pounds, \.annualCost, "Programme cost per year in force",
                    example: 60_000),
        ]
    }

    static func check(_ value: Self, _ context: SectionContext) -> Bool { YearSpan.check(value.years, context) }
}

extension BlockContract: SchemaSection {
    init() { self.init(years: .unset, places: 0, priceDiscount: 0) }

    static var schema: [SchemaEntry<Self>] {
        YearSpan.schema(\.years) + [
            .whole("places", Unit.places, 0...10_000, \.places, "IFA places reserved", example: 10),
            .number("price_discount", Unit.share, .probability, \.priceDiscount,
                    "Discount on the market price for a reserved place", example: 0.1),
        ]
    }

    static func check(_ value: Self, _ context: SectionContext) -> Bool { YearSpan.check(value.years, context) }
}

extension DemandChange: SchemaSection {
    init() { self.init(years: .unset, entryMultiplierByAge: [], uascMultiplier: Schedule(1)) }

    static var schema: [SchemaEntry<Self>] {
        YearSpan.schema(\.years) + [
            .scheduleTable("entry_multiplier", Unit.multiplier, by: AgeBand.self, .multiplier, \.entryMultiplierByAge,
                           "Multiplier on entry rates by age band, constant or by year", example: 1),
            .schedule("uasc_multiplier", Unit.multiplier, .multiplier, \.uascMultiplier,
                      "Multiplier on UASC arrivals, constant or by year", required: false, example: 1),
        ]
    }

    static func check(_ value: Self, _ context: SectionContext) -> Bool { YearSpan.check(value.years, context) }
}

extension Income: SchemaSection {
    init() { self.init(years: .unset, residentialJointFundingShare: Schedule(0), annualIncome: Schedule(0)) }

    static var schema: [SchemaEntry<Self>] {
        YearSpan.schema(\.years) + [
            .schedule("residential_joint_funding_share", Unit.share, .probability, \.residentialJointFundingShare,
                      "Share of residential placement costs recovered from health and education", required: false,
                      example: 0),
            .schedule("annual_income", Unit.poundsPerYear, .range(0...1e9), \.annualIncome,
                      "Other income per financial year in force", required: false, example: 0),
        ]
    }

    static func check(_ value: Self, _ context: SectionContext) -> Bool { YearSpan.check(value.years, context) }
}

extension Interventions {
    /// The levers a scenario can switch on, in schema order: key under `interventions:`, what it does, and its
    /// parameters (key paths relative to the lever).
    public static var levers: [(key: String, description: String, parameters: [ParameterSpec])] {
        schema.compactMap { entry in
            guard case .section(let s) = entry else { return nil }
            return (s.key, s.description, s.specs)
        }
    }
}
