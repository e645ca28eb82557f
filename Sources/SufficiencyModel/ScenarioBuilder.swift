import Foundation
import Yams

/// Units a scenario's parameters are measured in. A parameter whose `unit` differs is refused, so a rate
/// given per month where the model reads per year cannot slip through.
enum Unit {
    static let date = "date"
    static let children = "children"
    static let youngPeople = "young people"
    static let households = "households"
    static let perYear = "per year"
    static let childrenPerYear = "children per year"
    static let householdsPerYear = "households per year"
    static let share = "share"
    static let probability = "probability"
    static let multiplier = "multiplier"
    static let years = "years"
    static let months = "months"
    static let days = "days"
    static let poundsPerWeek = "pounds per week"
    static let pounds = "pounds"
    static let poundsPerHouseholdPerYear = "pounds per household per year"
    static let coefficientOfVariation = "coefficient of variation"
    static let list = "ordered list"
    static let poundsPerYear = "pounds per year"
    static let enquiriesPerYear = "enquiries per year"
    static let events = "events"
    static let childYears = "child-years"
    static let flag = "flag"
}

/// Builds a `Scenario` from a YAML tree, section by section, in the order of model.md.
struct ScenarioBuilder {
    let reader: NodeReader

    func build(_ root: Node) -> Scenario? {
        guard let top = reader.mapping(root, path: "") else { return nil }
        defer { top.finish() }
        let name = top.string("name")
        let title = top.string("title")
        let question = top.string("question", required: false)
        _ = top.value("description", required: false)
        if let name, name.contains("/") || name.hasPrefix(".") {
            reader.fail(top.value("name"), "name", "must be a plain name without '/' or a leading '.'")
        }
        let start = startDate(top)
        reader.firstYear = start?.financialYear
        let population = top.section("population").flatMap(population)
        let entries = top.section("entries").flatMap(entries)
        let uasc = top.section("uasc").flatMap(uasc)
        let routes = top.section("placement_routes").flatMap(routes)
        let kinship = top.section("kinship").flatMap(kinship)
        let inHouse = top.section("in_house").flatMap(inHouse)
        let recruitment = top.section("recruitment").flatMap { self.recruitment($0) }
        let deregistration = top.section("deregistration").flatMap(deregistration)
        let ifa = top.section("ifa_market").flatMap(ifa)
        let residential = top.section("residential_market").flatMap(residential)
        let exits = top.section("exits").flatMap(exits)
        let breakdowns = top.section("breakdowns").flatMap(breakdowns)
        let planned = top.section("planned_moves").flatMap(plannedMoves)
        let costs = top.section("costs").flatMap(costs)
        if top.value("references", required: false) != nil, let refs = top.section("references") { references(refs) }
        var interventions: Interventions? = Interventions()
        if top.value("interventions", required: false) != nil {
            interventions = top.section("interventions").flatMap(self.interventions)
        }
        var uncertainty: ParameterUncertainty?? = .some(nil)
        if top.value("parameter_uncertainty", required: false) != nil {
            uncertainty = top.section("parameter_uncertainty").flatMap(parameterUncertainty).map { .some($0) }
        }
        guard let name, let title, let start, let population, let entries, let uasc, let routes, let kinship,
              let inHouse, let recruitment, let deregistration, let ifa, let residential, let exits, let breakdowns,
              let planned, let costs, let interventions, let uncertainty else { return nil }
        if let u = uncertainty {
            for (r, table) in u.exits.enumerated() where table != nil && table!.events[0].count != exits.timeInCareBandStartsDays.count {
                reader.fail(nil, "parameter_uncertainty.exits.\(ExitRoute.hazardRoutes[r].label).events",
                            "needs one column per time-in-care band (\(exits.timeInCareBandStartsDays.count))")
                return nil
            }
            for (key, table) in [("breakdowns", u.breakdowns), ("planned_moves", u.plannedMoves)]
                where table != nil && table!.events[0].count != AgeBand.count {
                reader.fail(nil, "parameter_uncertainty.\(key).events", "needs one column per age band (\(AgeBand.count))")
                return nil
            }
        }
        return Scenario(name: name, title: title, question: question, startDate: start, population: population, entries: entries,
                        uasc: uasc, routes: routes, kinship: kinship, inHouse: inHouse, recruitment: recruitment,
                        deregistration: deregistration, ifa: ifa, residential: residential, exits: exits,
                        breakdowns: breakdowns, plannedMoves: planned, costs: costs, interventions: interventions,
                        parameterUncertainty: uncertainty)
    }

    /// Reference figures for briefings (`references:`): each a number with a unit and a source, keyed by the
    /// indicator it stands beside (`moves_3plus_pct_council`, `moves_3plus_pct_england`, ...). Checked, not simulated.
    func references(_ m: MappingReader) {
        m.useAll()
        for entry in m.entries {
            let path = join(m.path, entry.key)
            guard let p = reader.mapping(entry.value, path: path) else { continue }
            if let v = p.value("value") { _ = reader.number(v, join(path, "value"), .range(-1e12...1e12)) }
            _ = p.string("unit")
            if let s = p.string("source"), s.trimmingCharacters(in: .whitespaces).isEmpty {
                reader.fail(p.value("source"), join(path, "source"), "source must not be empty")
            }
            _ = p.value("note", required: false)
            _ = p.value("layer", required: false)
            p.finish()
        }
    }

    func startDate(_ m: MappingReader) -> CivilDate? {
        guard let (node, path) = m.parameter("start_date", unit: Unit.date) else { return nil }
        guard case .scalar(let s) = node, let date = CivilDate(iso: s.string) else {
            reader.fail(node, path, "expected a date as yyyy-mm-dd")
            return nil
        }
        return date
    }

    func population(_ m: MappingReader) -> InitialPopulation? {
        defer { m.finish() }
        let children = m.integer("children_in_care", unit: Unit.children, ParameterBounds.childrenInCare)
        let mix = m.table("placement_mix", unit: Unit.share, by: PlacementType.self, .probability, shares: true)
        let age = m.table2("age_mix_by_placement", unit: Unit.share, rows: PlacementType.self, columns: AgeBand.self,
                           .probability, shares: true)
        let need = m.table2("need_mix_by_placement", unit: Unit.share, rows: PlacementType.self,
                            columns: NeedTier.self, .probability, shares: true)
        let plan = m.table2("care_plan_mix_by_age", unit: Unit.share, rows: AgeBand.self, columns: CarePlan.self,
                            .probability, shares: true)
        let uasc = m.table("uasc_share_by_age", unit: Unit.probability, by: AgeBand.self, .probability)
        let years = named("years_in_care", in: m, unit: Unit.years, labels: ["mean", "shape"], .positive)
        let stayingPut = m.integer("staying_put", unit: Unit.youngPeople, ParameterBounds.stayingPut)
        guard let children, let mix, let age, let need, let plan, let uasc, let years, let stayingPut else {
            return nil
        }
        return InitialPopulation(childrenInCare: children, placementMix: mix, ageMixByPlacement: age,
                                 needMixByPlacement: need, carePlanMixByAge: plan, uascShareByAge: uasc,
                                 yearsInCareMean: years[0], yearsInCareShape: years[1], stayingPut: stayingPut)
    }

    func entries(_ m: MappingReader) -> Entries? {
        defer { m.finish() }
        let rate = m.table("annual_rate", unit: Unit.childrenPerYear, by: AgeBand.self, .flow)
        let groups = m.parameter("sibling_group_size_mix", unit: Unit.share).flatMap {
            reader.table($0.node, $0.path, labels: ["1", "2", "3", "4"], .probability, shares: true)
        }
        let spread = m.number("sibling_age_spread", unit: Unit.years, .range(0...17))
        let need = m.table2("need_mix_by_age", unit: Unit.share, rows: AgeBand.self, columns: NeedTier.self,
                            .probability, shares: true)
        let plan = m.table2("care_plan_mix_by_age", unit: Unit.share, rows: AgeBand.self, columns: CarePlan.self,
                            .probability, shares: true)
        var trend: Double? = 1
        if m.value("annual_trend", required: false) != nil {
            trend = m.number("annual_trend", unit: Unit.multiplier, .range(ParameterBounds.entryTrend))
        }
        guard let rate, let groups, let spread, let need, let plan, let trend else { return nil }
        return Entries(annualRate: rate, siblingGroupSizeMix: groups, siblingAgeSpreadYears: spread,
                       needMixByAge: need, carePlanMixByAge: plan, annualTrend: trend)
    }

    func uasc(_ m: MappingReader) -> UASCArrivals? {
        defer { m.finish() }
        let rate = m.number("annual_rate", unit: Unit.childrenPerYear, .flow)
        let age = m.table("age_mix", unit: Unit.share, by: AgeBand.self, .probability, shares: true)
        let need = m.table("need_mix", unit: Unit.share, by: NeedTier.self, .probability, shares: true)
        let plan = m.table("care_plan_mix", unit: Unit.share, by: CarePlan.self, .probability, shares: true)
        guard let rate, let age, let need, let plan else { return nil }
        return UASCArrivals(annualRate: rate, ageMix: age, needMix: need, carePlanMix: plan)
    }

    func routes(_ m: MappingReader) -> PlacementRoutes? {
        defer { m.finish() }
        let order = preferenceOrder(m)
        let residential = m.table("direct_residential_by_need", unit: Unit.probability, by: NeedTier.self, .probability)
        let school = m.table("residential_school_by_need", unit: Unit.probability, by: NeedTier.self, .probability)
        let supported = m.number("supported_accommodation_at_16_17", unit: Unit.probability, .probability)
        let parents = m.number("placed_with_parents_at_entry", unit: Unit.probability, .probability)
        let secure = m.number("secure_at_entry", unit: Unit.probability, .probability)
        guard let order, let residential, let school, let supported, let parents, let secure else { return nil }
        return PlacementRoutes(preferenceOrder: order, directResidentialByNeed: residential,
                               residentialSchoolByNeed: school, supportedAccommodationAt16To17: supported,
                               placedWithParentsAtEntry: parents, secureAtEntry: secure)
    }

    /// The preference list: distinct options, ending with `residential`, the placement that is always found.
    func preferenceOrder(_ m: MappingReader) -> [PlacementPreference]? {
        guard let (node, path) = m.parameter("preference_order", unit: Unit.list) else { return nil }
        guard case .sequence(let items) = node else {
            reader.fail(node, path, "expected a list such as [kinship_foster, in_house_foster, ifa_foster, residential]")
            return nil
        }
        var order: [PlacementPreference] = []
        for (i, item) in items.enumerated() {
            guard case .scalar(let s) = item, let p = PlacementPreference(label: s.string) else {
                reader.fail(item, path + "[\(i)]",
                            "unknown option; expected one of \(PlacementPreference.labels.joined(separator: ", "))")
                return nil
            }
            if order.contains(p) {
                reader.fail(item, path + "[\(i)]", "\(p.label) is listed twice")
                return nil
            }
            order.append(p)
        }
        if order.last != .residential {
            reader.fail(node, path, "must end with residential, the placement of last resort")
            return nil
        }
        return order
    }

    func kinship(_ m: MappingReader) -> Kinship? {
        defer { m.finish() }
        let entry = m.table("found_at_entry_by_age", unit: Unit.probability, by: AgeBand.self, .probability)
        let move = m.number("found_on_move", unit: Unit.probability, .probability)
        let distance = m.table("distance_mix", unit: Unit.share, by: DistanceBand.self, .probability, shares: true)
        guard let entry, let move, let distance else { return nil }
        return Kinship(foundAtEntryByAge: entry, foundOnMove: move, distanceMix: distance)
    }

    func inHouse(_ m: MappingReader) -> InHouseFostering? {
        defer { m.finish() }
        let households = m.integer("households", unit: Unit.households, ParameterBounds.households)
        let places = placesMix(m)
        let ranges = approvalRanges(m)
        let specialisms = m.table("specialism_share", unit: Unit.probability, by: Specialism.self, .probability)
        let distance = m.table("distance_mix", unit: Unit.share, by: DistanceBand.self, .probability, shares: true)
        let hold = m.number("on_hold_share", unit: Unit.share, .range(0...0.95))
        let holdDays = m.number("on_hold_mean_days", unit: Unit.days, .positive)
        // Why approved places stay empty (optional; absent, every fitting household accepts and takes its full
        // approval, as before these mechanisms existed). Read before any early return, so that a problem elsewhere
        // in the section is not followed by "unknown key" for these.
        var acceptance: [[Double]]? = nil, proposals: Int? = nil, sole: [Double]? = nil, fewer: Double? = nil
        var specialist: Double? = nil
        var optionalOK = true
        if m.value("specialist_acceptance", required: false) != nil {
            specialist = m.number("specialist_acceptance", unit: Unit.probability, .probability)
            optionalOK = optionalOK && specialist != nil
        }
        if m.value("acceptance_by_age_need", required: false) != nil {
            acceptance = m.table2("acceptance_by_age_need", unit: Unit.probability, rows: AgeBand.self,
                                  columns: NeedTier.self, .probability)
            optionalOK = optionalOK && acceptance != nil
        }
        if m.value("proposals_per_request", required: false) != nil {
            proposals = m.integer("proposals_per_request", unit: Unit.households, 1...3)
            optionalOK = optionalOK && proposals != nil
        }
        if m.value("sole_placement_by_need", required: false) != nil {
            sole = m.table("sole_placement_by_need", unit: Unit.probability, by: NeedTier.self, .probability)
            optionalOK = optionalOK && sole != nil
        }
        if m.value("fewer_children_share", required: false) != nil {
            fewer = m.number("fewer_children_share", unit: Unit.share, .probability)
            optionalOK = optionalOK && fewer != nil
        }
        guard let households, let places, let ranges, let specialisms, let distance, let hold, let holdDays,
              optionalOK else {
            return nil
        }
        var result = InHouseFostering(households: households, placesMix: places, approvalRanges: ranges.ranges,
                                      approvalRangeMix: ranges.mix, specialismShare: specialisms,
                                      distanceMix: distance, onHoldShare: hold, onHoldMeanDays: holdDays)
        if let acceptance { result.acceptanceByAgeNeed = acceptance }
        if let specialist { result.specialistAcceptance = specialist }
        if let proposals { result.proposalsPerRequest = proposals }
        if let sole { result.solePlacementByNeed = sole }
        if let fewer { result.fewerChildrenShare = fewer }
        return result
    }

    func placesMix(_ m: MappingReader) -> [Double]? {
        m.parameter("places_mix", unit: Unit.share).flatMap {
            reader.table($0.node, $0.path, labels: ["1", "2", "3", "4"], .probability, shares: true)
        }
    }

    /// Approval ranges keyed `youngest-oldest` (whole years within 0–17) with their shares.
    func approvalRanges(_ m: MappingReader) -> (ranges: [ApprovalRange], mix: [Double])? {
        guard let (node, path) = m.parameter("approval_range_mix", unit: Unit.share),
              let table = reader.mapping(node, path: path) else { return nil }
        table.useAll()
        var ranges: [ApprovalRange] = []
        var mix: [Double] = []
        for entry in table.entries {
            let bounds = entry.key.split(separator: "-").compactMap { Int($0) }
            guard bounds.count == 2, bounds[0] >= 0, bounds[1] <= 17, bounds[0] <= bounds[1] else {
                reader.fail(entry.keyNode, join(path, entry.key), "expected an age range such as 0-17 or 10-17")
                return nil
            }
            guard let x = reader.number(entry.value, join(path, entry.key), .probability) else { return nil }
            ranges.append(ApprovalRange(youngest: bounds[0], oldest: bounds[1]))
            mix.append(x)
        }
        let sum = mix.reduce(0, +)
        guard !mix.isEmpty, abs(sum - 1) <= shareTolerance else {
            reader.fail(node, path, "shares must sum to 1 (±\(shareTolerance)); they sum to \(rounded(sum))")
            return nil
        }
        return (ranges, mix)
    }

    /// Business-as-usual recruitment; a recruitment programme reads the same keys (and more) through it.
    ///
    /// Business as usual may give a `funnel:` (enquiries and conversions) instead of, or over, `approvals_per_year`:
    /// when present the funnel is used (a layer cannot delete its parent's target, so the funnel takes precedence).
    func recruitment(_ m: MappingReader, finishing: Bool = true) -> Recruitment? {
        defer { if finishing { m.finish() } }
        var funnel: RecruitmentFunnel?? = .some(nil)
        if finishing, m.value("funnel", required: false) != nil {
            funnel = m.section("funnel").flatMap(recruitmentFunnel).map { .some($0) }
        }
        let approvals = m.schedule("approvals_per_year", unit: Unit.householdsPerYear, .flow,
                                   default: funnel??.enquiriesPerYear == nil ? nil : 0)
        let cv = m.number("yield_cv", unit: Unit.coefficientOfVariation, .range(0...3))
        let months = named("months_to_approval", in: m, unit: Unit.months, labels: ["mean", "shape"], .positive)
        let places = placesMix(m)
        let ranges = approvalRanges(m)
        let specialisms = m.table("specialism_share", unit: Unit.probability, by: Specialism.self, .probability)
        let distance = m.table("distance_mix", unit: Unit.share, by: DistanceBand.self, .probability, shares: true)
        let cost = m.number("cost_per_approval", unit: Unit.pounds, .pounds)
        guard let approvals, let cv, let months, let places, let ranges, let specialisms, let distance, let cost,
              let funnel else {
            return nil
        }
        return Recruitment(approvalsPerYear: approvals, yieldCV: cv, monthsToApprovalMean: months[0],
                           monthsToApprovalShape: months[1], placesMix: places, approvalRangeMix: ranges.mix,
                           specialismShare: specialisms, distanceMix: distance, costPerApproval: cost,
                           approvalRanges: ranges.ranges, funnel: funnel)
    }

    /// `recruitment.funnel`: enquiries a year, conversions to applications and to approvals, and their lags.
    func recruitmentFunnel(_ m: MappingReader) -> RecruitmentFunnel? {
        defer { m.finish() }
        let enquiries = m.schedule("enquiries_per_year", unit: Unit.enquiriesPerYear, .flow)
        let application = m.number("application_share", unit: Unit.probability, .probability)
        let approval = m.number("approval_share", unit: Unit.probability, .probability)
        let toApplication = named("months_to_application", in: m, unit: Unit.months, labels: ["mean", "shape"],
                                  .positive)
        let toApproval = named("months_to_approval", in: m, unit: Unit.months, labels: ["mean", "shape"], .positive)
        guard let enquiries, let application, let approval, let toApplication, let toApproval else { return nil }
        return RecruitmentFunnel(enquiriesPerYear: enquiries, applicationShare: application, approvalShare: approval,
                                 monthsToApplicationMean: toApplication[0], monthsToApplicationShape: toApplication[1],
                                 monthsToApprovalMean: toApproval[0], monthsToApprovalShape: toApproval[1])
    }

    func deregistration(_ m: MappingReader) -> Deregistration? {
        defer { m.finish() }
        let first = m.number("annual_hazard_first_year", unit: Unit.perYear, .hazard)
        let later = m.number("annual_hazard", unit: Unit.perYear, .hazard)
        var mix: [Double]? = [1, 0, 0]
        if m.value("reason_mix", required: false) != nil {
            mix = m.table("reason_mix", unit: Unit.share, by: DeregistrationReason.self, .probability, shares: true)
        }
        guard let first, let later, let mix else { return nil }
        return Deregistration(annualHazardFirstYear: first, annualHazard: later, reasonMix: mix)
    }

    func ifa(_ m: MappingReader) -> IFAMarket? {
        defer { m.finish() }
        let found = m.table2("found_probability", unit: Unit.probability, rows: AgeBand.self, columns: NeedTier.self,
                             .probability)
        let price = m.table("weekly_price_by_need", unit: Unit.poundsPerWeek, by: NeedTier.self, .weeklyPrice)
        let distance = m.table("distance_mix", unit: Unit.share, by: DistanceBand.self, .probability, shares: true)
        let availability = m.schedule("availability_multiplier", unit: Unit.multiplier, .multiplier, default: 1)
        let priceMultiplier = m.schedule("price_multiplier", unit: Unit.multiplier, .multiplier, default: 1)
        var together: Double? = 0
        if m.value("sibling_groups_together", required: false) != nil {
            together = m.number("sibling_groups_together", unit: Unit.probability, .probability)
        }
        guard let found, let price, let distance, let availability, let priceMultiplier, let together else {
            return nil
        }
        return IFAMarket(foundProbability: found, weeklyPriceByNeed: price, distanceMix: distance,
                         availabilityMultiplier: availability, priceMultiplier: priceMultiplier,
                         siblingGroupsTogether: together)
    }

    func residential(_ m: MappingReader) -> ResidentialMarket? {
        defer { m.finish() }
        let price = m.table("weekly_price_mean_by_need", unit: Unit.poundsPerWeek, by: NeedTier.self, .positiveWeeklyPrice)
        let cv = m.number("price_cv", unit: Unit.coefficientOfVariation, .range(0...3))
        let distance = m.table("distance_mix", unit: Unit.share, by: DistanceBand.self, .probability, shares: true)
        let priceMultiplier = m.schedule("price_multiplier", unit: Unit.multiplier, .multiplier, default: 1)
        guard let price, let cv, let distance, let priceMultiplier else { return nil }
        return ResidentialMarket(weeklyPriceMeanByNeed: price, priceCV: cv, distanceMix: distance,
                                 priceMultiplier: priceMultiplier)
    }

    func exits(_ m: MappingReader) -> Exits? {
        defer { m.finish() }
        let bands = m.parameter("time_in_care_bands", unit: Unit.months).flatMap { p -> [Double]? in
            guard let list = reader.numberList(p.node, p.path, .nonNegative) else { return nil }
            guard list.first == 0, zip(list, list.dropFirst()).allSatisfy({ $0 < $1 }) else {
                reader.fail(p.node, p.path, "must start at 0 and increase")
                return nil
            }
            return list
        }
        var base: [[Double]] = [], age: [[Double]] = [], time: [[Double]] = []
        var complete = true
        for route in ExitRoute.hazardRoutes {
            guard let r = m.section(route.label) else { complete = false; continue }
            let b = r.table("base_hazard_by_plan", unit: Unit.perYear, by: CarePlan.self, .hazard)
            let a = r.table("age_multiplier", unit: Unit.multiplier, by: AgeBand.self, .multiplier)
            let t = r.parameter("time_in_care_multiplier", unit: Unit.multiplier).flatMap { p -> [Double]? in
                guard let list = reader.numberList(p.node, p.path, .multiplier) else { return nil }
                if let bands, list.count != bands.count {
                    reader.fail(p.node, p.path, "needs one multiplier per time-in-care band (\(bands.count))")
                    return nil
                }
                return list
            }
            r.finish()
            if let b, let a, let t { base.append(b); age.append(a); time.append(t) } else { complete = false }
        }
        let reentry = m.number("reentry_probability", unit: Unit.probability, .probability)
        let stayingPut = m.number("staying_put_probability", unit: Unit.probability, .probability)
        let stayingPutEnd = m.number("staying_put_end_hazard", unit: Unit.perYear, .hazard)
        let adoptionDays = m.number("adoption_placement_days", unit: Unit.days, .range(0...730))
        guard complete, let bands, let reentry, let stayingPut, let stayingPutEnd, let adoptionDays else { return nil }
        return Exits(timeInCareBandStartsDays: bands.map { $0 * daysPerMonth }, baseHazard: base, ageMultiplier: age,
                     timeInCareMultiplier: time, reentryProbability: reentry, stayingPutProbability: stayingPut,
                     stayingPutEndHazard: stayingPutEnd, adoptionPlacementDays: adoptionDays)
    }

    func breakdowns(_ m: MappingReader) -> Breakdowns? {
        defer { m.finish() }
        let base = m.table("annual_hazard_by_placement", unit: Unit.perYear, by: PlacementType.self, .hazard)
        let need = m.table("need_multiplier", unit: Unit.multiplier, by: NeedTier.self, .multiplier)
        let age = m.table("age_multiplier", unit: Unit.multiplier, by: AgeBand.self, .multiplier)
        let early = m.number("early_period", unit: Unit.months, .range(0...60))
        let earlyMultiplier = m.number("early_multiplier", unit: Unit.multiplier, .multiplier)
        guard let base, let need, let age, let early, let earlyMultiplier else { return nil }
        return Breakdowns(annualHazardByPlacement: base, needMultiplier: need, ageMultiplier: age,
                          earlyPeriodDays: early * daysPerMonth, earlyMultiplier: earlyMultiplier)
    }

    func plannedMoves(_ m: MappingReader) -> PlannedMoves? {
        defer { m.finish() }
        let base = m.table("annual_hazard_by_placement", unit: Unit.perYear, by: PlacementType.self, .hazard)
        var age: [Double]? = Array(repeating: 1, count: AgeBand.count)
        if m.value("age_multiplier", required: false) != nil {
            age = m.table("age_multiplier", unit: Unit.multiplier, by: AgeBand.self, .multiplier)
        }
        guard let base, let age else { return nil }
        return PlannedMoves(annualHazardByPlacement: base, ageMultiplier: age)
    }

    func costs(_ m: MappingReader) -> Costs? {
        defer { m.finish() }
        // IFA and residential prices come from their markets; every other type has a unit cost here.
        let costed = PlacementType.allCases.filter { $0 != .ifaFoster && $0 != .residential }
        let unit = m.parameter("weekly_unit_cost", unit: Unit.poundsPerWeek).flatMap {
            reader.table($0.node, $0.path, labels: costed.map(\.label), .weeklyPrice, shares: false)
        }
        let stayingPut = m.number("staying_put_weekly", unit: Unit.poundsPerWeek, .weeklyPrice)
        let uplift = m.table("need_uplift", unit: Unit.multiplier, by: NeedTier.self, .multiplier)
        let inflation = m.parameter("inflation", unit: Unit.perYear).flatMap {
            reader.scheduleTable($0.node, $0.path, labels: CostLine.labels, .range(-0.5...0.5))
        }
        let fixed = m.number("household_fixed_cost", unit: Unit.poundsPerHouseholdPerYear, .pounds)
        guard let unit, let stayingPut, let uplift, let inflation, let fixed else { return nil }
        var weekly = [Double](repeating: 0, count: PlacementType.count)
        for (type, cost) in zip(costed, unit) { weekly[type.index] = cost }
        return Costs(weeklyUnitCost: weekly, stayingPutWeekly: stayingPut, needUplift: uplift,
                     inflationByLine: inflation, householdFixedCostPerYear: fixed)
    }

    /// A parameter whose value is a small mapping of named numbers, such as `{mean: 2.0, shape: 1.5}`.
    func named(_ key: String, in m: MappingReader, unit: String, labels: [String], _ c: Constraint) -> [Double]? {
        m.parameter(key, unit: unit).flatMap { reader.table($0.node, $0.path, labels: labels, c, shares: false) }
    }
}

/// Average days in a month (365.25 / 12), for parameters given in months.
public let daysPerMonth = 365.25 / 12
/// Days in a year, for annual rates and ages.
public let daysPerYear = 365.25
