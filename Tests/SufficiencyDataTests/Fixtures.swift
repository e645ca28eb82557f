import Foundation
import SufficiencyData
import SufficiencyModel
import XCTest

/// Tiny SSDA903 returns written to a temporary folder, so each cleaning rule is tested on rows one can read.
class SSDA903TestCase: XCTestCase {
    static let episodesHeader = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
    static let headerHeader = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
    /// The shared samples: `../shared` beside the repository, else the workplace's `/work/shared` (CI clones elsewhere).
    static let samples: String = {
        let beside = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/ssda903").path
        return FileManager.default.fileExists(atPath: beside) ? beside : "/work/shared/data/ssda903"
    }()

    private var folders: [URL] = []

    override func tearDown() {
        for folder in folders { try? FileManager.default.removeItem(at: folder) }
        folders = []
        super.tearDown()
    }

    /// Writes `files` (name to contents) into a new temporary folder and returns its path.
    func folder(_ files: [String: String]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ssda903-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        folders.append(url)
        for (name, text) in files { try Data(text.utf8).write(to: url.appendingPathComponent(name)) }
        return url.path
    }

    /// An episodes row in the DfE column order.
    func ep(_ child: String, _ decom: String, _ rne: String, _ place: String, _ provider: String = "PR1",
            dec: String = "", rec: String = "X1", change: String = "", ls: String = "C2") -> String {
        "\(child),\(decom),\(rne),\(ls),N1,\(place),\(provider),\(dec),\(rec),\(change),,,"
    }

    /// Episodes rows plus a header row (born 2010) for every child they mention, as one folder.
    func load(_ rows: [String], header extra: [String] = [], uasc: [String]? = nil) throws -> SSDA903Data {
        let children = Set(rows.map { String($0.prefix { $0 != "," }) }).sorted()
        var files = [
            "episodes.csv": ([Self.episodesHeader] + rows).joined(separator: "\n") + "\n",
            "header.csv": ([Self.headerHeader] + children.map { "\($0),1,15/06/2010,WBRI,,," } + extra)
                .joined(separator: "\n") + "\n",
        ]
        if let uasc { files["uasc.csv"] = (["CHILD,SEX,DOB,DUC"] + uasc).joined(separator: "\n") + "\n" }
        return try SSDA903Reader.load(paths: [try folder(files)], la: nil)
    }

    func date(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> CivilDate {
        guard let d = CivilDate(iso: text) else {
            XCTFail("bad test date \(text)", file: file, line: line)
            return CivilDate(year: 1970, month: 1, day: 1)
        }
        return d
    }

    /// The error lines a load throws, or a failure when it does not throw.
    func errorLines(_ paths: [String], la: String? = nil, file: StaticString = #filePath,
                    line: UInt = #line) -> [String] {
        do {
            _ = try SSDA903Reader.load(paths: paths, la: la)
            XCTFail("expected an SSDA903Error", file: file, line: line)
        } catch let error as SSDA903Error {
            return error.lines
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
        return []
    }
}
