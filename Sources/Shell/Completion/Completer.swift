import AdaptiveLua
import Foundation
import LuaKit

/// What Tab offers for the text before the cursor:
///
/// * `%` commands at the start of a line;
/// * file names after `%load`, `%save`, `%render` and inside an unfinished string
///   (`run("no`, `fig:save("pl`, `dofile('`);
/// * after `name.` or `name:`, the fields (or, after `:`, the methods) of that value: a
///   table's keys and its `__index` tables, a bridged object's methods and fields
///   (learners, runners, figures), a string's methods;
/// * otherwise globals and Lua keywords.
///
/// Values are inspected with raw access only: completion never calls a metamethod
/// or any of the user's code.
public final class Completer {
    let kernel: Kernel
    let commands: [String]
    private var lister: LuaRef?

    public init(kernel: Kernel, commands: [String]) {
        self.kernel = kernel
        self.commands = commands
    }

    /// The candidates for `prefix` (the line up to the cursor): each replaces the text
    /// from `start` (an offset in characters of `prefix`) to the cursor.
    public func complete(_ prefix: String) -> (start: Int, candidates: [String]) {
        let chars = Array(prefix)
        let trimmed = prefix.drop(while: { $0 == " " || $0 == "\t" })
        let leading = chars.count - trimmed.count
        // A command name.
        if let first = trimmed.first, first == "%" || (first == ":" && trimmed.dropFirst().first?.isLetter ?? true),
           !trimmed.contains(" ") {
            let word = String(trimmed.dropFirst())
            let names = commands.filter { $0.hasPrefix(word) }.map { String(first) + $0 }
            return (leading, names)
        }
        // A file name: a command's argument, or inside a string.
        if let first = trimmed.first, first == "%" || first == ":" {
            let name = trimmed.dropFirst().prefix(while: { !$0.isWhitespace })
            if ["load", "save", "render", "run"].contains(String(name)) {
                let start = chars.lastIndex(where: { $0 == " " || $0 == "\t" }).map { $0 + 1 } ?? chars.count
                return (start, Completer.files(String(chars[start...])))
            }
        }
        if let quote = Completer.openStringStart(chars) {
            return (quote + 1, Completer.files(String(chars[(quote + 1)...])))
        }
        // A name, or a path of names.
        var start = chars.count
        while start > 0, chars[start - 1].isLetter || chars[start - 1].isNumber || "_.:".contains(chars[start - 1]) {
            start -= 1
        }
        if start > 0 && chars[start - 1] == ":" { return (chars.count, []) }
        let word = String(chars[start...])
        guard !word.isEmpty || start == chars.count else { return (chars.count, []) }
        if let sepIndex = word.lastIndex(where: { $0 == "." || $0 == ":" }) {
            let path = word[..<sepIndex].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !path.contains(where: { $0.isEmpty || $0.contains(":") }) else { return (chars.count, []) }
            let sep = String(word[sepIndex])
            let partial = String(word[word.index(after: sepIndex)...])
            let head = String(word[...sepIndex])
            let names = members(path: path, separator: sep).filter { $0.hasPrefix(partial) }
            return (start, names.map { head + $0 })
        }
        guard !word.isEmpty, !(word.first?.isNumber ?? false) else { return (chars.count, []) }
        let names = Set(members(path: [], separator: ".") + Completer.keywords).filter { $0.hasPrefix(word) }
        return (start, names.sorted())
    }

    static let keywords = [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
        "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
    ]

    /// The names found under a path of globals (`["learner"]`), raw access only.
    func members(path: [String], separator: String) -> [String] {
        if lister == nil {
            guard case .function(let f)? = try? kernel.lua.evaluate(Completer.listerSource, chunkName: "=(shell)").first
            else { return [] }
            lister = f
        }
        guard let lister,
              let result = try? lister.call([.array(path.map { .string($0) }), .string(separator)]).first
        else { return [] }
        if case .array(let items) = result {
            return items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
        }
        return []
    }

    static let listerSource = #"""
        local G = _ENV
        local next, type, rawget, ipairs, sort, match = next, type, rawget, ipairs, table.sort, string.match
        local rawmeta = debug and debug.getmetatable or getmetatable
        local strings = string
        return function(path, sep)
          local v = G
          for i = 1, #path do
            if type(v) ~= 'table' then return {} end
            v = rawget(v, path[i])
          end
          local names, seen = {}, {}
          local function add(k, val)
            if type(k) == 'string' and match(k, '^[%a_][%w_]*$') and not seen[k]
               and (sep ~= ':' or val == true or type(val) == 'function' or type(val) == 'table' and rawmeta(val)) then
              names[#names + 1] = k
              seen[k] = true
            end
          end
          local function addTable(t, depth)
            for k, val in next, t do add(k, val) end
            local mt = rawmeta(t)
            if depth < 8 and type(mt) == 'table' then
              local index = rawget(mt, '__index')
              if type(index) == 'table' then addTable(index, depth + 1) end
            end
          end
          local kind = type(v)
          if kind == 'table' then
            addTable(v, 0)
          elseif kind == 'userdata' then
            local mt = rawmeta(v)
            if type(mt) == 'table' then
              local methods = rawget(mt, '__methods')
              if type(methods) == 'table' then for k in next, methods do add(k, true) end end
              local fields = rawget(mt, '__fields')
              if sep == '.' and type(fields) == 'table' then for _, k in ipairs(fields) do add(k, false) end end
              local index = rawget(mt, '__index')
              if type(index) == 'table' then addTable(index, 0) end
            end
          elseif kind == 'string' then
            addTable(strings, 0)
          end
          sort(names)
          return names
        end
        """#

    /// The index of the quote that opens an unfinished string before the end, if any.
    static func openStringStart(_ chars: [Character]) -> Int? {
        var open: (Int, Character)?
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if let (_, q) = open {
                if c == "\\" { i += 1 } else if c == q { open = nil }
            } else if c == "\"" || c == "'" {
                open = (i, c)
            } else if c == "-" && i + 1 < chars.count && chars[i + 1] == "-" {
                return nil   // a comment
            }
            i += 1
        }
        return open?.0
    }

    /// Files and folders (with a trailing `/`) whose path starts with `partial`.
    static func files(_ partial: String) -> [String] {
        var directory = "", namePrefix = partial
        if let slash = partial.lastIndex(of: "/") {
            directory = String(partial[...slash])
            namePrefix = String(partial[partial.index(after: slash)...])
        }
        var expanded = directory.isEmpty ? "." : directory
        if expanded.hasPrefix("~") { expanded = (expanded as NSString).expandingTildeInPath }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: expanded) else { return [] }
        return names.filter { $0.hasPrefix(namePrefix) && (namePrefix.hasPrefix(".") || !$0.hasPrefix(".")) }
            .sorted()
            .map { name in
                var isDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: (expanded as NSString).appendingPathComponent(name), isDirectory: &isDirectory)
                return directory + name + (isDirectory.boolValue ? "/" : "")
            }
    }
}
