import Foundation
import SufficiencyModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The directory an output is written into before it is renamed into place: `<target>.partial-<pid>`, beside the
/// target and visible, so that a run killed outright (SIGKILL, a power cut) leaves something a user recognises.
///
/// Why a lock file: the writing process holds an exclusive `flock` on `<partial>/.sufficiency-writing` for as long
/// as it lives, and the kernel releases it however the process dies. A partial directory whose lock can be taken is
/// therefore stale, whatever its process id now belongs to, and the next command that writes beside it (or into
/// the directory holding it) removes it. A partial directory without the lock file (the instant between removing
/// it and the rename) is stale when no process has its id.
public struct PartialDirectory: Sendable {
    /// The directory being written.
    public let url: URL
    /// Where it goes when complete.
    public let target: URL
    /// Ancestors of `target` this process created, deepest first; removed again if the write is abandoned.
    let createdAncestors: [URL]
    /// The open lock file, or -1 once released.
    let lockDescriptor: Int32

    static let lockName = ".sufficiency-writing"
    static let marker = ".partial-"

    /// Creates `<target>.partial-<pid>` (and any missing ancestors), after removing stale partial directories
    /// beside the target. Throws a one-line reason when the place cannot be written.
    public static func create(for target: URL) throws -> PartialDirectory {
        let fm = FileManager.default
        let parent = target.deletingLastPathComponent()
        let (missing, nearest, isFile) = FileFailure.existingAncestor(of: parent)
        if isFile { throw PartialDirectoryError("\(nearest.path) is a file, not a directory") }
        for directory in missing.reversed() where mkdir(directory.path, 0o755) != 0 {
            let reason = String(cString: strerror(errno))
            remove(createdAncestors: missing.filter { fm.fileExists(atPath: $0.path) })
            throw PartialDirectoryError("cannot create \(directory.path): \(reason)")
        }
        removeStale(in: parent, prefix: target.lastPathComponent)
        let url = parent.appendingPathComponent(target.lastPathComponent + marker + String(getpid()))
        try? fm.removeItem(at: url)
        guard mkdir(url.path, 0o755) == 0 else {
            let reason = String(cString: strerror(errno))
            remove(createdAncestors: missing)
            throw PartialDirectoryError("cannot write in \(parent.path): \(reason)")
        }
        let fd = open(url.appendingPathComponent(lockName).path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0, flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            if fd >= 0 { close(fd) }
            try? fm.removeItem(at: url)
            remove(createdAncestors: missing)
            throw PartialDirectoryError("cannot write in \(parent.path): \(String(cString: strerror(errno)))")
        }
        return PartialDirectory(url: url, target: target, createdAncestors: missing, lockDescriptor: fd)
    }

    /// Moves the finished directory into place: an existing empty target is replaced; a non-empty one only when
    /// `replace` (the caller has checked it is one of ours).
    public func commit(replace: Bool) throws {
        let fm = FileManager.default
        unlink(url.appendingPathComponent(Self.lockName).path)
        defer { close(lockDescriptor) }
        if fm.fileExists(atPath: target.path) {
            let empty = ((try? fm.contentsOfDirectory(atPath: target.path)) ?? [""]).isEmpty
            if replace || empty { try fm.removeItem(at: target) }
        }
        try fm.moveItem(at: url, to: target)
    }

    /// Removes the partial directory and any ancestors this process created for it (when still empty).
    public func abandon() {
        try? FileManager.default.removeItem(at: url)
        if lockDescriptor >= 0 { close(lockDescriptor) }
        Self.remove(createdAncestors: createdAncestors)
    }

    /// Removes partial directories in `directory` left by processes that no longer exist; with `prefix`, only
    /// those of that target (`<prefix>.partial-<pid>`). Also removes the hidden `.<name>.partial-<pid>`
    /// directories earlier versions wrote.
    public static func removeStale(in directory: URL, prefix: String? = nil) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names {
            // Foundation's search bridges every name to NSString (11,000 instructions each, 70 million for a /tmp of
            // 6,000 entries); a name without the marker's bytes cannot hold the marker, so it is passed over first.
            guard contains(name, marker), let range = name.range(of: marker, options: .backwards),
                  let pid = Int32(name[range.upperBound...]), pid > 0 else { continue }
            var stem = name[..<range.lowerBound]
            if stem.hasPrefix(".") { stem = stem.dropFirst() }
            if let prefix, stem != prefix { continue }
            let url = directory.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue,
                  isStale(url, pid: pid) else { continue }
            try? fm.removeItem(at: url)
        }
    }

    /// Whether the UTF-8 bytes of `text` hold those of `part` (a plain byte search).
    static func contains(_ text: String, _ part: String) -> Bool {
        var text = text, part = part  // `withUTF8` may make a text contiguous, so it needs copies it can change
        return text.withUTF8 { t in
            part.withUTF8 { p in
                guard !p.isEmpty else { return true }
                guard t.count >= p.count else { return false }
                for i in 0...(t.count - p.count) where t[i] == p[0] {
                    var j = 1
                    while j < p.count && t[i + j] == p[j] { j += 1 }
                    if j == p.count { return true }
                }
                return false
            }
        }
    }

    /// Whether the partial directory `url`, named for process `pid`, belongs to no living writer.
    static func isStale(_ url: URL, pid: Int32) -> Bool {
        let fd = open(url.appendingPathComponent(lockName).path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else {
            // No lock file: stale when no process has this id (kill with signal 0 only checks).
            return pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
        }
        defer { close(fd) }
        return flock(fd, LOCK_EX | LOCK_NB) == 0
    }

    static func remove(createdAncestors: [URL]) {
        for directory in createdAncestors {   // deepest first
            guard (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.isEmpty == true else { return }
            try? FileManager.default.removeItem(at: directory)
        }
    }
}

/// Why an output directory cannot be written.
public struct PartialDirectoryError: PlainError {
    public var description: String
    public init(_ description: String) { self.description = description }
}
