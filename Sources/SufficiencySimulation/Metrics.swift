import SufficiencyModel

/// What a replication records: the month-end stocks and, at 31 March, the year's stocks, stability, sufficiency and
/// in-house service figures, and the derived money totals.
enum Metrics {
    static func recordMonth(_ w: inout World, _ m: Int) {
        let row = w.monthly + m * MonthlySeries.count
        for t in 0..<PlacementType.count { row[t] = Int32(w.stock[t]) }
        row[MonthlySeries.stayingPut] = Int32(w.stayingPut)
        row[MonthlySeries.childrenInCare] = Int32(w.inCare)
    }

    /// Stocks at 31 March (or the horizon), and the stability and sufficiency shares.
    static func recordYearEnd(_ w: inout World) {
        let row = w.annual + w.year * AnnualMetric.count
        func set(_ m: AnnualMetric, _ v: Double) { row[m.rawValue] = v }
        func pct(_ part: Int, _ whole: Int) -> Double { whole > 0 ? 100 * Double(part) / Double(whole) : 0 }
        set(.childrenInCare, Double(w.inCare))
        set(.inHouseFoster, Double(w.stock[PlacementType.inHouseFoster.index]))
        set(.ifaFoster, Double(w.stock[PlacementType.ifaFoster.index]))
        set(.kinshipFoster, Double(w.stock[PlacementType.kinshipFoster.index]))
        set(.residential, Double(w.stock[PlacementType.residential.index]))
        set(.supportedAccommodation, Double(w.stock[PlacementType.supportedAccommodation.index]))
        set(.placedWithParents, Double(w.stock[PlacementType.placedWithParents.index]))
        set(.placedForAdoption, Double(w.stock[PlacementType.placedForAdoption.index]))
        set(.otherPlacement, Double(w.stock[PlacementType.residentialSchool.index] + w.stock[PlacementType.secure.index]
            + w.stock[PlacementType.other.index]))
        set(.stayingPut, Double(w.stayingPut))

        // One pass over the children: stability, UASC, ages, distance from home, and shortfall time up to 31 March.
        var threePlus = 0, uasc = 0, longTermDenominator = 0, longTermStable = 0, over20Miles = 0, over50Miles = 0
        let byAge = row + AnnualMetric.childrenInCare0.rawValue   // zeroed with the row; one count per band
        let segments = w.segmentRow + w.year * SufficiencyLayout.count
        for i in w.children.indices where w.children[i].status == .inCare {
            let c = w.children[i]
            if c.countYear == Int16(w.year) && c.placementsThisYear >= 3 { threePlus += 1 }
            if c.uasc { uasc += 1 }
            // Counted here, once a year, rather than kept up to date at every placement and move.
            if c.distance.isOver20Miles { over20Miles += 1 }
            if c.distance.isOver50Miles { over50Miles += 1 }
            let age = c.age(at: w.now)
            byAge[AgeBand.of(age: age).index] += 1
            switch DfEStability.longTerm(age: age, daysInCare: w.now - c.entry, daysStable: w.now - c.stableSince) {
            case .stable: longTermDenominator += 1; longTermStable += 1
            case .unstable: longTermDenominator += 1
            case .outOfScope: break
            }
            if c.shortfallSince >= 0 {
                segments[SufficiencyLayout.cell(segment: Int(c.segment), .shortfallPlaceYears)] += w.now - c.shortfallSince
                w.children[i].shortfallSince = w.now
            }
        }
        set(.moves3PlusPct, pct(threePlus, w.inCare))
        set(.longTermStabilityPct, pct(longTermStable, longTermDenominator))
        set(.uasc, Double(uasc))
        set(.placedOver20MilesPct, pct(over20Miles, w.inCare))
        set(.placedOver50MilesPct, pct(over50Miles, w.inCare))

        // The in-house service at 31 March, overall and by the age bands households are approved for.
        var places = 0, filled = 0, vacancies = 0, unavailable = 0
        // Places by approval range first, then spread over the age bands each range covers (whole numbers: the
        // sums are exact in any order).
        let ranges = w.model.rangeBands.count
        var placesByRange = [Int](repeating: 0, count: ranges), vacantByRange = placesByRange
        for h in w.households.indices where w.households[h].active {
            Carers.advanceHold(&w, h)
            let household = w.households[h]
            places += Int(household.places)
            filled += Int(household.occupied)
            vacancies += household.vacancies
            unavailable += household.unavailable
            placesByRange[Int(household.rangeIndex)] += Int(household.places)
            vacantByRange[Int(household.rangeIndex)] += household.vacancies
        }
        for r in 0..<ranges {
            for band in w.model.rangeBands[r] {
                let cell = SufficiencyLayout.segments * SufficiencyLayout.measures + band * SufficiencyLayout.supplies
                segments[cell + SupplyMeasure.placesApprovedFor.index] += Double(placesByRange[r])
                segments[cell + SupplyMeasure.placesVacantFor.index] += Double(vacantByRange[r])
            }
        }
        // Ofsted counts a place as filled by a looked-after child; a young person staying put with the carer is no
        // longer looked after, so their place counts as not available.
        let fostered = w.stock[PlacementType.inHouseFoster.index]
        unavailable += filled - fostered
        filled = fostered
        set(.inHouseHouseholds, Double(w.activeHouseholds))
        set(.inHousePlaces, Double(places))
        set(.inHousePlacesFilled, Double(filled))
        set(.inHouseVacancies, Double(vacancies))
        set(.inHousePlacesUnavailable, Double(unavailable))
        set(.inHouseOccupancyPct, pct(filled, places))

        let tallies = w.requests + w.year * RequestTally.count
        let walked = Int(tallies[RequestTally.requests] - tallies[RequestTally.directRoute])
        set(.firstPreferenceMetPct, pct(Int(tallies[RequestTally.firstPreferenceMet]), walked))
        set(.siblingGroupsTogetherPct, pct(Int(tallies[RequestTally.siblingGroupsTogether]),
                                           Int(tallies[RequestTally.siblingGroups])))

        var other = 0.0
        for item in CostItem.allCases where item.line == .other { other += row[item.metric.rawValue] }
        set(.costOther, other)
        let cost = row[AnnualMetric.costInHouseFoster.rawValue] + row[AnnualMetric.costIFAFoster.rawValue]
            + row[AnnualMetric.costResidential.rawValue] + other
        set(.costTotal, cost)
        set(.netCost, cost + row[AnnualMetric.costRecruitment.rawValue] + row[AnnualMetric.costProgrammes.rawValue]
            - row[AnnualMetric.income.rawValue])
        if w.model.levers.recruitmentActive[w.year] {
            set(.recruitmentTargetMet,
                row[AnnualMetric.programmeApprovals.rawValue] >= w.model.levers.recruitmentTarget[w.year] ? 1 : 0)
        }
    }
}
