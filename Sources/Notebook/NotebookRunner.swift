import AdaptiveLua
import Foundation
import LuaKit
import Plotting

/// What running one cell produced.
public struct CellResult: Sendable {
    /// The cell's number.
    public var cell: Int
    /// False for a cell that was not run (`skip-execution`, `eval: false`).
    public var ran: Bool
    /// Everything `print` and `io.write` wrote during the cell.
    public var output: String = ""
    /// The cell's values (last expression, or what it returned), as ``ValuePrinter`` (in AdaptiveLua) shows them.
    public var value: String?
    /// Figures passed to `adaptive.display` and figures among the cell's values, in order.
    public var figures: [Figure] = []
    /// The error the cell raised, if any.
    public var error: CellErrorReport?
    /// Wall-clock time of the cell.
    public var seconds: Double = 0

    public init(cell: Int, ran: Bool) {
        self.cell = cell
        self.ran = ran
    }
}

/// An error raised by a cell, as the notebook shows it.
public struct CellErrorReport: Sendable, Equatable {
    /// `cell[3]:2: attempt to call a nil value (global 'f')`.
    public var message: String
    /// The user's frames when there are more than the cell's own line.
    public var traceback: String?
    /// The line in the cell where it happened (1-based), when known.
    public var cellLine: Int?
    /// True when the cell was stopped by the cell timeout.
    public var timedOut: Bool
}

/// Runs the cells of a notebook, in order, in one kernel.
///
///     let runner = NotebookRunner(kernel: Kernel(), cellTimeout: 10)
///     runner.start(seed: 0)
///     let result = runner.run(cell)   // output, value, figures, error
public final class NotebookRunner {
    public let kernel: Kernel
    /// Seconds after which a cell is interrupted and reported as failed (nil: no limit).
    public var cellTimeout: Double?

    private let lastExpression = LastExpression()
    private let collector = Collector()
    private var consumer: LuaRef!

    /// What the Lua helpers hand back while a cell runs.
    private final class Collector {
        var figures: [Figure] = []
        var value: String?
    }

    public init(kernel: Kernel = Kernel(), cellTimeout: Double? = nil) {
        self.kernel = kernel
        self.cellTimeout = cellTimeout
        let lua = kernel.lua
        let collector = self.collector
        let isFigure = lua.makeFunction(name: "isFigure") { [unowned kernel] call in
            guard let figure = kernel.figure(of: call.value(1)) else { return call.returning(false) }
            collector.figures.append(figure)
            return call.returning(true)
        }
        let emit = lua.makeFunction(name: "emit") { call in
            collector.value = try call.string(1)
            return 0
        }
        let format = kernel.valueFormatter(style: .plain)
        consumer = lua.builtinFunction(
            ValueFormatter.consumerSource, chunkName: "=(notebook)",
            arguments: [.function(isFigure), .function(emit), .function(format)])
    }

    /// Seeds Lua's random numbers (`math.randomseed(seed)`) before the first cell.
    public func start(seed: Int) {
        _ = try? kernel.execute("math.randomseed(\(seed))", chunkName: "=(notebook)")
    }

    /// Runs one cell (or skips it when it is not to be run) and collects what it produced.
    public func run(_ cell: Cell) -> CellResult {
        var result = CellResult(cell: cell.number, ran: cell.options.runs)
        guard result.ran else { return result }
        let program = lastExpression.program(for: cell.source)
        collector.figures = []
        collector.value = nil
        kernel.onDisplay = { [collector] in collector.figures.append($0) }
        defer { kernel.onDisplay = nil }
        let lua = kernel.lua
        let consumer = self.consumer!
        var failure: LuaError?
        let clock = ContinuousClock()
        let start = clock.now
        lua.clearInterrupt()
        let watchdog = cellTimeout.map { CellWatchdog(seconds: $0, kernel: kernel) }
        result.output = kernel.capturingOutput {
            do throws(LuaError) {
                let chunk = try lua.load(program.code, chunkName: cell.chunkName)
                try chunk.call(forwardingResultsTo: consumer)
            } catch {
                failure = error
            }
        }
        let timedOut = watchdog?.stop() ?? false
        lua.clearInterrupt()
        kernel.runPendingTasks()   // spawned coroutines and main-executor runners go on between cells
        let elapsed = clock.now - start
        result.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        result.figures = collector.figures
        result.value = collector.value
        if let failure {
            result.error = report(failure, cell: cell, timedOut: timedOut && failure.kind == .interrupted)
        }
        return result
    }

    /// Runs every cell of `document` in order. Stops at the first error a cell does not
    /// expect (unless `allowErrors`), throwing where it happened. `progress` sees each result.
    public func run(_ document: NotebookDocument, allowErrors: Bool = false,
                    progress: (Cell, CellResult) -> Void = { _, _ in }) throws(RenderError) -> [CellResult] {
        start(seed: document.frontMatter.seed)
        var results: [CellResult] = []
        for cell in document.cells {
            let result = run(cell)
            progress(cell, result)
            if let error = result.error, !(allowErrors || cell.options.allowsError || document.frontMatter.allowsErrors) {
                let line = error.cellLine.map { cell.codeLine + $0 - 1 } ?? cell.fenceLine
                throw .cellFailed(CellFailure(path: document.path, cell: cell.number, line: line,
                                              message: error.message, traceback: error.traceback))
            }
            results.append(result)
        }
        return results
    }

    // MARK: - Errors

    private func report(_ error: LuaError, cell: Cell, timedOut: Bool) -> CellErrorReport {
        var message = error.message
        let frames = NotebookRunner.userFrames(error.traceback)
        if error.kind == .interrupted, message == "interrupted!",
           let frame = frames.first(where: { $0.hasPrefix("cell[") }), let colon = frame.range(of: ": ") {
            message = frame[..<colon.lowerBound] + ": " + message   // where it was stopped
        }
        if timedOut, let limit = cellTimeout {
            message += " (the cell ran longer than the cell timeout of \(String(format: "%g", limit)) s)"
        }
        let line = NotebookRunner.cellLine(in: error.message, cell: cell.number)
            ?? frames.lazy.compactMap { NotebookRunner.cellLine(in: $0, cell: cell.number) }.first
        let traceback = frames.filter { !$0.hasPrefix("[C]") }.count > 1
            ? "stack traceback:\n" + frames.map { "  " + $0 }.joined(separator: "\n") : nil
        return CellErrorReport(message: message, traceback: traceback, cellLine: line, timedOut: timedOut)
    }

    /// The traceback's frames without the notebook's and the kernel's own.
    static func userFrames(_ traceback: String?) -> [String] {
        guard let traceback else { return [] }
        return traceback.split(separator: "\n").dropFirst()
            .map { String($0.drop { $0 == "\t" || $0 == " " }) }
            .filter { !$0.contains("(notebook)") && !$0.contains("(kernel)") && $0 != "[C]: in ?" && $0 != "(...tail calls...)" }
    }

    /// `L` of a `cell[N]:L:` position at the start of `text`, when N is `cell`.
    static func cellLine(in text: String, cell: Int) -> Int? {
        let prefix = "cell[\(cell)]:"
        guard text.hasPrefix(prefix) else { return nil }
        let digits = text.dropFirst(prefix.count).prefix { $0.isNumber }
        guard let line = Int(digits), text.dropFirst(prefix.count + digits.count).hasPrefix(":") else { return nil }
        return line
    }
}
