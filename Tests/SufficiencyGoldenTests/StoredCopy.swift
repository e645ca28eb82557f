import Foundation
import SufficiencyTestSupport

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

    /// Where two texts first differ: "line L, field F" (fields split at commas), naming the field's column when the
    /// first line is a CSV header, since a row of `annual.csv` holds some 70 numbers.
    static func firstDifference(_ stored: Data, _ written: Data) -> String {
        func split(_ text: Substring, _ separator: Character) -> [Substring] {
            text.split(separator: separator, omittingEmptySubsequences: false)
        }
        /// The first index at which `a` and `b` differ, counting a missing element as a difference.
        func mismatch(_ a: [Substring], _ b: [Substring]) -> Int? {
            (0..<max(a.count, b.count)).first { $0 >= a.count || $0 >= b.count || a[$0] != b[$0] }
        }
        let a = split(Substring(decoding: stored, as: UTF8.self), "\n")
        let b = split(Substring(decoding: written, as: UTF8.self), "\n")
        guard let row = mismatch(a, b) else { return "no line" }
        guard row < a.count, row < b.count else { return "line \(row + 1), where one file ends" }
        let field = mismatch(split(a[row], ","), split(b[row], ",")) ?? 0
        let header = split(a[0], ",")
        let isCSVHeader = a[0].allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "," }
        let column = row > 0 && isCSVHeader && field < header.count ? " (\(header[field]))" : ""
        return "line \(row + 1), field \(field + 1)\(column)"
    }

    /// The first `diffLines` lines of `diff -u stored written`. A file written as one line (`results.json`) is broken
    /// after every comma on both sides first, so that the diff points at the value that changed.
    static func diff(stored: Data, written: Data, name: String) -> String {
        UnifiedDiff.text(stored, written, oldLabel: "stored/\(name)", newLabel: "written/\(name)", limit: diffLines)
    }
}
