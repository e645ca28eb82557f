import Foundation
import SufficiencyModel

/// The HTML page (self-contained: inline CSS and SVG, no scripts, fonts or images fetched) and its Markdown twin.
extension Briefing {
    static let css = """
        @page { size: A4; margin: 14mm; }
        body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: #1a1a1a; max-width: 182mm; margin: 0 auto;
               padding: 8mm 4mm; line-height: 1.45; font-size: 11pt; }
        h1 { font-size: 19pt; margin: 0 0 4mm 0; } h2 { font-size: 14pt; margin: 7mm 0 2mm 0; border-bottom: 1px solid #ccc; }
        .headlines li { margin-bottom: 1.5mm; }
        figure { margin: 3mm 0 5mm 0; page-break-inside: avoid; break-inside: avoid; }
        figcaption { font-size: 9pt; color: #444; }
        svg.chart { width: 100%; height: auto; }
        .chart-title { font-size: \(Int(ChartHeader.titleSize))px; font-weight: bold; fill: #1a1a1a; }
        .tick { font-size: \(Int(ChartHeader.legendSize))px; fill: #333; } .axis-label { font-size: 12px; fill: #1a1a1a; }
        .grid { stroke: #e3e3e3; stroke-width: 1; } .axis { stroke: #555; stroke-width: 1; }
        .whisker { stroke: #1a1a1a; stroke-width: 1.2; }
        table { border-collapse: collapse; width: 100%; font-size: 9.5pt; page-break-inside: auto; table-layout: fixed; }
        th, td { border: 1px solid #ccc; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        table.small th:nth-child(1) { width: 18%; } table.small th:nth-child(2) { width: 17%; }
        table.small th:nth-child(3) { width: 9%; } table.small th:nth-child(4) { width: 17%; }
        table.small th:nth-child(6) { width: 11%; }
        table.indicators th:nth-child(1) { width: 26%; } table.indicators th:nth-child(2), table.indicators th:nth-child(3) { width: 17%; }
        th { background: #f1f1f1; } tr { page-break-inside: avoid; }
        .small { font-size: 8.5pt; } .note { color: #444; font-size: 9.5pt; }
        table.gap th.num, table.gap td.num { text-align: right; } table.gap td.total { font-weight: bold; }
        table.gap th:nth-child(1) { width: 24%; } table.supply th:nth-child(1) { width: 16%; }
        """

    /// Text for the page's HTML: escaped, and a minus sign joined to what follows (U+2060, word joiner), since a
    /// line broken after "(80% range −" left "£206,000" to be read as a gain on the next line.
    static func text(_ s: String) -> String { SVG.escape(s).replacingOccurrences(of: "−", with: "−\u{2060}") }

    /// Text for the Markdown twin: one line, and what would start markup escaped. Names, values, units, sources
    /// and paths come from whoever wrote the scenario or ran the command, and went through as Markdown: a raw
    /// `<img onerror=...>` in a name, a link, a line break that ended a table row or started a heading. A line
    /// break or other character that breaks a line becomes a space; a backslash, `<` (raw HTML, autolinks), `[`
    /// (links and images), `` ` `` (code), `*` and `~` (emphasis, strikethrough) are escaped, and `_` where it
    /// could be emphasis, at a word's edge (between letters, as in every key path, it is not). Text that opens a
    /// line (a headline opens with a scenario's name) has what would make the line a heading, a quote or a list
    /// escaped: `# `, `>`, `- `, `1. `.
    static func markdownText(_ s: String) -> String {
        let scalars = Array(s.unicodeScalars)
        func inWord(_ k: Int) -> Bool {
            scalars.indices.contains(k) && (scalars[k].properties.isAlphabetic || scalars[k].properties.numericType != nil)
        }
        // What makes a line a heading, list or quote: `#`, `-` or `+` before a space, the line's end or another of
        // itself (`##`, `---`); `>`; a number's `.` or `)` before a space or the end (`1. `).
        func spaced(_ k: Int) -> Bool { k >= scalars.count || scalars[k] == " " }
        let digits = scalars.prefix { ("0"..."9").contains($0) }.count
        func opensBlock(_ k: Int) -> Bool {
            if k == 0, let u = scalars.first {
                if u == ">" { return true }
                if ["#", "-", "+"].contains(u) { return spaced(1) || scalars[1] == u }
            }
            return digits > 0 && k == digits && (scalars[k] == "." || scalars[k] == ")") && spaced(k + 1)
        }
        var out = ""
        out.unicodeScalars.reserveCapacity(scalars.count)
        for (k, u) in scalars.enumerated() {
            switch u {
            case "\\", "<", "[", "`", "*", "~": out += "\\"; out.unicodeScalars.append(u)
            case "_" where !(inWord(k - 1) && inWord(k + 1)): out += "\\_"
            case _ where opensBlock(k): out += "\\"; out.unicodeScalars.append(u)
            default:
                if ScenarioProblem.breaksLine(u) { out += " " } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    /// What the figures are, under the headlines of both the page and its Markdown twin.
    static let figuresNote = "Figures are means over the simulated replications; ranges are the 90% range (5th to 95th percentile) "
        + "unless they say otherwise. Stocks are at 31 March; costs are over the financial year, in cash terms."

    static func html(title: String, headlines: [Headline], charts: [Chart], chartsFolder: String, comparison: Comparison?, gap: GapSection? = nil, indicators: [[String]],
                     indicatorYears: (first: String, last: String), changed: [Assumption], assumptions: [Assumption], base: String, meta: [(String, String)]) -> String {
        func e(_ s: String) -> String { text(s) }
        func table(_ header: [String], _ rows: [[String]], small: Bool = false, kind: String? = nil) -> String {
            let cls = small ? " class=\"small\"" : kind.map { " class=\"\($0)\"" } ?? ""
            var t = "<table\(cls)><thead><tr>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead><tbody>\n"
            for r in rows { t += "<tr>" + r.map { "<td>\(e($0))</td>" }.joined() + "</tr>\n" }
            return t + "</tbody></table>\n"
        }
        var h = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\(Self.generator)\n<title>\(e(title))</title>\n<style>\n\(css)\n</style>\n</head>\n<body>\n"
        h += "<h1>\(e(title))</h1>\n<h2>Headlines</h2>\n<ul class=\"headlines\">\n"
        h += headlines.map { $0.html(e) }.joined(separator: "\n") + "\n</ul>\n"
        h += "<p class=\"note\">\(e(Self.figuresNote))</p>\n"
        if let c = comparison {
            h += "<h2>Savings</h2>\n"
            h += table(["Scenario", "Year", "Net savings (80% range)", "Chance above zero", "Cumulative"], c.table())
        }
        h += "<h2>Charts</h2>\n"
        for chart in charts {
            h += "<figure>\n\(chart.svg)\n<figcaption>\(e(chart.alt)) Data: \(e(chartsFolder))/\(e(chart.id)).csv; Vega-Lite: \(e(chartsFolder))/\(e(chart.id)).vl.json.</figcaption>\n</figure>\n"
        }
        if let gap { h += gap.html() }
        h += "<h2>Stability and sufficiency</h2>\n"
        h += table(["Indicator", "\(indicatorYears.first) (90% range)", "\(indicatorYears.last) (90% range)", "Reference figures"], indicators,
                   kind: "indicators")
        h += "<h2>Appendix A: what this scenario changes</h2>\n"
        h += changed.isEmpty ? "<p>This is a baseline: every value comes from \(e(base)).</p>\n" : assumptionTable(changed)
        h += "<h2>Appendix B: every assumption</h2>\n<p class=\"note\">From the resolved scenario the run used (scenario.resolved.yaml); "
            + "values set by \(e(base)) unless the last column says otherwise. A cited publication links to where its text can be read.</p>\n"
        h += assumptionTable(assumptions)
        h += "<h2>Appendix C: the run</h2>\n" + table(["Item", "Value"], meta.map { [$0.0, $0.1] }, kind: "meta")
        h += "</body>\n</html>\n"
        return h
    }

    /// Where a citation's text can be read, as an address a browser opens from the briefing wherever it is saved: a
    /// web address as given; a file as a `file://` address once found, trying `directory` and each folder above it
    /// (a scenario names its files from the folder that holds the project and `shared/`, as
    /// `shared/reference/seeds/...`), since the path as written would be read beside the briefing; nil for a file
    /// not found on this machine, whose citation is then named without a link.
    static func address(of location: String,
                        from directory: String = FileManager.default.currentDirectoryPath) -> String? {
        // An address is a web page or a file: any other scheme (`javascript:`) is no place a reader should be sent.
        if location.contains("://") {
            let lower = location.lowercased()
            return ["http://", "https://", "file://"].contains { lower.hasPrefix($0) } ? location : nil
        }
        if location.hasPrefix("/") { return FileManager.default.fileExists(atPath: location) ? URL(fileURLWithPath: location).absoluteString : nil }
        var folder = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        while true {
            let candidate = folder.appendingPathComponent(location)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate.standardizedFileURL.absoluteString }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// Assumptions as an HTML table: the source as written, then the citation by name, linked to where its text
    /// can be read (a file or a web page is a location, never the source's name; `address` says where).
    static func assumptionTable(_ assumptions: [Assumption], address: (String) -> String? = { address(of: $0) }) -> String {
        func e(_ s: String) -> String { text(s) }
        var t = "<table class=\"small\"><thead><tr>"
            + ["Parameter", "Value", "Unit", "What it is", "Source", "Set by"].map { "<th>\($0)</th>" }.joined()
            + "</tr></thead><tbody>\n"
        for a in assumptions {
            var source = e(a.source)
            if let c = a.citation {
                source += " — " + (a.citationLocation.flatMap(address).map { "<a href=\"\(e($0))\">\(e(c))</a>" } ?? e(c))
            }
            t += "<tr>" + [e(a.keyPath), e(a.value), e(a.unit), e(a.description), source, e(a.layer)].map { "<td>\($0)</td>" }.joined()
                + "</tr>\n"
        }
        return t + "</tbody></table>\n"
    }

    static func markdown(title: String, headlines: [Headline], charts: [Chart], chartsFolder: String, comparison: Comparison?, gap: GapSection? = nil, indicators: [[String]],
                         indicatorYears: (first: String, last: String), changed: [Assumption], base: String, meta: [(String, String)]) -> String {
        func e(_ s: String) -> String { markdownText(s) }
        func cell(_ s: String) -> String { e(s).replacingOccurrences(of: "|", with: "\\|") }
        /// A table of cells already written as Markdown.
        func made(_ header: [String], _ rows: [[String]]) -> String {
            func line(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
            return line(header.map(cell)) + "\n|" + header.map { _ in "---|" }.joined() + "\n"
                + rows.map(line).joined(separator: "\n") + "\n"
        }
        func table(_ header: [String], _ rows: [[String]]) -> String { made(header, rows.map { $0.map(cell) }) }
        /// A citation linked where its text can be read: the name as text, the address in angle brackets (which
        /// take spaces and parentheses), without what would end them or the line.
        func cited(_ a: Assumption) -> String {
            guard let c = a.citation else { return "" }
            guard let address = a.citationLocation.flatMap({ address(of: $0) }) else { return " — " + cell(c) }
            let target = String(String.UnicodeScalarView(address.unicodeScalars.filter { !ScenarioProblem.breaksLine($0) }))
                .replacingOccurrences(of: "<", with: "%3C").replacingOccurrences(of: ">", with: "%3E")
                .replacingOccurrences(of: "|", with: "%7C")
            return " — [\(cell(c).replacingOccurrences(of: "]", with: "\\]"))](<\(target)>)"
        }
        var m = "# \(e(title))\n\n## Headlines\n\n" + headlines.map { $0.markdown(e) }.joined(separator: "\n") + "\n\n"
        m += Self.figuresNote + "\n\n"
        if let c = comparison {
            m += "## Savings\n\n" + table(["Scenario", "Year", "Net savings (80% range)", "Chance above zero", "Cumulative"], c.table()) + "\n"
        }
        if let gap { m += gap.markdown(table: { table($0, $1) }, escape: e) }
        m += "## Stability and sufficiency\n\n" + table(["Indicator", "\(indicatorYears.first) (90% range)", "\(indicatorYears.last) (90% range)", "Reference figures"], indicators) + "\n"
        // The files in code spans: the folder is the page's name (`--out DIR/a.html` gives `a-charts`), so a
        // backtick in it is given as a longer fence would need; file names have no line breaks to drop.
        func code(_ path: String) -> String { path.contains("`") ? "`` \(path) ``" : "`\(path)`" }
        m += "## Charts\n\n" + charts.map { "- \(e($0.title)): \(code("\(chartsFolder)/\($0.id).csv")), \(code("\(chartsFolder)/\($0.id).vl.json")). \(e($0.alt))" }.joined(separator: "\n") + "\n\n"
        m += "## What this scenario changes\n\n"
        m += changed.isEmpty ? "This is a baseline: every value comes from \(e(base)).\n\n"
            : made(["Parameter", "Value", "Unit", "What it is", "Source", "Set by"], changed.map { a in
                [cell(a.keyPath), cell(a.value), cell(a.unit), cell(a.description), cell(a.source) + cited(a), cell(a.layer)]
            }) + "\n"
        m += "## The run\n\n" + table(["", ""], meta.map { [$0.0, $0.1] })
        return m
    }

    /// The mark in a briefing's `<head>` by which `write` knows a page it may replace.
    static let generator = "<meta name=\"generator\" content=\"sufficiency report\">"

    /// The default page's charts folder, `charts`.
    public static let chartsFolder = "charts"

    /// The Markdown file and the charts folder beside the page `html`: `briefing.md` and `charts/` for the default
    /// `briefing.html`, `FILE.md` and `FILE-charts/` for `FILE.html`, so that two briefings written to one folder
    /// (a run's and a comparison's, or two comparisons') keep their own Markdown and charts rather than the second
    /// overwriting the first's and mixing its charts into the first's folder.
    public static func files(for html: URL) -> (markdown: URL, charts: URL) {
        let stem = html.deletingPathExtension().lastPathComponent
        let directory = html.deletingLastPathComponent()
        return (directory.appendingPathComponent(stem + ".md"),
                directory.appendingPathComponent(stem == "briefing" ? chartsFolder : stem + "-charts"))
    }

    /// Writes the HTML, its Markdown twin and the charts' CSV and Vega-Lite files beside it (`files(for:)`).
    ///
    /// Every path is checked first (`conflicts(writing:)`), so that a directory where a file would go, or a file
    /// where a directory would go, is a `ReportError` naming it, one line per conflict, before anything is written:
    /// failing after the charts were written would leave a briefing half-made. Files already there are replaced
    /// only when they are an earlier briefing's (`foreign`), so that writing a briefing again works, or with
    /// `replacing`; otherwise they are refused, one line each, so that nobody's own `briefing.md` or page is lost.
    public func write(to html: URL, replacing: Bool = false, others: [URL] = []) throws {
        let fm = FileManager.default
        let directory = html.deletingLastPathComponent()
        let (markdownURL, chartsDir) = Self.files(for: html)
        let folder = chartsDir.lastPathComponent
        let files = charts.flatMap { [(chartsDir.appendingPathComponent($0.id + ".csv"), $0.csv),
                                      (chartsDir.appendingPathComponent($0.id + ".vl.json"), $0.vegaLite)] }
            + [(markdownURL, markdown(chartsFolder: folder)), (html, self.html(chartsFolder: folder))]
        var problems = Self.conflicts(directories: [directory, chartsDir], files: files.map(\.0))
        if !replacing && problems.isEmpty {
            problems = Self.foreign(page: html, markdown: markdownURL, others: others)
        }
        guard problems.isEmpty else { throw ReportError(lines: problems) }
        try fm.createDirectory(at: chartsDir, withIntermediateDirectories: true)
        for (url, text) in files { try Data(text.utf8).write(to: url, options: .atomic) }
    }

    /// The files in the way that an earlier briefing did not write, one line each: a page without `generator` (or,
    /// written before the mark, without the briefing's headings), a `briefing.md` without the briefing's headings,
    /// `others` (the PDF) unless the page is a briefing's, and anything that is not a regular file (read, a named
    /// pipe would wait for ever for a writer). The charts' files are named after the charts in the page's own charts
    /// folder and are always the briefing's. Another page in the same folder has a Markdown file and charts folder
    /// of its own (`files(for:)`).
    static func foreign(page: URL, markdown: URL, others: [URL]) -> [String] {
        func regularFile(_ url: URL) -> Bool? {
            guard let type = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType else {
                return nil
            }
            return type == .typeRegular
        }
        /// Whether the start of the file (a briefing's marks are in its first 64 KB) holds every one of `marks`.
        func holds(_ url: URL, _ marks: [String]) -> Bool {
            guard let handle = FileHandle(forReadingAtPath: url.path) else { return false }
            defer { try? handle.close() }
            let text = String(decoding: (try? handle.read(upToCount: 65_536)) ?? Data(), as: UTF8.self)
            return marks.allSatisfy(text.contains)
        }
        var problems: [String] = []
        func refuse(_ url: URL, _ why: String) { problems.append("\(url.path): \(why); use --force to replace it") }
        func check(_ url: URL, ours: () -> Bool) {
            switch regularFile(url) {
            case nil: return
            case false?: refuse(url, "exists and is not a regular file")
            case true?: if !ours() { refuse(url, "exists and is not a briefing written by sufficiency report") }
            }
        }
        let pageIsOurs = regularFile(page) == true && (holds(page, [generator]) || holds(page, ["<h2>Headlines</h2>", "<h2>Charts</h2>"]))
        check(markdown) { holds(markdown, ["\n## Headlines\n", "\n## Stability and sufficiency\n"]) }
        check(page) { pageIsOurs }
        for other in others { check(other) { pageIsOurs } }
        return problems
    }

    /// What stands in the way of writing `files` into `directories` (made if missing): the directory, or its nearest
    /// existing ancestor, being a file or not writable; or a directory where a file goes.
    static func conflicts(directories: [URL], files: [URL]) -> [String] {
        let fm = FileManager.default
        func kind(_ url: URL) -> Bool? {
            var isDirectory: ObjCBool = false
            return fm.fileExists(atPath: url.path, isDirectory: &isDirectory) ? isDirectory.boolValue : nil
        }
        var problems: [String] = []
        for dir in directories {
            let (_, existing, isFile) = FileFailure.existingAncestor(of: dir)
            let problem = isFile ? "\(existing.path): is a file, where the briefing needs a directory"
                : fm.isWritableFile(atPath: existing.path) ? nil : "\(existing.path): the directory is not writable"
            if let problem, !problems.contains(problem) { problems.append(problem) }
        }
        for file in files where kind(file) == true {
            problems.append("\(file.path): is a directory, where the briefing would write a file")
        }
        return problems
    }
}
