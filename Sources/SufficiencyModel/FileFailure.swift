import Foundation

/// A file-system failure in the operating system's plain words, for the one-line errors every command prints.
///
/// Foundation's descriptions say little ("The operation could not be completed. The file doesn't exist." for a
/// directory that cannot be written in, "(NSCocoaErrorDomain error 512.)" for a path through a file), while the
/// POSIX reason it usually carries says what is wrong: "No such file or directory", "Not a directory",
/// "Permission denied", "No space left on device". One statement of that mapping, read by every command that
/// reads or writes files.
public enum FileFailure {
    /// The POSIX reason behind `error` if it carries one (its own code, or an underlying error's), else the
    /// nearest plain reason for a Foundation file error, else the error's own description.
    public static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let code = posixCode(ns) { return String(cString: strerror(code)) }
        if ns.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: return String(cString: strerror(ENOENT))
            case .fileReadNoPermission, .fileWriteNoPermission: return String(cString: strerror(EACCES))
            case .fileWriteOutOfSpace: return String(cString: strerror(ENOSPC))
            case .fileWriteVolumeReadOnly: return String(cString: strerror(EROFS))
            case .fileWriteInvalidFileName, .fileReadInvalidFileName: return "not a valid file name"
            case .fileWriteFileExists: return String(cString: strerror(EEXIST))
            default: break
            }
        }
        // Not Foundation's: one of the project's own errors (a workbook's, a partial directory's), which says what
        // it is in its description, where `localizedDescription` would say "(…PartialDirectoryError error 1.)".
        if ns.domain != NSCocoaErrorDomain { return String(describing: error) }
        return ns.localizedDescription
    }

    /// Why `url` could not be written: a file where a directory on its path should be ("/dev/null is a file, not
    /// a directory", which Foundation reports as a missing file or an unknown error), else `reason(error)`.
    public static func reason(_ error: Error, writing url: URL) -> String {
        let fm = FileManager.default
        var ancestor = url.deletingLastPathComponent()
        while !fm.fileExists(atPath: ancestor.path) && ancestor.path != "/" { ancestor = ancestor.deletingLastPathComponent() }
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: ancestor.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            return "\(ancestor.path) is a file, not a directory"
        }
        return reason(error)
    }

    /// The errno of a POSIX error, or of the first POSIX error underneath a Foundation one.
    static func posixCode(_ error: NSError) -> Int32? {
        if error.domain == NSPOSIXErrorDomain { return Int32(truncatingIfNeeded: error.code) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError { return posixCode(underlying) }
        return nil
    }
}
