import SufficiencyModel
@testable import SufficiencySimulation
import SufficiencyTestSupport
import XCTest

/// The month-end stocks' distributions (`StockHistograms`): what is counted is exactly the values folded in,
/// however they were batched, split between workers and merged, and their summaries are the values' own.
final class StockHistogramsTests: XCTestCase {
    /// Rows of three columns: a narrow stock, a drifting one whose window has to widen both ways, and one that
    /// spreads wider than a window may (so it keeps its values).
    func rows(_ n: Int, _ rng: inout TestRNG) -> [Int32] {
        (0..<n).flatMap { r -> [Int32] in
            [Int32.random(in: 300...340, using: &rng),
             Int32(r % 2 == 0 ? 1_000 + r : 1_000 - r),
             r == n / 2 ? 5_000_000 : Int32.random(in: 0...9, using: &rng)]
        }
    }

    func histogram(_ rows: ArraySlice<Int32>, batch: Int) -> StockHistograms {
        var h = StockHistograms(columns: 3)
        let all = Array(rows)
        var first = 0
        while first < all.count / 3 {
            let count = min(batch, all.count / 3 - first)
            all.withUnsafeBufferPointer { h.fold($0.baseAddress! + 3 * first, count: count) }
            first += count
        }
        return h
    }

    func testCountsAreTheValuesFoldedInWhateverTheBatchesAndMergeOrder() {
        var rng = TestRNG(state: 3)
        let n = 1_000
        let data = rows(n, &rng)
        let expected = (0..<3).map { c in stride(from: c, to: data.count, by: 3).map { Int(data[$0]) }.sorted() }
        let whole = histogram(data[...], batch: 64)
        XCTAssertEqual(whole.replications, n)
        for c in 0..<3 { XCTAssertEqual(whole.values(c), expected[c], "column \(c)") }

        // Three workers' shares (the middle one holds the far value), merged in two orders, batches of 1 and 7.
        let a = histogram(data[0..<900], batch: 1), b = histogram(data[900..<2_100], batch: 7)
        let c = histogram(data[2_100...], batch: 64)
        var abc = StockHistograms(columns: 3), cba = StockHistograms(columns: 3)
        for h in [a, b, c] { abc.merge(h) }
        for h in [c, b, a] { cba.merge(h) }
        XCTAssertEqual(abc.replications, n)
        for k in 0..<3 {
            XCTAssertEqual(abc.values(k), expected[k], "column \(k), merged")
            XCTAssertEqual(cba.values(k), expected[k], "column \(k), merged the other way")
        }
        XCTAssertEqual(abc, whole)
        XCTAssertEqual(cba, whole)

        // A different value makes a different distribution.
        var other = data
        other[0] += 1
        XCTAssertNotEqual(histogram(other[...], batch: 64), whole)
    }

    func testSummariesAreThoseOfTheValues() {
        var rng = TestRNG(state: 9)
        let data = rows(2_000, &rng)
        let h = histogram(data[...], batch: 64)
        let summarizer = ColumnSummarizer(capacity: 2_000)
        for c in 0..<3 {
            let column = stride(from: c, to: data.count, by: 3).map { data[$0] }
            let values = column.withUnsafeBufferPointer { summarizer.summarize($0, decimals: 4, sd: true) }
            let counted = h.summary(c, summarizer, decimals: 4, sd: true)
            XCTAssertEqual(Format.fixed(counted.mean, 4), Format.fixed(values.mean, 4), "mean, column \(c)")
            XCTAssertEqual(Format.fixed(counted.sd, 4), Format.fixed(values.sd, 4), "sd, column \(c)")
            XCTAssertEqual(counted.quantiles, values.quantiles, "quantiles, column \(c)")
        }
        // No replications: every summary is NaN, as GSL's of nothing.
        let none = StockHistograms(columns: 1).summary(0, summarizer, decimals: 4, sd: false)
        XCTAssertTrue(none.mean.isNaN)
        XCTAssertTrue(none.quantiles.allSatisfy(\.isNaN))
    }

    /// A run keeps the month-end stocks' distribution, and `monthlyValues` gives every replication's value of it.
    func testARunCountsEveryReplicationsMonthEnds() {
        let model = CompiledScenario(TestScenarios.baseline(), horizonYears: 1)
        let r = MonteCarlo.run(model, replications: 70, seed: 4, threads: 2)
        XCTAssertEqual(r.stocks.replications, 70)
        XCTAssertEqual(r.stocks.columns, model.monthEnds.count * MonthlySeries.count)
        for month in [0, model.monthEnds.count - 1] {
            let total = r.monthlyValues(series: MonthlySeries.childrenInCare, month: month)
            XCTAssertEqual(total.count, 70)
            XCTAssertEqual(total, total.sorted())
            // Children in care is the sum of the placement types: so are its mean and its extremes bounded by theirs.
            let types = (0..<PlacementType.count).map { r.monthlyValues(series: $0, month: month) }
            let sumOfMeans = types.map { $0.reduce(0, +) / 70 }.reduce(0, +)
            XCTAssertEqual(total.reduce(0, +) / 70, sumOfMeans, accuracy: 1e-9, "month \(month)")
            XCTAssertLessThanOrEqual(total.last!, types.map { $0.last! }.reduce(0, +))
            XCTAssertGreaterThan(total.first!, 100)
        }
    }
}
