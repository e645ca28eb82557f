import Foundation
import SufficiencyModel

/// A sensitivity analysis as text: the printed tornado table and `sensitivity.csv` (the JSON is
/// `SensitivitySummary.encoded()`).
public enum SensitivityWriter {
    /// The drivers as a table, largest move first: the rows of a tornado chart.
    public static func table(_ s: SensitivitySummary, top: Int? = nil) -> String {
        let hasTarget = s.target != nil
        var table = TextTable([.right(), .left(), .left(), .right(), .right(), .right()]
                              + (hasTarget ? [.right(), .right()] : []))
        table.append(["#", "parameter", "low → high", "mean at low £", "mean at high £", "range £"]
                     + (hasTarget ? ["P(target) low", "P(target) high"] : []))
        for (k, d) in s.drivers.prefix(top ?? s.drivers.count).enumerated() {
            table.append(["\(k + 1)", d.keyPath, change(d, s.swing), CompareWriter.money(d.low.mean),
                          CompareWriter.money(d.high.mean), CompareWriter.money(d.range)]
                         + (hasTarget ? [percent(d.low.probabilityOfTarget), percent(d.high.probabilityOfTarget)] : []))
        }
        var out = "Mean net savings in \(s.year) of \(s.scenario) against \(s.baseline) with every parameter as written: "
            + "\(CompareWriter.pounds(s.central.mean)) (90% interval \(CompareWriter.pounds(s.central.p05)) to \(CompareWriter.pounds(s.central.p95)))"
        if let p = s.central.probabilityOfTarget, let t = s.target {
            out += "; probability of at least \(CompareWriter.pounds(t)): \(percent(p))"
        }
        out += ".\nEach parameter at its value × (1 ∓ \(Format.plain(100 * s.swing))%), on the same \(Format.grouped(s.replications)) "
            + "replications (common random numbers):\n" + table.render()
        if s.drivers.prefix(top ?? s.drivers.count).contains(where: { $0.heldAtLimit != nil }) {
            out += "\n\(SensitivitySummary.Held.mark) \(SensitivitySummary.Held.note(swing: s.swing))"
        }
        if !s.skipped.isEmpty {
            out += "\nNot varied: \(Format.counted(s.skipped.count, "parameter")) (tables of shares, lists of labels, dates, zeros); see sensitivity.csv."
        }
        return out
    }

    /// A value changed: `a → b` for a single number, else the factor (a table's every number is scaled alike); a side
    /// held at the parameter's limit is marked `*` (`0.6 → 1*`).
    static func change(_ d: SensitivitySummary.Driver, _ swing: Double) -> String {
        let mark = SensitivitySummary.Held.mark
        let lowMark = d.heldAtLimit?.low == true ? mark : "", highMark = d.heldAtLimit?.high == true ? mark : ""
        if d.lowValue.count + d.highValue.count <= 24 { return "\(d.lowValue)\(lowMark) → \(d.highValue)\(highMark)" }
        return "× \(Format.plain(1 - swing))\(lowMark) → × \(Format.plain(1 + swing))\(highMark)"
    }

    /// A probability as compare and the briefing print one (`Format.probability`); blank without a target.
    static func percent(_ p: Double?) -> String { p.map(Format.probability) ?? "" }

    /// `sensitivity.csv`: one row per parameter varied (largest move first), then one per parameter skipped.
    public static func csv(_ s: SensitivitySummary) -> String {
        var out = "key_path,changed,value,low_value,high_value,held_at_limit,mean_low,mean_high,range,p05_low,p95_low,p05_high,"
            + "p95_high,probability_of_target_low,probability_of_target_high,skipped\n"
        for d in s.drivers {
            let cells = [d.keyPath, d.changed, d.value, d.lowValue, d.highValue, d.heldAtLimit?.rawValue ?? ""].map(Format.csv)
                + [d.low.mean, d.high.mean, d.range, d.low.p05, d.low.p95, d.high.p05, d.high.p95].map { Format.fixed($0, 2) }
                + [d.low.probabilityOfTarget, d.high.probabilityOfTarget].map { $0.map { Format.fixed($0, 4) } ?? "" }
            out += cells.joined(separator: ",") + ",\n"
        }
        for k in s.skipped {
            out += Format.csv(k.keyPath) + String(repeating: ",", count: 14) + "," + Format.csv(k.reason) + "\n"
        }
        return out
    }
}
