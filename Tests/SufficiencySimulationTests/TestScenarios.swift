import Foundation
@testable import SufficiencyModel
@testable import SufficiencySimulation

/// Scenarios built for the tests by changing the default scenario in code.
enum TestScenarios {
    static func baseline() -> Scenario {
        try! ScenarioLoader.loadDefault().scenario
    }

    /// Sibling groups of the given sizes arriving into an empty system, with standard needs (which any household may
    /// meet: complex needs at 13 and over ask for a specialism), no direct route, and `households` in-house households
    /// of `places` places each, approved for every age, with no specialism, hold or place held back, and no child to be
    /// placed alone: for tests of the matching rules, which then set the preferences and the carers' answers.
    static func arrivingGroups(sizeMix: [Double], households: Int, places: Int) -> Scenario {
        var s = baseline()
        s.uasc.annualRate = 0
        s.population.childrenInCare = 0
        s.population.stayingPut = 0
        s.entries.siblingGroupSizeMix = sizeMix
        s.entries.needMixByAge = s.entries.needMixByAge.map { _ in [1, 0, 0] }
        s.routes.directResidentialByNeed = s.routes.directResidentialByNeed.map { _ in 0 }
        s.routes.residentialSchoolByNeed = s.routes.residentialSchoolByNeed.map { _ in 0 }
        s.routes.supportedAccommodationAt16To17 = 0
        s.routes.placedWithParentsAtEntry = 0
        s.routes.secureAtEntry = 0
        s.inHouse.households = households
        s.inHouse.placesMix = (1...4).map { $0 == places ? 1 : 0 }
        s.inHouse.approvalRanges = [ApprovalRange(youngest: 0, oldest: 17)]
        s.inHouse.approvalRangeMix = [1]
        s.inHouse.specialismShare = [0, 0, 0, 0]
        s.inHouse.fewerChildrenShare = 0
        s.inHouse.solePlacementByNeed = [0, 0, 0]
        s.inHouse.onHoldShare = 0
        return s
    }

    /// An unconstrained system for queueing theory: children aged under 1 arrive alone as a Poisson stream at
    /// `lambda` a year, are placed in residential care (always available), and leave by one route, reunification,
    /// with hazard `mu` a year times `timeMultipliers` by time-in-care band; no re-entries, no age effects. Nobody
    /// reaches 18 within 15 years, so the only exits are the hazard's.
    static func queue(lambda: Double, mu: Double, initial: Int = 0,
                      timeMultipliers: [Double] = [1, 1, 1, 1, 1]) -> Scenario {
        var s = baseline()
        let ageBands = AgeBand.count
        s.population.childrenInCare = initial
        s.population.placementMix = PlacementType.allCases.map { $0 == .residential ? 1 : 0 }
        s.population.ageMixByPlacement = PlacementType.allCases.map { _ in (0..<ageBands).map { $0 == 0 ? 1 : 0 } }
        s.population.stayingPut = 0
        s.entries.annualRate = (0..<ageBands).map { $0 == 0 ? lambda : 0 }
        s.entries.siblingGroupSizeMix = [1, 0, 0, 0]
        s.uasc.annualRate = 0
        s.routes.preferenceOrder = [.residential]
        s.routes.placedWithParentsAtEntry = 0
        s.routes.secureAtEntry = 0
        s.exits.timeInCareBandStartsDays = [0, 6, 12, 24, 60].map { $0 * daysPerMonth }
        s.exits.baseHazard = ExitRoute.hazardRoutes.map { route in
            CarePlan.allCases.map { _ in route == .reunification ? mu : 0 }
        }
        s.exits.ageMultiplier = ExitRoute.hazardRoutes.map { _ in [Double](repeating: 1, count: ageBands) }
        s.exits.timeInCareMultiplier = ExitRoute.hazardRoutes.map { _ in timeMultipliers }
        s.exits.reentryProbability = 0
        s.recruitment.approvalsPerYear = Schedule(0)
        return s
    }

    static func run(_ s: Scenario, years: Int, replications: Int, seed: UInt64 = 1, threads: Int = 2,
                    checkInvariants: Bool = false) -> RunResult {
        MonteCarlo.run(CompiledScenario(s, horizonYears: years), replications: replications, seed: seed,
                       threads: threads, checkInvariants: checkInvariants)
    }

    /// Years from the start date to the 31 March that closes financial year index `y`.
    static func yearsToStock(_ s: Scenario, year y: Int) -> Double {
        let end = FinancialYear(startYear: s.startDate.financialYear.startYear + y).lastDay.dayNumber + 1
        return Double(end - s.startDate.dayNumber) / daysPerYear
    }
}

/// Sample mean and (unbiased) variance.
func moments(_ x: [Double]) -> (mean: Double, variance: Double) {
    let n = Double(x.count)
    let mean = x.reduce(0, +) / n
    let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    return (mean, variance)
}

/// A small seedable generator for building random scenarios in tests (SplitMix64).

/// Rows for a world built by hand, so that a test can drive one rule at a time (`World` writes its tallies into
/// rows the run owns). Zeroed; freed with the object.
final class TestRows {
    let annual: UnsafeMutablePointer<Double>
    let monthly: UnsafeMutablePointer<Int32>
    let requests: UnsafeMutablePointer<Int32>
    let segments: UnsafeMutablePointer<Double>
    let counts: (Int, Int, Int, Int)

    init(_ model: CompiledScenario) {
        counts = (model.years.count * AnnualMetric.count, model.monthEnds.count * MonthlySeries.count,
                  model.years.count * RequestTally.count, model.years.count * SufficiencyLayout.count)
        annual = .allocate(capacity: counts.0)
        annual.initialize(repeating: 0, count: counts.0)
        monthly = .allocate(capacity: counts.1)
        monthly.initialize(repeating: 0, count: counts.1)
        requests = .allocate(capacity: counts.2)
        requests.initialize(repeating: 0, count: counts.2)
        segments = .allocate(capacity: counts.3)
        segments.initialize(repeating: 0, count: counts.3)
    }

    /// A reset world for `model` writing into these rows.
    func world(_ model: CompiledScenario) -> World {
        var w = World(model: model, annual: annual, monthly: monthly, requests: requests, segmentRow: segments)
        w.reset()
        return w
    }

    deinit {
        annual.deallocate()
        monthly.deallocate()
        requests.deallocate()
        segments.deallocate()
    }
}

extension TestScenarios {
    /// `groups` arrivals (a single child or a sibling group each) on the start date into a fresh world of `s` with
    /// its households set up: `each` sees the world after every arrival with the indices of the children it brought,
    /// and `after` the world once all have arrived. The matching tests drive arrivals alone this way, with no clock.
    static func arrivals(_ s: Scenario, groups: Int, each: (borrowing World, Range<Int>) -> Void,
                         after: (borrowing World) -> Void = { _ in }) {
        let model = CompiledScenario(s, horizonYears: 1)
        let rows = TestRows(model)
        var w = rows.world(model)
        Carers.setUpHouseholds(&w)
        for _ in 0..<groups {
            let first = w.children.count
            Arrivals.arrive(&w)
            each(w, first..<w.children.count)
        }
        after(w)
    }
}
