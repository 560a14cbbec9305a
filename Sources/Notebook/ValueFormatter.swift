/// How a notebook collects a cell's values. The values themselves are formatted by the
/// printer the shell uses too (``AdaptiveLua/ValuePrinter``, `Kernel.valueFormatter(style: .plain)`):
/// one line, no colours, no memory addresses, so that renders are reproducible.
enum ValueFormatter {
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
