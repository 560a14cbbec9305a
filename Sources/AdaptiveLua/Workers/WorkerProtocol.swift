import Adaptive
import Foundation
import LuaKit

/// The line protocol between a runner and an `adaptive worker` process, over its
/// standard input and output. Numbers travel as the hex of their bits, so NaN, ±inf
/// and every last bit survive.
///
///     parent: <base64 of the JSON of the PortableFunction>\n      (once)
///     parent: <id> <x1 bits> <x2 bits> ...\n                       (a point)
///     worker: <id> ok <y1 bits> <y2 bits> ...\n                     (its value)
///     worker: <id> err <base64 of JSON {message, traceback}>\n     (its failure)
///
/// and the general path of `LuaCallPlan`s (see WorkerProtocol+Tasks.swift):
///
///     parent: <id> task <base64 of JSON {task, numbers}>\n          (a task)
///     worker: <id> ok <y1 bits> ...\n  or  <id> value <base64 of JSON PortableValue>\n
enum WorkerProtocol {
    static func encode(_ function: PortableFunction) throws -> String {
        try jsonEncoder.encode(function).base64EncodedString()
    }

    static func decodeFunction(_ line: String) throws -> PortableFunction {
        guard let data = Data(base64Encoded: line) else { throw WorkerProtocolError("the function line is not base64") }
        return try jsonDecoder.decode(PortableFunction.self, from: data)
    }

    static func numbers(_ values: [Double]) -> String {
        values.map { String($0.bitPattern, radix: 16) }.joined(separator: " ")
    }

    static func parseNumbers<S: Sequence>(_ words: S) throws -> [Double] where S.Element == Substring {
        try words.map { word in
            guard let bits = UInt64(word, radix: 16) else { throw WorkerProtocolError("bad number '\(word)'") }
            return Double(bitPattern: bits)
        }
    }

    static func request(id: Int, _ arguments: [Double]) -> String { "\(id) \(numbers(arguments))\n" }

    static func reply(id: Int, _ outcome: Result<[Double], EvaluationFailure>) -> String {
        switch outcome {
        case .success(let values): return "\(id) ok \(numbers(values))\n"
        case .failure(let failure):
            let json = (try? JSONEncoder().encode(["message": failure.message, "traceback": failure.traceback])) ?? Data()
            return "\(id) err \(json.base64EncodedString())\n"
        }
    }

    /// The outcome in a worker's reply line for request `id`.
    static func parseReply(_ line: String, id: Int) throws -> Result<[Double], EvaluationFailure> {
        let words = line.split(separator: " ")
        guard words.count >= 2, Int(words[0]) == id else { throw WorkerProtocolError("unexpected reply '\(line.prefix(80))'") }
        if words[1] == "ok" { return .success(try parseNumbers(words.dropFirst(2))) }
        guard words[1] == "err", words.count == 3, let data = Data(base64Encoded: String(words[2])),
            let fields = try? JSONDecoder().decode([String: String].self, from: data)
        else { throw WorkerProtocolError("unexpected reply '\(line.prefix(80))'") }
        return .failure(EvaluationFailure(message: fields["message"] ?? "", traceback: fields["traceback"]))
    }
}

struct WorkerProtocolError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The body of `adaptive worker`: reads the function, then evaluates points until its
/// input ends. Returns the exit status.
public enum WorkerProcess {
    public static func run() -> Int32 {
        guard let first = readLine(strippingNewline: true), let function = try? WorkerProtocol.decodeFunction(first) else {
            FileHandle.standardError.write(Data("adaptive worker: expected a function on the first line\n".utf8))
            return 2
        }
        let worker: WorkerState
        do { worker = try WorkerState(function) } catch {
            FileHandle.standardError.write(Data("adaptive worker: cannot load the function: \(error)\n".utf8))
            return 2
        }
        while let line = readLine(strippingNewline: true) {
            let words = line.split(separator: " ")
            if words.count == 3 && words[1] == "task", let id = Int(words[0]) {   // the general path
                FileHandle.standardOutput.write(Data(WorkerProtocol.answer(id: id, task: words[2], worker: worker).utf8))
                continue
            }
            guard let first = words.first, let id = Int(first), let arguments = try? WorkerProtocol.parseNumbers(words.dropFirst()) else {
                FileHandle.standardError.write(Data("adaptive worker: bad request '\(line.prefix(80))'\n".utf8))
                return 2
            }
            let outcome: Result<[Double], EvaluationFailure>
            do { outcome = .success(try worker.evaluate(arguments)) } catch { outcome = .failure(error) }
            FileHandle.standardOutput.write(Data(WorkerProtocol.reply(id: id, outcome).utf8))
        }
        return 0
    }
}
