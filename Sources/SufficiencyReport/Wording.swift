import Foundation
import SufficiencyModel

/// Numbers as a committee paper writes them: rounded to what the model can honestly say.
///
/// A simulation's mean of 351.42 children is "about 351"; £22,783,114 is "£22.8m"; £507,872 is "£508,000"; a
/// probability of 0.0512 is "5%". Money under £1m is rounded to the nearest £1,000, and to the nearest £100 under
/// £10,000; money of £1m or more is shown in millions to one decimal place (two under £10m would claim a precision
/// of £10,000 that no placement forecast has). Ranges use an en dash and share the unit.
public enum Wording {
    /// `s` with its first letter a capital, for a description or phrase that starts a sentence or a label.
    static func capitalisingFirst(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

    /// Names in a sentence: "a", "a and b", "a, b and c".
    static func series(_ names: [String]) -> String {
        names.count < 3 ? names.joined(separator: " and ") : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }

    /// A count of children or households, to the nearest whole number, with thousands separators.
    public static func count(_ x: Double) -> String {
        guard let n = whole(x) else { return "n/a" }
        return Format.grouped(n, minus: "−")
    }

    /// A mean count: whole from 10 up, one decimal below (a part year's 0.4 requests, of which 23% were placed
    /// in-house, is not "0 requests, 0 (23%) placed").
    public static func mean(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        return x.magnitude >= 9.95 ? count(x) : Format.decimal(x, 1)
    }

    /// `x` rounded to the nearest whole number, or nil when that is not an `Int` (NaN, infinite, or beyond about
    /// ±9.2 × 10^18, where `Int(_:)` would stop the program). The reader refuses such figures in `results.json`
    /// (`RunData.largestFigure`); this keeps one that gets past it, or comes from another file, from crashing.
    static func whole(_ x: Double) -> Int? { Int(exactly: x.rounded()) }

    /// A whole number for a chart's CSV cell: empty when `x` has none (see `whole`).
    static func cell(_ x: Double) -> String { whole(x).map(String.init) ?? "" }

    /// Pounds: "£22.8m", "£508,000", "£4,300", "−£45,000".
    public static func money(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        let sign = x < 0 ? "−" : ""
        let a = abs(x)
        if a >= 999_500 {
            let m = (a / 100_000).rounded() / 10
            return sign + "£" + Format.decimal(m, 1) + "m"
        }
        let step: Double = a >= 10_000 ? 1_000 : 100
        let r = (a / step).rounded() * step
        return r == 0 ? "£0" : sign + "£" + Format.grouped(Int(r))
    }

    /// An exact sum given by a person (a target, a budget line): every pound, with separators ("£1,122,000").
    public static func pounds(_ x: Double) -> String { Format.pounds(x, minus: "−") ?? "n/a" }

    /// A share in [0, 1] as a percentage: whole percent from 10% up, one decimal below (but "0%" and "100%").
    public static func share(_ p: Double) -> String { percent(p * 100) }

    /// A probability with `share`'s precision (whole percent from 10%, one decimal below) by `Format.chance`'s rule,
    /// never "0%" or "100%" unless it is exactly that: 0.996 is ">99%" (four replications in a thousand did not),
    /// 0.0004 "<0.1%".
    public static func chance(_ p: Double) -> String {
        guard p.isFinite else { return "n/a" }
        return Format.probability(p)
    }

    /// A value already in percent.
    public static func percent(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        if abs(x) >= 9.95 || x == 0 || abs(x - 100) < 0.05 { return whole(x).map { String($0) + "%" } ?? "n/a" }
        return Format.decimal(x, 1) + "%"
    }

    /// In-house places a segment of children is short of, in place-years (a mean over the year, so often
    /// fractional): whole numbers from 10 ("14", "1,203"), one decimal below, as percentages are ("2.4"), so that a
    /// segment short of 0.4 places is not "about 0", and "0" for none. A value that shows as "0.0" rounds to zero.
    public static func places(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        if abs(x) >= 9.95 || x == 0 { return count(x) }
        return Format.decimal(x, 1)
    }

    /// "24–38" or "£19.3m–£26.4m": a range whose ends are formatted by `f`; "−£196,000 to −£43,000" when an end is
    /// written with the minus sign (U+2212, as `money` and `pounds` write it), where a dash beside it would read as
    /// another minus.
    public static func range(_ low: Double, _ high: Double, _ f: (Double) -> String) -> String {
        let (a, b) = (f(low), f(high))
        return a.hasPrefix("−") || b.hasPrefix("−") ? a + " to " + b : a + "–" + b
    }

    /// "March 2022" for the 31 March that closes financial year `2021-22`.
    public static func march(closing label: String) -> String {
        guard let start = Int(label.prefix(4)) else { return label }
        return "March \(start + 1)"
    }
}
