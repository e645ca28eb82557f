import Foundation
import XCTest

/// What every command-line test file needs: a fresh working directory for each test, under a temporary base that
/// also holds the captured output and is removed afterwards, and the built binary run in it.
class CommandLineTestCase: XCTestCase {
    var base: URL!
    var work: URL!
    let fm = FileManager.default

    override func setUpWithError() throws {
        // The class name in the folder's says which tests left it, should one survive a crash.
        base = fm.temporaryDirectory.appendingPathComponent("sufficiency-\(type(of: self))-\(UUID().uuidString)")
        work = base.appendingPathComponent("work")
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let base { try? fm.removeItem(at: base) }
    }

    /// Runs the binary with `arguments` in the test's working directory, with `environment` added to the test's own.
    func sufficiency(_ arguments: [String], environment: [String: String] = [:],
                     file: StaticString = #filePath, line: UInt = #line) throws -> CommandLineTests.Result {
        try CommandLineTests.sufficiency(arguments, in: work, scratch: base, environment: environment, file: file, line: line)
    }

    /// Whether a briefing page would fetch anything when opened or printed: a script, a stylesheet, an image or any
    /// other address on the network. A link to a cited publication (`<a href="https://...">`, Appendix B) is not
    /// fetched: it is followed only if the reader clicks it.
    func fetchesAnything(_ html: String) -> Bool {
        let clickable = html.replacingOccurrences(of: #"<a href="https?://[^"<>]*">"#, with: "<a>",
                                                  options: .regularExpression)
        return clickable.contains("http") || html.contains("src=") || html.contains("<script") || html.contains("<link")
    }
}
