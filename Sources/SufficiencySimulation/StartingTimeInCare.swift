import Foundation
import SufficiencyModel

/// How long the children in care on the start date have already been in care: the model's own steady state.
///
/// In a care system whose entries and exit hazards stay as they are, a child of age a with care plan p who is in
/// care today entered t years ago with probability proportional to
///
///     entries(a − t) × survival_p(t | entered at a − t),
///
/// entries per year of age at entry (sibling groups' and UASC children's), and the chance that plan p's exit
/// hazards (by age band and time-in-care band) have not ended the episode in t years. The plan is the child's
/// today, not necessarily the one it entered with (plans change in care: a child who entered at 8 may have an
/// independence plan at 16), so the entrants' plan mix at a − t is not a factor; with it, a scenario whose plans
/// all have the same hazards (every calibrated one) gave one generated council's 16–17-year-olds 1.8 years in care
/// against 2.5 in the return it was calibrated on. Without it, ten such councils' (`ForecastRecoveryTests`'
/// process) mean times in care by age band are 0.28, 1.03, 1.59, 2.13 and 2.30 years against 0.27, 1.00, 1.52,
/// 2.09 and 2.32 in their returns. A child in care on a day has been in care longer than the mean completed stay
/// (the inspection paradox): the stock 363 ÷ about 150 entries a year is 2.4 years, while the default scenario's
/// own stock holds about 2.9.
///
/// The table is built once per run from the scenario's rates (not each replication's draw of them: the stock on
/// the start date is an observed fact, and its history is the scenario's), on a grid of months: a row for each
/// plan and month of current age, the cumulative weight of each month of time in care. A draw takes the row of
/// the child's age, a month by its weight and a uniform time inside it, capped at the child's age.
struct StartingTimeInCare {
    /// Days in a cell of the grid (a twelfth of a year).
    static let cellDays = daysPerYear / 12
    /// Months of age on the grid: 0 to 18 years.
    static let ageMonths = 18 * 12

    /// Cumulative weights: `cumulative[rowStart[plan × ageMonths + m] + k]` for months k = 0...m of time in care.
    private let cumulative: [Double]
    private let rowStart: [Int]

    init(scenario: Scenario, hazards: HazardTables, timeBandStarts: [Double]) {
        let entries = scenario.entries, uasc = scenario.uasc
        let uascAgeTotal = uasc.ageMix.reduce(0, +)
        // Entries per day of age at entry, by band.
        let entryDensity = AgeBand.allCases.map { band in
            let uascHere = uascAgeTotal > 0 ? uasc.annualRate * uasc.ageMix[band.index] / uascAgeTotal : 0
            return (entries.annualRate[band.index] + uascHere) / (Double(band.upperAge - band.lowerAge) * daysPerYear)
        }
        let months = Self.ageMonths, cell = Self.cellDays
        var cumulative: [Double] = [], rowStart: [Int] = []
        cumulative.reserveCapacity(CarePlan.allCases.count * months * (months + 1) / 2)
        // Cumulative hazards walked along each entry month's diagonal, each month adding only its own pieces:
        // `alongEntry[(e − 1) × months + k]` for a child who entered at e months, (k + ½) months into care, and
        // `fromBirth[m]` for one who entered a quarter of a month old, m + ¼ months into care (the last, half
        // month of row m). A fresh walk from entry for each cell cost 85 million instructions a run; this costs
        // about 44 million (12 of them the 117,000 exponentials).
        var alongEntry = [Double](repeating: 0, count: (months - 1) * months)
        var fromBirth = [Double](repeating: 0, count: months)
        for plan in CarePlan.allCases {
            for e in 1..<months {
                var walk = ExitHazardWalk(plan: plan.index, enteredAt: Double(e) * cell, hazards: hazards,
                                          timeBandStarts: timeBandStarts)
                for k in 0..<(months - e) { alongEntry[(e - 1) * months + k] = walk.advance(to: (Double(k) + 0.5) * cell) }
            }
            var walk = ExitHazardWalk(plan: plan.index, enteredAt: 0.25 * cell, hazards: hazards,
                                      timeBandStarts: timeBandStarts)
            for m in 0..<months { fromBirth[m] = walk.advance(to: (Double(m) + 0.25) * cell) }

            for m in 0..<months {
                rowStart.append(cumulative.count)
                let age = (Double(m) + 0.5) * cell
                var total = 0.0
                for k in 0...m {
                    // The middle of the month of time in care; the last month of a row is the half up to `age`.
                    let t = k < m ? (Double(k) + 0.5) * cell : (Double(k) + 0.25) * cell
                    let entryBand = AgeBand.of(age: (age - t) / daysPerYear)
                    let hazard = k < m ? alongEntry[(m - k - 1) * months + k] : fromBirth[m]
                    let weight = entryDensity[entryBand.index] * exp(-hazard)
                    total += weight * (k < m ? 1 : 0.5)
                    cumulative.append(total)
                }
            }
        }
        self.cumulative = cumulative
        self.rowStart = rowStart
    }

    /// Days already in care for a child of `ageDays` with care plan `plan`, from two uniforms in [0, 1).
    func days(plan: CarePlan, ageDays: Double, _ u: Double, _ v: Double) -> Double {
        let m = min(max(Int(ageDays / Self.cellDays), 0), Self.ageMonths - 1)
        let start = rowStart[plan.index * Self.ageMonths + m]
        let total = cumulative[start + m]
        // No entrant at any age up to this one (a weight of zero throughout): time in care uniform up to the age.
        guard total > 0 else { return u * ageDays }
        let pick = u * total
        var lo = 0, hi = m
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[start + mid] > pick { hi = mid } else { lo = mid + 1 }
        }
        return min((Double(lo) + v) * Self.cellDays, ageDays)
    }

    /// Days in care at the 10th, 30th, 50th, 70th and 90th percentiles for a child of `ageDays` with care plan
    /// `plan` (the work estimate follows the start date's children from these five, equally weighted).
    func quantiles(plan: CarePlan, ageDays: Double) -> [Double] {
        [0.1, 0.3, 0.5, 0.7, 0.9].map { days(plan: plan, ageDays: ageDays, $0, 0.5) }
    }
}

/// The exit hazard summed over an episode's first days for a child who entered at age `enteredAt` days, walked
/// forward: pieces cut at the time-in-care bands' starts and the age bands' birthdays. Each `advance` adds only the
/// pieces since the last, so a run of increasing times costs one walk.
struct ExitHazardWalk {
    private let plan: Int, enteredAt: Double
    private let hazards: HazardTables, timeBandStarts: [Double]
    private var days = 0.0, sum = 0.0, band = 0, age: Int

    init(plan: Int, enteredAt: Double, hazards: HazardTables, timeBandStarts: [Double]) {
        (self.plan, self.enteredAt, self.hazards, self.timeBandStarts) = (plan, enteredAt, hazards, timeBandStarts)
        age = AgeBand.of(age: enteredAt / daysPerYear).index
    }

    /// The hazard summed over the first `daysInCare` days (no fewer than the last call's).
    mutating func advance(to daysInCare: Double) -> Double {
        while days < daysInCare {
            let nextBand = band + 1 < timeBandStarts.count ? timeBandStarts[band + 1] : .infinity
            let nextAge = age + 1 < AgeBand.count
                ? Double(AgeBand(rawValue: age + 1)!.lowerAge) * daysPerYear - enteredAt : .infinity
            let next = min(nextBand, nextAge, daysInCare)
            let index = CompiledScenario.exitIndex(plan: plan, age: age, band: band, bandCount: timeBandStarts.count)
            sum += hazards.exitTotalPerDay[index] * (next - days)
            days = next
            if next == nextBand { band += 1 }
            if next == nextAge { age += 1 }
        }
        return sum
    }
}
