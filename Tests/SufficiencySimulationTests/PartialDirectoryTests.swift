import Foundation
@testable import SufficiencySimulation
import XCTest

/// The partial directory an output is written into: visible beside its target, held by a lock while its writer
/// lives, and removed by the next writer once that lock is free.
final class PartialDirectoryTests: XCTestCase {
    var folder: URL!
    let fm = FileManager.default

    override func setUpWithError() throws {
        folder = fm.temporaryDirectory.appendingPathComponent("partial-\(UUID().uuidString)")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        RunWriter.abandon()
        if let folder { try? fm.removeItem(at: folder) }
    }

    func names() throws -> Set<String> { Set(try fm.contentsOfDirectory(atPath: folder.path)) }

    /// A process id that no process has: above Linux's largest pid (2^22).
    let deadPID = 4_194_999

    func testAPartialDirectoryIsVisibleBesideItsTargetAndCommitsIntoPlace() throws {
        let target = folder.appendingPathComponent("out")
        let partial = try PartialDirectory.create(for: target)
        XCTAssertEqual(try names(), ["out.partial-\(getpid())"])
        try Data("x".utf8).write(to: partial.url.appendingPathComponent("a.csv"))
        try partial.commit(replace: false)
        XCTAssertEqual(try names(), ["out"])
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: target.path), ["a.csv"], "the lock file went with it")
    }

    func testALiveWritersPartialIsKeptAndAnAbandonedOneGoes() throws {
        let partial = try PartialDirectory.create(for: folder.appendingPathComponent("out"))
        PartialDirectory.removeStale(in: folder)
        XCTAssertTrue(fm.fileExists(atPath: partial.url.path), "a partial directory whose writer lives was removed")
        partial.abandon()
        XCTAssertEqual(try names(), [])
    }

    func testStaleDirectoriesAreRemovedAndNothingElseIs() throws {
        // A killed writer: the lock file is there but nobody holds it (the kernel released it).
        let killed = folder.appendingPathComponent("out.partial-12345")
        try fm.createDirectory(at: killed, withIntermediateDirectories: false)
        _ = fm.createFile(atPath: killed.appendingPathComponent(PartialDirectory.lockName).path, contents: nil)
        // Killed between removing its lock file and the rename; and an earlier version's hidden name.
        try fm.createDirectory(at: folder.appendingPathComponent("run.partial-\(deadPID)"), withIntermediateDirectories: false)
        try fm.createDirectory(at: folder.appendingPathComponent(".old.partial-\(deadPID)"), withIntermediateDirectories: false)
        // Not ours to remove: a living process's id without a lock file, a file, and names that only look alike.
        try fm.createDirectory(at: folder.appendingPathComponent("mine.partial-\(getpid())"), withIntermediateDirectories: false)
        _ = fm.createFile(atPath: folder.appendingPathComponent("notes.partial-\(deadPID)").path, contents: nil)
        try fm.createDirectory(at: folder.appendingPathComponent("data.partial-x"), withIntermediateDirectories: false)
        try fm.createDirectory(at: folder.appendingPathComponent("keep"), withIntermediateDirectories: false)

        PartialDirectory.removeStale(in: folder, prefix: "other")
        XCTAssertEqual(try names().count, 7, "a prefix limits removal to that target's partial directories")
        PartialDirectory.removeStale(in: folder)
        XCTAssertEqual(try names(), ["mine.partial-\(getpid())", "notes.partial-\(deadPID)", "data.partial-x", "keep"])
    }

    func testTheByteSearchThatPassesOverOtherNamesFindsTheMarkerWhereverItIs() {
        for name in [".partial-", "out.partial-12", ".x.partial-1", "é.partial-3", "a.partial-.partial-4", "..partial-"] {
            XCTAssertTrue(PartialDirectory.contains(name, PartialDirectory.marker), name)
            XCTAssertNotNil(name.range(of: PartialDirectory.marker), "as Foundation finds it in \(name)")
        }
        for name in ["", "out", ".partial", "partial-1", "out.Partial-1", "out.partial_1", ".partia", "out.parti\u{301}al-1"] {
            XCTAssertFalse(PartialDirectory.contains(name, PartialDirectory.marker), name)
            XCTAssertNil(name.range(of: PartialDirectory.marker), "nor does Foundation in \(name)")
        }
        XCTAssertTrue(PartialDirectory.contains("anything", ""))
    }

    func testCreatingRemovesTheTargetsStalePartialAndAbandoningRemovesAncestorsItMade() throws {
        let stale = folder.appendingPathComponent("a/b/out.partial-\(deadPID)")
        try fm.createDirectory(at: stale, withIntermediateDirectories: true)
        let partial = try PartialDirectory.create(for: folder.appendingPathComponent("a/b/out"))
        XCTAssertFalse(fm.fileExists(atPath: stale.path))
        partial.abandon()
        XCTAssertTrue(fm.fileExists(atPath: folder.appendingPathComponent("a/b").path),
                      "ancestors that existed before are kept")

        let fresh = try PartialDirectory.create(for: folder.appendingPathComponent("c/d/out"))
        XCTAssertTrue(fm.fileExists(atPath: folder.appendingPathComponent("c/d").path))
        fresh.abandon()
        XCTAssertFalse(fm.fileExists(atPath: folder.appendingPathComponent("c").path), "ancestors it made are removed")
    }

    func testWriteAtomicallyLeavesNothingWhenTheBodyFails() throws {
        struct Failure: Error {}
        let target = folder.appendingPathComponent("out")
        XCTAssertThrowsError(try RunWriter.writeAtomically(to: target, replace: false) { dir in
            try Data("x".utf8).write(to: dir.appendingPathComponent("half.csv"))
            throw Failure()
        })
        XCTAssertEqual(try names(), [])
        XCTAssertNil(RunWriter.reserved)
    }

    // MARK: - Files written together (calibrate's scenario and report)

    func testAFileSetIsWrittenWholeAndAStalePartialFileBesideItGoes() throws {
        let stale = folder.appendingPathComponent("x.yaml.partial-\(deadPID)")
        _ = fm.createFile(atPath: stale.path, contents: Data("half".utf8))
        let yaml = folder.appendingPathComponent("x.yaml"), report = folder.appendingPathComponent("report.md")
        try FileSet.write([(yaml, "name: x\n"), (report, "# report\n")])
        XCTAssertEqual(try names(), ["x.yaml", "report.md"])
        XCTAssertEqual(try String(contentsOf: yaml, encoding: .utf8), "name: x\n")
    }

    func testAFileSetThatCannotBeWrittenLeavesNothingNotEvenItsFolders() throws {
        _ = fm.createFile(atPath: folder.appendingPathComponent("file").path, contents: nil)
        let good = folder.appendingPathComponent("new/a.yaml")
        let bad = folder.appendingPathComponent("file/b.md")   // a folder that is a file
        XCTAssertThrowsError(try FileSet.write([(good, "a"), (bad, "b")])) { error in
            XCTAssertTrue("\(error)".contains("file"), "\(error)")
        }
        XCTAssertEqual(try names(), ["file"])
    }

    /// A file set whose rename fails (the second file's name is a directory) leaves no partial file behind; the
    /// first file, already renamed, stays.
    func testAFileSetWhoseRenameFailsLeavesNoPartialFile() throws {
        let blocker = folder.appendingPathComponent("b.md")
        try fm.createDirectory(at: blocker, withIntermediateDirectories: false)
        _ = fm.createFile(atPath: blocker.appendingPathComponent("keep").path, contents: nil)
        XCTAssertThrowsError(try FileSet.write([(folder.appendingPathComponent("a.yaml"), "a"), (blocker, "b")]))
        XCTAssertEqual(try names(), ["a.yaml", "b.md"])
    }

    /// After a successful write nothing stays reserved, so the same directory can be written again in the same
    /// process, replacing it.
    func testWriteAtomicallyReleasesItsReservationSoTheSameTargetCanBeWrittenAgain() throws {
        let target = folder.appendingPathComponent("out")
        try RunWriter.writeAtomically(to: target, replace: false) { try Data("1".utf8).write(to: $0.appendingPathComponent("a.csv")) }
        XCTAssertNil(RunWriter.reserved)
        XCTAssertNoThrow(try RunWriter.writeAtomically(to: target, replace: true) {
            try Data("2".utf8).write(to: $0.appendingPathComponent("a.csv"))
        })
        XCTAssertEqual(try String(contentsOf: target.appendingPathComponent("a.csv"), encoding: .utf8), "2")
        XCTAssertEqual(try names(), ["out"])
    }
}
