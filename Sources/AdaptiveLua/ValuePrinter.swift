import LuaKit

/// How the shell and notebooks show a Lua value: like `print`, but without memory
/// addresses (renders stay reproducible) and with tables written out.
///
/// * strings, numbers, booleans and nil as `print` shows them (`hello`, `0.5`, `true`, `nil`);
/// * values with a `__tostring` metamethod (learners, runners, figures) by `tostring`:
///   `<Learner1D npoints=812 loss=0.0099>`;
/// * other tables as Lua constructors, array part first, then the other keys sorted
///   (numbers, then strings, then the rest): `{1, 2, x = 3, ["a b"] = 4}`. Nested
///   tables deeper than 3 levels show as `{...}`, a table met again inside itself as
///   `<cycle>`, and after 30 entries the rest is counted: `{1, 2, ..., (70 more)}`;
/// * functions as `function: cell[2]:4` (where they were defined) or `function: builtin`
///   (C functions and the kernel's own);
/// * files as `file` (a cell ending in `io.write(...)`, which returns the file, shows no value);
/// * other userdata and threads by their `__name` or type: `<userdata>`, `<thread>`.
///
/// ``ValueStyle`` adds what only a terminal wants: colours, tables broken over several
/// lines when wider than the screen, and strings with control bytes or invalid UTF-8
/// shown quoted and escaped instead of being written raw to the terminal.
public struct ValueStyle: Sendable, Equatable {
    /// ANSI colours (numbers, strings, booleans, placeholders).
    public var color: Bool
    /// Tables wider than this many columns are written one entry per line (nil: one line).
    public var width: Int?
    /// Top-level strings with control bytes or invalid UTF-8 are quoted and escaped.
    public var escapeBinary: Bool

    public init(color: Bool = false, width: Int? = nil, escapeBinary: Bool = false) {
        self.color = color
        self.width = width
        self.escapeBinary = escapeBinary
    }

    /// One line, no colours: notebooks and anything that must be reproducible.
    public static let plain = ValueStyle()
}

public enum ValuePrinter {
    /// A chunk returning `factory(options) -> format(value) -> string`, where options is
    /// `{color = bool, width = n, escape = bool}`. It captures the standard functions it
    /// uses when loaded, so a session that redefines `tostring` or `pairs` does not change it.
    public static let source = #"""
        local type, tostring, next, rawget, getmetatable, select = type, tostring, next, rawget, getmetatable, select
        local sort, concat, format, gsub, match, find, rep = table.sort, table.concat, string.format, string.gsub, string.match, string.find, string.rep
        local mtype, ipairs, iotype, getinfo = math.type, ipairs, io.type, debug and debug.getinfo
        local ulen = utf8 and utf8.len
        local rawmeta = debug and debug.getmetatable or getmetatable
        local maxDepth, maxItems = 3, 30

        local function metafield(v, name)
          local mt = rawmeta(v)
          if type(mt) == 'table' then return rawget(mt, name) end
        end

        local escapes = { ['\n'] = '\\n', ['\t'] = '\\t', ['\r'] = '\\r', ['\\'] = '\\\\', ['"'] = '\\"' }
        local function quote(s)
          return '"' .. gsub(s, '[%c\\"]', function(c) return escapes[c] or format('\\%03d', c:byte()) end) .. '"'
        end
        local function quoteBinary(s)
          return '"' .. gsub(s, '[%c\\"\128-\255]', function(c) return escapes[c] or format('\\%03d', c:byte()) end) .. '"'
        end

        return function(options)
          options = options or {}
          local width, escape = options.width, options.escape
          local paint = function(_, text) return text end
          if options.color then
            local codes = { number = '36', string = '32', keyword = '35', dim = '2' }
            paint = function(kind, text) return '\27[' .. codes[kind] .. 'm' .. text .. '\27[0m' end
          end
          local function visibleLength(s)
            s = gsub(s, '\27%[[%d;]*m', '')
            return ulen and ulen(s) or #s
          end

          local show

          local function showKey(k, seen, depth)
            if type(k) == 'string' and match(k, '^[%a_][%w_]*$') then return k end
            return '[' .. show(k, seen, depth, true) .. ']'
          end

          -- One line when it fits (or always, without a width); else one entry per line,
          -- array items packed greedily.
          local function layout(parts, arrayCount, depth)
            local line = '{' .. concat(parts, ', ') .. '}'
            if not width then return line end
            local indent = rep('  ', depth)
            local multiline = false
            for i = 1, #parts do if find(parts[i], '\n', 1, true) then multiline = true break end end
            if not multiline and visibleLength(line) + #indent <= width then return line end
            local inner = indent .. '  '
            local lines, current = {}, nil
            for i = 1, #parts do
              local part = parts[i]
              if i <= arrayCount and not find(part, '\n', 1, true) then
                if current and visibleLength(current) + 2 + visibleLength(part) <= width then
                  current = current .. ', ' .. part
                else
                  if current then lines[#lines + 1] = current end
                  current = inner .. part
                end
              else
                if current then lines[#lines + 1] = current; current = nil end
                lines[#lines + 1] = inner .. part
              end
            end
            if current then lines[#lines + 1] = current end
            return '{\n' .. concat(lines, ',\n') .. '\n' .. indent .. '}'
          end

          local rank = { number = 1, string = 2, boolean = 3 }
          local function showTable(t, seen, depth)
            if seen[t] then return paint('dim', '<cycle>') end
            if depth >= maxDepth then return paint('dim', '{...}') end
            seen[t] = true
            local parts, count = {}, 0
            local n = 0
            while rawget(t, n + 1) ~= nil do n = n + 1 end
            for i = 1, n do
              count = count + 1
              if count <= maxItems then parts[count] = show(rawget(t, i), seen, depth + 1, true) end
            end
            local arrayCount = count
            local keys = {}
            for k in next, t do
              if not (mtype(k) == 'integer' and k >= 1 and k <= n) then
                keys[#keys + 1] = { key = k, rank = rank[type(k)] or 4, text = showKey(k, seen, depth + 1) }
              end
            end
            sort(keys, function(a, b)
              if a.rank ~= b.rank then return a.rank < b.rank end
              if a.rank <= 2 and a.key ~= b.key then return a.key < b.key end
              return a.text < b.text
            end)
            for _, entry in ipairs(keys) do
              count = count + 1
              if count <= maxItems then
                parts[count] = entry.text .. ' = ' .. show(rawget(t, entry.key), seen, depth + 1, true)
              end
            end
            seen[t] = nil
            if count > maxItems then parts[maxItems + 1] = paint('dim', format('... (%d more)', count - maxItems)) end
            return layout(parts, arrayCount, depth)
          end

          function show(v, seen, depth, nested)
            local kind = type(v)
            if kind == 'string' then
              if nested then return paint('string', quote(v)) end
              if escape and (find(v, '[%z\1-\8\11\12\14-\31\127]') or (ulen and not ulen(v))) then
                return paint('string', quoteBinary(v))
              end
              return v
            end
            if kind == 'number' then return paint('number', tostring(v)) end
            if kind == 'boolean' or kind == 'nil' then return paint('keyword', tostring(v)) end
            if kind == 'userdata' and iotype(v) then return iotype(v) == 'closed file' and 'file (closed)' or 'file' end
            if metafield(v, '__tostring') ~= nil then return tostring(v) end
            if kind == 'table' then return showTable(v, seen, depth) end
            if kind == 'function' then
              local info = getinfo and getinfo(v, 'S')
              if info == nil or info.what == 'C' or match(info.short_src, '^%(') then return paint('dim', 'function: builtin') end
              return paint('dim', 'function: ' .. info.short_src .. ':' .. info.linedefined)
            end
            local name = metafield(v, '__name')
            return '<' .. (type(name) == 'string' and name or kind) .. '>'
          end

          return function(v) return show(v, {}, 0, false) end
        end
        """#
}

extension Kernel {
    /// A Lua function `format(value) -> string` showing one value in `style` (see
    /// ``ValuePrinter``). Load it once and keep it: each call compiles the printer.
    public func valueFormatter(style: ValueStyle = .plain) -> LuaRef {
        let factory = lua.builtinFunction(ValuePrinter.source, chunkName: "=(kernel)")
        var options: [String: LuaValue] = ["color": .boolean(style.color), "escape": .boolean(style.escapeBinary)]
        if let width = style.width { options["width"] = .integer(width) }
        return lua.builtinFunction(
            "local factory, options = ...; return factory(options)", chunkName: "=(kernel)",
            arguments: [.function(factory), .map(options)])
    }

    /// The values shown as the shell shows them: each formatted, separated by tabs
    /// (nil for no values).
    public func describe(_ values: [LuaValue], style: ValueStyle = .plain) -> String? {
        guard !values.isEmpty else { return nil }
        let format = valueFormatter(style: style)
        return values.map { value -> String in
            if case .string(let text)? = try? format.call([value]).first { return text }
            return "<\(value.typeName)>"
        }.joined(separator: "\t")
    }
}
