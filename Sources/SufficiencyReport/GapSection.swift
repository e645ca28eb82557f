import Foundation
import SufficiencyModel

/// The briefing's "Sufficiency gap" section: the largest shortfalls of in-house places in the last year as sentences,
/// shaded tables of the shortfall by age band × need tier and by sibling group × age band, and the in-house places
/// approved for and vacant for each age band beside the shortfall, because places can stand empty while children
/// go elsewhere.
struct GapSection {
    typealias Gap = SufficiencyGap
    let gap: Gap
    let year: String
    /// The scenario whose run this is, named in a comparison briefing.
    let scenario: String?
    /// The day the year's stocks are counted: "31 March 2019", or a part year's last day.
    var stockDay: String { partStockDay ?? "31 " + Wording.march(closing: year) }
    /// A part year's last day ("30 September 2018"), nil for a whole year.
    var partStockDay: String? = nil

    var total: String { GapWording.total(gap.total(year: year)) }
    var sentences: [String] { gap.sentences(year: year, top: 5) }

    static let ageLabels: [Gap.AgeBand: String] = [.under1: "Under 1", .age1to4: "1–4", .age5to9: "5–9", .age10to15: "10–15", .age16to17: "16–17"]
    static let groupLabels: [Gap.GroupSize: String] = [.single: "Without siblings", .pair: "Pairs of siblings", .threeOrMore: "Three or more siblings"]

    /// Sum over the year's segments matching `filter` of the mean shortfall (a sum of means is the mean of the sum).
    func shortfall(_ filter: (Gap.Segment) -> Bool) -> Double {
        gap.segments(in: year).filter(filter).reduce(0) { $0 + $1[.shortfallPlaceYears].mean }
    }

    /// A table of sums with a total column and row: `rows` × `columns`, each a label and a filter.
    typealias Axis = [(label: String, matches: (Gap.Segment) -> Bool)]
    func grid(rows: Axis, columns: Axis) -> (header: [String], cells: [[Double]], rowLabels: [String]) {
        let all: (label: String, matches: (Gap.Segment) -> Bool) = ("All", { _ in true })
        let cells = (rows + [all]).map { r in (columns + [all]).map { c in shortfall { r.matches($0) && c.matches($0) } } }
        return (columns.map(\.label), cells, rows.map(\.label))
    }

    var ages: Axis { Gap.AgeBand.allCases.map { b in (Self.ageLabels[b]!, { $0.ageBand == b }) } }
    var needs: Axis {
        Gap.NeedTier.allCases.map { t in
            let words = GapWording.needs(t)
            return (Wording.capitalisingFirst(words), { $0.needTier == t })
        }
    }
    var groups: Axis { Gap.GroupSize.allCases.map { g in (Self.groupLabels[g]!, { $0.groupSize == g }) } }

    /// The supply table's rows: age band, places approved for, vacant for (each with its 90% range), shortfall.
    var supplyRows: [[String]]? {
        guard gap.supply != nil else { return nil }
        return Gap.AgeBand.allCases.map { band in
            func cell(_ m: Gap.SupplyMeasure) -> String {
                guard let e = gap.supply(year, band)?[m] else { return "n/a" }
                return "\(Wording.count(e.mean)) (\(Wording.range(e.p05, e.p95, Wording.count)))"
            }
            return [Self.ageLabels[band]!, cell(.placesApprovedFor), cell(.placesVacantFor),
                    Wording.places(shortfall { $0.ageBand == band })]
        }
    }

    var supplyHeader: [String] {
        ["Age band", "In-house places approved for, \(stockDay) (90% range)",
         "Of them vacant and available", "Short of over \(year) (place-years)"]
    }

    var intro: String {
        (scenario.map { "From the run of \($0). " } ?? "")
            + "Which children needed a foster placement in \(year) but could not have an in-house one. The shortfall is the "
            + "time, in place-years, that they spent with agency carers or in children's homes after the in-house option "
            + "fell through; in effect, the in-house places the council was short of over the year."
    }

    var ageNeedCaption: String {
        "Mean in-house place-years short in \(year) by age band and need, summed over sizes of sibling group. Cells are "
            + "means (a sum of means is exact); the 90% ranges are per segment, in the sentences above."
    }
    var groupCaption: String { "The same shortfall by the size of the sibling group the children were placed or asked to be placed with." }
    var supplyCaption: String {
        "In-house places at \(stockDay) in households approved for at least half of each band's ages, beside the "
            + "shortfall for that band over the year. A household approved for a wide age range counts in every band it "
            + "covers, so the rows do not add up to the service's total; one approved for 0–10 counts for 5–9 but not for "
            + "10–15, where it could take only a 10-year-old."
    }

    /// A cell's background: the Okabe–Ito blue mixed with white in proportion to `fraction` of the largest value, at
    /// most 55% blue so that the page's dark text stays readable on every cell (contrast at least 7:1 at the darkest).
    static func shade(_ fraction: Double) -> String {
        let t = 0.55 * min(max(fraction.isFinite ? fraction : 0, 0), 1)
        let blue = [0x00, 0x72, 0xB2].map(Double.init)
        return "#" + blue.map {
            let hex = String(Int((255 - t * (255 - $0)).rounded()), radix: 16)
            return (hex.count < 2 ? "0" : "") + hex
        }.joined()
    }

    func htmlTable(_ corner: String, _ g: (header: [String], cells: [[Double]], rowLabels: [String])) -> String {
        let inner = g.cells.dropLast().flatMap { $0.dropLast() }
        let top = max(inner.max() ?? 0, 0)
        var t = "<table class=\"gap\"><thead><tr><th>\(Briefing.text(corner))</th>"
            + (g.header + ["All"]).map { "<th class=\"num\">\(Briefing.text($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for (r, row) in g.cells.enumerated() {
            let isTotalRow = r == g.cells.count - 1
            t += "<tr><th>\(Briefing.text(isTotalRow ? "All" : g.rowLabels[r]))</th>"
            for (c, x) in row.enumerated() {
                let isTotal = isTotalRow || c == row.count - 1
                t += isTotal ? "<td class=\"num total\">\(Wording.places(x))</td>"
                    : "<td class=\"num\" style=\"background:\(Self.shade(top > 0 ? x / top : 0))\">\(Wording.places(x))</td>"
            }
            t += "</tr>\n"
        }
        return t + "</tbody></table>\n"
    }

    func html() -> String {
        func e(_ s: String) -> String { Briefing.text(s) }
        var h = "<h2>Sufficiency gap</h2>\n<p class=\"note\">\(e(intro))</p>\n<p>\(e(total))</p>\n"
        let s = sentences
        h += s.isEmpty ? "<p>No group of children is expected to be short of in-house places in \(e(year)).</p>\n"
            : "<ul class=\"headlines\">\n" + s.map { Headline($0).html(e) }.joined(separator: "\n") + "\n</ul>\n"
        h += "<figure>\n" + htmlTable("Age band", grid(rows: ages, columns: needs)) + "<figcaption>\(e(ageNeedCaption)) The darker the cell, the larger the shortfall.</figcaption>\n</figure>\n"
        h += "<figure>\n" + htmlTable("Sibling group", grid(rows: groups, columns: ages)) + "<figcaption>\(e(groupCaption))</figcaption>\n</figure>\n"
        if let rows = supplyRows {
            if let line = GapWording.vacancies(gap, year: year, stockDay: partStockDay) { h += "<p>\(e(line))</p>\n" }
            h += "<figure>\n<table class=\"supply\"><thead><tr>" + supplyHeader.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead><tbody>\n"
                + rows.map { "<tr>" + $0.map { "<td>\(e($0))</td>" }.joined() + "</tr>" }.joined(separator: "\n")
                + "\n</tbody></table>\n<figcaption>\(e(supplyCaption))</figcaption>\n</figure>\n"
        }
        return h
    }

    /// The same in Markdown, with the briefing's own table writer (which escapes its cells) and `escape` for prose.
    func markdown(table: ([String], [[String]]) -> String, escape e: (String) -> String) -> String {
        func rows(_ g: (header: [String], cells: [[Double]], rowLabels: [String])) -> [[String]] {
            g.cells.enumerated().map { [$0.offset < g.rowLabels.count ? g.rowLabels[$0.offset] : "All"] + $0.element.map(Wording.places) }
        }
        var m = "## Sufficiency gap\n\n\(e(intro))\n\n\(e(total))\n\n"
        let s = sentences
        m += s.isEmpty ? "No group of children is expected to be short of in-house places in \(e(year)).\n\n"
            : s.map { "- \(e($0))" }.joined(separator: "\n") + "\n\n"
        let byNeed = grid(rows: ages, columns: needs), byGroup = grid(rows: groups, columns: ages)
        m += table(["Age band"] + byNeed.header + ["All"], rows(byNeed)) + "\n" + e(ageNeedCaption) + "\n\n"
        m += table(["Sibling group"] + byGroup.header + ["All"], rows(byGroup)) + "\n" + e(groupCaption) + "\n\n"
        if let line = GapWording.vacancies(gap, year: year, stockDay: partStockDay) { m += e(line) + "\n\n" }
        if let supply = supplyRows { m += table(supplyHeader, supply) + "\n" + e(supplyCaption) + "\n\n" }
        return m
    }
}
