import SufficiencyTestSupport
import XCTest
@testable import SufficiencyModel
@testable import SufficiencySimulation

/// The sufficiency gap (`sufficiency.csv`, `supply.csv`) against what must hold whatever the parameters: ample
/// carers leave no shortfall, fewer carers leave more, and the segments add up to the run's own totals.
final class SufficiencyGapTests: XCTestCase {
    /// Total mean shortfall (place-years) over every segment in year index `y`.
    func totalShortfall(_ r: RunResult, year y: Int) -> Double {
        (0..<SufficiencyLayout.segments).reduce(0) { $0 + r.sufficiency(year: y, segment: $1, .shortfallPlaceYears).mean }
    }

    func sum(_ r: RunResult, year y: Int, _ m: SufficiencyMeasure) -> Double {
        (0..<SufficiencyLayout.segments).reduce(0) { $0 + r.sufficiency(year: y, segment: $1, m).mean }
    }

    func meanRequests(_ r: RunResult, column: Int, year y: Int) -> Double {
        let v = r.requestValues(column: column, year: y)
        return v.reduce(0, +) / Double(v.count)
    }

    /// In-house carers of every kind, more than enough of them, who always accept: in-house never falls through.
    func testAmpleCarersOfEveryKindLeaveNoShortfall() {
        var s = TestScenarios.baseline()
        s.inHouse.households = 2_000
        s.inHouse.placesMix = [0, 0, 0, 1]
        s.inHouse.approvalRanges = [ApprovalRange(youngest: 0, oldest: 17)]
        s.inHouse.approvalRangeMix = [1]
        s.inHouse.specialismShare = Specialism.allCases.map { _ in 1 }
        s.inHouse.acceptanceByAgeNeed = AgeBand.allCases.map { _ in NeedTier.allCases.map { _ in 1 } }
        s.inHouse.solePlacementByNeed = NeedTier.allCases.map { _ in 0 }
        s.inHouse.fewerChildrenShare = 0
        s.inHouse.onHoldShare = 0
        let r = TestScenarios.run(s, years: 2, replications: 20)
        for y in r.years.indices {
            XCTAssertGreaterThan(sum(r, year: y, .requests), 50)
            XCTAssertEqual(totalShortfall(r, year: y), 0)
            for m in [SufficiencyMeasure.inHouseNoVacancy, .inHouseNoMatch, .inHouseDeclined, .placedIFA,
                      .placedResidential] {
                XCTAssertEqual(sum(r, year: y, m), 0, "\(m.label) in year \(y)")
            }
        }
    }

    /// Halving the households (same seeds) must raise the shortfall, and the in-house requests that fall through
    /// for want of a vacancy.
    func testHalvingTheHouseholdsRaisesTheShortfall() {
        // Every household takes its full approval: a place held back counts as vacant, so with households that take
        // fewer children a request almost never finds the service without a vacancy, however few households there are.
        var base = TestScenarios.baseline()
        base.inHouse.fewerChildrenShare = 0
        var half = base
        half.inHouse.households = base.inHouse.households / 2
        half.recruitment.approvalsPerYear = Schedule(base.recruitment.approvalsPerYear.values[0] / 2)
        let a = TestScenarios.run(base, years: 3, replications: 200)
        let b = TestScenarios.run(half, years: 3, replications: 200)
        for y in 1..<3 {
            let before = totalShortfall(a, year: y), after = totalShortfall(b, year: y)
            XCTAssertGreaterThan(after, before * 1.5 + 5, "year \(y): \(before) → \(after) place-years")
            XCTAssertGreaterThan(sum(b, year: y, .inHouseNoVacancy), sum(a, year: y, .inHouseNoVacancy))
            XCTAssertLessThan(sum(b, year: y, .placedInHouse), sum(a, year: y, .placedInHouse))
        }
    }

    /// Every request counted in a segment is one of requests.csv's, and so is every placement and fall-through:
    /// summed over segments, the means equal the run's totals (requests less those routed directly).
    func testSegmentsAddUpToTheRunsTotals() {
        let r = TestScenarios.run(TestScenarios.baseline(), years: 3, replications: 100)
        for y in r.years.indices {
            func close(_ a: Double, _ b: Double, _ what: String) {
                XCTAssertEqual(a, b, accuracy: 1e-9 * max(1, abs(b)), "\(what), year \(y)")
            }
            close(sum(r, year: y, .requests),
                  meanRequests(r, column: RequestTally.requests, year: y)
                      - meanRequests(r, column: RequestTally.directRoute, year: y), "requests")
            close(sum(r, year: y, .placedInHouse),
                  meanRequests(r, column: RequestTally.placed(by: .inHouseFoster), year: y), "placed in-house")
            close(sum(r, year: y, .placedKinship),
                  meanRequests(r, column: RequestTally.placed(by: .kinshipFoster), year: y), "placed kinship")
            close(sum(r, year: y, .placedIFA),
                  meanRequests(r, column: RequestTally.placed(by: .ifaFoster), year: y), "placed IFA")
            close(sum(r, year: y, .placedResidential),
                  meanRequests(r, column: RequestTally.placed(by: .residential), year: y), "placed residential")
            close(sum(r, year: y, .inHouseNoVacancy),
                  meanRequests(r, column: RequestTally.fellThrough(.inHouseFoster, .noVacancy), year: y), "no vacancy")
            close(sum(r, year: y, .inHouseNoMatch),
                  meanRequests(r, column: RequestTally.fellThrough(.inHouseFoster, .noMatch), year: y), "no match")
            close(sum(r, year: y, .inHouseDeclined),
                  meanRequests(r, column: RequestTally.fellThrough(.inHouseFoster, .declined), year: y), "declined")
            // Every request ends in exactly one placement.
            close(sum(r, year: y, .requests), sum(r, year: y, .placedInHouse) + sum(r, year: y, .placedKinship)
                    + sum(r, year: y, .placedIFA) + sum(r, year: y, .placedResidential), "placements")
            // Shortfall is time within the year: no segment can exceed a place-year per child placed elsewhere
            // plus those carried in, and the total is bounded by agency and residential children at most.
            let elsewhere = r.values(.ifaFoster, year: y).reduce(0, +) / Double(r.replications)
                + r.values(.residential, year: y).reduce(0, +) / Double(r.replications)
            XCTAssertLessThan(totalShortfall(r, year: y), elsewhere * 1.5)
            // Supply: places approved for a band never exceed all places; vacant never exceed approved.
            for age in AgeBand.allCases {
                let approved = r.supply(year: y, age, .placesApprovedFor).mean
                XCTAssertLessThanOrEqual(approved, r.values(.inHousePlaces, year: y).reduce(0, +) / Double(r.replications) + 1e-9)
                XCTAssertLessThanOrEqual(r.supply(year: y, age, .placesVacantFor).mean, approved)
            }
        }
    }

    /// A household counts for a band only when approved for at least half of its ages: 0–10 counts for 0, 1–4 and 5–9
    /// but not for 10–15, where it could take only a 10-year-old (its places made the 10–15 band's approved places
    /// exceed the 16–17 band's by a third, and its vacancies read as room for teenagers), while a range that splits a
    /// band still counts for it (11–17 for 10–15). In the default scenario (0–17, 0–10, 0–4, 5–17, 10–17) the bands
    /// 10–15 and 16–17 are then covered by the same households, as are 0 and 1–4.
    func testAHouseholdCountsForABandWhenApprovedForAtLeastHalfItsAges() {
        let model = CompiledScenario(TestScenarios.baseline(), horizonYears: 2)
        let bands = Dictionary(uniqueKeysWithValues: zip(model.approvalRanges.map(\.label), model.rangeBands))
        XCTAssertEqual(bands["0-10"], [AgeBand.under1, .age1to4, .age5to9].map(\.index))
        XCTAssertEqual(bands["0-17"], AgeBand.allCases.map(\.index))
        XCTAssertEqual(bands["10-17"], [AgeBand.age10to15, .age16to17].map(\.index))
        XCTAssertEqual(bands["5-17"], [AgeBand.age5to9, .age10to15, .age16to17].map(\.index))
        XCTAssertEqual(bands["0-4"], [AgeBand.under1, .age1to4].map(\.index))
        func approved(_ youngest: Int, _ oldest: Int) -> [AgeBand] {
            CompiledScenario.bands(approvedFor: ApprovalRange(youngest: youngest, oldest: oldest)).map { AgeBand.allCases[$0] }
        }
        XCTAssertEqual(approved(11, 17), [.age10to15, .age16to17], "five of 10–15's six ages")
        XCTAssertEqual(approved(13, 17), [.age10to15, .age16to17], "three of six: half")
        XCTAssertEqual(approved(14, 17), [.age16to17], "two of six")
        XCTAssertEqual(approved(2, 8), [.age1to4, .age5to9], "a range inside two bands counts somewhere")
        XCTAssertEqual(approved(0, 0), [.under1])
        XCTAssertEqual(approved(17, 17), [.age16to17])
        let r = TestScenarios.run(TestScenarios.baseline(), years: 2, replications: 20)
        for y in r.years.indices {
            for m in SupplyMeasure.allCases {
                XCTAssertEqual(r.supply(year: y, .age10to15, m), r.supply(year: y, .age16to17, m), "\(m.label)")
                XCTAssertEqual(r.supply(year: y, .under1, m), r.supply(year: y, .age1to4, m), "\(m.label)")
            }
        }
    }

    /// Approved places are filled, vacant or unavailable; occupancy is filled over approved.
    func testPlacesAreFilledVacantOrUnavailable() {
        let r = TestScenarios.run(TestScenarios.baseline(), years: 2, replications: 50)
        for rep in 0..<r.replications {
            for y in r.years.indices {
                let approved = r.value(.inHousePlaces, year: y, replication: rep)
                let parts = r.value(.inHousePlacesFilled, year: y, replication: rep)
                    + r.value(.inHouseVacancies, year: y, replication: rep)
                    + r.value(.inHousePlacesUnavailable, year: y, replication: rep)
                XCTAssertEqual(approved, parts)
                XCTAssertEqual(r.value(.inHousePlacesFilled, year: y, replication: rep),
                               r.value(.inHouseFoster, year: y, replication: rep))
                XCTAssertEqual(r.value(.inHouseOccupancyPct, year: y, replication: rep),
                               100 * r.value(.inHousePlacesFilled, year: y, replication: rep) / approved, accuracy: 1e-9)
                let byAge = AgeBand.allCases.reduce(0) { $0 + r.value(.childrenInCare($1), year: y, replication: rep) }
                XCTAssertEqual(byAge, r.value(.childrenInCare, year: y, replication: rep))
                let other = [AnnualMetric.costKinshipFoster, .costSupportedAccommodation, .costResidentialSchool,
                             .costSecure, .costStayingPut, .costOtherPlacements]
                    .reduce(0) { $0 + r.value($1, year: y, replication: rep) }
                XCTAssertEqual(other, r.value(.costOther, year: y, replication: rep), accuracy: 1e-6)
            }
        }
    }

    /// The layout's literal sizes are the vocabulary's.
    func testTheLayoutMatchesTheVocabulary() {
        XCTAssertEqual(SufficiencyLayout.ages, AgeBand.count)
        XCTAssertEqual(SufficiencyLayout.needs, NeedTier.count)
        XCTAssertEqual(SufficiencyLayout.groups, GroupSize.count)
        XCTAssertEqual(SufficiencyLayout.measures, SufficiencyMeasure.count)
        XCTAssertEqual(SufficiencyLayout.supplies, SupplyMeasure.count)
    }

    /// The count histograms give exactly GSL's mean and quantiles of the same values.
    func testCellHistogramsMatchGSLSummaries() {
        var rng = TestRNG(state: 7)
        let n = 997
        var h = CellHistograms(cells: 3)
        var values: [[Double]] = [[], [], []]
        var row = [Double](repeating: 0, count: 3)
        for _ in 0..<n {
            row[0] = Double(Int.random(in: 0...3, using: &rng) == 0 ? Int.random(in: 1...5, using: &rng) : 0)
            row[1] = Double(Int.random(in: 0...400, using: &rng))
            row[2] = 0
            for k in 0..<3 { values[k].append(row[k]) }
            row.withUnsafeBufferPointer { h.fold($0.baseAddress!) }
        }
        // Split across two "workers" to check merging too.
        var merged = CellHistograms(cells: 3)
        merged.merge(h)
        merged.finish()
        for k in 0..<3 {
            let gsl = Summary(values[k])
            let ours = merged.summary(k, levels: [0.05, 0.5, 0.95])
            XCTAssertEqual(ours.mean, gsl.mean, accuracy: 1e-9)
            XCTAssertEqual(ours.quantiles[0], gsl.quantile(0.05), accuracy: 1e-9)
            XCTAssertEqual(ours.quantiles[1], gsl.quantile(0.5), accuracy: 1e-9)
            XCTAssertEqual(ours.quantiles[2], gsl.quantile(0.95), accuracy: 1e-9)
        }
    }

    /// sufficiency.csv and supply.csv are byte-identical whatever the thread count.
    func testGapOutputsDoNotDependOnThreads() {
        let s = TestScenarios.baseline()
        let one = TestScenarios.run(s, years: 2, replications: 60, threads: 1)
        let three = TestScenarios.run(s, years: 2, replications: 60, threads: 3)
        XCTAssertEqual(RunWriter.sufficiencyCSV(one), RunWriter.sufficiencyCSV(three))
        XCTAssertEqual(RunWriter.supplyCSV(one), RunWriter.supplyCSV(three))
    }

    /// Shortfall place-years are the time, within each financial year, spent in agency or residential care entered
    /// because in-house care fell through. With no carers at all, children entering alone at Λ a year from the
    /// start date (nobody in care before) who never leave or move all count from entry: year y's shortfall is
    /// ∫ N(t) dt over the year, whose mean for a Poisson stream is λ(b² − a²)/2 with the year running from day a to
    /// day b and λ = Λ / 365.25 a day, and whose variance is λ(a(b − a)² + (b − a)³/3). A child's time counts in the
    /// year it falls in: the count restarts at each 31 March (carried on from entry, year 2 would count some 450
    /// place-years against 250).
    func testShortfallPlaceYearsAreTheYearsTimeInCareAfterInHouseFellThrough() {
        let lambda = 100.0, years = 3, replications = 200
        var s = TestScenarios.queue(lambda: lambda, mu: 0)
        s.routes.preferenceOrder = [.inHouseFoster, .residential]
        s.inHouse.households = 0
        // Every child asks in-house care first: none is assessed for residential care or a residential school.
        s.routes.directResidentialByNeed = s.routes.directResidentialByNeed.map { _ in 0 }
        s.routes.residentialSchoolByNeed = s.routes.residentialSchoolByNeed.map { _ in 0 }
        s.breakdowns.annualHazardByPlacement = s.breakdowns.annualHazardByPlacement.map { _ in 0 }
        s.plannedMoves.annualHazardByPlacement = s.plannedMoves.annualHazardByPlacement.map { _ in 0 }
        let r = TestScenarios.run(s, years: years, replications: replications)
        let perDay = lambda / daysPerYear
        for y in 0..<years {
            let fy = FinancialYear(startYear: s.startDate.financialYear.startYear + y)
            let a = Double(fy.firstDay.dayNumber - s.startDate.dayNumber), b = Double(fy.lastDay.dayNumber + 1 - s.startDate.dayNumber)
            let mean = perDay * (b * b - a * a) / 2 / daysPerYear
            let sd = (perDay * (a * (b - a) * (b - a) + pow(b - a, 3) / 3)).squareRoot() / daysPerYear
            XCTAssertEqual(totalShortfall(r, year: y), mean, accuracy: 4 * sd / Double(replications).squareRoot(),
                           "\(fy.label): mean shortfall place-years")
        }
    }

    /// With few replications a cell's large values are few: 18 zeros, then 40 and 20. GSL's 95th percentile of 20
    /// values reads ranks 18 and 19 (0.95 × 19 = 18.05): 0.95 × 20 + 0.05 × 40 = 21, which needs the two large values
    /// sorted (unsorted, it reads 39). A run of 21 replications or fewer shows this in `sufficiency.csv`.
    func testTwoLargeValuesAreSortedBeforeTheTopQuantileReadsThem() {
        var h = CellHistograms(cells: 1)
        for v in [Double](repeating: 0, count: 18) + [40, 20] { [v].withUnsafeBufferPointer { h.fold($0.baseAddress!) } }
        h.finish()
        let s = h.summary(0, levels: [0.05, 0.5, 0.95])
        XCTAssertEqual(s.mean, 3, accuracy: 1e-12)
        XCTAssertEqual(s.quantiles[0], 0)
        XCTAssertEqual(s.quantiles[1], 0)
        XCTAssertEqual(s.quantiles[2], 21, accuracy: 1e-9)
    }
}
