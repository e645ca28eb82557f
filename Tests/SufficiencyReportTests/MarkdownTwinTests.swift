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

    /// A headline opens with a scenario's name, so a name that opens a block made the bullet a heading or a list.
    func testWhatWouldOpenABlockAtTheStartIsEscapedAndNumbersAreNot() {
        XCTAssertEqual(Briefing.markdownText("# plan"), "\\# plan")
        XCTAssertEqual(Briefing.markdownText("> plan"), "\\> plan")
        XCTAssertEqual(Briefing.markdownText("- plan"), "\\- plan")
        XCTAssertEqual(Briefing.markdownText("---"), "\\---")
        XCTAssertEqual(Briefing.markdownText("12. plan"), "12\\. plan")
        XCTAssertEqual(Briefing.markdownText("~~b~~ _u_ x_y 5_000"), "\\~\\~b\\~\\~ \\_u\\_ x_y 5_000")
        for own in ["6.3", "-5", "2017-18", "#3 of 4", "1.5 children", "+2"] { XCTAssertEqual(Briefing.markdownText(own), own) }
    }

    /// A citation's address is a web page or a file: `javascript:` was linked (in the page too).
    func testOnlyWebAndFileAddressesAreLinked() {
        XCTAssertNil(Briefing.address(of: "javascript:alert(document.domain)//://x"))
        XCTAssertEqual(Briefing.address(of: "https://www.gov.uk/x"), "https://www.gov.uk/x")
        XCTAssertEqual(Briefing.address(of: "HTTP://example.org/"), "HTTP://example.org/")
    }

    func testAHeadlineAndItsItemsAreEscapedAsTheyAreInTheHTML() {
        let h = Headline("Under <b>plan</b>:", items: ["x = [1, 2]", "two\nlines"])
        XCTAssertEqual(h.markdown(Briefing.markdownText), "- Under \\<b>plan\\</b>:\n    1. x = \\[1, 2]\n    2. two lines")
    }

    /// A citation's link in "What this scenario changes": its name as escaped text, its address in angle brackets
    /// (which take spaces and parentheses) without what would end them, the table cell or the line.
    func testACitationsLinkKeepsItsTableRowWhole() {
        let a = Assumption(keyPath: "uasc.annual_rate", value: "26", unit: "children per year", description: "Arrivals",
                           source: "a | source", citation: "Title [x] (P, 2017)", citationLocation: "https://example.org/a b|c>(d)\n",
                           layer: "plan.yaml")
        let md = Briefing.markdown(title: "t", headlines: [], charts: [], chartsFolder: "charts", comparison: nil, indicators: [],
                                   indicatorYears: ("2017-18", "2018-19"), changed: [a], base: "b", meta: [])
        XCTAssertTrue(md.contains("| uasc.annual_rate | 26 | children per year | Arrivals | a \\| source — "
            + "[Title \\[x\\] (P, 2017)](<https://example.org/a b%7Cc%3E(d)>) | plan.yaml |\n"), md)
    }
}
