import ArgumentParser
import Foundation
import SufficiencyModel
import SufficiencyReport

/// `sufficiency report`: a committee briefing from a run or comparison directory.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a committee briefing (one self-contained HTML page) from a run or comparison directory.",
        discussion: """
            Writes FILE.html (default: briefing.html in the directory), FILE.md beside it, and for each chart its data \
            (FILE-charts/<chart>.csv) and a Vega-Lite spec (FILE-charts/<chart>.vl.json); for the default \
            briefing.html, briefing.md and charts/. With --pdf, prints the page to \
            PDF with headless Chromium (Debian: apt-get install chromium). An earlier briefing's files are replaced; \
            any other file in the way is refused unless --force.
            """
    )

    @Argument(help: "A run directory (from `run`) or a comparison directory (from `compare`).")
    var directory: String

    @Option(name: .long, help: "The HTML file to write (default: <directory>/briefing.html).")
    var out: String?

    @Option(name: .long, help: "The briefing's title.")
    var title: String?

    @Flag(name: .long, help: "Also print the briefing to PDF (beside the HTML) with headless Chromium.")
    var pdf = false

    @Flag(name: .long, help: "Replace files in the way that an earlier briefing did not write.")
    var force = false

    func run() throws {
        let dir = try existingDirectory(directory)
        let html = URL(fileURLWithPath: out ?? dir.appendingPathComponent("briefing.html").path)
        guard html.pathExtension == "html" else { throw InputError("\(html.path): --out must end in .html") }
        // Find Chromium before doing any work, so a missing browser leaves nothing half-made.
        let browser = pdf ? try Chromium.locate() : nil
        let briefing: Briefing
        do {
            briefing = try Briefing(directory: dir, title: title)
        } catch let error as ReportError {
            throw InputError(error.lines)
        } catch {
            throw InputError("\(directory): cannot read the run: \(FileFailure.reason(reading: error))")
        }
        do {
            try briefing.write(to: html, replacing: force, others: pdf ? [Self.pdfURL(html)] : [])
        } catch let error as ReportError {
            throw InputError(error.lines)
        } catch {
            throw InputError("\(html.path): cannot write the briefing: \(FileFailure.reason(error, writing: html))")
        }
        let (markdown, charts) = Briefing.files(for: html)
        print("wrote \(html.path), \(markdown.lastPathComponent) and \(briefing.charts.count) charts (CSV and Vega-Lite) "
            + "in \(charts.lastPathComponent)/")
        if let browser {
            let pdfURL = Self.pdfURL(html)
            try Chromium.printToPDF(browser: browser, html: html, pdf: pdfURL)
            print("wrote \(pdfURL.path)")
        }
    }
}

extension ReportCommand {
    /// The PDF printed beside the page: FILE.pdf for FILE.html.
    static func pdfURL(_ html: URL) -> URL { html.deletingPathExtension().appendingPathExtension("pdf") }
}

/// Headless Chromium, for printing a briefing to PDF and rendering it to PNG.
enum Chromium {
    static let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// The browser on PATH, or an input error saying how to install it.
    static func locate() throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            for name in names {
                let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        throw InputError("--pdf needs headless Chromium, which is not installed: on Debian run "
            + "`apt-get install -y chromium` (as root), then run this command again")
    }

    static func printToPDF(browser: URL, html: URL, pdf: URL) throws {
        let p = Process()
        p.executableURL = browser
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                       "--print-to-pdf=\(pdf.path)", html.absoluteURL.absoluteString]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0, FileManager.default.fileExists(atPath: pdf.path) else {
            throw InputError("\(browser.path) could not print \(html.path) to PDF (exit \(p.terminationStatus))")
        }
    }
}
