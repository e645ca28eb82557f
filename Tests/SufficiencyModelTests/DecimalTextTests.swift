import SufficiencyModel
import XCTest

/// `DecimalText` is the one reader of numbers typed into scenarios and flags: decimal notation and YAML's digit
/// separator, nothing Swift's `Double` reads besides.
final class DecimalTextTests: XCTestCase {
    func testDecimalNotationIsReadAsSwiftReadsIt() {
        let cases: [(String, Double)] = [("363", 363), ("-0.5", -0.5), ("+2", 2), (".25", 0.25), ("4e1", 40),
                                         ("1.5E-3", 0.0015), ("0.70", 0.7), ("040", 40), ("1_122_000", 1_122_000),
                                         ("0.000_5", 0.0005)]
        for (text, value) in cases {
            XCTAssertEqual(DecimalText.number(text), value, text)
        }
    }

    func testOtherTextsSwiftReadsAsNumbersAreRefused() {
        for text in ["0x28", "0X28", "0x1p3", "inf", "-infinity", "nan", "snan", "Infinity"] {
            XCTAssertNotNil(Double(text), "\(text) is a number to Swift, so the case tests something")
            XCTAssertNil(DecimalText.number(text), text)
        }
    }

    func testTextThatIsNoNumberIsRefused() {
        for text in ["", "many", "1,000", " 40", "40 ", "1e", "--1", "0o50", "½", "4０"] {
            XCTAssertNil(DecimalText.number(text), text)
        }
    }
}
