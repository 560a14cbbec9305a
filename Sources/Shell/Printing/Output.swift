import Foundation

/// Where the shell writes: values and command output to `out`, errors and notices of a
/// script to `err`. Tests collect both.
public struct ShellOutput: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
        self.out = out
        self.err = err
    }

    /// Standard output and standard error.
    public static let standard = ShellOutput(
        out: { FileHandle.standardOutput.write(Data($0.utf8)) },
        err: { FileHandle.standardError.write(Data($0.utf8)) })
}

/// Formats the shell's own messages.
enum Messages {
    /// `[2] finished Learner1D npoints=812 loss=0.0099 in 3.1 s`, or `... after 0.2 s: why`.
    static func notice(_ job: JobSnapshotText) -> String {
        let head = "[\(job.number)] \(job.status) \(job.learner) npoints=\(job.npoints) loss=\(job.loss)"
        switch job.status {
        case "finished": return head + " in " + seconds(job.elapsed)
        case "failed": return head + " after " + seconds(job.elapsed) + (job.error.map { ": " + essence($0) } ?? "")
        default: return head + " after " + seconds(job.elapsed)
        }
    }

    /// The line of an error that says what went wrong: the last message line before a
    /// traceback (a runner's error wraps the Lua error in an explanation).
    static func essence(_ error: String) -> String {
        let message = error.components(separatedBy: "\nstack traceback:").first ?? error
        let lines = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return lines.last ?? error
    }

    static func seconds(_ s: Double) -> String {
        if s < 0.001 { return String(format: "%.0f µs", s * 1e6) }
        if s < 1 { return String(format: "%.1f ms", s * 1e3) }
        if s < 60 { return String(format: "%.1f s", s) }
        return String(format: "%dm %02.0f s", Int(s / 60), s.truncatingRemainder(dividingBy: 60))
    }
}

/// The parts of a job a notice shows (``AdaptiveLua/JobSnapshot`` in plain values, so
/// messages can be tested without runners).
struct JobSnapshotText {
    var number: Int
    var learner: String
    var status: String
    var npoints: Int
    var loss: String
    var elapsed: Double
    var error: String?
}
