import Foundation
import SufficiencyModel

/// How savings are valued (HM Treasury Green Book conventions).
public struct SavingsValuation: Sendable {
    /// Discount rate for net present value (3.5%, the Green Book rate).
    public var discountRate: Double = 0.035
    /// General inflation used to express savings in real terms at the price base (GDP deflator assumption).
    public var deflatorRate: Double = 0.02
    /// The financial year whose prices real figures are in; the first simulated year by default.
    public var priceBase: FinancialYear?
    /// A savings target (pounds, nominal) and the year it applies to.
    public var target: Double?
    public var targetYear: FinancialYear?

    public init() {}

    /// The price base of a run over `years` (not empty): `priceBase`, else the first year.
    public func priceBase(over years: [FinancialYear]) -> FinancialYear { priceBase ?? years[0] }
}

extension SavingsValuation {
    /// The general inflation rates a valuation accepts (`--deflator`): from 10% deflation to 30% inflation a year.
    ///
    /// Why these bounds: the deflator is an assumption about the whole economy held for every year of the run, and
    /// the UK's GDP deflator has not risen by 30% in any year since the war (its peak, in 1975, was under that) nor
    /// fallen by 10% in any year since the early 1920s. A rate outside them is a typing mistake (0.2 for 2%, or a
    /// sign dropped) rather than a forecast, and far enough out it makes real terms meaningless: at −50% a year
    /// prices halve annually, and over a distant price base the factor underflows to zero and the real figures
    /// become infinite or NaN.
    public static let deflatorRange: ClosedRange<Double> = -0.1...0.3
    /// `deflatorRange` as messages and `--help` state it.
    public static let deflatorRangeLabel = "-0.1 to 0.3"

    /// How many financial years before the first simulated year, or after the last, the price base may be.
    ///
    /// Why 10: real terms restate savings in the prices of a year someone budgets for, usually one the run covers
    /// or the present day; a run started some years ago, restated in today's prices, is a few years out. Ten years
    /// either side leaves room for that, while a price base decades away compounds a constant-deflator guess over
    /// decades (and a year such as 0000-01 is a typing mistake). Together with `deflatorRange` it bounds the
    /// factor between nominal and real terms (at most 24 years of compounding over a 15-year run, either way: from
    /// 1.3^−24 ≈ 1/543 to 1.3^24 ≈ 543), so real figures are always finite.
    public static let priceBaseReach = 10

    /// What is wrong with this valuation for a run over `years` (in order, not empty), one line each naming the
    /// flag that sets it; empty when it can be used. Checked before anything is simulated.
    public func problems(years: [FinancialYear]) -> [String] {
        var out: [String] = []
        if !(discountRate.isFinite && discountRate >= 0) {
            out.append("--discount-rate \(discountRate) must be a number of 0 or more")
        }
        if !(deflatorRate.isFinite && Self.deflatorRange.contains(deflatorRate)) {
            out.append("--deflator \(deflatorRate) must be a number from \(Self.deflatorRangeLabel)")
        }
        if let priceBase, let first = years.first, let last = years.last {
            let earliest = FinancialYear(startYear: first.startYear - Self.priceBaseReach)
            let latest = FinancialYear(startYear: last.startYear + Self.priceBaseReach)
            if priceBase < earliest || latest < priceBase {
                // As typed: `label` does not pad a year before 1000 (0000-01 would read 0-01).
                let year = String(priceBase.startYear)
                let typed = String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + priceBase.label.suffix(2)
                out.append("--price-base \(typed) must be a financial year "
                    + "from \(earliest.label) to \(latest.label): within \(Self.priceBaseReach) years of the simulated "
                    + "years \(first.label) to \(last.label)")
            }
        }
        return out
    }
}

/// The measures of `savings.csv`, per scenario and financial year.
public enum SavingsMeasure: Int, CaseIterable, Sendable {
    case grossSavings = 0, interventionCosts, income, netSavings, cumulativeNetSavings

    public var label: String {
        ["gross_savings", "intervention_costs", "income", "net_savings", "cumulative_net_savings"][rawValue]
    }
}

/// The lines of `savings_by_line.csv`. Cost lines are baseline minus scenario (positive is a saving); income is
/// scenario minus baseline (positive is more income). The lines add up to net savings.
public enum SavingsLine: Int, CaseIterable, Sendable {
    case inHouse = 0, ifa, residential, otherPlacements, recruitment, programmeCosts, income

    public var label: String {
        ["in_house", "ifa", "residential", "other_placements", "recruitment", "programme_costs", "income"][rawValue]
    }

    var metric: AnnualMetric {
        [.costInHouseFoster, .costIFAFoster, .costResidential, .costOther, .costRecruitment, .costProgrammes,
         .income][rawValue]
    }
}

/// Savings of a scenario against a baseline, replication by replication: with common random numbers both runs of a
/// replication see the same children, so each difference reflects the policy rather than the noise.
///
/// gross savings = baseline cost_total − scenario cost_total (placements and the in-house service);
/// intervention costs = scenario − baseline (cost_recruitment + cost_programmes); income = scenario − baseline income;
/// net savings = gross − intervention costs + income = baseline net_cost − scenario net_cost.
public struct SavingsAnalysis: Sendable {
    public let scenario: String
    /// The years simulated with the days of each (a part year when the start is not 1 April).
    public let simulatedYears: [SimulatedYear]
    /// The financial years, in order (`simulatedYears`' years).
    public var years: [FinancialYear] { simulatedYears.map(\.year) }
    public let replications: Int
    public let valuation: SavingsValuation
    /// `[measure][year][replication]`, nominal pounds.
    public let nominal: [[[Double]]]
    /// The same in real terms at the price base.
    public let real: [[[Double]]]
    /// `[line][year][replication]`, nominal and real.
    public let lineNominal: [[[Double]]]
    public let lineReal: [[[Double]]]
    /// Net present value of real net savings per replication, discounted to the first simulated year (year 0, as
    /// the Green Book counts the present year, however few of its days the run covers).
    public let npv: [Double]
    /// The financial year whose prices the real figures are in.
    public var priceBase: FinancialYear { valuation.priceBase(over: years) }

    /// - Precondition: both runs cover the same years with the same number of replications.
    public init(baseline: RunResult, scenario result: RunResult, name: String, valuation: SavingsValuation) {
        precondition(baseline.years == result.years && baseline.replications == result.replications,
                     "a comparison needs runs over the same years and replications")
        scenario = name
        simulatedYears = result.model.simulatedYears
        let years = result.years
        replications = result.replications
        self.valuation = valuation
        let base = valuation.priceBase(over: years)
        let deflator = years.map { pow(1 + valuation.deflatorRate, Double($0.startYear - base.startYear)) }
        let n = replications
        func diff(_ m: AnnualMetric, _ y: Int, sign: Double) -> [Double] {
            (0..<n).map { r in sign * (baseline.value(m, year: y, replication: r) - result.value(m, year: y, replication: r)) }
        }
        var nominal = [[[Double]]](repeating: [], count: SavingsMeasure.allCases.count)
        var lines = [[[Double]]](repeating: [], count: SavingsLine.allCases.count)
        var cumulative = [Double](repeating: 0, count: n)
        for y in years.indices {
            let gross = diff(.costTotal, y, sign: 1)
            let recruitment = diff(.costRecruitment, y, sign: -1)
            let programmes = diff(.costProgrammes, y, sign: -1)
            let costs = zip(recruitment, programmes).map(+)
            let income = diff(.income, y, sign: -1)
            let net = (0..<n).map { gross[$0] - costs[$0] + income[$0] }
            for r in 0..<n { cumulative[r] += net[r] }
            nominal[SavingsMeasure.grossSavings.rawValue].append(gross)
            nominal[SavingsMeasure.interventionCosts.rawValue].append(costs)
            nominal[SavingsMeasure.income.rawValue].append(income)
            nominal[SavingsMeasure.netSavings.rawValue].append(net)
            nominal[SavingsMeasure.cumulativeNetSavings.rawValue].append(cumulative)
            for line in SavingsLine.allCases {
                // Costs saved count positive; for income, more income counts positive.
                let sign: Double = line == .income ? -1 : 1
                lines[line.rawValue].append(diff(line.metric, y, sign: sign))
            }
        }
        // Real terms: each year's figures at price-base prices. The cumulative measure is re-accumulated in real terms.
        var real = nominal.map { measure in measure.enumerated().map { y, values in values.map { $0 / deflator[y] } } }
        var realCumulative = [Double](repeating: 0, count: n)
        for y in years.indices {
            for r in 0..<n { realCumulative[r] += real[SavingsMeasure.netSavings.rawValue][y][r] }
            real[SavingsMeasure.cumulativeNetSavings.rawValue][y] = realCumulative
        }
        self.nominal = nominal
        self.real = real
        lineNominal = lines
        lineReal = lines.map { line in line.enumerated().map { y, values in values.map { $0 / deflator[y] } } }
        let realNet = real[SavingsMeasure.netSavings.rawValue]
        let rate = valuation.discountRate
        let count = years.count
        npv = (0..<n).map { r in
            (0..<count).reduce(0.0) { total, y in total + realNet[y][r] / pow(1 + rate, Double(y)) }
        }
    }

    /// The master seed the `k`th scenario compared with a baseline run on `seed` runs on (k from 0). The baseline's
    /// own, so that both see the same children (common random numbers); with `independent`, a seed derived from it
    /// that differs from the baseline's and from every other scenario's (the odd multiplier is invertible modulo
    /// 2⁶⁴, so k + 1 ↦ the offset is one-to-one and never 0), for measuring what common random numbers save.
    public static func seed(forScenario k: Int, baseline seed: UInt64, independent: Bool) -> UInt64 {
        independent ? seed &+ 0x9E37_79B9 &* UInt64(k + 1) : seed
    }

    /// `paybackYear` as the tables say it: the year, or that it does not come within the years simulated.
    public var payback: String { paybackYear?.label ?? "not within the years simulated" }

    /// The first year in which the median cumulative net savings (nominal) are positive (`isSaving`).
    public var paybackYear: FinancialYear? {
        let cumulative = nominal[SavingsMeasure.cumulativeNetSavings.rawValue]
        for (y, values) in cumulative.enumerated() where Self.isSaving(Summary(values).p50) { return years[y] }
        return nil
    }

    /// Share of replications whose nominal net savings in the target year reach the target.
    public var targetProbability: Double? {
        guard let target = valuation.target, let year = valuation.targetYear,
              let y = years.firstIndex(of: year) else { return nil }
        let net = nominal[SavingsMeasure.netSavings.rawValue][y]
        return Double(net.filter { $0 >= target }.count) / Double(net.count)
    }

    /// Share of `values` above zero by at least half a penny: a saving is a difference of two sums of many daily
    /// amounts, so replications whose costs are the same to the penny can differ by rounding error (one of 300
    /// replications of `tact-recruitment`'s `other_placements` line in 2017-18 was "positive" by a fraction of a penny).
    public static func probabilityPositive(_ values: [Double]) -> Double {
        Double(values.filter(isSaving).count) / Double(max(values.count, 1))
    }

    /// Whether an amount is a saving: at least half a penny (see `probabilityPositive`), for payback too.
    @inlinable public static func isSaving(_ x: Double) -> Bool { x >= 0.005 }
}
