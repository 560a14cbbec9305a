import Adaptive
import Foundation
import LuaKit

/// The general path of the worker protocol: tasks of a `LuaCallPlan` (any arguments, one
/// of several functions) and results that are numbers or any copied value.
extension WorkerProtocol {
    /// JSON that keeps NaN and ±inf (as the strings "nan", "inf", "-inf") and every bit
    /// of finite numbers.
    static let jsonEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }()

    static let jsonDecoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }()

    /// What the parent sends for a task.
    struct TaskRequest: Codable {
        var task: LuaTask
        /// Read the result as numbers (else copy it).
        var numbers: Bool
    }

    static func request(id: Int, task: LuaTask, returningNumbers: Bool) throws -> String {
        let data = try jsonEncoder.encode(TaskRequest(task: task, numbers: returningNumbers))
        return "\(id) task \(data.base64EncodedString())\n"
    }

    /// The worker's reply line to the task in `word` (base64 JSON).
    static func answer(id: Int, task word: Substring, worker: WorkerState) -> String {
        guard let data = Data(base64Encoded: String(word)), let request = try? jsonDecoder.decode(TaskRequest.self, from: data)
        else {
            return reply(id: id, .failure(EvaluationFailure(message: "the worker could not read the task")))
        }
        do {
            switch try worker.evaluate(request.task, returningNumbers: request.numbers) {
            case .numbers(let values): return reply(id: id, .success(values))
            case .value(let value):
                return "\(id) value \(try jsonEncoder.encode(value).base64EncodedString())\n"
            }
        } catch let failure as EvaluationFailure {
            return reply(id: id, .failure(failure))
        } catch {
            return reply(id: id, .failure(EvaluationFailure(message: "the worker could not send the result: \(error)")))
        }
    }

    /// The outcome in a worker's reply line to task `id`.
    static func parseTaskReply(_ line: String, id: Int) throws -> Result<PortableResult, EvaluationFailure> {
        let words = line.split(separator: " ")
        if words.count == 3, Int(words[0]) == id, words[1] == "value" {
            guard let data = Data(base64Encoded: String(words[2])) else { throw WorkerProtocolError("the value is not base64") }
            return .success(.value(try jsonDecoder.decode(PortableValue.self, from: data)))
        }
        return try parseReply(line, id: id).map { .numbers($0) }
    }
}

extension WorkerConnection {
    /// Evaluates one task in this thread's worker process.
    func evaluate(id: Int, _ task: LuaTask, returningNumbers: Bool, describing what: String) throws -> Result<PortableResult, EvaluationFailure> {
        try exchange(try WorkerProtocol.request(id: id, task: task, returningNumbers: returningNumbers), evaluating: what) {
            try WorkerProtocol.parseTaskReply($0, id: id)
        }
    }
}
