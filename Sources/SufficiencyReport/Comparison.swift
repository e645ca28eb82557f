import Foundation

/// A comparison directory: the baseline's and each scenario's runs, the savings table and compare.json.
public struct Comparison {
    public struct Scenario {
        public let name: String
        public let run: RunData
    }

    public let directory: URL
    public let baseline: RunData
    public let baselineName: String
    public let scenarios: [Scenario]
    public let savings: CSVTable
    public let json: [String: Any]

    public init(directory: URL) throws {
        self.directory = directory
        let file = directory.appendingPathComponent("compare.json")
        let data = try Data(contentsOf: file)
        // Foundation's own words for bad JSON ("The data is not in the correct format") say neither which file nor what.
        guard !data.isEmpty else { throw ReportError("\(file.path): empty, not a comparison written by sufficiency") }
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: data) } catch {
            throw ReportError("\(file.path): not valid JSON, not a comparison written by sufficiency")
        }
        guard let json = parsed as? [String: Any],
              let baselineName = json["baseline"] as? String,
              let scenarios = json["scenarios"] as? [String: Any] else {
            throw ReportError("\(file.path): not a comparison written by sufficiency")
        }
        self.json = json
        self.baselineName = baselineName
        baseline = try RunData(directory: directory.appendingPathComponent("baseline-" + baselineName))
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("savings.csv").path) else {
            throw ReportError("\(directory.path): a comparison directory without savings.csv")
        }
        savings = try CSVTable(contentsOf: directory.appendingPathComponent("savings.csv"))
        // Scenarios in the order they appear in savings.csv (the order given on the command line).
        var names: [String] = []
        if let c = savings.column("scenario") { for r in savings.rows where !names.contains(r[c]) { names.append(r[c]) } }
        self.scenarios = try names.filter { scenarios[$0] != nil }.map {
            Scenario(name: $0, run: try RunData(directory: directory.appendingPathComponent($0)))
        }
    }

    public var commonRandomNumbers: Bool { json["common_random_numbers"] as? Bool ?? true }

    func stat(_ scenario: String, _ year: String, _ measure: String, _ stat: String) -> Double {
        guard let row = savings.rows(where: ["scenario": scenario, "year": year, "measure": measure, "basis": "nominal"]).first
        else { return .nan }
        return savings.double(row, stat)
    }

    func details(_ scenario: String) -> [String: Any] {
        (json["scenarios"] as? [String: Any])?[scenario] as? [String: Any] ?? [:]
    }

    var target: (year: String, amount: Double)? {
        for s in scenarios {
            if let t = details(s.name)["target"] as? [String: Any], let y = t["year"] as? String, let a = t["amount"] as? Double {
                return (y, a)
            }
        }
        return nil
    }

    /// How the net present value is reckoned, as a clause: ", at 2022-23 prices discounted at 3.5% a year,"; empty
    /// when `compare.json` does not say.
    var valuationBasis: String {
        guard let base = json["price_base"] as? String, !base.isEmpty, let rate = json["discount_rate"] as? Double else {
            return ""
        }
        return ", at \(base) prices discounted at \(Wording.percent(rate * 100)) a year,"
    }

    /// Plain-English headlines about the savings.
    func headlines() -> [String] {
        var out: [String] = []
        for s in scenarios {
            guard let (first, last) = s.run.headlineYears else { continue }
            // "save −£123,000" read as a saving: a negative mean is worded as a cost, its range still of net savings.
            func saving(_ y: String) -> String {
                let mean = stat(s.name, y, "net_savings", "mean")
                let range = Wording.range(stat(s.name, y, "net_savings", "p10"), stat(s.name, y, "net_savings", "p90"), Wording.money)
                let amount = Wording.money(abs(mean))
                if amount == "£0" { return "about break even in \(y) (80% range of net savings \(range))" }
                return mean < 0 ? "cost \(amount) more in \(y) (80% range of net savings \(range))"
                    : "save \(amount) in \(y) (80% range \(range))"
            }
            out.append("\(s.name) is expected to \(saving(first))" + (first == last ? "" : " and to \(saving(last))")
                + " net, against \(baselineName).")
            if let t = details(s.name)["target"] as? [String: Any], let p = t["probability"] as? Double,
               let y = t["year"] as? String, let a = t["amount"] as? Double {
                out.append("The chance that \(s.name) reaches its target of \(Wording.pounds(a)) in \(y) is \(Wording.chance(p)).")
            }
            if let npv = details(s.name)["npv_real"] as? [String: Any], let mean = npv["mean"] as? Double,
               let lo = npv["p05"] as? Double, let hi = npv["p95"] as? Double {
                // Payback is where the median's cumulative savings turn positive: up to half the futures have not paid
                // back by then, so the chance that they have is given beside it.
                let payback = (details(s.name)["payback_year"] as? String).map { y in
                    let p = stat(s.name, y, "cumulative_net_savings", "prob_positive")
                    guard p.isFinite else { return "it pays back in \(y)" }
                    let chance = Wording.chance(p)
                    let article = ["8", "11", "18"].contains { chance.hasPrefix($0) } ? "an" : "a"  // "an 80%", "an 11%"
                    return "it pays back in \(y) (\(article) \(chance) chance of having paid back by then)"
                } ?? "it does not pay back within the period"
                let (start, end) = (s.run.years.first ?? first, s.run.years.last ?? last)
                out.append("Over \(start == end ? start : "\(start) to \(end)") the net present value of its savings\(valuationBasis) is \(Wording.money(mean)) "
                    + "(90% range \(Wording.range(lo, hi, Wording.money))); \(payback).")
            }
        }
        return out
    }

    /// Net savings by year and the histogram of cumulative savings, per scenario.
    func charts() -> [Chart] {
        var out: [Chart] = []
        for s in scenarios {
            let years = s.run.years
            let points = years.map { y in
                SavingsChart.Year(label: y, mean: stat(s.name, y, "net_savings", "mean"), p05: stat(s.name, y, "net_savings", "p05"),
                                  p10: stat(s.name, y, "net_savings", "p10"), p90: stat(s.name, y, "net_savings", "p90"),
                                  p95: stat(s.name, y, "net_savings", "p95"))
            }
            out.append(SavingsChart(scenario: s.name, years: points, target: target).chart())
            // Cumulative net savings per replication, from the two runs' net cost over the years (replication r of
            // each run saw the same children: common random numbers).
            let cumulative = zip(baseline.results.cumulativeNetCost, s.run.results.cumulativeNetCost).map { $0 - $1 }
            out.append(SavingsHistogram(scenario: s.name, through: years.last ?? "", values: cumulative).chart())
        }
        return out
    }

    /// Rows of the savings table: scenario, year, mean net savings (80% range), P(> 0), cumulative mean.
    func table() -> [[String]] {
        var rows: [[String]] = []
        for s in scenarios {
            // A part year is marked as the console's table marks it; the headlines say which days it covers.
            let marked = Dictionary(uniqueKeysWithValues: (s.run.simulatedYears ?? []).map { ($0.year.label, $0.label) })
            for y in s.run.years {
                rows.append([s.name, marked[y] ?? y,
                             "\(Wording.money(stat(s.name, y, "net_savings", "mean"))) (\(Wording.range(stat(s.name, y, "net_savings", "p10"), stat(s.name, y, "net_savings", "p90"), Wording.money)))",
                             Wording.chance(stat(s.name, y, "net_savings", "prob_positive")),
                             Wording.money(stat(s.name, y, "cumulative_net_savings", "mean"))])
            }
        }
        return rows
    }
}
