// libFuzzer entry point for the scenario loader (built by scripts/fuzz.sh, not by `swift build`).
//
// Each input is a scenario file's text. The loader must answer every input with a scenario or a `ScenarioError`
// (one line per problem); a crash, a hang (libFuzzer's -timeout) or runaway memory (-rss_limit_mb) is a finding.
// A scenario that loads must also survive what `run` does next with it: compiling it for the engine.
import Foundation
import SufficiencyModel
import SufficiencySimulation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    do {
        let loaded = try ScenarioLoader.load(yaml: text, file: "fuzz.yaml")
        _ = CompiledScenario(loaded.scenario, horizonYears: 2, drawsRates: false)
        // The resolved text must load again: it is what a run directory keeps to reproduce the run.
        _ = try ScenarioLoader.load(yaml: loaded.resolvedYAML, file: "fuzz.resolved.yaml")
    } catch is ScenarioError {
    } catch {
        fatalError("the loader threw something other than a ScenarioError: \(error)")
    }
    return 0
}
