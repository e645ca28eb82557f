import Foundation
import XCTest

/// Reads a workbook back with an independent reader, Python's openpyxl, as finance's tools would.
///
/// The Python comes from `SUFFICIENCY_PYTHON` (CI installs openpyxl into a virtual environment), else `python3`. When
/// it cannot import openpyxl the calling test is skipped, unless `SUFFICIENCY_REQUIRE_OPENPYXL=1` (CI) makes that a
/// failure.
public enum OpenPyXL {
    /// Runs `script` after `import json, sys, openpyxl` and `wb = openpyxl.load_workbook(path)`, and returns the JSON
    /// object it prints.
    public static func read(_ file: URL, _ script: String, file path: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let python = ProcessInfo.processInfo.environment["SUFFICIENCY_PYTHON"] ?? "python3"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-c", "import json, sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\n" + script,
                             file.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus != 0 && (errors.contains("No module named 'openpyxl'") || errors.contains("No such file")) {
            if ProcessInfo.processInfo.environment["SUFFICIENCY_REQUIRE_OPENPYXL"] == "1" {
                XCTFail("openpyxl is required (SUFFICIENCY_REQUIRE_OPENPYXL=1) but \(python) cannot import it", file: path, line: line)
            }
            throw XCTSkip("openpyxl not available to \(python); set SUFFICIENCY_PYTHON")
        }
        XCTAssertEqual(process.terminationStatus, 0, "openpyxl could not read \(file.lastPathComponent): \(errors)", file: path, line: line)
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}
