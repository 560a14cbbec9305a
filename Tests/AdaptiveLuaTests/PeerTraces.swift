import Foundation

/// python-adaptive 1.5.2's point traces (the core's test fixtures, shared with these
/// tests): the rows of a trace file's `points`, with "inf" and "nan" as numbers.
enum PeerTraces {
    static func points(_ name: String) throws -> [[Double]] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../AdaptiveTests/Fixtures/\(name).json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        return (json["points"] as! [[Any]]).map { row in
            row.map { ($0 as? Double) ?? ($0 as? String == "inf" ? Double.infinity : Double.nan) }
        }
    }
}
