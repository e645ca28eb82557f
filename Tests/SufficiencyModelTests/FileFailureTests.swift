import Foundation
import SufficiencyModel
import XCTest

/// File-system failures are printed in the operating system's words, not Foundation's ("The operation could not be
/// completed. (NSCocoaErrorDomain error 512.)"), and a path through a file names the file.
final class FileFailureTests: XCTestCase {
    struct OwnError: PlainError { var description: String }

    func testAPOSIXReasonIsPrintedWhereverFoundationCarriesIt() {
        XCTAssertEqual(FileFailure.reason(NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES))), "Permission denied")
        let wrapped = NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileWriteUnknown.rawValue,
                              userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(ENOTDIR))])
        XCTAssertEqual(FileFailure.reason(wrapped), "Not a directory")
    }

    func testFoundationsFileCodesBecomePlainReasons() {
        XCTAssertEqual(FileFailure.reason(CocoaError(.fileWriteOutOfSpace)), "No space left on device")
        XCTAssertEqual(FileFailure.reason(CocoaError(.fileNoSuchFile)), "No such file or directory")
        XCTAssertEqual(FileFailure.reason(CocoaError(.fileWriteVolumeReadOnly)), "Read-only file system")
    }

    func testTheProjectsOwnErrorsSayWhatTheyAre() {
        XCTAssertEqual(FileFailure.reason(OwnError(description: "results.json: cannot write")), "results.json: cannot write")
    }

    func testAPathThroughAFileNamesTheFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("FileFailureTests-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        let target = file.appendingPathComponent("sub/out.yaml")
        do {
            try Data("y".utf8).write(to: target)
            XCTFail("wrote through a file")
        } catch {
            XCTAssertEqual(FileFailure.reason(error, writing: target), "\(file.path) is a file, not a directory")
        }
    }
}
