/// Markdown notebooks with Lua cells: parse them (``NotebookDocument``), run their cells
/// in one kernel (``NotebookRunner``) and write plain GitHub markdown with each cell's
/// output, value, error and figures (``MarkdownWriter``, ``NotebookRenderer``).
///
/// Cells are MyST (```` ```{code-cell} lua ````), Quarto (```` ```{lua} ````) or, when the
/// front matter sets `plain-fences: true`, plain ```` ```lua ```` fences; see ``CellParser``
/// for the syntax, ``CellOptions`` for the tags and options, ``LastExpression`` for which
/// value a cell shows and ``MarkdownWriter`` for the rendered form.
public enum Notebook {
    /// Renders the notebook at `path` with `options`; messages go to `log`.
    @discardableResult
    public static func render(path: String, options: RenderOptions = RenderOptions(),
                              log: @escaping (String) -> Void = { _ in }) throws(RenderError) -> RenderSummary {
        try NotebookRenderer(options: options, log: log).render(path: path)
    }
}
