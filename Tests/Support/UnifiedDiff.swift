import Foundation

/// `diff -u` of two texts, cut to its first lines: what a failing golden or help test shows, so the change can be
/// read in the failure message.
public enum UnifiedDiff {
    /// The first `limit` lines of `diff -u` between `old` and `new`, labelled `oldLabel` and `newLabel`. A text of
    /// one line (a JSON file) is split after each comma first, so the diff points at the field that changed.
    public static func text(_ old: Data, _ new: Data, oldLabel: String, newLabel: String, limit: Int) -> String {
        let oneLine = [old, new].contains { $0.split(separator: UInt8(ascii: "\n")).count <= 1 }
        func readable(_ data: Data) -> Data {
            oneLine ? Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: ",", with: ",\n").utf8) : data
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sufficiency-diff-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let a = folder.appendingPathComponent("old"), b = folder.appendingPathComponent("new")
            try readable(old).write(to: a)
            try readable(new).write(to: b)
            let process = Process()
            let pipe = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["diff", "-u", "--label", oldLabel, "--label", newLabel, a.path, b.path]
            process.standardOutput = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
            let shown = lines.prefix(limit).joined(separator: "\n")
            return lines.count > limit ? shown + "\n… (\(lines.count - limit) more lines of diff)" : shown
        } catch {
            return "(diff -u could not be run: \(error))"
        }
    }
}
