// libFuzzer entry point for the scenario loader (built by scripts/fuzz.sh, not by `swift build`).
//
// Each input is a scenario file's text. The loader must answer every input with a scenario or a `ScenarioError`
// (one line per problem); a crash, a hang (libFuzzer's -timeout) or runaway memory (-rss_limit_mb) is a finding.
// A scenario that loads must also survive what `run` does next with it: compiling it for the engine.
// An input may end with a line `==> set <==` and `KEY=VALUE` lines after it: values set as `--set` does (on the
// embedded default scenario when nothing comes before the line); a value that is refused is a `ScenarioError` too.
import Foundation
import SufficiencyModel
import SufficiencySimulation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    var text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    var overrides: [ScenarioOverride] = []
    if let mark = text.range(of: "==> set <==\n") {
        overrides = text[mark.upperBound...].split(separator: "\n").compactMap { ScenarioOverride(assignment: String($0)) }
        text = String(text[..<mark.lowerBound])
        if text.allSatisfy(\.isWhitespace) { text = EmbeddedScenarios.text(named: EmbeddedScenarios.defaultName)! }
    }
    do {
        let loaded = try ScenarioLoader.load(yaml: text, file: "fuzz.yaml", overrides: overrides)
        _ = CompiledScenario(loaded.scenario, horizonYears: 2, drawsRates: false)
        // The resolved text must load again: it is what a run directory keeps to reproduce the run.
        _ = try ScenarioLoader.load(yaml: loaded.resolvedYAML, file: "fuzz.resolved.yaml")
    } catch is ScenarioError {
    } catch {
        fatalError("the loader threw something other than a ScenarioError: \(error)")
    }
    return 0
}
