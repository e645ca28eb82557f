import Foundation
import SufficiencyModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files written together, all or none: `calibrate`'s scenario and its report.
public enum FileSet {
    /// Writes each file to `<name>.partial-<pid>` beside it, then renames each into place (a rename is atomic, so a
    /// reader never sees half a file). A failure before the renames removes the partial files and any folder this
    /// call created. Partial files left by a process that no longer exists (killed outright) are visible as such,
    /// and removed by the next write of the same file.
    ///
    /// - Throws: `PartialDirectoryError`, one line naming the file that could not be written and why.
    public static func write(_ files: [(url: URL, text: String)]) throws {
        let fm = FileManager.default
        // The folders to create, outermost first, so that they can be removed again.
        var created: [URL] = []
        for folder in Set(files.map { $0.url.deletingLastPathComponent().standardizedFileURL }) {
            var missing: [URL] = []
            var f = folder
            while !fm.fileExists(atPath: f.path) && f.path != "/" {
                missing.insert(f, at: 0)
                f = f.deletingLastPathComponent()
            }
            created += missing.filter { m in !created.contains(m) }
        }
        var partials: [URL] = []
        func undo() {
            for t in partials { try? fm.removeItem(at: t) }
            for folder in created.reversed() { try? fm.removeItem(at: folder) }
        }
        for folder in created where !fm.fileExists(atPath: folder.path) {
            guard mkdir(folder.path, 0o755) == 0 else {
                let reason = String(cString: strerror(errno))
                undo()
                throw PartialDirectoryError("\(folder.path): cannot create the folder: \(reason)")
            }
        }
        for (url, text) in files {
            removeStale(beside: url)
            let partial = url.deletingLastPathComponent()
                .appendingPathComponent(url.lastPathComponent + PartialDirectory.marker + String(getpid()))
            partials.append(partial)
            do {
                try Data(text.utf8).write(to: partial)
            } catch {
                undo()
                throw PartialDirectoryError("\(url.path): cannot write: \(FileFailure.reason(error, writing: url))")
            }
        }
        for (k, file) in files.enumerated() where rename(partials[k].path, file.url.path) != 0 {
            let reason = String(cString: strerror(errno))
            for t in partials[k...] { try? fm.removeItem(at: t) }
            throw PartialDirectoryError("\(file.url.path): cannot write: \(reason)")
        }
    }

    /// Removes `<name>.partial-<pid>` files beside `url` whose process no longer exists.
    static func removeStale(beside url: URL) {
        let fm = FileManager.default
        let folder = url.deletingLastPathComponent()
        let prefix = url.lastPathComponent + PartialDirectory.marker
        guard let names = try? fm.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid > 0, pid != getpid(),
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            var isDirectory: ObjCBool = false
            let path = folder.appendingPathComponent(name).path
            if fm.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue { try? fm.removeItem(atPath: path) }
        }
    }
}
