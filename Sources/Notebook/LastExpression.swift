import LuaKit

/// The chunk that runs a cell and returns the value of its last expression, if it ends
/// with one: the shell's rule (lua.c tries `return <line>` first) extended to cells of
/// many statements.
///
/// The rule, in order:
/// 1. If `return <cell>` compiles, the whole cell is an expression list: its values are shown
///    (`1 + 1`, `learner`, `f(x), g(x)`, a call spanning several lines).
/// 2. Otherwise the cell is split before line `i` (trying the shortest tail first; the tail
///    must start on a line that is neither blank nor a comment) into a head and a tail such
///    that the head compiles on its own, `return <tail>` compiles on its own, and
///    `<head> return <tail>` compiles. When the cell also compiles as it stands (the tail
///    is then a call statement such as `print(x)` or `f()`), the split must not change its
///    meaning: the cell and `<head> ; <tail>` must compile to the same bytecode (this
///    rejects e.g. `x = 1` / `- 2`, which Lua reads as `x = 1 - 2`).
///    The chunk run is `<head>` + `return <tail>`, in one scope, so locals of the head are
///    visible in the tail (the return goes through an identity function, see ``opening``,
///    so that a call in the tail keeps the cell's frame in tracebacks).
/// 3. Otherwise the cell runs as it is and shows no value.
///
/// The chunk keeps the cell's line numbers (`return ` is inserted at the start of a line).
/// Compilation happens in a private Lua state: nothing of the kernel is touched.
public final class LastExpression {
    /// A cell prepared for running.
    public struct Program: Equatable, Sendable {
        /// The Lua code to run (same line numbers as the cell).
        public var code: String
        /// True when the code returns the values of the cell's last expression.
        public var returnsValue: Bool
        /// The 1-based cell line where the returned expression starts (1 for a whole-cell expression).
        public var expressionLine: Int?
    }

    private let lua = LuaState()
    private let sameCode: LuaRef

    public init() {
        guard case .function(let f)? = try? lua.evaluate(LastExpression.sameCodeSource).first else {
            fatalError("LastExpression: the bytecode comparison failed to compile")   // a bug in the source below
        }
        sameCode = f
    }

    /// `function(a, b)`: true when both chunks compile to the same stripped bytecode.
    private static let sameCodeSource = """
        local load, dump = load, string.dump
        return function(a, b)
          local f, g = load(a, '=a', 't'), load(b, '=b', 't')
          return f ~= nil and g ~= nil and dump(f, true) == dump(g, true)
        end
        """

    /// Returns the values of the expression list between it and ``closing``. A call
    /// through this identity function, not `return <tail>`, so that a call in the tail is
    /// no tail call: the cell's frame stays in tracebacks while it runs.
    public static let opening = "return (function(...) return ... end)("
    /// Closes ``opening`` on a line of its own (the tail may end with a comment).
    public static let closing = "\n)"

    /// The chunk `head` + the returned `tail`, keeping line numbers.
    static func returning(head: String?, tail: String) -> String {
        (head.map { $0 + "\n" } ?? "") + opening + tail + closing
    }

    private func compiles(_ code: String) -> Bool {
        (try? lua.load(code, chunkName: "=cell")) != nil
    }

    /// The program of a cell's source, following the rule above.
    public func program(for source: String) -> Program {
        if compiles("return " + source), compiles(LastExpression.returning(head: nil, tail: source)) {
            return Program(code: LastExpression.returning(head: nil, tail: source), returnsValue: true, expressionLine: 1)
        }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let wholeCompiles = compiles(source)
        var i = lines.count - 1
        while i >= 1 {
            defer { i -= 1 }
            guard LastExpression.startsStatement(lines[i]) else { continue }
            let head = lines[..<i].joined(separator: "\n")
            let tail = lines[i...].joined(separator: "\n")
            guard compiles("return " + tail), compiles(head) else { continue }
            let code = LastExpression.returning(head: head, tail: tail)
            guard compiles(code) else { continue }
            if wholeCompiles {
                let sameMeaning = (try? sameCode.call([.string(source), .string(head + "\n;" + tail)]).first) == .boolean(true)
                guard sameMeaning else { continue }
            }
            return Program(code: code, returnsValue: true, expressionLine: i + 1)
        }
        return Program(code: source, returnsValue: false, expressionLine: nil)
    }

    /// False for blank lines and lines holding only a `--` comment.
    static func startsStatement(_ line: Substring) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
        return !trimmed.isEmpty && !trimmed.hasPrefix("--")
    }
}
