import Foundation
import SufficiencyModel
import SufficiencySimulation

// The embedded default scenario (Peterborough, from April 2017), run for 3 years with 200 replications, as
// `sufficiency run --replications 200 --years 3` would, then one figure from the typed results.
let loaded = try ScenarioLoader.loadDefault()
let years = 3, replications = 200, seed: UInt64 = 20170401
let model = CompiledScenario(loaded.scenario, horizonYears: years)
let result = MonteCarlo.run(model, replications: replications, seed: seed,
                            threads: ProcessInfo.processInfo.activeProcessorCount)

// The same summary a run directory's results.json holds.
let manifest = RunManifest(toolVersion: "example", scenarioName: loaded.scenario.name, scenarioOrigin: loaded.origin,
                           resolvedYAML: loaded.resolvedYAML, seed: seed, replications: replications, years: years,
                           threads: 1, startTime: Date(), wallSeconds: 0)
let summary = RunSummary(result, manifest: manifest)
guard let last = summary.years.last, let end = FinancialYear(label: last) else {
    FileHandle.standardError.write(Data("consumer: the run has no years\n".utf8))
    exit(1)
}
let median = summary.stat("children_in_care", last, "p50")
let low = summary.stat("children_in_care", last, "p05"), high = summary.stat("children_in_care", last, "p95")
print("\(loaded.scenario.name): median children in care at 31 March \(end.startYear + 1): "
    + "\(Format.grouped(Int(median.rounded()))) (90% range \(Format.grouped(Int(low.rounded())))–"
    + "\(Format.grouped(Int(high.rounded())))), over \(replications) replications")
