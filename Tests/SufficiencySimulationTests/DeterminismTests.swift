import SufficiencyModel
@testable import SufficiencySimulation
import XCTest

/// Same seed, scenario and version give identical results whatever the thread count (model.md section 7).
final class DeterminismTests: XCTestCase {
    func testResultsAreIdenticalOnOneAndTwoThreads() {
        let model = CompiledScenario(TestScenarios.baseline(), horizonYears: 3)
        let one = MonteCarlo.run(model, replications: 24, seed: 99, threads: 1)
        let two = MonteCarlo.run(model, replications: 24, seed: 99, threads: 2)
        let five = MonteCarlo.run(model, replications: 24, seed: 99, threads: 5)
        XCTAssertEqual(one.annual, two.annual)
        XCTAssertEqual(one.stocks, two.stocks)
        XCTAssertEqual(one.stocks, five.stocks)
        XCTAssertEqual(one.requests, two.requests)
        XCTAssertEqual(one.annual, five.annual)
    }

    func testADifferentSeedGivesDifferentResults() {
        let model = CompiledScenario(TestScenarios.baseline(), horizonYears: 2)
        let a = MonteCarlo.run(model, replications: 8, seed: 1, threads: 2)
        let b = MonteCarlo.run(model, replications: 8, seed: 2, threads: 2)
        XCTAssertNotEqual(a.annual, b.annual)
    }

    func testAReplicationDoesNotDependOnTheReplicationsRunBeforeIt() {
        // Replication 5 of a run of 6 equals replication 5 of a run of 10: each is seeded from (seed, index).
        let model = CompiledScenario(TestScenarios.baseline(), horizonYears: 2)
        let short = MonteCarlo.run(model, replications: 6, seed: 3, threads: 1)
        let long = MonteCarlo.run(model, replications: 10, seed: 3, threads: 2)
        for m in AnnualMetric.allCases {
            XCTAssertEqual(short.value(m, year: 1, replication: 5), long.value(m, year: 1, replication: 5), m.label)
        }
    }
}
