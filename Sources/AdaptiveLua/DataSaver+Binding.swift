import Adaptive
import LuaKit
import Plotting

/// How a data saver picks the learner's value out of a record: python's `arg_picker`,
/// a key (`"y"`, or an index) or a Lua function of the record.
enum DataSaverPicker: @unchecked Sendable {
    case key(PortableValue)
    case function(SharedLuaFunction)

    /// The picked part of `record`, as a function result (numbers, or any value).
    func pick(_ record: PortableValue) throws -> PortableResult {
        switch self {
        case .key(let key):
            guard case .table(_, let entries, _) = record else {
                throw LuaCallError("DataSaver: arg_picker \(Self.describe(key)) needs a table, the function returned a \(record.typeName)")
            }
            guard let value = entries.first(where: { $0.key == key || $0.key.double != nil && $0.key.double == key.double })?.value else {
                throw LuaCallError("DataSaver: the function's result has no field \(Self.describe(key)) (the arg_picker)")
            }
            return .value(value)
        case .function(let function):
            var result: PortableResult = .value(.nil)
            let values = try function.call { state in [try state.value(restoring: record)] }
            let picked = values.first ?? .nil
            if let d = picked.double { result = .numbers([d]) } else if let state = function.stateForCurrentThread {
                result = .value(try state.portable(picked, name: "the arg_picker's result"))
            }
            return result
        }
    }

    static func describe(_ key: PortableValue) -> String {
        if case .string(let bytes) = key { return "\"\(String(decoding: bytes, as: UTF8.self))\"" }
        if let d = key.double { return d == d.rounded() ? "\(Int(d))" : "\(d)" }
        return key.typeName
    }
}

/// A data saver of a learner of kind `Child`, bound to Lua: the child's function returns
/// a record (any Lua value), which is kept whole in `extra_data`; the child learns the
/// part the picker picks.
final class DataSaverBinding<Child: LuaCoreBinding>: LuaCoreBinding {
    let child: Child
    let core: DataSaver<Child.Core, PortableValue>
    var kindName: String { "DataSaver" }

    init(_ child: Child, picker: DataSaverPicker) {
        self.child = child
        let reader = UncheckedSendable(child)   // its value reading only reads constants
        core = DataSaver(child.core) { record in try reader.value.value(try picker.pick(record)) }
    }

    var plan: LuaCallPlan<Child.Core.Point, PortableValue> {
        let childPlan = child.plan
        return LuaCallPlan(
            functions: childPlan.functions, returnsNumbers: false, task: childPlan.task,
            value: { _, result in result.portable }, describe: childPlan.describe)
    }

    func value(_ result: PortableResult) throws -> PortableValue { result.portable }
    func lua(point: Child.Core.Point, in state: LuaState) throws -> LuaValue { try child.lua(point: point, in: state) }
    func lua(value: PortableValue, in state: LuaState) throws -> LuaValue { try state.value(restoring: value) }
    func readPoint(_ call: LuaCall, _ index: Int) throws -> Child.Core.Point { try child.readPoint(call, index) }
    func readValue(_ call: LuaCall, _ index: Int) throws -> PortableValue { try call.portable(index) }

    /// `extra_data`: the records keyed by point, in `state`.
    func extraData(in state: LuaState) throws -> LuaValue {
        .pairs(try core.orderedExtraData.map { (try child.lua(point: $0.point, in: state), try state.value(restoring: $0.result)) })
    }

    /// The records' file beside the child's: the child's file stays one the child can load.
    static func recordsPath(_ path: String) -> String { path + ".extra_data.json" }

    /// One record of the file: the point's coordinates and the record.
    struct Record: Codable {
        var point: [Double]
        var value: PortableValue
    }

    var saver: (@Sendable (String) throws -> Void)? {
        guard let save = child.saver else { return nil }
        return { [core] path in
            try save(path)
            try Self.saveRecords(core.orderedExtraData, to: Self.recordsPath(path))
        }
    }

    var loader: (@Sendable (String) throws -> Void)? {
        guard let load = child.loader else { return nil }
        return { [core] path in
            try load(path)
            if let records = try Self.loadRecords(from: Self.recordsPath(path)) { core.restoreExtraData(records) }
        }
    }

    var plotter: (@Sendable () throws -> Figure)? { child.plotter }

    /// Records are saved by the points' numbers (``FilePoint``: every learner's points
    /// are); a point type that is not one cannot save them.
    static func saveRecords(_ records: [(point: Child.Core.Point, result: PortableValue)], to path: String) throws {
        guard Child.Core.Point.self is any FilePoint.Type else {
            throw LuaCallError("DataSaver:save: the records of a \(Child.Core.self) cannot be saved")
        }
        try PortableFile.write(
            records.map { Record(point: ($0.point as! any FilePoint).fileNumbers, value: $0.result) }, to: path)
    }

    static func loadRecords(from path: String) throws -> [(point: Child.Core.Point, result: PortableValue)]? {
        guard let type = Child.Core.Point.self as? any FilePoint.Type,
            let records = try PortableFile.read([Record].self, from: path, what: "DataSaver")
        else { return nil }
        return try records.map { (try type.init(fileNumbers: $0.point) as! Child.Core.Point, $0.value) }
    }
}

/// A point written as numbers in files: x (1D), an index or seed, (x, y), N coordinates,
/// (x, seed).
protocol FilePoint {
    var fileNumbers: [Double] { get }
    /// Throws a `LuaCallError` when `fileNumbers` has the wrong count.
    init(fileNumbers: [Double]) throws
}

extension FilePoint {
    static func check(_ xs: [Double], count: Int) throws {
        guard xs.count == count else {
            throw LuaCallError("DataSaver:load: a point has \(xs.count) coordinates, expected \(count)")
        }
    }

    /// An index or seed read from a file: a whole number (a hand-edited 1e300 or 1.5
    /// is an error, not a trap or a silent rounding).
    static func integer(_ x: Double) throws -> Int {
        guard let i = Int(exactly: x) else {
            throw LuaCallError("DataSaver:load: an index or seed must be a whole number, got \(x)")
        }
        return i
    }
}

extension Double: FilePoint {
    var fileNumbers: [Double] { [self] }
    init(fileNumbers xs: [Double]) throws { try Self.check(xs, count: 1); self = xs[0] }
}

extension Int: FilePoint {
    var fileNumbers: [Double] { [Double(self)] }
    init(fileNumbers xs: [Double]) throws { try Self.check(xs, count: 1); self = try Self.integer(xs[0]) }
}

extension SIMD2<Double>: FilePoint {
    var fileNumbers: [Double] { [x, y] }
    init(fileNumbers xs: [Double]) throws { try Self.check(xs, count: 2); self.init(xs[0], xs[1]) }
}

extension Array: FilePoint where Element == Double {
    var fileNumbers: [Double] { self }
    init(fileNumbers xs: [Double]) throws { self = xs }
}

extension AverageLearner1D.Point: FilePoint {
    var fileNumbers: [Double] { [x, Double(seed)] }
    init(fileNumbers xs: [Double]) throws {
        try Self.check(xs, count: 2)
        self.init(seed: try Self.integer(xs[1]), x: xs[0])
    }
}
