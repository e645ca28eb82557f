import CGSL
import Foundation
@testable import SufficiencyModel
@testable import SufficiencySimulation
import SufficiencyTestSupport
import XCTest

/// The parallel output phase against the serial GSL one it replaces: the same text, byte for byte.
final class OutputPhaseTests: XCTestCase {
    // MARK: Reference: the serial output phase as it was (GSL `Summary` per column, `String` concatenation)

    enum Serial {
        /// "2017-18,365": the year and the days simulated in it, counted from its first and last days.
        static func year(_ result: RunResult, _ y: Int) -> String {
            let year = result.model.simulatedYears[y]
            return year.year.label + "," + String(year.last.dayNumber - year.first.dayNumber + 1)
        }

        static func annualCSV(_ result: RunResult) -> String {
            var out = "replication,year,days," + AnnualMetric.allCases.map(\.label).joined(separator: ",") + "\n"
            for r in 0..<result.replications {
                for y in result.years.indices {
                    out += String(r + 1) + "," + Serial.year(result, y)
                    for metric in AnnualMetric.allCases {
                        let x = result.value(metric, year: y, replication: r)
                        out += "," + (metric.isCount ? Format.fixed(x, 0) : Format.fixed(x, metric.isMoney ? 2 : 4))
                    }
                    out += "\n"
                }
            }
            return out
        }

        static func summaryCSV(_ result: RunResult) -> String {
            var out = "metric,year,days,mean,sd," + Summary.levelLabels.joined(separator: ",") + "\n"
            for metric in AnnualMetric.allCases {
                let decimals = metric.isMoney ? 2 : 4
                for y in result.years.indices {
                    let s = Summary(result.values(metric, year: y))
                    out += metric.label + "," + Serial.year(result, y) + "," + Format.fixed(s.mean, decimals) + ","
                        + Format.fixed(s.sd, decimals) + ","
                        + s.quantiles.map { Format.fixed($0, decimals) }.joined(separator: ",") + "\n"
                }
            }
            return out
        }

        static func monthlyCSV(_ result: RunResult) -> String {
            var out = "month,placement,mean,p05,p25,p50,p75,p95\n"
            for (m, label) in result.monthLabels.enumerated() {
                for (k, series) in MonthlySeries.labels.enumerated() {
                    let s = Summary(result.monthlyValues(series: k, month: m))
                    out += label + "," + series + "," + Format.fixed(s.mean, 4)
                    for level in [0.05, 0.25, 0.5, 0.75, 0.95] { out += "," + Format.fixed(s.quantile(level), 4) }
                    out += "\n"
                }
            }
            return out
        }

        static func requestsCSV(_ result: RunResult) -> String {
            var out = "year,days,measure,mean,p05,p50,p95\n"
            for y in result.years.indices {
                for (k, label) in RequestTally.labels.enumerated() {
                    let s = Summary(result.requestValues(column: k, year: y))
                    out += Serial.year(result, y) + "," + label + "," + Format.fixed(s.mean, 4) + "," + Format.fixed(s.p05, 4) + ","
                        + Format.fixed(s.p50, 4) + "," + Format.fixed(s.p95, 4) + "\n"
                }
            }
            return out
        }

        static func cells(_ s: CellSummary) -> String {
            Format.fixed(s.mean, 4) + "," + Format.fixed(s.p05, 4) + "," + Format.fixed(s.p50, 4) + ","
                + Format.fixed(s.p95, 4) + "\n"
        }

        static func sufficiencyCSV(_ result: RunResult) -> String {
            var out = "year,days,age_band,need_tier,group_size,measure,mean,p05,p50,p95\n"
            for y in result.years.indices {
                for age in AgeBand.allCases {
                    for need in NeedTier.allCases {
                        for group in GroupSize.allCases {
                            let segment = SufficiencyLayout.segment(age, need, group)
                            let prefix = Serial.year(result, y) + "," + age.label + "," + need.label + "," + group.label + ","
                            for m in SufficiencyMeasure.allCases {
                                out += prefix + m.label + "," + cells(result.sufficiency(year: y, segment: segment, m))
                            }
                        }
                    }
                }
            }
            return out
        }

        static func supplyCSV(_ result: RunResult) -> String {
            var out = "year,days,age_band,measure,mean,p05,p50,p95\n"
            for y in result.years.indices {
                for age in AgeBand.allCases {
                    for m in SupplyMeasure.allCases {
                        out += Serial.year(result, y) + "," + age.label + "," + m.label + "," + cells(result.supply(year: y, age, m))
                    }
                }
            }
            return out
        }
    }

    /// GSL's own sort, as `Summary` sorted before.
    func gslSorted(_ values: [Double]) -> [Double] {
        var copy = values
        copy.withUnsafeMutableBufferPointer { if let p = $0.baseAddress { gsl_sort(p, 1, $0.count) } }
        return copy
    }

    func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }

    /// Columns of every kind the run files hold and some they might: counts with ties, negative whole numbers,
    /// wide whole-number ranges, money, percentages, far outliers, constants, and the smallest sizes.
    func columns(_ rng: inout TestRNG) -> [[Double]] {
        var out: [[Double]] = []
        for n in [1, 2, 3, 4, 5, 7, 32, 47, 48, 49, 100, 997, 2000, 10_000] {
            out.append((0..<n).map { _ in Double(Int.random(in: 0...3, using: &rng)) })
            out.append((0..<n).map { _ in Double(Int.random(in: -40...400, using: &rng)) })
            out.append((0..<n).map { _ in Double(Int.random(in: -3_000_000...3_000_000, using: &rng)) })
            out.append((0..<n).map { _ in (Double.random(in: 0...5e7, using: &rng) * 100).rounded() / 100 })
            out.append((0..<n).map { _ in Double.random(in: -1e6...1e6, using: &rng) })
            out.append((0..<n).map { _ in 100 * Double(Int.random(in: 0...37, using: &rng)) / 37 })
            out.append((0..<n).map { _ in Double.random(in: 0...1, using: &rng) < 0.97 ? 0 : Double.random(in: 1e5...1e9, using: &rng) })
            out.append((0..<n).map { _ in Double.random(in: 0...1, using: &rng) < 0.5 ? 7 : 7.25 })
            out.append([Double](repeating: 12.5, count: n))
            out.append((0..<n).map { i in i == 0 ? 1e12 : Double.random(in: 0...1, using: &rng) })
        }
        // Means that are exactly a half in the last printed digit: 1/32 = 0.03125 (four decimals), 0.5 (none).
        out.append([1] + [Double](repeating: 0, count: 31))
        out.append([1, 0])
        out.append([0.125, 0, 0, 0, 0, 0, 0, 0] + [Double](repeating: 0, count: 24))
        out.append([-1, 0])
        return out
    }

    // MARK: Formatting

    func testByteTextPrintsExactlyAsFormatFixed() {
        var rng = TestRNG(state: 11)
        var values: [Double] = [0, -0.0, 0.5, 1.5, 2.5, -2.5, 2.345, -0.0001, 0.00005, 0.00004999, 1234567.891, 0.05,
                                9e18, 8.999999999999999e18, 9.5e18, 1e19, -1e20, 1e300, -1e-300, .nan, .infinity,
                                -.infinity, 123.45, 0.125, 99.995, 99.994999, 1e15 + 0.5, 4503599627370497]
        for _ in 0..<20_000 {
            let magnitude = pow(10, Double.random(in: -6...13, using: &rng))
            values.append(Double.random(in: -magnitude...magnitude, using: &rng))
            values.append(Double(Int.random(in: -1000...100_000, using: &rng)) / [1, 2, 4, 8, 100, 1000].randomElement(using: &rng)!)
        }
        for decimals in 0...6 {
            let text = ByteText(capacity: 16)
            var expected = ""
            for x in values {
                text.appendFixed(x, decimals)
                text.append(byte: 10)
                expected += Format.fixed(x, decimals) + "\n"
            }
            XCTAssertEqual(text.string, expected, "decimals \(decimals)")
        }
        let counts = ByteText()
        for n: UInt64 in [0, 9, 10, 99, 100, 12_345, 1 << 53, UInt64.max] { counts.append(n) }
        XCTAssertEqual(counts.string, "09109910012345" + String(UInt64(1) << 53) + String(UInt64.max))
    }

    // MARK: Sorting

    func testDoubleSortGivesGSLsSortedArray() {
        var rng = TestRNG(state: 3)
        var rows = columns(&rng)
        rows.append([3, .nan, 1, 2])
        rows.append((0..<100).map { _ in Double.random(in: -1...1, using: &rng) < 0 ? -0.0 : 0.0 })
        rows.append((0..<300).map { _ in [-.infinity, .infinity, -1e308, 1e308, 0][Int.random(in: 0...4, using: &rng)] })
        for row in rows {
            var ours = row
            ours.withUnsafeMutableBufferPointer { DoubleSort.sort($0) }
            let gsl = gslSorted(row)
            if row.contains(where: \.isNaN) {
                XCTAssertEqual(bits(ours), bits(gsl), "with a NaN, GSL sorts")
            } else {
                XCTAssertEqual(ours, gsl) // -0.0 == 0.0: the only bits that may differ
                XCTAssertEqual(bits(ours.map { $0 == 0 ? 0 : $0 }), bits(gsl.map { $0 == 0 ? 0 : $0 }))
            }
        }
    }

    // MARK: Summaries

    func assertPrintsAlike(_ ours: PrintedSummary, _ gsl: Summary, decimals: Int, sd: Bool, _ label: String,
                           file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(Format.fixed(ours.mean, decimals), Format.fixed(gsl.mean, decimals), "mean, \(label)",
                       file: file, line: line)
        if sd {
            XCTAssertEqual(Format.fixed(ours.sd, decimals), Format.fixed(gsl.sd, decimals), "sd, \(label)",
                           file: file, line: line)
        }
        XCTAssertEqual(bits(ours.quantiles), bits(gsl.quantiles), "quantiles, \(label)", file: file, line: line)
    }

    func testColumnSummariesPrintAsGSLsOnRandomAndWholeNumberData() {
        var rng = TestRNG(state: 5)
        let data = columns(&rng)
        let summarizer = ColumnSummarizer(capacity: 10_000)
        for (k, column) in data.enumerated() {
            let gsl = Summary(column)
            for decimals in [0, 1, 2, 4] {
                let ours = column.withUnsafeBufferPointer { summarizer.summarize($0, decimals: decimals, sd: true) }
                assertPrintsAlike(ours, gsl, decimals: decimals, sd: true, "column \(k) (n = \(column.count))")
            }
            // Whole numbers held as 32-bit integers (the monthly stocks) give the same.
            if column.allSatisfy({ $0 == $0.rounded() && abs($0) < 2e9 }) {
                let ints = column.map { Int32($0) }
                let ours = ints.withUnsafeBufferPointer { summarizer.summarize($0, decimals: 4, sd: true) }
                assertPrintsAlike(ours, gsl, decimals: 4, sd: true, "Int32 column \(k)")
                // And counted by a month-end stock histogram (in a window, or kept when spread too wide).
                var stocks = StockHistograms(columns: 1)
                ints.withUnsafeBufferPointer { stocks.fold($0.baseAddress!, count: $0.count) }
                assertPrintsAlike(stocks.summary(0, summarizer, decimals: 4, sd: true), gsl, decimals: 4, sd: true,
                                  "counted column \(k)")
            }
        }
    }

    /// Many small samples, whose means and sds fall on or near a rounding boundary far more often than large
    /// ones: GSL's values are taken there, and what is printed stays the same.
    func testColumnSummariesNearRoundingBoundaries() {
        var rng = TestRNG(state: 8)
        let summarizer = ColumnSummarizer(capacity: 64)
        for trial in 0..<20_000 {
            let n = Int.random(in: 2...64, using: &rng)
            let column: [Double]
            switch trial % 3 {
            case 0: column = (0..<n).map { _ in Double(Int.random(in: 0...9, using: &rng)) }
            case 1: column = (0..<n).map { _ in Double(Int.random(in: -20...20, using: &rng)) / 8 }
            default: column = (0..<n).map { _ in Double(Int.random(in: 0...1000, using: &rng)) / 100 }
            }
            let gsl = Summary(column)
            for decimals in [0, 1, 2, 4] {
                let ours = column.withUnsafeBufferPointer { summarizer.summarize($0, decimals: decimals, sd: true) }
                assertPrintsAlike(ours, gsl, decimals: decimals, sd: true, "trial \(trial): \(column)")
            }
        }
    }

    /// The check that lets an estimate stand: refused on a rounding boundary, or within the error of one.
    func testEstimatesOnOrNearARoundingBoundaryAreRefused() {
        XCTAssertFalse(ColumnSummarizer.printsAlike(0.03125, error: 0, decimals: 4), "1/32 to four decimals")
        XCTAssertFalse(ColumnSummarizer.printsAlike(0.5, error: 0, decimals: 0))
        XCTAssertFalse(ColumnSummarizer.printsAlike(-2.5, error: 0, decimals: 0))
        XCTAssertFalse(ColumnSummarizer.printsAlike(0.03124999, error: 1e-7, decimals: 4))
        XCTAssertFalse(ColumnSummarizer.printsAlike(1e16, error: 0, decimals: 2), "beyond exact scaled values")
        XCTAssertFalse(ColumnSummarizer.printsAlike(1, error: .infinity, decimals: 2))
        XCTAssertTrue(ColumnSummarizer.printsAlike(0.0312, error: 1e-12, decimals: 4))
        XCTAssertTrue(ColumnSummarizer.printsAlike(-1234.56, error: 1e-9, decimals: 2))
    }

    func testCountedQuantilesAreGSLsOnTheSortedData() {
        var rng = TestRNG(state: 21)
        let summarizer = ColumnSummarizer(capacity: 10_000)
        for n in [1, 2, 3, 10, 101, 1000, 9999, 10_000] {
            for range in [1, 5, 300, 70_000] {
                let column = (0..<n).map { _ in Double(Int.random(in: -range...range, using: &rng)) }
                let sorted = gslSorted(column)
                let expected = Summary.levels.map { gsl_stats_quantile_from_sorted_data(sorted, 1, n, $0) }
                let ours = column.withUnsafeBufferPointer { summarizer.summarize($0, decimals: 4, sd: false) }
                XCTAssertEqual(bits(ours.quantiles), bits(expected), "n = \(n), range ±\(range)")
            }
        }
    }

    func testSelectedQuantilesAreGSLsOnTheSortedData() {
        var rng = TestRNG(state: 34)
        let summarizer = ColumnSummarizer(capacity: 10_000)
        var selected = 0
        for n in [2, 3, 10, 101, 1000, 9999, 10_000] {
            for kind in 0..<4 {
                let column: [Double] = (0..<n).map { _ in
                    switch kind {
                    case 0: return Double.random(in: 0...1, using: &rng)
                    case 1: return exp(Double.random(in: -5...15, using: &rng))
                    case 2: return (Double.random(in: -1e7...1e7, using: &rng) * 100).rounded() / 100
                    default: return Double(Int.random(in: 0...3, using: &rng)) + 0.5
                    }
                }
                let sorted = gslSorted(column)
                let expected = Summary.levels.map { gsl_stats_quantile_from_sorted_data(sorted, 1, n, $0) }
                let found = column.withUnsafeBufferPointer {
                    summarizer.selectQuantiles($0.baseAddress!, n, lo: sorted.first!, hi: sorted.last!)
                }
                if let found {
                    selected += 1
                    XCTAssertEqual(bits(found), bits(expected), "n = \(n), kind \(kind)")
                }
                let ours = column.withUnsafeBufferPointer { summarizer.summarize($0, decimals: 2, sd: true) }
                XCTAssertEqual(bits(ours.quantiles), bits(expected), "n = \(n), kind \(kind)")
            }
        }
        XCTAssertGreaterThan(selected, 15, "most columns are selected, not sorted")
    }

    func testNonFiniteColumnsAreSummarisedByGSLAsBefore() {
        let summarizer = ColumnSummarizer(capacity: 8)
        for column: [Double] in [[1, .nan, 3], [.infinity, 1, 2], [-.infinity, .infinity], []] {
            let gsl = Summary(column)
            let ours = column.withUnsafeBufferPointer { summarizer.summarize($0, decimals: 4, sd: true) }
            XCTAssertEqual(Format.fixed(ours.mean, 4), Format.fixed(gsl.mean, 4))
            XCTAssertEqual(Format.fixed(ours.sd, 4), Format.fixed(gsl.sd, 4))
            XCTAssertEqual(ours.quantiles.map { Format.fixed($0, 4) }, gsl.quantiles.map { Format.fixed($0, 4) })
        }
    }

    /// The parallel table holds, column by column, what one summariser gives serially: nothing depends on which
    /// worker took which columns.
    func testSummaryTableEqualsSerialSummariesColumnByColumn() {
        var rng = TestRNG(state: 55)
        let n = 333, columns = 150
        let doubles = (0..<n * columns).map { i in
            i % 3 == 0 ? Double(Int.random(in: 0...50, using: &rng)) : Double.random(in: -1e5...1e5, using: &rng)
        }
        let ints = (0..<n * columns).map { _ in Int32.random(in: -5...200, using: &rng) }
        let decimals: @Sendable (Int) -> Int = { [0, 2, 4][$0 % 3] }
        let table = doubles.withUnsafeBufferPointer {
            SummaryTable($0, replications: n, columns: columns, decimals: decimals, sd: true)
        }
        let intTable = ints.withUnsafeBufferPointer {
            SummaryTable($0, replications: n, columns: columns, decimals: decimals, sd: false)
        }
        let summarizer = ColumnSummarizer(capacity: n)
        for c in 0..<columns {
            let column = (0..<n).map { doubles[$0 * columns + c] }
            let serial = column.withUnsafeBufferPointer { summarizer.summarize($0, decimals: decimals(c), sd: true) }
            XCTAssertEqual(bits([table[c].mean, table[c].sd] + table[c].quantiles),
                           bits([serial.mean, serial.sd] + serial.quantiles), "column \(c)")
            assertPrintsAlike(table[c], Summary(column), decimals: decimals(c), sd: true, "column \(c)")
            let intColumn = (0..<n).map { ints[$0 * columns + c] }
            let intSerial = intColumn.withUnsafeBufferPointer { summarizer.summarize($0, decimals: decimals(c), sd: false) }
            XCTAssertEqual(bits([intTable[c].mean] + intTable[c].quantiles), bits([intSerial.mean] + intSerial.quantiles))
            assertPrintsAlike(intTable[c], Summary(intColumn.map(Double.init)), decimals: decimals(c), sd: false, "Int32 column \(c)")
        }
        let empty = [Double]().withUnsafeBufferPointer {
            SummaryTable($0, replications: 0, columns: 3, decimals: { _ in 4 }, sd: true)
        }
        XCTAssertEqual(Format.fixed(empty[2].mean, 4), "NA")
    }

    // MARK: Run files

    /// Every file of a run, as the serial output phase wrote it, for one and for three simulation threads.
    func testRunFilesAreByteIdenticalToTheSerialOutputPhase() {
        let s = TestScenarios.baseline()
        for (replications, threads) in [(1, 1), (2, 2), (61, 3), (260, 2)] {
            let result = TestScenarios.run(s, years: 2, replications: replications, threads: threads)
            let label = "\(replications) replications, \(threads) threads"
            XCTAssertEqual(RunWriter.annualCSV(result), Serial.annualCSV(result), label)
            XCTAssertEqual(RunWriter.summaryCSV(result), Serial.summaryCSV(result), label)
            XCTAssertEqual(RunWriter.monthlyCSV(result), Serial.monthlyCSV(result), label)
            XCTAssertEqual(RunWriter.requestsCSV(result), Serial.requestsCSV(result), label)
            XCTAssertEqual(RunWriter.sufficiencyCSV(result), Serial.sufficiencyCSV(result), label)
            XCTAssertEqual(RunWriter.supplyCSV(result), Serial.supplyCSV(result), label)
        }
    }

    /// The files as written to disk are the texts built.
    func testWrittenRunFilesHoldTheTexts() throws {
        let result = TestScenarios.run(TestScenarios.baseline(), years: 1, replications: 300, threads: 2)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("output-phase-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = RunManifest(toolVersion: "test", scenarioName: "s", scenarioOrigin: "o", resolvedYAML: "a: 1\n",
                                   seed: 1, replications: 300, years: 1, threads: 2, startTime: Date(), wallSeconds: 0)
        try RunWriter.writeRunFiles(result, manifest: manifest, into: dir)
        func read(_ name: String) throws -> String {
            try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
        }
        XCTAssertEqual(try read("annual.csv"), Serial.annualCSV(result))
        XCTAssertEqual(try read("summary.csv"), Serial.summaryCSV(result))
        XCTAssertEqual(try read("monthly.csv"), Serial.monthlyCSV(result))
        XCTAssertEqual(try read("requests.csv"), Serial.requestsCSV(result))
        XCTAssertEqual(try read("sufficiency.csv"), Serial.sufficiencyCSV(result))
        XCTAssertEqual(try read("supply.csv"), Serial.supplyCSV(result))
        XCTAssertEqual(try read("scenario.resolved.yaml"), "a: 1\n")
        // annual.csv written a chunk of replications at a time, on one worker.
        try ParallelWork.$workerLimit.withValue(1) {
            try RunWriter.writeAnnual(result, to: dir.appendingPathComponent("annual-by-chunk.csv"), batch: 1)
        }
        XCTAssertEqual(try read("annual-by-chunk.csv"), Serial.annualCSV(result))
    }
}
