/// Figures rendered as SVG text and rasterized to PNG. Knows nothing of learners or Lua.
public enum Plotting {}
