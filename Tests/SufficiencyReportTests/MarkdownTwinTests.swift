@testable import SufficiencyReport
import XCTest

/// The briefing's Markdown twin carries text from whoever wrote a scenario or ran the command (names, values,
/// units, sources, paths). A third fuzz audit found it went through as Markdown: raw HTML, links, and line breaks
/// that ended a table row or started a heading. Only the HTML page escaped it.
final class MarkdownTwinTests: XCTestCase {
    func testMarkupIsEscapedAndLineBreaksBecomeSpaces() {
        XCTAssertEqual(Briefing.markdownText("*b* <img src=x onerror=alert(1)> [l](javascript:x) `c` a\\b"),
                       #"\*b\* \<img src=x onerror=alert(1)> \[l](javascript:x) \`c\` a\\b"#)
        XCTAssertEqual(Briefing.markdownText("per cent\n- bullet\r\n# Heading\u{2028}x"), "per cent - bullet  # Heading x")
        // Key paths and the briefing's own words are left as they are.
        XCTAssertEqual(Briefing.markdownText("uasc.annual_rate = 40 (children per year), 90% range £1.2m–£3.4m"),
                       "uasc.annual_rate = 40 (children per year), 90% range £1.2m–£3.4m")
    }

    func testAHeadlineAndItsItemsAreEscapedAsTheyAreInTheHTML() {
        let h = Headline("Under <b>plan</b>:", items: ["x = [1, 2]", "two\nlines"])
        XCTAssertEqual(h.markdown(Briefing.markdownText), "- Under \\<b>plan\\</b>:\n    1. x = \\[1, 2]\n    2. two lines")
    }
}
