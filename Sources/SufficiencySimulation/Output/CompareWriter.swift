import Foundation
import SufficiencyModel

/// The files of a comparison directory: `savings.csv`, `savings_by_line.csv` and `compare.json`.
public enum CompareWriter {
    static let header = "mean,sd," + Summary.levelLabels.joined(separator: ",") + ",prob_positive"

    static func row(_ values: [Double]) -> String {
        let s = Summary(values)
        return Format.fixed(s.mean, 2) + "," + Format.fixed(s.sd, 2) + ","
            + s.quantiles.map { Format.fixed($0, 2) }.joined(separator: ",") + ","
            + Format.fixed(SavingsAnalysis.probabilityPositive(values), 4)
    }

    /// The rows of a savings file: a prefix and the values summarised after it, each row built in parallel.
    static func rows(_ items: [(prefix: String, values: [Double])]) -> String {
        ParallelWork.map(items.count) { items[$0].prefix + row(items[$0].values) + "\n" }.joined()
    }

    public static func savingsCSV(_ analyses: [SavingsAnalysis]) -> String {
        var items: [(prefix: String, values: [Double])] = []
        for a in analyses {
            for (y, year) in a.simulatedYears.enumerated() {
                for measure in SavingsMeasure.allCases {
                    for (basis, values) in [("nominal", a.nominal), ("real", a.real)] {
                        items.append(("\(Format.csv(a.scenario)),\(year.csvCells),\(measure.label),\(basis),",
                                      values[measure.rawValue][y]))
                    }
                }
            }
        }
        return "scenario,year,days,measure,basis," + header + "\n" + rows(items)
    }

    public static func savingsByLineCSV(_ analyses: [SavingsAnalysis]) -> String {
        var items: [(prefix: String, values: [Double])] = []
        for a in analyses {
            for (y, year) in a.simulatedYears.enumerated() {
                for line in SavingsLine.allCases {
                    for (basis, values) in [("nominal", a.lineNominal), ("real", a.lineReal)] {
                        items.append(("\(Format.csv(a.scenario)),\(year.csvCells),\(line.label),\(basis),",
                                      values[line.rawValue][y]))
                    }
                }
            }
        }
        return "scenario,year,days,line,basis," + header + "\n" + rows(items)
    }

    public static func compareJSON(_ analyses: [SavingsAnalysis], baseline: String, seed: UInt64, replications: Int,
                                   independentSeeds: Bool) -> String {
        func summary(_ values: [Double]) -> String {
            let s = Summary(values)
            return "{\"mean\": \(Format.jsonNumber(s.mean, 2)), \"p05\": \(Format.jsonNumber(s.p05, 2)), "
                + "\"p10\": \(Format.jsonNumber(s.p10, 2)), \"p50\": \(Format.jsonNumber(s.p50, 2)), "
                + "\"p90\": \(Format.jsonNumber(s.p90, 2)), \"p95\": \(Format.jsonNumber(s.p95, 2)), "
                + "\"prob_positive\": \(Format.jsonNumber(SavingsAnalysis.probabilityPositive(values), 4))}"
        }
        let v = analyses.first?.valuation ?? SavingsValuation()
        var lines = [
            "  \"baseline\": \(Format.json(baseline))",
            "  \"seed\": \(seed)",
            "  \"replications\": \(replications)",
            "  \"common_random_numbers\": \(!independentSeeds)",
            "  \"discount_rate\": \(Format.jsonNumber(v.discountRate))",
            "  \"deflator_rate\": \(Format.jsonNumber(v.deflatorRate))",
            "  \"price_base\": \(Format.json(analyses.first?.priceBase.label ?? ""))",
            "  \"discounted_to\": \(Format.json(analyses.first?.years.first?.label ?? ""))",
            "  \"simulated_years\": [" + (analyses.first?.simulatedYears ?? []).map(\.json).joined(separator: ", ") + "]",
        ]
        var scenarios: [String] = []
        for a in analyses {
            var fields = [
                "\"npv_real\": \(summary(a.npv))",
                "\"payback_year\": \(a.paybackYear.map { Format.json($0.label) } ?? "null")",
            ]
            if let target = v.target, let year = v.targetYear {
                let p = a.targetProbability.map { Format.jsonNumber($0, 4) } ?? "null"
                fields.append("\"target\": {\"amount\": \(Format.jsonNumber(target, 2)), \"year\": \(Format.json(year.label)), "
                    + "\"probability\": \(p)}")
            }
            let net = a.years.enumerated().map { y, year in
                "\(Format.json(year.label)): \(summary(a.nominal[SavingsMeasure.netSavings.rawValue][y]))"
            }
            fields.append("\"net_savings_nominal\": {" + net.joined(separator: ", ") + "}")
            scenarios.append("    \(Format.json(a.scenario)): {\n      " + fields.joined(separator: ",\n      ") + "\n    }")
        }
        lines.append("  \"scenarios\": {\n" + scenarios.joined(separator: ",\n") + "\n  }")
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }

    /// The table a finance officer reads: per year, net savings with their 80% interval, the chance they are
    /// positive, and (with a target) the chance of meeting it.
    public static func table(_ a: SavingsAnalysis) -> String {
        var table = TextTable([.left()] + Array(repeating: .right(), count: 6))
        table.append(["year", "net savings £ (80% interval)", "P(> 0)", "cumulative £", "gross £", "intervention costs £",
                      "income £"])
        for (y, year) in a.simulatedYears.enumerated() {
            let net = Summary(a.nominal[SavingsMeasure.netSavings.rawValue][y])
            func mean(_ m: SavingsMeasure) -> String { money(Summary(a.nominal[m.rawValue][y]).mean) }
            table.append([year.label,
                          "\(money(net.mean)) (\(money(net.quantile(0.10))) to \(money(net.quantile(0.90))))",
                          Format.probability(SavingsAnalysis.probabilityPositive(a.nominal[SavingsMeasure.netSavings.rawValue][y])),
                          mean(.cumulativeNetSavings), mean(.grossSavings), mean(.interventionCosts), mean(.income)])
        }
        var out = table.render() + "\n" + SimulatedYear.notes(a.simulatedYears).map { $0 + "\n" }.joined()
        let npv = Summary(a.npv)
        out += "NPV of net savings at \(a.priceBase.label) prices, discounted at "
            + "\(Format.fixed(100 * a.valuation.discountRate, 1))% a year to \(a.years[0].label): \(money(npv.mean)) "
            + "(90% interval \(money(npv.p05)) to \(money(npv.p95))); payback: \(a.payback)"
        if let p = a.targetProbability, let target = a.valuation.target, let year = a.valuation.targetYear {
            out += "\nProbability of net savings of at least \(pounds(target)) in \(year.label): \(Format.probability(p))"
        }
        return out
    }

    /// A sum of money in prose: whole pounds with the sign before the pound sign, "£1,122,000" and "-£45,300"
    /// (`Format.pounds`); `NA` as `money` gives it.
    public static func pounds(_ x: Double) -> String { Format.pounds(x) ?? "NA" }

    /// Whole pounds with thousands separators: 1,122,000 and -45,300 (`Format.grouped`); `NA` for a figure that is
    /// not a whole number of pounds an `Int` holds, rather than a trap.
    public static func money(_ x: Double) -> String {
        guard let n = Int(exactly: x.rounded()) else { return "NA" }
        return Format.grouped(n)
    }
}
