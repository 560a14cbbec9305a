#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files atomically: the bytes go to a temporary file in the same directory, which
/// is flushed to disk and then renamed over the destination. Readers see the old file or
/// the whole new one, never a partial file; on failure the temporary file is removed.
/// New files get mode 0644.
public enum AtomicFile {
    private static func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, p, n)
        #else
        Darwin.write(fd, p, n)
        #endif
    }

    public static func write(_ bytes: [UInt8], to path: String) throws {
        func failure(_ what: String, _ code: Int32) -> PlotError {
            PlotError("cannot write '\(path)': \(what)\(String(cString: strerror(code)))")
        }
        guard !path.isEmpty, !path.hasSuffix("/") else { throw PlotError("cannot write '\(path)': not a file path") }
        let directory: String
        let name: String
        if let slash = path.lastIndex(of: "/") {
            directory = slash == path.startIndex ? "/" : String(path[..<slash])
            name = String(path[path.index(after: slash)...])
        } else {
            directory = "."
            name = path
        }
        let prefix: String = directory == "/" ? "/" : directory + "/"
        let templatePath: String = prefix + "." + name + ".tmp-XXXXXX"
        var template = templatePath.utf8CString
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw failure("", errno) }
        let temporary = String(cString: template.withUnsafeBufferPointer { $0.baseAddress! })
        var closed = false
        do {
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + offset, bytes.count - offset) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw failure("", errno)
                }
                offset += n
            }
            guard fchmod(fd, 0o644) == 0, fsync(fd) == 0 else { throw failure("", errno) }
            closed = true
            guard close(fd) == 0 else { throw failure("", errno) }
            guard rename(temporary, path) == 0 else { throw failure("", errno) }
        } catch {
            if !closed { close(fd) }
            unlink(temporary)
            throw error
        }
    }
}
