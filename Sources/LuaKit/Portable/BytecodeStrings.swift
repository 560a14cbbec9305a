/// The string constants of a Lua 5.4 binary chunk (from `string.dump`), of the function
/// and all its nested functions. A global variable's name appears among them whenever the
/// function reads or writes that global (`x` compiles to `_ENV["x"]` with "x" a constant),
/// so they tell which user globals a function can reach, without running it.
///
/// The format is Lua 5.4's `ldump.c`: a header, then each function's source, line range,
/// sizes, code, constants, upvalue descriptors, nested functions and debug information.
/// Sizes are written 7 bits a byte, most significant first, the last byte flagged 0x80.
///
/// A string constant may also be a field name (`l.learner`); ``globals`` holds the names
/// certainly used as globals: keys of `GETTABUP`/`SETTABUP` on the `_ENV` upvalue.
struct BytecodeStrings {
    private let bytes: [UInt8]
    private var position = 0
    private(set) var strings: Set<String> = []
    private(set) var globals: Set<String> = []

    /// Reads `chunk`; nil when it is not a Lua 5.4 binary chunk of the expected shape.
    static func of(_ chunk: [UInt8]) -> Set<String>? {
        var reader = BytecodeStrings(bytes: chunk)
        return reader.readChunk() ? reader.strings : nil
    }

    /// The string constants and, among them, the names certainly read or written as globals.
    static func namesAndGlobals(_ chunk: [UInt8]) -> (strings: Set<String>, globals: Set<String>)? {
        var reader = BytecodeStrings(bytes: chunk)
        return reader.readChunk() ? (reader.strings, reader.globals) : nil
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func readChunk() -> Bool {
        // "\x1bLua", version 0x54, format 0, LUAC_DATA (6 bytes), 3 size bytes,
        // LUAC_INT (8 bytes), LUAC_NUM (8 bytes), then the number of upvalues.
        guard bytes.count > 32, bytes[0] == 0x1B, bytes[1] == 0x4C, bytes[4] == 0x54 else { return false }
        let instructionSize = Int(bytes[12]), integerSize = Int(bytes[13]), numberSize = Int(bytes[14])
        guard instructionSize == 4, integerSize == 8, numberSize == 8 else { return false }
        position = 15 + integerSize + numberSize + 1
        return readFunction()
    }

    private mutating func byte() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    private mutating func size() -> Int? {
        var value = 0
        while let b = byte() {
            value = (value << 7) | Int(b & 0x7F)
            if b & 0x80 != 0 { return value }
            guard value < 1 << 40 else { return nil }
        }
        return nil
    }

    private mutating func skip(_ n: Int) -> Bool {
        guard n >= 0, position + n <= bytes.count else { return false }
        position += n
        return true
    }

    /// A string: size + 1 (0 for NULL), then the bytes; `text` receives it when it is UTF-8.
    private mutating func string(record: Bool, text: inout String?) -> Bool {
        text = nil
        guard let n = size() else { return false }
        if n == 0 { return true }
        guard position + n - 1 <= bytes.count else { return false }
        text = String(validating: bytes[position..<(position + n - 1)], as: UTF8.self)
        if record, let text { strings.insert(text) }
        position += n - 1
        return true
    }

    private mutating func string(record: Bool) -> Bool {
        var ignored: String?
        return string(record: record, text: &ignored)
    }

    /// A little-endian 32-bit instruction at byte `offset`.
    private func instruction(at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
    }

    private mutating func readFunction() -> Bool {
        guard string(record: false), size() != nil, size() != nil, skip(3) else { return false }  // source, lines, params, vararg, stack
        guard let code = size() else { return false }
        let codeStart = position
        guard skip(code * 4) else { return false }
        guard let constants = size() else { return false }
        var constantStrings: [String?] = []
        for _ in 0..<constants {
            var text: String? = nil
            switch byte() {
            case 0x00, 0x01, 0x11: break                           // nil, false, true
            case 0x03, 0x13: guard skip(8) else { return false }   // integer, float
            case 0x04, 0x14: guard string(record: true, text: &text) else { return false }   // short, long string
            default: return false
            }
            constantStrings.append(text)
        }
        guard let upvalues = size(), skip(upvalues * 3) else { return false }
        guard let functions = size() else { return false }
        for _ in 0..<functions { guard readFunction() else { return false } }
        // Debug information: line info, absolute line info, local variables, upvalue names.
        guard let lineInfo = size(), skip(lineInfo) else { return false }
        guard let absolute = size() else { return false }
        for _ in 0..<absolute { guard size() != nil, size() != nil else { return false } }
        guard let locals = size() else { return false }
        for _ in 0..<locals { guard string(record: false), size() != nil, size() != nil else { return false } }
        guard let names = size() else { return false }
        var upvalueNames: [String?] = []
        for _ in 0..<names {
            var text: String? = nil
            guard string(record: false, text: &text) else { return false }
            upvalueNames.append(text)
        }
        // OP_GETTABUP (11): R[A] := UpValue[B][K[C]]; OP_SETTABUP (15): UpValue[A][K[B]] := RK(C).
        // iABC: opcode in bits 0-6, A in 7-14, B in 16-23, C in 24-31.
        for i in 0..<code {
            let word = instruction(at: codeStart + 4 * i)
            let (op, a, b, c) = (word & 0x7F, Int(word >> 7 & 0xFF), Int(word >> 16 & 0xFF), Int(word >> 24 & 0xFF))
            let (upvalue, key) = op == 11 ? (b, c) : op == 15 ? (a, b) : (-1, -1)
            guard upvalue >= 0, upvalue < upvalueNames.count, upvalueNames[upvalue] == "_ENV",
                key < constantStrings.count, let name = constantStrings[key]
            else { continue }
            globals.insert(name)
        }
        return true
    }
}
