import XCTest
@testable import SufficiencyModel
@testable import SufficiencySimulation

/// Children entering care by age band are `entries.annual_rate` (children per year, model.md section 2), although
/// a sibling group drawn from one band brings siblings of other ages (`EntryMix`). The engine used to divide each
/// band's rate by the mean group size, which put 19% too few children under 1 into care in the default scenario.
final class EntryMixTests: XCTestCase {
    /// A scenario whose entries are only `entries.annual_rate`: no re-entries, no UASC arrivals.
    func firstEntriesOnly(_ s: Scenario) -> Scenario {
        var s = s
        s.exits.reentryProbability = 0
        s.uasc.annualRate = 0
        return s
    }

    /// Entries by band per replication-year, against the rate: within four standard errors of the sample mean.
    func assertEntriesByBandAreTheRates(_ s: Scenario, file: StaticString = #filePath, line: UInt = #line) {
        let years = 5
        let result = TestScenarios.run(s, years: years, replications: 60, seed: 1_704)
        for band in AgeBand.allCases {
            // The first year is a part year when the start date is not 1 April: from the second year on.
            let counts = (1..<years).flatMap { result.values(.entries(band), year: $0) }
            let (mean, variance) = moments(counts)
            let rate = s.entries.annualRate[band.index]
            XCTAssertEqual(mean, rate, accuracy: 4 * (variance / Double(counts.count)).squareRoot() + 1e-9,
                           "entries aged \(band.label) a year", file: file, line: line)
        }
    }

    func testTheDefaultScenariosEntriesByAgeBandAreItsRates() {
        assertEntriesByBandAreTheRates(firstEntriesOnly(TestScenarios.baseline()))
    }

    func testLargeGroupsWithAWideSpreadStillEnterAtTheRates() {
        var s = firstEntriesOnly(TestScenarios.baseline())
        s.entries.siblingGroupSizeMix = [0.4, 0.3, 0.2, 0.1]
        s.entries.siblingAgeSpreadYears = 6
        s.entries.annualRate = [40, 30, 35, 60, 15]
        assertEntriesByBandAreTheRates(s)
    }

    /// `M[b][l]` against the engine's own arrivals: many calls of `Arrivals.arrive`, each group's children counted
    /// by band and by the band of its first child (the one it was drawn from).
    func testChildrenPerGroupMatchTheArrivalRule() {
        var s = firstEntriesOnly(TestScenarios.baseline())
        s.entries.siblingGroupSizeMix = [0.4, 0.3, 0.2, 0.1]
        s.entries.siblingAgeSpreadYears = 6
        let model = CompiledScenario(s, horizonYears: 1)
        let rows = TestRows(model)
        var w = rows.world(model)
        let n = AgeBand.count
        var groups = [Double](repeating: 0, count: n)
        var sum = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        var sumSquares = sum
        for _ in 0..<30_000 {
            let first = w.children.count
            Arrivals.arrive(&w)
            func band(_ i: Int) -> Int { AgeBand.of(age: (w.children[i].entry - w.children[i].birth) / daysPerYear).index }
            let lead = band(first)
            var count = [Double](repeating: 0, count: n)
            for i in first..<w.children.count { count[band(i)] += 1 }
            groups[lead] += 1
            for b in 0..<n { sum[b][lead] += count[b]; sumSquares[b][lead] += count[b] * count[b] }
        }
        let m = EntryMix(meanGroup: 2.0, spread: 6).childrenPerGroup
        for l in 0..<n {
            XCTAssertGreaterThan(groups[l], 1_000, "groups led from band \(l)")
            for b in 0..<n {
                let mean = sum[b][l] / groups[l]
                let variance = sumSquares[b][l] / groups[l] - mean * mean
                XCTAssertEqual(mean, m[b][l], accuracy: 4 * (variance / groups[l]).squareRoot() + 1e-9,
                               "children in band \(b) per group led from band \(l)")
            }
        }
    }

    /// Each child's need tier is drawn from `entries.need_mix_by_age` for the child's own age band, not the band the
    /// group was drawn from: with a tier fixed for each band, every sibling has its own band's tier, however far
    /// from the first child's its age falls.
    func testSiblingsNeedsAreDrawnForTheirOwnAgeBands() {
        var s = firstEntriesOnly(TestScenarios.baseline())
        s.entries.siblingGroupSizeMix = [0, 0, 0, 1]
        s.entries.siblingAgeSpreadYears = 6
        let tierOfBand: [NeedTier] = [.standard, .standard, .complex, .veryComplex, .complex]
        s.entries.needMixByAge = tierOfBand.map { tier in NeedTier.allCases.map { $0 == tier ? 1 : 0 } }
        let model = CompiledScenario(s, horizonYears: 1)
        let rows = TestRows(model)
        var w = rows.world(model)
        var siblingsOutsideTheLeadsBand = 0
        for _ in 0..<5_000 {
            let first = w.children.count
            Arrivals.arrive(&w)
            func band(_ i: Int) -> AgeBand { AgeBand.of(age: (w.children[i].entry - w.children[i].birth) / daysPerYear) }
            for i in first..<w.children.count {
                XCTAssertEqual(w.children[i].need, tierOfBand[band(i).index], "child \(i - first) of a group, \(band(i).label)")
                if tierOfBand[band(i).index] != tierOfBand[band(first).index] { siblingsOutsideTheLeadsBand += 1 }
            }
        }
        XCTAssertGreaterThan(siblingsOutsideTheLeadsBand, 2_000, "siblings whose band has another tier than the lead's")
    }

    /// Worked by hand: a lead aged 5-10 with siblings within 4 years has a window of 8 years always inside 0-18;
    /// its overlap with 5-10 is a−1, then 5, then 14−a, integrating to 24 over the band, so 24 / 8 / 5 = 0.6 of
    /// siblings are 5-9, and 8 / 8 / 5 = 0.2 in each neighbour.
    func testSiblingSharesOfAGroupLedFromFiveToNineAreWorkedByHand() {
        let shares = EntryMix.siblingShares(lead: .age5to9, spread: 4)
        for (share, expected) in zip(shares, [0, 0.2, 0.6, 0.2, 0]) { XCTAssertEqual(share, expected, accuracy: 1e-12) }
    }

    /// With a spread wider than childhood, every sibling's age is uniform on 0-18, whatever the lead's; with none,
    /// siblings are the lead's age. Every group brings `meanGroup` children.
    func testSiblingSharesAtTheExtremesAndGroupSizesAreKept() {
        let last = Arrivals.lastEntryAge
        for lead in AgeBand.allCases {
            let wide = EntryMix.siblingShares(lead: lead, spread: 40)
            for band in AgeBand.allCases {
                let width = min(Double(band.upperAge), last) - Double(band.lowerAge)
                XCTAssertEqual(wide[band.index], width / last, accuracy: 1e-12)
            }
            XCTAssertEqual(EntryMix.siblingShares(lead: lead, spread: 0), AgeBand.allCases.map { $0 == lead ? 1 : 0 })
        }
        for spread in [0.5, 2, 4, 9, 17] {
            let m = EntryMix(meanGroup: 1.41, spread: spread).childrenPerGroup
            for l in 0..<AgeBand.count {
                XCTAssertEqual((0..<AgeBand.count).reduce(0) { $0 + m[$1][l] }, 1.41, accuracy: 1e-12)
            }
        }
    }

    /// The closed form against a plain midpoint integral of the arrival rule over the lead's age, for spreads from
    /// half a minute to beyond childhood, including those whose window ends meet a band's edge or each other.
    func testSiblingSharesAgreeWithANumericalIntegral() {
        let last = Arrivals.lastEntryAge, steps = 200_000
        for spread in [1e-6, 1e-3, 1 / 730.5, 0.5, 1, 2.5, 4, 7.5, 8.5, 17] {
            for lead in AgeBand.allCases {
                let lo = Double(lead.lowerAge), hi = Double(lead.upperAge)
                var numeric = [Double](repeating: 0, count: AgeBand.count)
                for k in 0..<steps {
                    let a = lo + (Double(k) + 0.5) / Double(steps) * (hi - lo)
                    let youngest = max(a - spread, 0), oldest = min(a + spread, last)
                    for band in AgeBand.allCases {
                        let overlap = min(oldest, Double(band.upperAge)) - max(youngest, Double(band.lowerAge))
                        numeric[band.index] += oldest > youngest
                            ? max(0, overlap) / (oldest - youngest) : (band == lead ? 1 : 0)
                    }
                }
                let exact = EntryMix.siblingShares(lead: lead, spread: spread)
                for band in AgeBand.allCases {
                    // The midpoint rule's error is at most a step's worth of a kink: (hi − lo) / steps.
                    XCTAssertEqual(exact[band.index], numeric[band.index] / Double(steps), accuracy: 2e-5,
                                   "spread \(spread), lead \(lead.label), band \(band.label)")
                }
                // Tiny spreads: what leaks into the next band is about spread / 4 of the band's width, not rounding.
                if spread <= 1e-3, lead != .age16to17 {
                    let next = exact[lead.index + 1] * (hi - lo)
                    XCTAssertEqual(next, spread / 4, accuracy: spread * 1e-6, "spread \(spread), lead \(lead.label)")
                }
            }
        }
    }

    /// When the rates can be met, they are met exactly; when they cannot (no children under 1, but siblings of
    /// one-year-olds would bring some), no band gets a negative number of groups and the fit is the best
    /// non-negative one: no small change of a rate towards a better fit is allowed (its gradient points out of
    /// the feasible set).
    func testGroupsMeetTheRatesOrGiveTheBestFitWithoutNegativeRates() {
        let mix = EntryMix(meanGroup: 1.41, spread: 4)
        let rates = [29.0, 27, 27, 43, 20]
        let g = mix.groups(for: rates)
        XCTAssertTrue(g.allSatisfy { $0 > 0 })
        for (got, want) in zip(mix.children(for: g), rates) { XCTAssertEqual(got, want, accuracy: 1e-9) }

        let unmet = [0.0, 40, 5, 43, 20]
        let fit = mix.groups(for: unmet)
        XCTAssertTrue(fit.allSatisfy { $0 >= 0 })
        XCTAssertTrue(fit.contains { $0 == 0 }, "the exact solution needs a negative rate, so a band is dropped")
        // Karush-Kuhn-Tucker: the gradient of the squared residual, 2·Mᵀ(M·g − c), is 0 on bands with groups and
        // non-negative on bands without.
        let m = mix.childrenPerGroup
        let residual = zip(mix.children(for: fit), unmet).map { $0 - $1 }
        for l in fit.indices {
            let gradient = 2 * (0..<residual.count).reduce(0) { $0 + m[$1][l] * residual[$1] }
            if fit[l] > 0 { XCTAssertEqual(gradient, 0, accuracy: 1e-8) } else { XCTAssertGreaterThanOrEqual(gradient, -1e-8) }
        }
        XCTAssertEqual(mix.groups(for: [0, 0, 0, 0, 0]), [0, 0, 0, 0, 0])
    }

    /// A run says, one line per band, when the rates cannot be met; the library's scenarios all can be.
    func testRatesNoMixCanGiveAreNamedAndTheLibrarysAreAllMet() throws {
        for name in EmbeddedScenarios.names {
            let s = try ScenarioLoader.load(path: name).scenario
            XCTAssertEqual(CompiledScenario(s, horizonYears: 5).unmetEntryRates, [], name)
        }
        var s = TestScenarios.baseline()
        s.entries.annualRate = [0, 40, 27, 43, 20]
        let notes = CompiledScenario(s, horizonYears: 2).unmetEntryRates
        XCTAssertEqual(notes.filter { $0.hasPrefix("entries.annual_rate.0:") }.count, 1, "\(notes)")
        XCTAssertTrue(notes.first?.hasPrefix("entries.annual_rate.0: asks for 0.0 children a year in 2017-18") ?? false,
                      "\(notes)")
        XCTAssertTrue(notes.first?.hasSuffix("the run has the nearest, 1.7") ?? false, "\(notes)")
    }

    /// `entries.annual_trend` g multiplies the rates by g^t, t years after the start date, taken at the middle of each
    /// year's simulated part: a part year that starts on 1 October and one that ends on 30 September are taken at
    /// their own middles, whole years at theirs (a trend read at the start of each year would put every year's
    /// entries half a year of growth behind). Worked from the calendar, not from the engine's year table.
    func testAnEntryTrendIsTakenAtTheMiddleOfEachYearsSimulatedPart() {
        var s = firstEntriesOnly(TestScenarios.baseline())
        s.entries.annualTrend = 1.1
        s.startDate = CivilDate(year: 2017, month: 10, day: 1)
        let model = CompiledScenario(s, horizonYears: 3)
        let start = s.startDate.dayNumber, end = s.startDate.adding(years: 3).dayNumber
        let years = (2017...2020).map(FinancialYear.init(startYear:))
        XCTAssertEqual(model.years, years)
        for (k, year) in years.enumerated() {
            let first = max(year.firstDay.dayNumber, start) - start
            let last = min(year.lastDay.dayNumber + 1, end) - start
            let growth = pow(1.1, Double(first + last) / 2 / daysPerYear)
            for band in AgeBand.allCases {
                XCTAssertEqual(model.hazards.entryChildrenWantedPerDay[k][band.index] * daysPerYear,
                               s.entries.annualRate[band.index] * growth, accuracy: 1e-9, "\(year.label) \(band.label)")
            }
        }
        // 2017-18 runs from 1 October to 31 March: its middle is about a quarter of a year in.
        XCTAssertEqual(Double(years[0].lastDay.dayNumber + 1 - start) / 2 / daysPerYear, 0.25, accuracy: 0.01)
    }
}
