import AdaptiveLua
import Foundation
import LuaKit

extension Commands {
    /// Defines `help(x)` and `adaptive.shell.NAME(...)` (one per command: its arguments,
    /// turned to text, are the command's arguments), plus the `%who` helper.
    func installLuaFunctions() {
        let lua = repl.kernel.lua
        for command in Commands.table {
            let name = command.name
            lua.register(in: ["adaptive", "shell"], name) { [unowned self] call in
                var words: [String] = []
                for i in 0..<call.count {
                    let value = call.value(i + 1)
                    switch value {
                    case .string(let s): words.append(s)
                    case .integer(let n): words.append(String(n))
                    case .number(let x): words.append(String(x))
                    case .nil: continue
                    default: throw call.argumentError(i + 1, "string or number expected, got \(value.typeName)")
                    }
                }
                if name == "render" && words.count == 2 { words.insert("-o", at: 1) }
                if name == "help" && call.count > 0 {
                    throw LuaCallError("adaptive.shell.help(x): use help(x) to describe a value")
                }
                run("%" + name + " " + words.joined(separator: " "))
                return 0
            }
        }
        let emit = lua.makeFunction(name: "emit") { [unowned self] call in
            repl.write(try call.string(1) + "\n")
            return 0
        }
        let general = lua.makeFunction(name: "help") { [unowned self] _ in
            repl.write(Commands.helpText(style: repl.style))
            return 0
        }
        let format = repl.kernel.valueFormatter(style: .plain)
        let helpers = lua.builtinFunctions(
            Commands.helpersSource, chunkName: "=(shell)",
            arguments: [.function(format), .function(emit), .function(general), .integer(repl.width())], count: 2)
        lua.setGlobal("help", .function(helpers[0]))
        lua.setField(in: ["adaptive", "shell"], "__who", .function(helpers[1]))
    }

    /// `help(x)` and `%who`, in Lua: they look at values with raw access (and `tostring`
    /// through the shared value printer for the one-line summary).
    static let helpersSource = #"""
        local format, emit, general, width = ...
        local type, next, rawget, ipairs, select, sort, concat, match, sub = type, next, rawget, ipairs, select, table.sort, table.concat, string.match, string.sub
        local rawmeta = debug and debug.getmetatable or getmetatable
        local G = _ENV

        local function wrap(label, names)
          if #names == 0 then return end
          sort(names)
          local lines, line = {}, '  ' .. label
          local indent = string.rep(' ', #line)
          for i, name in ipairs(names) do
            local piece = name .. (i < #names and ',' or '')
            if #line + 1 + #piece > width and #line > #indent then
              lines[#lines + 1] = line
              line = indent
            end
            line = line .. ' ' .. piece
          end
          lines[#lines + 1] = line
          emit(concat(lines, '\n'))
        end

        local function short(text)
          text = text:gsub('\n%s*', ' ')
          if #text > width - 20 then text = sub(text, 1, width - 23) .. '...' end
          return text
        end

        local function typeName(v)
          local mt = rawmeta(v)
          local name = type(mt) == 'table' and rawget(mt, '__name')
          if type(v) == 'userdata' and type(name) == 'string' then return name end
          return type(v)
        end

        local function help(...)
          if select('#', ...) == 0 then return general() end
          local v = ...
          local kind = type(v)
          emit(typeName(v) .. ': ' .. short(format(v)))
          if kind == 'userdata' then
            local mt = rawmeta(v)
            if type(mt) ~= 'table' then return end
            local fields, methods = {}, {}
            if type(rawget(mt, '__fields')) == 'table' then
              for _, k in ipairs(rawget(mt, '__fields')) do fields[#fields + 1] = k end
            end
            if type(rawget(mt, '__methods')) == 'table' then
              for k in next, rawget(mt, '__methods') do methods[#methods + 1] = k .. '()' end
            end
            wrap('fields: ', fields)
            wrap('methods:', methods)
          elseif kind == 'table' then
            local fields, functions, count = {}, {}, 0
            for k, x in next, v do
              count = count + 1
              if type(k) == 'string' and match(k, '^[%a_][%w_]*$') then
                if type(x) == 'function' then functions[#functions + 1] = k .. '()' else fields[#fields + 1] = k end
              end
            end
            emit('  ' .. count .. (count == 1 and ' entry' or ' entries') .. ', #t = ' .. #v)
            wrap('fields:   ', fields)
            wrap('functions:', functions)
          elseif kind == 'function' then
            emit('  call it: f(...); its source line is shown above')
          end
        end

        local function who(...)
          local rows, w = {}, 4
          for i = 1, select('#', ...) do
            local name = select(i, ...)
            local v = rawget(G, name)
            rows[#rows + 1] = { name, typeName(v), v }
            if #name > w then w = #name end
          end
          local tw = 4
          for _, row in ipairs(rows) do if #row[2] > tw then tw = #row[2] end end
          for _, row in ipairs(rows) do
            local line = row[1] .. string.rep(' ', w - #row[1] + 2) .. row[2] .. string.rep(' ', tw - #row[2] + 2)
            local ok, text = pcall(format, row[3])
            emit(line .. short(ok and text or '?'))
          end
        end

        return help, who
        """#
}
