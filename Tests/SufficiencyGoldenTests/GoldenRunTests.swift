import Foundation
import SufficiencyModel
import SufficiencySimulation
import XCTest

/// Golden output: a small fixed run of the embedded default scenario, written by the run writer `sufficiency run`
/// uses, must give exactly the files stored in `Golden/`.
///
/// Kept apart from the theory tests on purpose (style.md): nothing here says the numbers are right, only that what
/// users read did not change. Any change to the model, its random streams, the scenario or the writers shows up
/// here as a diff; when the change is deliberate, regenerate the copies with `scripts/regenerate-golden.sh` and review
/// them in the commit.
final class GoldenRunTests: XCTestCase {
    static let scenario = "peterborough-2017"
    static let replications = 50
    static let years = 2
    static let seed: UInt64 = 20_170_401

    /// The stored copies: `Golden/` beside this file.
    static let stored = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// What a run's manifest would take from the clock and the build, fixed so that `manifest.json` and
    /// `results.json` can be compared whole: the tool's version (which the library does not know), the start time
    /// (the scenario's start date) and the wall time.
    static func manifest(_ loaded: LoadedScenario, threads: Int) -> RunManifest {
        RunManifest(toolVersion: "golden", scenarioName: loaded.scenario.name, scenarioOrigin: loaded.origin,
                    resolvedYAML: loaded.resolvedYAML, seed: seed, replications: replications, years: years,
                    threads: threads, startTime: Date(timeIntervalSince1970: 1_491_004_800), wallSeconds: 0)
    }

    func testTheDefaultScenarioWritesTheStoredFilesOnOneThreadAndOnTwo() throws {
        let loaded = try ScenarioLoader.load(path: Self.scenario)
        let model = CompiledScenario(loaded.scenario, horizonYears: Self.years)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sufficiency-golden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        for threads in [1, 2] {
            let result = MonteCarlo.run(model, replications: Self.replications, seed: Self.seed, threads: threads)
            let run = scratch.appendingPathComponent("threads-\(threads)")
            try RunWriter.write(result, manifest: Self.manifest(loaded, threads: threads), to: run, replace: false)
            if StoredCopy.regenerating && threads == 1 { try Self.store(run) }
            try assertStoredFiles(in: run, threads: threads)
        }
        if StoredCopy.regenerating {
            throw XCTSkip("regenerated \(Self.stored.path); review the diff before committing it")
        }
    }

    /// Replaces the stored copies with the files of `run`.
    static func store(_ run: URL) throws {
        let fm = FileManager.default
        try? fm.removeItem(at: stored)
        try fm.createDirectory(at: stored, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: run.path) {
            try fm.copyItem(at: run.appendingPathComponent(name), to: stored.appendingPathComponent(name))
        }
    }

    /// Checks that `run` holds exactly the stored files, byte for byte, except that its manifest records `threads`
    /// where the stored one (from one thread) records 1. Shows the diff of the first file that differs.
    func assertStoredFiles(in run: URL, threads: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let fm = FileManager.default
        let regenerate = "If the change is deliberate, run \(StoredCopy.regenerationScript) and review the diff."
        let written = try fm.contentsOfDirectory(atPath: run.path).sorted()
        let stored = ((try? fm.contentsOfDirectory(atPath: Self.stored.path)) ?? []).sorted()
        XCTAssertEqual(written, stored, "the run's files (\(threads) threads) are not the stored ones. \(regenerate)",
                       file: file, line: line)
        var differing: [String] = []
        for name in written where stored.contains(name) {
            let actual = try Data(contentsOf: run.appendingPathComponent(name))
            let expected = try Self.expected(name, threads: threads)
            guard actual != expected else { continue }
            if differing.isEmpty {
                XCTFail("""
                    \(name) (\(threads) threads) differs from Tests/SufficiencyGoldenTests/Golden/\(name). \(regenerate)
                    \(StoredCopy.diff(stored: expected, written: actual, name: name))
                    """, file: file, line: line)
            }
            differing.append(name)
        }
        if differing.count > 1 {
            XCTFail("also differing (\(threads) threads): \(differing.dropFirst().joined(separator: ", "))",
                    file: file, line: line)
        }
    }

    /// The stored copy of `name`, as a run on `threads` threads writes it: the manifest in `manifest.json` and in
    /// `results.json` records the thread count, which the stored copies (from one thread) give as 1.
    static func expected(_ name: String, threads: Int) throws -> Data {
        let data = try Data(contentsOf: stored.appendingPathComponent(name))
        let field = ["manifest.json": "\"threads\": ", "results.json": "\"threads\":"][name]
        guard let field, threads != 1 else { return data }
        let text = String(decoding: data, as: UTF8.self)
        let parts = text.components(separatedBy: field + "1,")
        guard parts.count == 2 else {
            XCTFail("\(name): the stored copy should record \(field)1 once")
            return data
        }
        return Data(parts.joined(separator: field + "\(threads),").utf8)
    }
}
