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
        func run(threads: Int) throws -> URL {
            let result = MonteCarlo.run(model, replications: Self.replications, seed: Self.seed, threads: threads)
            let run = scratch.appendingPathComponent("threads-\(threads)")
            try RunWriter.write(result, manifest: Self.manifest(loaded, threads: threads), to: run, replace: false)
            return run
        }
        let one = try run(threads: 1)
        if StoredCopy.regenerating { try Self.store(one) }
        try assertSameFiles(one, as: Self.stored, "Tests/SufficiencyGoldenTests/Golden",
                            hint: "If the change is deliberate, run \(StoredCopy.regenerationScript) and review the diff.")
        // Two threads must write the same bytes as one (apart from the thread count in the manifest): a difference is
        // a determinism bug, not something to regenerate.
        try assertSameFiles(try run(threads: 2), as: one, "the 1-thread run", threads: 2,
                            hint: "Results must not depend on the thread count.")
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

    /// Checks that `run` holds exactly the files of `reference` (a 1-thread run), byte for byte, except that its
    /// manifest records `threads`. Shows where the first differing file differs, and its diff.
    func assertSameFiles(_ run: URL, as reference: URL, _ referenceName: String, threads: Int = 1, hint: String,
                         file: StaticString = #filePath, line: UInt = #line) throws {
        let fm = FileManager.default
        let what = threads == 1 ? "" : " (\(threads) threads)"
        let written = try fm.contentsOfDirectory(atPath: run.path).sorted()
        let stored = ((try? fm.contentsOfDirectory(atPath: reference.path)) ?? []).sorted()
        XCTAssertEqual(written, stored, "the run's files\(what) are not those of \(referenceName). \(hint)",
                       file: file, line: line)
        var differing: [String] = []
        for name in written where stored.contains(name) {
            let actual = try Data(contentsOf: run.appendingPathComponent(name))
            let expected = try Self.expected(reference.appendingPathComponent(name), threads: threads)
            guard actual != expected else { continue }
            if differing.isEmpty {
                XCTFail("""
                    \(name)\(what) differs from \(referenceName)/\(name) at \(StoredCopy.firstDifference(expected, actual)). \(hint)
                    \(StoredCopy.diff(stored: expected, written: actual, name: name))
                    """, file: file, line: line)
            }
            differing.append(name)
        }
        if differing.count > 1 {
            XCTFail("also differing\(what): \(differing.dropFirst().joined(separator: ", "))", file: file, line: line)
        }
    }

    /// The file at `url` (from a 1-thread run) as a run on `threads` threads writes it: the manifest, in
    /// `manifest.json` and in `results.json`, records the thread count.
    static func expected(_ url: URL, threads: Int) throws -> Data {
        let data = try Data(contentsOf: url)
        let field = ["manifest.json": "\"threads\": ", "results.json": "\"threads\":"][url.lastPathComponent]
        guard let field, threads != 1 else { return data }
        let parts = String(decoding: data, as: UTF8.self).components(separatedBy: field + "1,")
        guard parts.count == 2 else {
            XCTFail("\(url.path): should record \(field)1 once")
            return data
        }
        return Data(parts.joined(separator: field + "\(threads),").utf8)
    }
}
