import Foundation
@testable import SufficiencyModel
import XCTest

extension XCTestCase {
    /// The problems `yaml` (read as `probe.yaml`, with `overrides` as `--set` gives them) is refused with, as
    /// printed; a failure if it loads.
    func problems(_ yaml: String, overrides: [ScenarioOverride] = [], file: StaticString = #filePath,
                  line: UInt = #line) -> [String] {
        do {
            _ = try ScenarioLoader.load(yaml: yaml, file: "probe.yaml", overrides: overrides)
            XCTFail("the scenario loaded, but problems were expected", file: file, line: line)
            return []
        } catch {
            return (error as? ScenarioError)?.problems.map(\.description) ?? ["\(error)"]
        }
    }
}
