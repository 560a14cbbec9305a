import Foundation
import Synchronization

/// Writes files so that a reader (or a run killed mid-write) sees either the old or the
/// new content, never a mix: the bytes go to a temporary file in the same directory,
/// which is flushed to disk and then renamed onto the destination (python-adaptive's
/// `utils.save`: write `<fname>.<pid>`, then `os.replace`).
///
///     try AtomicWrite.write(Data(json.utf8), toPath: "~/runs/peak.json")
///
/// Missing parent directories are created. A failed write leaves the destination as it
/// was and removes the temporary file.
public enum AtomicWrite {
    /// Writes `data` to the file at `path` (`~` expanded) atomically.
    public static func write(_ data: Data, toPath path: String) throws {
        try write(data, to: URL(fileURLWithPath: (path as NSString).expandingTildeInPath))
    }

    /// Writes `text` as UTF-8 to the file at `path` (`~` expanded) atomically.
    public static func write(_ text: String, toPath path: String) throws {
        try write(Data(text.utf8), toPath: path)
    }

    /// Writes `data` to the file `url` atomically.
    public static func write(_ data: Data, to url: URL) throws {
        let destination = url.standardizedFileURL.path
        let directory = (destination as NSString).deletingLastPathComponent
        let name = (destination as NSString).lastPathComponent
        guard !name.isEmpty, name != "/" else { throw AdaptiveError("AtomicWrite: not a file path: \(url.path)") }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw AdaptiveError("AtomicWrite: cannot create the directory \(directory): \(error.localizedDescription)")
        }
        let temporary = "\(directory)/.\(name).\(getpid())-\(sequence.next()).tmp"
        do {
            try writeAndSync(data, to: temporary)
            guard rename(temporary, destination) == 0 else { throw systemError("cannot rename \(temporary) to", destination) }
        } catch {
            unlink(temporary)
            throw error
        }
        syncDirectory(directory)
    }

    /// Writes all of `data` to a new file and flushes it to disk.
    private static func writeAndSync(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw systemError("cannot create", path) }
        defer { close(fd) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw systemError("cannot write", path)
                }
                offset += written
            }
        }
        guard fsync(fd) == 0 else { throw systemError("cannot flush", path) }
    }

    /// Makes the rename durable (best effort).
    private static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    private static func systemError(_ what: String, _ path: String) -> AdaptiveError {
        AdaptiveError("AtomicWrite: \(what) \(path): \(String(cString: strerror(errno)))")
    }

    /// Distinguishes the temporary files of concurrent writes in one process.
    private static let sequence = TemporarySequence()
}

/// A thread-safe counter for temporary file names.
private final class TemporarySequence: Sendable {
    private let counter = Atomic<Int>(0)
    func next() -> Int { counter.wrappingAdd(1, ordering: .relaxed).oldValue }
}
