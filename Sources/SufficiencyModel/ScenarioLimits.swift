import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Yams

/// What the loader accepts from one scenario file (each layer of `extends:` is checked on its own), and why.
///
/// A scenario file may come from anyone: a hostile or corrupt one must be refused with one line, never crash the
/// process or run it out of time or memory. Yams composes a document recursively, so a deep enough nesting
/// overflows the stack, and it shares aliased nodes, so a kilobyte of nested aliases ("billion laughs") expands
/// to gigabytes wherever the tree is walked or written out. These limits are checked on libyaml's event stream
/// (`YAMLEventScan`), which is iterative, before Yams composes anything.
///
/// Anchors (`&name`) and aliases (`*name`) are refused outright rather than limited. A scenario file is read by
/// people, and every parameter carries its own value, unit and source where it stands; an alias would hide where
/// a value comes from, and expanding aliases is what makes a small file huge. No shipped or embedded scenario uses
/// them, and `scenario.resolved.yaml` (written by Yams from the tree) never does.
///
/// The limits are far above what a real scenario needs (measured on this repository's files): the shipped scenarios
/// nest 4 to 6 levels deep and the calibrated ones 7; the largest file, `peterborough-2017.yaml`, is 36 KB with
/// 1,786 nodes, a calibrated scenario about 20 KB with about 1,470, and a `scenario.resolved.yaml` (which loads as a
/// scenario) 40 to 46 KB with 1,978 to 2,273 nodes for the shipped scenarios and 51 KB with 2,800 for a calibrated
/// one.
public enum ScenarioLimits {
    /// Deepest nesting of mappings and lists, the root mapping counting as 1: nine times the deepest real scenario,
    /// and shallow enough that composing and every later walk of the tree recurse only that deep.
    public static let maximumDepth = 64

    /// Most YAML nodes in one file: every key, value, list item, mapping and list counts one. 35 times the
    /// largest real scenario text (a calibrated one resolved, 2,800); a mapping of 40,000 keys with plain values
    /// (80,000 nodes) still loads.
    public static let maximumNodes = 100_000

    /// Longest key path, in characters, as problems name it (`interventions.recruitment.approvals_per_year`,
    /// `a.b[2].c`). Every key's path is built, stored (which layer set it) and printed, so without this limit a
    /// long key above many nodes would multiply the file's size by their number. The longest in a real scenario
    /// is 77 characters.
    public static let maximumKeyPath = 256

    /// Largest file, in bytes (4 MiB): 80 times the largest real scenario text (a calibrated one resolved, 51 KB).
    /// A file is read no further than this (`ScenarioFile.read`).
    public static let maximumBytes = 4 << 20

    /// Yams' tree of `yaml`, composed only after the text passes these limits, for readers of scenario text other
    /// than the loader (the briefing reads a run's `scenario.resolved.yaml`, which anyone may have edited).
    /// Throws a one-problem `ScenarioError` naming `file` when a limit is broken, or Yams' error for bad syntax.
    public static func compose(_ yaml: String, file: String) throws -> Node? {
        try YAMLEventScan.check(yaml, file: file)
        return try Yams.compose(yaml: yaml)
    }

    /// What is said of a file of `bytes` bytes (nil when its size is unknown, as for a device) over `maximumBytes`.
    static func tooLargeMessage(bytes: Int?) -> String {
        let size = bytes.map { "is \($0) bytes, larger than" } ?? "is larger than"
        return "\(size) \(maximumBytes) bytes (4 MiB, the limit for a scenario file)"
    }
}

/// Reading a scenario file from disk, refusing what cannot be a scenario before the whole file is read.
enum ScenarioFile {
    /// Why a file could not be read, in words that follow its path.
    enum Failure: Error, Equatable {
        case missing, directory, unreadable, notUTF8, idlePipe
        case tooLarge(bytes: Int?)

        var isTooLarge: Bool {
            if case .tooLarge = self { return true }
            return false
        }

        var message: String {
            switch self {
            case .missing: return "no such file"
            case .directory: return "is a directory, not a scenario file"
            case .unreadable: return "cannot be read"
            case .notUTF8: return "is not UTF-8 text"
            case .idlePipe: return "is a pipe that gave nothing to read within \(ScenarioFile.pipeWaitMilliseconds / 1000) seconds"
            case .tooLarge(let bytes): return ScenarioLimits.tooLargeMessage(bytes: bytes)
            }
        }
    }

    /// The text of the file at `path`. Reads at most one byte more than `ScenarioLimits.maximumBytes`, so a huge
    /// file (or a device such as /dev/zero) is refused without being read into memory.
    static func read(_ path: String) -> Result<String, Failure> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .failure(.missing) }
        guard !isDirectory.boolValue else { return .failure(.directory) }
        let handle: FileHandle
        switch open(path) {
        case .success(let h): handle = h
        case .failure(let failure): return .failure(failure)
        }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: ScenarioLimits.maximumBytes + 1) ?? Data() else {
            return .failure(.unreadable)
        }
        if data.count > ScenarioLimits.maximumBytes {
            let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue
            return .failure(.tooLarge(bytes: size.flatMap { $0 > ScenarioLimits.maximumBytes ? $0 : nil }))
        }
        guard let text = String(data: data, encoding: .utf8) else { return .failure(.notUTF8) }
        return .success(text)
    }

    /// Opens `path` for reading. A named pipe is opened without waiting: opening one blocks until something
    /// writes to it, so `validate pipe.yaml` on a pipe nobody writes to would hang for ever. One with a writer (as
    /// the shell's `<(cat x.yaml)` gives) is then read as it is written, blocking as a file read does.
    static func open(_ path: String) -> Result<FileHandle, Failure> {
        guard isPipe(path) else { return FileHandle(forReadingAtPath: path).map { .success($0) } ?? .failure(.unreadable) }
        let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return .failure(.unreadable) }
        // Wait a little for a writer's first bytes (or its end). Nothing says whether a writer has it open and is
        // merely slow, so after the wait it is refused for what is known, that nothing came, rather than waited for
        // for ever or read as an empty scenario.
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, pipeWaitMilliseconds) > 0 else {
            close(fd)
            return .failure(.idlePipe)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return .success(FileHandle(fileDescriptor: fd, closeOnDealloc: true))
    }

    /// How long a pipe is given to start: the shell's `<(cat x.yaml)` writes at once.
    static let pipeWaitMilliseconds: Int32 = 2000

    static func isPipe(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO
    }
}
