/// Markdown notebooks with Lua cells (rendering arrives with the notebook issue).
public enum Notebook {}
