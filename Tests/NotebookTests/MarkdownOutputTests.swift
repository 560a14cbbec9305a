import AdaptiveLua
import Notebook
import Plotting
import Testing

@Suite("Rendered markdown")
struct MarkdownOutputTests {
    @Test func hiddenCells() throws {
        let text = """
            Before.

            ```{code-cell} lua
            :tags: [remove-cell]
            print('removed cell')
            ```

            ```{lua}
            --| echo: false
            print('output only')
            ```

            ```{code-cell} lua
            :tags: [hide-output]
            print('code only')
            testfigure(3)
            ```

            ```{code-cell} lua
            :tags: [hide-input, raises-exception]
            error('shown without code', 0)
            ```

            ```{lua}
            --| include: false
            hidden = 'but run'
            ```

            ```{lua}
            hidden
            ```

            After.
            """
        let rendered = try render(text, kernel: kernelWithTestFigure)
        #expect(rendered.markdown == """
            Before.

            ```text
            output only
            ```

            ```lua
            print('code only')
            testfigure(3)
            ```

            ```text
            shown without code
            ```

            ```lua
            hidden
            ```

            ```text
            but run
            ```

            After.

            """)
        #expect(rendered.figures.isEmpty)   // a hidden output writes no figure files
    }

    @Test func figuresAreNamedByLabelOrCell() throws {
        let text = """
            ```{code-cell} lua
            testfigure(2)
            testfigure(3)
            ```

            ```{lua}
            --| label: my plot
            --| fig-cap: [First, "Second [b]"]
            testfigure(2)
            testfigure(4)
            ```

            ```{lua}
            --| fig-cap: One caption
            testfigure(5)
            ```
            """
        let rendered = try render(text, kernel: kernelWithTestFigure)
        #expect(rendered.figures == ["cell-1-1", "cell-1-2", "my-plot-1", "my-plot-2", "cell-3-1"])
        #expect(rendered.markdown.contains("![cell-1-1](test_files/cell-1-1.svg)\n\n![cell-1-2](test_files/cell-1-2.svg)"))
        #expect(rendered.markdown.contains("![First](test_files/my-plot-1.svg)\n\n![Second \\[b\\]](test_files/my-plot-2.svg)"))
        #expect(rendered.markdown.contains("![One caption](test_files/cell-3-1.svg)"))
        let png = try render(text, options: RenderOptions(format: .png), kernel: kernelWithTestFigure)
        #expect(png.markdown.contains("![cell-1-1](test_files/cell-1-1.png)"))
    }

    @Test func figureValuesAndDisplayedFigures() throws {
        let text = """
            ```{code-cell} lua
            learner = adaptive.Learner1D(function(x) return x * x end, {-1, 1})
            adaptive.runner.simple(learner, {npoints_goal = 10})
            adaptive.display(learner:plot())
            learner:plot(), learner.npoints
            ```
            """
        let rendered = try render(text)
        #expect(rendered.results[0].figures.count == 2)
        #expect(rendered.results[0].value == "10")
        #expect(rendered.figures == ["cell-1-1", "cell-1-2"])
    }

    @Test func outputAsis() throws {
        let text = "```{lua}\n--| output: asis\nprint('| a | b |')\nprint('|---|---|')\n1 + 1\n```\n"
        #expect(try render(text).markdown == "```lua\nprint('| a | b |')\nprint('|---|---|')\n1 + 1\n```\n\n| a | b |\n|---|---|\n\n```text\n2\n```\n")
    }

    @Test func fencesLongerThanTheOutput() throws {
        let rendered = try render(myst("print('```')"))
        #expect(rendered.markdown.hasSuffix("````text\n```\n````\n"))
    }

    @Test func frontMatterIsKeptAsWritten() throws {
        let frontMatter = "---\ntitle: T   # comment\njupytext:\n  text_representation: {extension: .md}\nkernelspec:\n  name: lua\n---\n"
        #expect(try render(frontMatter + "\n# T\n").markdown == frontMatter + "\n# T\n")
    }

    @Test func unknownTagWarnsOnTheLog() throws {
        let rendered = try render(myst("1", options: ":tags: [fancy]"))
        #expect(rendered.log.dropFirst().first == "test.md:2: warning: unknown tag 'fancy' (ignored); known tags: hide-cell, hide-input, "
            + "hide-output, raises-exception, remove-cell, remove-input, remove-output, show-input, show-output, skip-execution")
        #expect(rendered.results[0].value == "1")
    }
}
