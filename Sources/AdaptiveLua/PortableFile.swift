import Adaptive
import Foundation
import LuaKit

/// Files of copied Lua values (what a sequence learner's function returned, a data saver's
/// records): JSON that keeps every bit of numbers, NaN and ±inf, tables with their shared
/// references, and functions. Written atomically.
enum PortableFile {
    static func write<T: Encodable>(_ value: T, to path: String) throws {
        try AtomicWrite.write(try WorkerProtocol.jsonEncoder.encode(value), toPath: path)
    }

    /// The value in the file at `path`; nil when the file does not exist or is empty
    /// (python-adaptive's `load` then does nothing).
    static func read<T: Decodable>(_ type: T.Type, from path: String, what: String) throws -> T? {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return nil }
        do { return try WorkerProtocol.jsonDecoder.decode(type, from: data) } catch {
            throw LuaCallError("\(what): '\(path)' is not a file saved by \(what)")
        }
    }
}
