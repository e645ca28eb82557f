import Foundation

/// Text widths estimated without a font: the number of characters times an average advance per character.
///
/// The SVG is written before any font is known, so the layout cannot measure text; it estimates. The advance is a
/// fraction of the font size: 0.62 for regular text and 0.68 for bold. Measured in Chromium with DejaVu Sans (the
/// briefing's first font, and wider than Arial or Liberation Sans, its fall-backs), chart titles and legend labels
/// run 0.48–0.63 em per character in regular and 0.55–0.61 em in bold; only runs of capitals or digits are wider
/// (0.64–0.70), and the gaps between legend items and the margins absorb that.
enum TextMetrics {
    static let regularAdvance = 0.62, boldAdvance = 0.68

    /// Estimated width of `text` at `size` (px, which are user units inside the chart's SVG).
    static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        Double(text.count) * size * (bold ? boldAdvance : regularAdvance)
    }

    /// `text` broken into lines no wider than `maxWidth` (estimated): at spaces where it can, and after a hyphen or
    /// anywhere inside a word longer than a line, so that a scenario name without spaces still fits.
    static func wrap(_ text: String, maxWidth: Double, size: Double, bold: Bool = false) -> [String] {
        // The tolerance keeps a label exactly as wide as its own estimate on one line despite rounding.
        let perLine = max(Int(maxWidth / (size * (bold ? boldAdvance : regularAdvance)) + 1e-9), 1)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let joined = line.isEmpty ? word : line + " " + word
            if joined.count <= perLine { line = joined; continue }
            if !line.isEmpty { lines.append(line) }
            line = word
            while line.count > perLine {
                // Break a long word after its last hyphen that fits, else at the line's length.
                let head = line.prefix(perLine)
                let cut = head.lastIndex(of: "-").map { line.index(after: $0) } ?? head.endIndex
                lines.append(String(line[..<cut]))
                line = String(line[cut...])
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}

/// One entry of a chart's legend: a swatch and its label.
struct LegendItem {
    enum Swatch {
        /// A filled box, for a band or a bar.
        case box(colour: String, opacity: Double)
        /// A short line, for a median or a marker; `dash` is an SVG dash array.
        case line(colour: String, width: Double, dash: String?)
        /// A dot, for a mean.
        case dot(colour: String)
        /// No swatch: the label names the group of entries that follows it.
        case none
    }

    var swatch: Swatch
    var text: String
    /// The width the label takes, when a group's names should line up in a column; else its own width.
    var textWidth: Double? = nil
}

/// The top of a chart: its title, wrapped to the chart's width, and below it its legend, row by row, so that neither
/// can run into the other or into the plot however long the title or the scenario names are.
///
/// Each row of `legend` starts on a new line and wraps onto further lines when its entries do not fit; a label wider
/// than a line wraps on its own. The plot starts below `bottom`.
struct ChartHeader {
    static let titleSize = 14.0, legendSize = 11.0
    static let margin = 12.0, titleLineHeight = 18.0, legendLineHeight = 15.0, itemGap = 16.0, swatchWidth = 14.0

    struct Placed {
        var item: LegendItem
        var x: Double
        /// Baseline of the label's first line.
        var y: Double
        var lines: [String]
    }

    let width: Double
    let titleLines: [String]
    let placed: [Placed]
    /// Lowest point of the header's text.
    let bottom: Double

    init(width: Double, title: String, legend: [[LegendItem]]) {
        self.width = width
        let available = width - 2 * Self.margin
        titleLines = TextMetrics.wrap(title, maxWidth: available, size: Self.titleSize, bold: true)
        // First baseline at 20 as before; a line's text reaches 0.8 em above its baseline and 0.25 em below.
        var y = 20 + Double(titleLines.count - 1) * Self.titleLineHeight + 0.25 * Self.titleSize
        var placed: [Placed] = []
        for row in legend where !row.isEmpty {
            y += 6
            var x = Self.margin, lineHeight = Self.legendLineHeight
            for item in row {
                let swatch: Double
                if case .none = item.swatch { swatch = 0 } else { swatch = Self.swatchWidth + 4 }
                let textWidth = min(item.textWidth ?? TextMetrics.width(item.text, size: Self.legendSize), available - swatch)
                let lines = TextMetrics.wrap(item.text, maxWidth: textWidth, size: Self.legendSize)
                let used = swatch + max(item.textWidth ?? 0, lines.map { TextMetrics.width($0, size: Self.legendSize) }.max() ?? 0)
                if x > Self.margin && x + used > width - Self.margin {
                    y += lineHeight
                    x = Self.margin
                    lineHeight = Self.legendLineHeight
                }
                placed.append(Placed(item: item, x: x, y: y + 0.8 * Self.legendSize, lines: lines))
                lineHeight = max(lineHeight, Double(lines.count) * Self.legendLineHeight)
                x += used + Self.itemGap
            }
            y += lineHeight
        }
        self.placed = placed
        bottom = y
    }

    /// The title's lines and the legend as SVG.
    func svg() -> String {
        var s = ""
        for (i, line) in titleLines.enumerated() {
            s += "<text x=\"\(SVG.n(Self.margin))\" y=\"\(SVG.n(20 + Double(i) * Self.titleLineHeight))\" class=\"chart-title\">\(SVG.escape(line))</text>\n"
        }
        guard !placed.isEmpty else { return s }
        s += "<g class=\"legend\">"
        for p in placed {
            var textX = p.x
            let mid = p.y - 0.3 * Self.legendSize
            switch p.item.swatch {
            case .box(let colour, let opacity):
                s += "<rect x=\"\(SVG.n(p.x))\" y=\"\(SVG.n(mid - 5))\" width=\"\(SVG.n(Self.swatchWidth))\" height=\"10\" "
                    + "fill=\"\(colour)\" fill-opacity=\"\(SVG.n2(opacity))\"/>"
                textX += Self.swatchWidth + 4
            case .line(let colour, let width, let dash):
                s += "<line x1=\"\(SVG.n(p.x))\" y1=\"\(SVG.n(mid))\" x2=\"\(SVG.n(p.x + Self.swatchWidth))\" y2=\"\(SVG.n(mid))\" "
                    + "stroke=\"\(colour)\" stroke-width=\"\(SVG.n(width))\"" + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>"
                textX += Self.swatchWidth + 4
            case .dot(let colour):
                s += "<circle cx=\"\(SVG.n(p.x + Self.swatchWidth / 2))\" cy=\"\(SVG.n(mid))\" r=\"4.5\" fill=\"\(colour)\"/>"
                textX += Self.swatchWidth + 4
            case .none:
                break
            }
            for (i, line) in p.lines.enumerated() {
                s += "<text x=\"\(SVG.n(textX))\" y=\"\(SVG.n(p.y + Double(i) * Self.legendLineHeight))\" class=\"tick\">\(SVG.escape(line))</text>"
            }
        }
        return s + "</g>\n"
    }
}
