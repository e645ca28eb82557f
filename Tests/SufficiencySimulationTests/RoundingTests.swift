@testable import SufficiencySimulation
import SufficiencyTestSupport
import XCTest

/// The engine's rounding without a call is `Int64(x.rounded())`, value for value.
final class RoundingTests: XCTestCase {
    func testRoundsAsRoundedDoesEverywhere() {
        var values: [Double] = [0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994,
                                4503599627370495.5, -4503599627370495.5, 0x1p52, 0x1p52 + 1, 0x1p53 + 2, -0x1p53,
                                9.2e18, -9.2e18, .leastNonzeroMagnitude, 1 - 0x1p-53, 1e6 / 7, 3_500 / 7 * 1e6]
        // Halves and their neighbours over many magnitudes, and random prices in micro-pounds per day.
        for k in stride(from: -1_000, through: 1_000, by: 1) {
            let half = Double(k) + 0.5
            values += [half, half.nextUp, half.nextDown]
        }
        for e in 0..<62 {
            let x = Double(1 << e) + 0.5
            values += [x, x.nextUp, x.nextDown, -x]
        }
        var rng = TestRNG(state: 12)
        for _ in 0..<100_000 { values.append(Double.random(in: 0...10_000, using: &rng) / 7 * 1e6) }
        for x in values {
            XCTAssertEqual(roundedToInteger(x), Int64(x.rounded()), "\(x)")
        }
    }
}
