import Foundation
import SufficiencyModel
@testable import SufficiencySimulation
import XCTest

final class OutputTests: XCTestCase {
    func testSHA256MatchesTheFIPSTestVectors() {
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex([UInt8]()),
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testFixedFormattingRoundsHalfAwayFromZeroWithoutExponents() {
        XCTAssertEqual(Format.fixed(2.345, 2), "2.35")
        XCTAssertEqual(Format.fixed(-2.5, 0), "-3")
        XCTAssertEqual(Format.fixed(-0.0001, 2), "0.00")
        XCTAssertEqual(Format.fixed(1234567.891, 2), "1234567.89")
        XCTAssertEqual(Format.fixed(0.05, 4), "0.0500")
        XCTAssertEqual(Format.fixed(.nan, 2), "NA")
    }

    func testSummaryQuantilesInterpolateBetweenOrderStatistics() {
        let s = Summary((1...101).map(Double.init).reversed())
        XCTAssertEqual(s.mean, 51)
        XCTAssertEqual(s.p50, 51)
        XCTAssertEqual(s.p05, 6)
        XCTAssertEqual(s.p95, 96)
        XCTAssertEqual(s.quantile(0.25), 26)
        XCTAssertEqual(s.sd, (Double(101 * 102) / 12).squareRoot(), accuracy: 1e-9)
        let two = Summary([0, 10])
        XCTAssertEqual(two.quantile(0.10), 1, accuracy: 1e-12)
        XCTAssertEqual(Summary([4]).sd, 0)
    }

    func testLargestRemainderGivesExactTotals() {
        XCTAssertEqual(largestRemainder(total: 363, shares: [0.48, 0.27, 0.05, 0.11, 0.01, 0.06, 0.01, 0.01, 0, 0]).reduce(0, +), 363)
        XCTAssertEqual(largestRemainder(total: 10, shares: [0.5, 0.5]), [5, 5])
        XCTAssertEqual(largestRemainder(total: 3, shares: [1, 1, 1, 1]).reduce(0, +), 3)
    }
}
