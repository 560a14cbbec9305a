/// How a notebook shows a cell's value: like the shell's `print`, but without memory
/// addresses, so that renders are reproducible.
///
/// * strings, numbers, booleans and nil as `print` shows them (`hello`, `0.5`, `true`, `nil`);
/// * values with a `__tostring` metamethod (learners, runners, figures) by `tostring`;
/// * other tables as Lua constructors, array part first, then the other keys sorted
///   (numbers, then strings, then the rest): `{1, 2, x = 3, ["a b"] = 4}`. Nested
///   tables deeper than 3 levels show as `{...}`, a table met again inside itself as
///   `<cycle>`, and after 30 entries the rest is counted: `{1, 2, ..., (70 more)}`;
/// * functions as `function: cell[2]:4` (where they were defined) or `function: builtin`
///   (C functions and the kernel's own);
/// * files as `file` (a cell ending in `io.write(...)`, which returns the file, shows no value);
/// * other userdata and threads by their `__name` or type: `<userdata>`, `<thread>`.
enum ValueFormatter {
    /// A chunk returning `format(value) -> string`. It captures the standard functions it
    /// uses when loaded, so a notebook that redefines `tostring` or `pairs` does not change it.
    static let source = #"""
        local type, tostring, next, rawget, getmetatable, select = type, tostring, next, rawget, getmetatable, select
        local sort, concat, format, gsub, match = table.sort, table.concat, string.format, string.gsub, string.match
        local mtype, ipairs, iotype, getinfo = math.type, ipairs, io.type, debug and debug.getinfo
        local maxDepth, maxItems = 3, 30

        local function metafield(v, name)
          local mt = getmetatable(v)
          if type(mt) == 'table' then return rawget(mt, name) end
        end

        local escapes = { ['\n'] = '\\n', ['\t'] = '\\t', ['\r'] = '\\r', ['\\'] = '\\\\', ['"'] = '\\"' }
        local function quote(s)
          return '"' .. gsub(s, '[%c\\"]', function(c) return escapes[c] or format('\\%03d', c:byte()) end) .. '"'
        end

        local show

        local function showKey(k, seen, depth)
          if type(k) == 'string' and match(k, '^[%a_][%w_]*$') then return k end
          return '[' .. show(k, seen, depth, true) .. ']'
        end

        local rank = { number = 1, string = 2, boolean = 3 }
        local function showTable(t, seen, depth)
          if seen[t] then return '<cycle>' end
          if depth >= maxDepth then return '{...}' end
          seen[t] = true
          local parts, count = {}, 0
          local n = 0
          while rawget(t, n + 1) ~= nil do n = n + 1 end
          for i = 1, n do
            count = count + 1
            if count <= maxItems then parts[count] = show(rawget(t, i), seen, depth + 1, true) end
          end
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
          if count > maxItems then parts[maxItems + 1] = format('... (%d more)', count - maxItems) end
          return '{' .. concat(parts, ', ') .. '}'
        end

        function show(v, seen, depth, nested)
          local kind = type(v)
          if kind == 'string' then return nested and quote(v) or v end
          if kind == 'number' or kind == 'boolean' or kind == 'nil' then return tostring(v) end
          if kind == 'userdata' and iotype(v) then return iotype(v) == 'closed file' and 'file (closed)' or 'file' end
          if metafield(v, '__tostring') ~= nil then return tostring(v) end
          if kind == 'table' then return showTable(v, seen, depth) end
          if kind == 'function' then
            local info = getinfo and getinfo(v, 'S')
            if info == nil or info.what == 'C' or match(info.short_src, '^%(') then return 'function: builtin' end
            return 'function: ' .. info.short_src .. ':' .. info.linedefined
          end
          local name = metafield(v, '__name')
          return '<' .. (type(name) == 'string' and name or kind) .. '>'
        end

        return function(v) return show(v, {}, 0, false) end
        """#

    /// A chunk taking `(isFigure, emit, format)` and returning the function that receives a
    /// cell's results: figures go to `isFigure` (which keeps them and returns true), the
    /// other values are formatted and passed to `emit` as one tab-separated line.
    static let consumerSource = #"""
        local isFigure, emit, format = ...
        local select, type, concat, iotype = select, type, table.concat, io.type
        return function(...)
          local n = select('#', ...)
          if n == 1 and iotype((...)) then return end   -- io.write(...) returns the file: not a value to show
          local parts = {}
          for i = 1, n do
            local v = select(i, ...)
            if not (type(v) == 'userdata' and isFigure(v)) then parts[#parts + 1] = format(v) end
          end
          if #parts > 0 then emit(concat(parts, '\t')) end
        end
        """#
}
