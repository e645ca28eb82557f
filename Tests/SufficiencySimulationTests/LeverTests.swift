@testable import SufficiencyModel
@testable import SufficiencySimulation
import XCTest

/// Each commissioning lever moves the outcome it should. A scenario and its baseline run on the same seeds
/// (common random numbers), and the check is on the paired differences, replication by replication: the 95%
/// interval of the mean difference must exclude zero in the expected direction.
final class LeverTests: XCTestCase {
    static let replications = 120
    static let years = 4

    static func run(_ s: Scenario) -> RunResult {
        TestScenarios.run(s, years: years, replications: replications, seed: 2017)
    }

    static let baseline = run(TestScenarios.baseline())

    static func embedded(_ name: String) -> Scenario { try! ScenarioLoader.load(path: name).scenario }

    /// Mean and 95% interval of scenario − baseline for `metric` in year index `year` (or summed over all years).
    func pairedDifference(_ scenario: RunResult, _ metric: AnnualMetric, year: Int? = nil)
        -> (mean: Double, low: Double, high: Double) {
        let years = year.map { [$0] } ?? Array(0..<Self.years)
        let d = (0..<Self.replications).map { r in
            years.reduce(0.0) { $0 + scenario.value(metric, year: $1, replication: r)
                - Self.baseline.value(metric, year: $1, replication: r) }
        }
        let (mean, variance) = moments(d)
        let half = 1.96 * (variance / Double(d.count)).squareRoot()
        return (mean, mean - half, mean + half)
    }

    func assertLower(_ r: RunResult, _ m: AnnualMetric, year: Int? = nil, _ what: String) {
        let d = pairedDifference(r, m, year: year)
        XCTAssertLessThan(d.high, 0, "\(what): \(m.label) difference \(d.mean) [\(d.low), \(d.high)]")
    }

    func assertHigher(_ r: RunResult, _ m: AnnualMetric, year: Int? = nil, _ what: String) {
        let d = pairedDifference(r, m, year: year)
        XCTAssertGreaterThan(d.low, 0, "\(what): \(m.label) difference \(d.mean) [\(d.low), \(d.high)]")
    }

    func testMoreRecruitmentMeansFewerIFAAndMoreInHousePlacements() {
        let r = Self.run(Self.embedded("tact-recruitment"))
        assertLower(r, .ifaFoster, year: 3, "recruitment")
        assertHigher(r, .inHouseFoster, year: 3, "recruitment")
        assertHigher(r, .programmeApprovals, "recruitment")
        assertHigher(r, .costRecruitment, "recruitment")
    }

    /// A recruitment programme's contract and approval costs are given at the price base and charged at each year's
    /// prices: replication by replication, cost_recruitment = index × (annual cost + approvals × cost per approval).
    func testRecruitmentProgrammeCostsAreChargedAtEachYearsPrices() {
        let s = Self.embedded("tact-recruitment")
        let p = try! XCTUnwrap(s.interventions.recruitment)
        let r = Self.run(s)
        let rate = s.costs.inflationByLine[CostLine.inHouseFoster.index]
        var index = 1.0
        for (y, year) in r.years.enumerated() {
            if y > 0 { index *= 1 + rate.value(in: year) }
            XCTAssertTrue(p.years.contains(year) && index > 1 || y == 0)
            for rep in 0..<Self.replications {
                let approvals = r.value(.programmeApprovals, year: y, replication: rep)
                XCTAssertEqual(r.value(.costRecruitment, year: y, replication: rep),
                               index * (p.annualCost + approvals * p.costPerApproval), accuracy: 1e-6,
                               "\(year.label), replication \(rep)")
            }
        }
    }

    /// `recruitment_target_met` is 1 in a year exactly when the programme in force approved at least its target
    /// that year, replication by replication, and 0 in every year without a programme; the drive's approvals vary
    /// enough (yield CV 0.3, six months to approval) that both outcomes occur.
    func testRecruitmentTargetMetIsOneExactlyWhenTheProgrammeReachesItsTarget() {
        let s = Self.embedded("tact-recruitment")
        let p = try! XCTUnwrap(s.interventions.recruitment)
        let r = Self.run(s)
        var met = 0, missed = 0
        for (y, year) in r.years.enumerated() {
            XCTAssertTrue(p.years.contains(year), "the drive runs every year of this scenario")
            let target = p.approvalsPerYear.value(in: year)
            for rep in 0..<Self.replications {
                let reached = r.value(.programmeApprovals, year: y, replication: rep) >= target
                XCTAssertEqual(r.value(.recruitmentTargetMet, year: y, replication: rep), reached ? 1 : 0,
                               "\(year.label), replication \(rep)")
                if reached { met += 1 } else { missed += 1 }
                XCTAssertEqual(Self.baseline.value(.recruitmentTargetMet, year: y, replication: rep), 0)
            }
        }
        XCTAssertGreaterThan(met, 0)
        XCTAssertGreaterThan(missed, 0)
    }

    func testTheReunificationProgrammeRaisesReunificationsAndLowersChildrenInCare() {
        let r = Self.run(Self.embedded("reunification"))
        assertHigher(r, .exitsReunification, "reunification")
        assertLower(r, .childrenInCare, year: 3, "reunification")
        assertHigher(r, .reunificationEnrolments, "reunification")
    }

    func testStepDownLowersResidentialCare() {
        let r = Self.run(Self.embedded("residential-step-down"))
        assertLower(r, .residential, year: 3, "step-down")
        assertHigher(r, .stepDowns, "step-down")
    }

    func testTheIFASqueezeRaisesResidentialCareAndDisplacement() {
        let r = Self.run(Self.embedded("ifa-market-squeeze"))
        assertHigher(r, .residential, year: 2, "squeeze")
        assertHigher(r, .displacedToResidential, "squeeze")
    }

    func testFewerEntriesMeanFewerChildrenInCare() {
        let r = Self.run(Self.embedded("family-safeguarding"))
        assertLower(r, .entries, "family safeguarding")
        assertLower(r, .childrenInCare, year: 3, "family safeguarding")
    }

    func testRetentionSupportMeansFewerDeregistrations() {
        var s = TestScenarios.baseline()
        s.interventions.retention = RetentionSupport(years: YearSpan(start: FinancialYear(startYear: 2017)),
                                                     deregistrationMultiplier: 0.5, costPerHouseholdPerYear: 500)
        let r = Self.run(s)
        assertLower(r, .deregistrations, "retention")
        assertHigher(r, .costProgrammes, "retention")
    }

    func testIncomeLowersNetCostByTheIncome() {
        var s = TestScenarios.baseline()
        s.interventions.income = Income(years: YearSpan(start: FinancialYear(startYear: 2018)),
                                        residentialJointFundingShare: Schedule(0), annualIncome: Schedule(500_000))
        let r = Self.run(s)
        XCTAssertEqual(pairedDifference(r, .netCost, year: 0).mean, 0, accuracy: 1e-6, "not in force in 2017-18")
        XCTAssertEqual(pairedDifference(r, .netCost, year: 1).mean, -500_000, accuracy: 1e-3)
        XCTAssertEqual(pairedDifference(r, .costTotal, year: 1).mean, 0, accuracy: 1e-6, "income does not change placements")
    }

    /// Joint funding recovers its share of what residential care cost, at the prices it was charged at: replication
    /// by replication and year by year, income = share × cost_residential, in the years after the first too, when
    /// residential prices have inflated (income at the price base would fall short by the index there).
    func testJointFundingIsItsShareOfTheResidentialCostAtEachYearsPrices() {
        var s = TestScenarios.baseline()
        let share = 0.2
        s.interventions.income = Income(years: YearSpan(start: s.startDate.financialYear),
                                        residentialJointFundingShare: Schedule(share), annualIncome: Schedule(0))
        let r = Self.run(s)
        let rate = s.costs.inflationByLine[CostLine.residential.index]
        XCTAssertGreaterThan(rate.value(in: r.years[1]), 0, "the test needs residential prices to inflate")
        for y in r.years.indices {
            for rep in 0..<Self.replications {
                let cost = r.value(.costResidential, year: y, replication: rep)
                XCTAssertGreaterThan(cost, 1_000_000)
                XCTAssertEqual(r.value(.income, year: y, replication: rep), share * cost, accuracy: 1e-9 * cost,
                               "\(r.years[y].label), replication \(rep)")
            }
        }
    }

    /// A retention payment per household is given at the price base and charged at each year's prices (in-house
    /// inflation, as every programme cost): prices change no carer's or child's path, so on the same seeds the
    /// payment with inflation is the payment without it times the year's index, replication by replication.
    func testRetentionPaymentsAreChargedAtEachYearsPrices() {
        var s = TestScenarios.baseline()
        s.interventions.retention = RetentionSupport(years: YearSpan(start: s.startDate.financialYear),
                                                     deregistrationMultiplier: 0.5, costPerHouseholdPerYear: 500)
        let inflated = Self.run(s)
        let rate = s.costs.inflationByLine[CostLine.inHouseFoster.index]
        s.costs.inflationByLine[CostLine.inHouseFoster.index] = Schedule(0)
        let flat = Self.run(s)
        var index = 1.0
        for (y, year) in inflated.years.enumerated() {
            if y > 0 { index *= 1 + rate.value(in: year) }
            XCTAssertTrue(y == 0 || index > 1, "the test needs in-house prices to inflate")
            for rep in 0..<Self.replications {
                let base = flat.value(.costProgrammes, year: y, replication: rep)
                // £500 a household a year: some £58,000 for the default's carers.
                XCTAssertGreaterThan(base, 50_000)
                XCTAssertEqual(inflated.value(.costProgrammes, year: y, replication: rep), base * index,
                               accuracy: 1e-9 * base, "\(year.label), replication \(rep)")
                XCTAssertEqual(inflated.value(.deregistrations, year: y, replication: rep),
                               flat.value(.deregistrations, year: y, replication: rep), "prices change no path")
            }
        }
    }

    /// Income that arrives with probability p: each replication-year gets all of it or none, about p of them get it,
    /// and the same replication-years get it whatever else the scenario changes (a keyed draw).
    func testUncertainIncomeArrivesWholeInAboutItsShareOfYearsOnCommonRandomNumbers() {
        var s = TestScenarios.baseline()
        var income = Income(years: YearSpan(start: FinancialYear(startYear: 2018)), residentialJointFundingShare: Schedule(0),
                            annualIncome: Schedule(500_000))
        income.arrivalProbability = Schedule(0.5)
        s.interventions.income = income
        let r = Self.run(s)
        var arrived: [Bool] = []
        for y in 1..<Self.years {
            for rep in 0..<Self.replications {
                let x = r.value(.income, year: y, replication: rep) - Self.baseline.value(.income, year: y, replication: rep)
                XCTAssertTrue(abs(x) < 1e-6 || abs(x - 500_000) < 1e-6, "all or nothing: \(x)")
                arrived.append(x > 1)
            }
        }
        let share = Double(arrived.filter { $0 }.count) / Double(arrived.count)
        // 360 replication-years: the share's sd is about 0.026, so 0.5 ± 0.1 is about four sd.
        XCTAssertEqual(share, 0.5, accuracy: 0.1)
        // With a retention lever too, the same replication-years receive the income.
        s.interventions.retention = RetentionSupport(years: YearSpan(start: FinancialYear(startYear: 2017)),
                                                     deregistrationMultiplier: 0.5, costPerHouseholdPerYear: 500)
        let other = Self.run(s)
        var same: [Bool] = []
        for y in 1..<Self.years {
            for rep in 0..<Self.replications { same.append(other.value(.income, year: y, replication: rep) > 1) }
        }
        XCTAssertEqual(same, arrived)
    }

    func testAnIFABlockContractTakesChildrenWhoWouldOtherwiseGoToResidentialCare() {
        var s = TestScenarios.baseline()
        s.interventions.blockContract = BlockContract(years: YearSpan(start: FinancialYear(startYear: 2017)),
                                                      places: 15, priceDiscount: 0.1)
        let r = Self.run(s)
        assertLower(r, .displacedToResidential, "block contract")
        assertHigher(r, .ifaFoster, year: 3, "block contract")
    }

    /// Block places are bought at the market price less the contract's discount. With nobody in agency care at the
    /// start and more reserved places than agency placements, every agency placement of the run is a block place;
    /// the discount changes no child's path, so on the same seeds the cost of agency care at a 25% discount is 0.75
    /// of its cost at none, replication by replication and year by year. (A block place is for one child: here no
    /// agency carer takes a sibling group together, which would be at the market's price.)
    func testBlockPlacesCostTheMarketPriceLessTheDiscount() {
        var s = TestScenarios.baseline()
        s.ifa.siblingGroupsTogether = 0
        let ifa = PlacementType.ifaFoster.index, residential = PlacementType.residential.index
        s.population.placementMix[residential] += s.population.placementMix[ifa]
        s.population.placementMix[ifa] = 0
        func run(discount: Double) -> RunResult {
            s.interventions.blockContract = BlockContract(years: YearSpan(start: s.startDate.financialYear),
                                                          places: 10_000, priceDiscount: discount)
            return Self.run(s)
        }
        let discounted = run(discount: 0.25), full = run(discount: 0)
        for y in full.years.indices {
            for rep in 0..<Self.replications {
                let market = full.value(.costIFAFoster, year: y, replication: rep)
                XCTAssertGreaterThan(market, 100_000, "agency placements are made")
                XCTAssertEqual(discounted.value(.costIFAFoster, year: y, replication: rep), 0.75 * market,
                               accuracy: 1e-6 * market, "year \(y), replication \(rep)")
                XCTAssertEqual(discounted.value(.ifaFoster, year: y, replication: rep),
                               full.value(.ifaFoster, year: y, replication: rep), "the discount changes no path")
            }
        }
    }

    func testTheCostOfAChangeInDemandIsChargedInTheYearsItIsInForceAtThatYearsPrices() {
        var s = TestScenarios.baseline()
        let schedule = Schedule(steps: [.init(from: FinancialYear(startYear: 2018), value: 1_000_000),
                                        .init(from: FinancialYear(startYear: 2019), value: 300_000)])
        s.interventions.demand = DemandChange(years: YearSpan(start: FinancialYear(startYear: 2018)),
                                              entryMultiplierByAge: AgeBand.allCases.map { _ in Schedule(1) },
                                              uascMultiplier: Schedule(1), annualCost: schedule)
        let r = Self.run(s)
        // Programme costs are given at the price base (2017-18) and inflate as the in-house service's line does.
        let rate = s.costs.inflationByLine[CostLine.inHouseFoster.index]
        let index2018 = 1 + rate.value(in: FinancialYear(startYear: 2018))
        let index2019 = index2018 * (1 + rate.value(in: FinancialYear(startYear: 2019)))
        XCTAssertGreaterThan(index2018, 1, "the test scenario inflates in-house costs")
        XCTAssertEqual(pairedDifference(r, .costProgrammes, year: 0).mean, 0, accuracy: 1e-6, "not in force in 2017-18")
        XCTAssertEqual(pairedDifference(r, .costProgrammes, year: 1).mean, 1_000_000 * index2018, accuracy: 1e-3)
        XCTAssertEqual(pairedDifference(r, .costProgrammes, year: 2).mean, 300_000 * index2019, accuracy: 1e-3)
        XCTAssertEqual(pairedDifference(r, .netCost, year: 2).mean, 300_000 * index2019, accuracy: 1e-3)
        XCTAssertEqual(pairedDifference(r, .costTotal).mean, 0, accuracy: 1e-6, "multipliers of 1 change no placement")
    }

    func testDemandMultipliersOfOneChangeNothing() {
        var s = TestScenarios.baseline()
        s.interventions.demand = DemandChange(years: YearSpan(start: FinancialYear(startYear: 2017)),
                                              entryMultiplierByAge: AgeBand.allCases.map { _ in Schedule(1) },
                                              uascMultiplier: Schedule(1))
        let r = Self.run(s)
        XCTAssertEqual(r.annual, Self.baseline.annual)
        XCTAssertEqual(r.stocks, Self.baseline.stocks)
    }

    /// A change in demand multiplies UASC arrivals by `interventions.demand.uasc_multiplier` in the years it is in
    /// force, as it multiplies other entries by `entry_multiplier` (`DemandChange`; `HazardTables`: the UASC rate ×
    /// the multiplier ÷ 365.25 a day). With no other entries, 40 unaccompanied children a year and a multiplier of
    /// 0.25 in force from 2018-19, entries average 40 in 2017-18 and 40 × 0.25 = 10 in 2018-19 and 2019-20 (the
    /// multiplier left out would leave 40). Each year's count is Poisson: its mean over 100 replications within four
    /// standard errors.
    func testAChangeInDemandMultipliesUASCArrivalsInTheYearsItIsInForce() {
        var s = TestScenarios.queue(lambda: 0, mu: 0)
        s.uasc.annualRate = 40
        s.interventions.demand = DemandChange(years: YearSpan(start: FinancialYear(startYear: 2018)),
                                              entryMultiplierByAge: AgeBand.allCases.map { _ in Schedule(1) },
                                              uascMultiplier: Schedule(0.25))
        let n = 100
        let r = TestScenarios.run(s, years: 3, replications: n, seed: 7)
        for (y, expected) in [40.0, 10, 10].enumerated() {
            let (mean, _) = moments(r.values(.entries, year: y))
            XCTAssertEqual(mean, expected, accuracy: 4 * (expected / Double(n)).squareRoot(), "year \(y)")
        }
    }

    /// A block contract reserves `places` agency places (`interventions.block_contract`; `Matching`: a child bound
    /// for an agency carer takes a block place while fewer than `places` are occupied): with 3 places, an agency
    /// market that finds no carer, the agency before residential care and 10 single children arriving on the start
    /// date, exactly the first 3 go to block places with the agency and the other 7 to residential care; with no
    /// contract, none go to the agency.
    func testABlockContractHoldsAsManyChildrenAsItHasPlaces() {
        func placements(block: Int?) -> [(type: PlacementType, inBlock: Bool)] {
            var s = TestScenarios.arrivingGroups(sizeMix: [1, 0, 0, 0], households: 10, places: 1)
            s.routes.preferenceOrder = [.ifaFoster, .residential]
            s.ifa.foundProbability = s.ifa.foundProbability.map { $0.map { _ in 0 } }
            if let block {
                s.interventions.blockContract = BlockContract(years: YearSpan(start: s.startDate.financialYear),
                                                              places: block, priceDiscount: 0.1)
            }
            var placed: [(type: PlacementType, inBlock: Bool)] = []
            TestScenarios.arrivals(s, groups: 10, each: { w, brought in
                for i in brought { placed.append((w.children[i].placement, w.children[i].inBlock)) }
            })
            return placed
        }
        let three = placements(block: 3)
        XCTAssertEqual(three.map(\.type), [PlacementType](repeating: .ifaFoster, count: 3)
                       + [PlacementType](repeating: .residential, count: 7))
        XCTAssertEqual(three.map(\.inBlock), [Bool](repeating: true, count: 3) + [Bool](repeating: false, count: 7))
        let none = placements(block: nil)
        XCTAssertEqual(none.map(\.type), [PlacementType](repeating: .residential, count: 10))
        XCTAssertFalse(none.contains { $0.inBlock })
    }

    func testEveryEmbeddedScenarioLoadsAndRuns() throws {
        for name in EmbeddedScenarios.names {
            let s = try ScenarioLoader.load(path: name).scenario
            let r = TestScenarios.run(s, years: 2, replications: 4, seed: 1)
            XCTAssertGreaterThan(r.values(.childrenInCare, year: 1).reduce(0, +), 0, name)
        }
    }

    /// The reunification programme enrols, oldest records first up to the year's capacity, children in care whose
    /// plan, age band and time in care are eligible (model.md section 9; `Interventions.enrolForReunification`).
    /// 50 young people of 16–17 in a closed system, nobody leaving before 18, capacity 10 a year: at the first month
    /// end at least 40 are still under 18, so exactly 10 are enrolled in the year when 16–17 is eligible, and none
    /// when every band but 16–17 is (no child of 16 or 17 gets younger).
    func testTheReunificationProgrammeEnrolsOnlyChildrenOfItsEligibleAgeBands() {
        var s = TestScenarios.queue(lambda: 0, mu: 0, initial: 50)
        s.population.ageMixByPlacement = PlacementType.allCases.map { _ in [0, 0, 0, 0, 1] }   // all 16–17
        var programme = ReunificationProgramme()
        programme.years = YearSpan(start: s.startDate.financialYear)
        programme.eligiblePlans = CarePlan.allCases
        programme.minimumDaysInCare = 0
        programme.maximumDaysInCare = 216 * daysPerMonth
        programme.capacityPerYear = 10
        for (bands, expected) in [([AgeBand.age16to17], 10.0), ([.under1, .age1to4, .age5to9, .age10to15], 0)] {
            programme.eligibleAgeBands = bands
            s.interventions.reunification = programme
            let r = TestScenarios.run(s, years: 1, replications: 4)
            for rep in 0..<4 {
                XCTAssertEqual(r.value(.reunificationEnrolments, year: 0, replication: rep), expected, "eligible: \(bands)")
            }
        }
    }

    /// A recruitment programme's approvals are approvals (model.md section 8, "Flows per year: ... approvals"):
    /// with business-as-usual recruitment off, `approvals` equals `programme_approvals` in every year of every
    /// replication (the new households are counted once as approved, and once more as the programme's).
    func testAProgrammesApprovalsAreCountedAmongTheApprovals() {
        var s = Self.embedded("tact-recruitment")
        s.recruitment.approvalsPerYear = Schedule(0)
        s.recruitment.funnel = nil
        let r = Self.run(s)
        var programme = 0.0
        for y in r.years.indices {
            for rep in 0..<Self.replications {
                let p = r.value(.programmeApprovals, year: y, replication: rep)
                XCTAssertEqual(r.value(.approvals, year: y, replication: rep), p, "year \(y), replication \(rep)")
                programme += p
            }
        }
        XCTAssertGreaterThan(programme, 0, "the test needs the programme to approve households")
    }
}
