import Foundation

/// Number and text formatting, in one place for every module: the run files' CSV cells and JSON, the tables the
/// commands print, and the briefing's wording (`SufficiencyReport.Wording` builds "£22.8m" and "5.3%" from these).
///
/// `fixed` is for files and tables: Foundation's `String(format:)` is slow for hundreds of thousands of cells and
/// depends on the C locale; `fixed` rounds half away from zero with integer arithmetic so the same value always
/// prints the same digits. `decimal` is for prose, where briefings have always rounded as C's `printf` does.
public enum Format {
    /// `x` with exactly `decimals` digits after the point (no exponent). NaN prints as `NA`.
    public static func fixed(_ x: Double, _ decimals: Int) -> String {
        guard x.isFinite else { return "NA" }
        let scale = Format.scale(decimals)
        let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e18 else { return String(x) }
        let n = Int64(scaled)
        let whole = n / Int64(scale)
        var text = (x < 0 && n != 0 ? "-" : "") + String(whole)
        if decimals > 0 {
            let frac = String(n % Int64(scale))
            text += "." + String(repeating: "0", count: decimals - frac.count) + frac
        }
        return text
    }

    /// 10 to the power `decimals`, as `fixed` scales by it (and `ByteText.appendFixed`, which prints the same):
    /// products of tens, exact up to 10²², so the usual cases are written out.
    @inlinable public static func scale(_ decimals: Int) -> Double {
        switch decimals {
        case 0: return 1
        case 1: return 10
        case 2: return 100
        case 3: return 1000
        case 4: return 10000
        default: break
        }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return scale
    }

    /// A probability (a share of replications) as a percentage with `decimals` places that claims no certainty the
    /// replications did not give: a chance above 0 that would print as 0 prints as "<1%" ("<0.1%" with one place),
    /// and one below 1 that would print as 100 as ">99%" (">99.9%"). 995 of 1,000 replications saving money is not
    /// "100%": the other five lost money. "0%" and "100%" mean none and every one. NaN prints as `NA`.
    public static func chance(_ p: Double, decimals: Int = 0) -> String {
        guard p.isFinite else { return "NA" }
        let text = fixed(100 * p, decimals)
        let step = 1 / scale(decimals)
        if p > 0, let shown = Double(text), shown == 0 { return "<" + fixed(step, decimals) + "%" }
        if p < 1, let shown = Double(text), shown >= 100 { return ">" + fixed(100 - step, decimals) + "%" }
        return text + "%"
    }

    /// A probability as every reader of a comparison sees it, in the terminal and in the briefing alike: `chance`
    /// with whole percent from 10% up and one decimal below ("3.7%", "<0.1%"), because a target met in 37 of 1,000
    /// replications is not "4%" on one page and "3.7%" on another; "0%" and "100%" only for none and all.
    public static func probability(_ p: Double) -> String {
        chance(p, decimals: p == 0 || abs(p * 100) >= 9.95 ? 0 : 1)
    }

    /// The value `fixed(x, decimals)` prints, as a number (NaN for `NA`): what a reader of the CSV files gets, so
    /// that `results.json` and the CSV files agree to the last digit.
    public static func rounded(_ x: Double, _ decimals: Int) -> Double {
        Double(fixed(x, decimals)) ?? .nan
    }

    /// `x` with exactly `decimals` digits after the point, as C's `printf("%.*f")` prints it: the binary value
    /// correctly rounded (an exact tie to even). For the briefing's prose and the charts' coordinates, whose text
    /// must not change from one version to the next; the run files use `fixed`.
    public static func decimal(_ x: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", x)
    }

    /// `x` as a scenario file writes a number: at most six decimals and no trailing zeros (`0.875`, `12`).
    public static func plain(_ x: Double) -> String {
        let r = (x * 1e6).rounded() / 1e6
        if r == r.rounded() && r.magnitude < 1e15 { return String(Int(r)) }
        return String(r)
    }

    /// "1 year", "5 years", "1,000 replications": a count and its noun, plural unless the count is one.
    public static func counted(_ n: Int, _ noun: String) -> String {
        "\(grouped(n)) \(noun)\(n == 1 ? "" : "s")"
    }

    /// `n` with a comma between groups of three digits (12,345,678), for counts in messages and tables; `minus`
    /// before a negative number (the briefing's wording uses "−", U+2212).
    public static func grouped(_ n: Int, minus: String = "-") -> String {
        let text = String(n.magnitude)
        var out = n < 0 ? minus : ""
        for (i, c) in text.enumerated() {
            if i > 0 && (text.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// An exact sum of money in prose, every pound with separators and the sign before the pound sign: "£1,122,000",
    /// "-£45,300" (the briefing's wording passes "−", U+2212); nil for a figure that is not a whole number of pounds
    /// an `Int` holds. A sum that rounds to £0 has no sign.
    public static func pounds(_ x: Double, minus: String = "-") -> String? {
        guard let n = Int(exactly: x.rounded()) else { return nil }
        return (n < 0 ? minus : "") + "£" + grouped(Int(n.magnitude))
    }

    /// A CSV cell: quoted when it contains a comma, quote or newline.
    public static func csv(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A JSON number: `fixed(x, decimals)`, or `null` when `x` is not finite. JSON has no NaN or infinity, and the
    /// `NA` that `fixed` prints for them in CSV cells is not JSON, so every hand-written JSON file writes its
    /// numbers through this (or `jsonNumber(_:)`) and stays readable whatever the value.
    public static func jsonNumber(_ x: Double, _ decimals: Int) -> String {
        x.isFinite ? fixed(x, decimals) : "null"
    }

    /// A JSON number as Swift prints a `Double` (`0.035`, `1e-05`), or `null` when it is not finite (Swift prints
    /// `nan` and `inf`, which are not JSON).
    public static func jsonNumber(_ x: Double) -> String {
        x.isFinite ? "\(x)" : "null"
    }

    /// JSON string literal.
    public static func json(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
