import Foundation

/// Stored copies of output files, and what a test says when a file no longer matches its copy.
///
/// The copies are compared byte for byte; the diff is only for the reader of the failure. They are rewritten, not
/// compared, when `SUFFICIENCY_REGENERATE_GOLDEN=1` is set, which `scripts/regenerate-golden.sh` does.
enum StoredCopy {
    /// The script that rewrites the stored copies, named in every failure message.
    static let regenerationScript = "scripts/regenerate-golden.sh"

    /// Whether this test process rewrites the stored copies instead of comparing with them.
    static var regenerating: Bool { ProcessInfo.processInfo.environment["SUFFICIENCY_REGENERATE_GOLDEN"] == "1" }

    /// Lines of `diff -u` shown in a failure message: enough to see the change, short enough to read.
    static let diffLines = 40

    /// The first `diffLines` lines of `diff -u stored written`. A file written as one long line (`results.json`) is
    /// broken after every comma on both sides first, so that the diff points at the value that changed.
    static func diff(stored: Data, written: Data, name: String) -> String {
        let long = [stored, written].contains { data in
            data.split(separator: UInt8(ascii: "\n")).contains { $0.count > 400 }
        }
        func readable(_ data: Data) -> Data {
            long ? Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: ",", with: ",\n").utf8) : data
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sufficiency-diff-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let a = folder.appendingPathComponent("stored"), b = folder.appendingPathComponent("written")
            try readable(stored).write(to: a)
            try readable(written).write(to: b)
            let process = Process()
            let pipe = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["diff", "-u", "--label", "stored/\(name)", "--label", "written/\(name)", a.path, b.path]
            process.standardOutput = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
            let shown = lines.prefix(diffLines).joined(separator: "\n")
            return lines.count > diffLines ? shown + "\n… (\(lines.count - diffLines) more lines of diff)" : shown
        } catch {
            return "(diff -u could not be run: \(error))"
        }
    }
}
