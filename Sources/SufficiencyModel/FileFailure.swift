import Foundation

/// An error of the project's own whose description is already a plain one-line reason (a partial directory's, a
/// workbook's, a report's), printed as it is rather than as Foundation's "(… error 1.)".
public protocol PlainError: Error, CustomStringConvertible {}

/// A file-system failure in the operating system's plain words, for the one-line errors every command prints.
///
/// Foundation's descriptions say little ("The operation could not be completed. The file doesn't exist." for a
/// directory that cannot be written in, "(NSCocoaErrorDomain error 512.)" for a path through a file), while the
/// POSIX reason it usually carries says what is wrong: "No such file or directory", "Not a directory",
/// "Permission denied", "No space left on device". One statement of that mapping, read by every command that
/// reads or writes files.
public enum FileFailure {
    /// The POSIX reason behind `error` if it carries one (its own code, or an underlying error's), else the
    /// nearest plain reason for a Foundation file error, else the description of one of the project's own errors,
    /// else Foundation's description.
    public static func reason(_ error: Error) -> String {
        if let own = error as? PlainError { return own.description }
        let ns = error as NSError
        if let code = posixCode(ns) { return String(cString: strerror(code)) }
        if ns.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: return String(cString: strerror(ENOENT))
            case .fileReadNoPermission, .fileWriteNoPermission: return String(cString: strerror(EACCES))
            case .fileWriteOutOfSpace: return String(cString: strerror(ENOSPC))
            case .fileWriteVolumeReadOnly: return String(cString: strerror(EROFS))
            case .fileWriteInvalidFileName, .fileReadInvalidFileName: return "Not a valid file name"
            case .fileWriteFileExists: return String(cString: strerror(EEXIST))
            default: break
            }
        }
        return ns.localizedDescription
    }

    /// `reason(error)`, preceded by the file Foundation names in the error, if any ("results.json: Permission
    /// denied"), for a command that reads several files of a directory.
    public static func reason(reading error: Error) -> String {
        guard let path = (error as NSError).userInfo[NSFilePathErrorKey] as? String else { return reason(error) }
        return "\(path): \(reason(error))"
    }

    /// Why `url` could not be written: a file where a directory on its path should be ("/dev/null is a file, not
    /// a directory", which Foundation reports as a missing file or an unknown error), else `reason(error)`.
    public static func reason(_ error: Error, writing url: URL) -> String {
        if let file = fileOnPath(to: url) { return "\(file.path) is a file, not a directory" }
        return reason(error)
    }

    /// The nearest existing ancestor of `url` when it is a file rather than a directory, so that nothing can be
    /// written under it; nil when that ancestor is a directory (or nothing on the path exists).
    public static func fileOnPath(to url: URL) -> URL? {
        let found = existingAncestor(of: url.deletingLastPathComponent())
        return found.isFile ? found.nearest : nil
    }

    /// The directories from `directory` up that do not exist yet (nearest first), the nearest one that does, and
    /// whether that one is a file (so nothing can be made under it). The one walk up a path that the run writer,
    /// the briefing and these messages share.
    public static func existingAncestor(of directory: URL) -> (missing: [URL], nearest: URL, isFile: Bool) {
        let fm = FileManager.default
        var missing: [URL] = []
        var ancestor = directory
        while !fm.fileExists(atPath: ancestor.path) && ancestor.path != "/" {
            missing.append(ancestor)
            ancestor = ancestor.deletingLastPathComponent()
        }
        var isDirectory: ObjCBool = false
        let isFile = fm.fileExists(atPath: ancestor.path, isDirectory: &isDirectory) && !isDirectory.boolValue
        return (missing, ancestor, isFile)
    }

    /// The errno of a POSIX error, or of the first POSIX error underneath a Foundation one.
    static func posixCode(_ error: NSError) -> Int32? {
        if error.domain == NSPOSIXErrorDomain { return Int32(truncatingIfNeeded: error.code) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError { return posixCode(underlying) }
        return nil
    }
}
