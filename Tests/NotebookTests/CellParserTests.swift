import Notebook
import Testing

@Suite("Cell parsing")
struct CellParserTests {
    @Test func mystShortFormTags() throws {
        let cell = try #require(try cells(myst("x = 1", options: ":tags: [remove-input, raises-exception]")).first)
        #expect(cell.syntax == .myst)
        #expect(cell.source == "x = 1")
        #expect(cell.options.tags == ["remove-input", "raises-exception"])
        #expect(cell.options.echo == false && cell.options.error == true)
        #expect(cell.fenceLine == 1 && cell.codeLine == 3)
    }

    @Test func mystOptionBlock() throws {
        let text = myst("y = 2\ny", options: "---\ntags:\n  - remove-output\nlabel: my plot\nfig-cap: [One, Two]\n---")
        let cell = try #require(try cells(text).first)
        #expect(cell.source == "y = 2\ny")
        #expect(cell.options.output == .hidden)
        #expect(cell.options.label == "my plot")
        #expect(cell.figureStem == "my-plot")
        #expect(cell.options.figureCaptions == ["One", "Two"])
        #expect(cell.codeLine == 8)
    }

    @Test func mystWithoutLanguageIsLua() throws {
        #expect(try cells("```{code-cell}\nx = 1\n```\n").count == 1)
    }

    @Test func quartoOptionLines() throws {
        let text = """
            ```{lua}
            --| label: peak-learner
            --| fig-cap: "Learner1D, after the goal"
            --| echo: false
            --| eval: true
            --| output: asis
            learner = 1
            ```
            """
        let cell = try #require(try cells(text).first)
        #expect(cell.syntax == .quarto)
        #expect(cell.source == "learner = 1")
        #expect(cell.options.label == "peak-learner")
        #expect(cell.options.figureCaptions == ["Learner1D, after the goal"])
        #expect(cell.options.echo == false && cell.options.eval == true && cell.options.output == .asis)
        #expect(cell.codeLine == 7)
    }

    @Test func quartoAttributesInBraces() throws {
        let cell = try #require(try cells("```{lua setup, echo=FALSE, include=false}\nx = 1\n```\n").first)
        #expect(cell.options.label == "setup")
        #expect(cell.options.echo == false && cell.options.include == false)
    }

    @Test(arguments: [
        ("remove-cell", "isIncluded", false), ("hide-cell", "isIncluded", false),
        ("remove-input", "showsInput", false), ("hide-input", "showsInput", false),
        ("remove-output", "showsOutput", false), ("hide-output", "showsOutput", false),
        ("raises-exception", "allowsError", true), ("skip-execution", "runs", false),
        ("show-input", "showsInput", true),
    ] as [(String, String, Bool)])
    func everyTag(tag: String, property: String, expected: Bool) throws {
        let document = try parse(myst("x = 1", options: ":tags: [\(tag)]"))
        #expect(document.cells[0].options.resolved(property) == expected)
        #expect(document.warnings.isEmpty)
    }

    @Test(arguments: [
        ("include: false", "isIncluded", false), ("echo: false", "showsInput", false),
        ("output: false", "showsOutput", false), ("error: true", "allowsError", true),
        ("eval: false", "runs", false), ("echo: fenced", "showsInput", true),
    ] as [(String, String, Bool)])
    func everyQuartoOption(option: String, property: String, expected: Bool) throws {
        let document = try parse("```{lua}\n--| \(option)\nx = 1\n```\n")
        #expect(document.cells[0].options.resolved(property) == expected)
    }

    @Test func plainFencesAreShownUnlessOptedIn() throws {
        let body = "```lua\nx = 1\n```\n\n```lua .noeval\ny = 2\n```\n"
        let shown = try parse(body)
        #expect(shown.cells.isEmpty)
        #expect(shown.blocks == [.markdown(["```lua", "x = 1", "```", "", "```lua .noeval", "y = 2", "```"])])
        for frontMatter in ["---\nplain-fences: true\n---\n", "---\nexecute: {plain-fences: true}\n---\n",
                            "---\nexecute:\n  plain-fences: yes\n---\n"] {
            let run = try parse(frontMatter + body)
            #expect(run.cells.map(\.syntax) == [.plain, .plain])
            #expect(run.cells.map(\.options.runs) == [true, false])
        }
    }

    @Test func otherFencesPassThroughUnchanged() throws {
        let text = """
            ````markdown
            ```{code-cell} lua
            not a cell
            ```
            ````

            ~~~{lua}
            x = 1
            ~~~

            ```python
            print(1)
            ```
            +++ {"some": "metadata"}
            ```{code-cell} python
            print(2)
            ```
            """
        let document = try parse(text)
        #expect(document.cells.count == 1)   // the tilde {lua} fence
        #expect(document.cells[0].source == "x = 1")
        let markdown = document.blocks.compactMap { if case .markdown(let lines) = $0 { lines } else { nil } }.joined()
        #expect(markdown.contains("not a cell") && markdown.contains("print(1)") && markdown.contains("print(2)"))
        #expect(!markdown.contains { $0.hasPrefix("+++") })
        #expect(document.warnings.map(\.line) == [15])
        #expect(document.warnings[0].message.contains("'python' is not run"))
    }

    @Test func indentedFenceStripsItsIndentation() throws {
        let cell = try #require(try cells("  ```{lua}\n  x = 1\n    y = 2\n  ```\n").first)
        #expect(cell.source == "x = 1\n  y = 2")
    }

    @Test func cellsAreNumberedInOrder() throws {
        let text = myst("a = 1") + "\ntext\n\n" + "```{lua}\nb = 2\n```\n" + myst("c = 3", options: ":tags: [skip-execution]")
        #expect(try cells(text).map(\.number) == [1, 2, 3])
        #expect(try cells(text).map(\.figureStem) == ["cell-1", "cell-2", "cell-3"])
    }

    @Test func frontMatterKeysAndDefaults() throws {
        let text = """
            ---
            title: "A: title"
            seed: 42
            jupytext:
              text_representation:
                extension: .md
                format_name: myst
            kernelspec: {name: lua, display_name: Lua 5.4, language: lua}
            execute:
              error: true
              echo: false
            ---

            """ + myst("x = 1") + myst("y = 1", options: ":tags: [show-input]\n:echo: true")
        let document = try parse(text)
        let frontMatter = document.frontMatter
        #expect(frontMatter.title == "A: title")
        #expect(frontMatter.seed == 42)
        #expect(frontMatter.allowsErrors)
        #expect(frontMatter.lines.count == 12 && frontMatter.lines.last == "---")
        #expect(document.cells[0].options.showsInput == false)
        #expect(document.cells[0].options.allowsError)
        #expect(document.cells[1].options.showsInput == true)
        #expect(document.cells[0].fenceLine == 13)
    }

    @Test func flowStyleExecute() throws {
        let frontMatter = try parse("---\nexecute: {error: true, freeze: auto}\n---\n").frontMatter
        #expect(frontMatter.allowsErrors)
        #expect(frontMatter.seed == 0)
    }

    @Test func unknownTagsAndOptionsWarnAndContinue() throws {
        let document = try parse("# T\n\n" + myst("x = 1", options: ":tags: [remove-input, hide-all]\n:colour: red"))
        #expect(document.cells.count == 1)
        #expect(document.cells[0].options.echo == false)
        #expect(document.warnings.map(\.description) == [
            "test.md:4: warning: unknown tag 'hide-all' (ignored); known tags: hide-cell, hide-input, hide-output, "
                + "raises-exception, remove-cell, remove-input, remove-output, show-input, show-output, skip-execution",
            "test.md:5: warning: unknown cell option 'colour' (ignored)",
        ])
    }
}

@Suite("Bad notebooks")
struct BadNotebookTests {
    @Test(arguments: [
        ("text\n\n```{code-cell} lua\nx = 1\n", 3, "the ``` {code-cell} lua fence opened here is never closed (expected a line of at least 3 '`')"),
        ("````\n```\n", 1, "the ```` fence opened here is never closed (expected a line of at least 4 '`')"),
        ("---\ntitle: x\n", 1, "front matter: the front matter opened here is never closed (expected a line '---')"),
        ("---\nseed: one\n---\n", 2, "front matter: seed must be an integer, got one"),
        ("---\nexecute: {error: maybe}\n---\n", 2, "front matter: execute: 'error' must be true or false, got maybe"),
        ("```{code-cell} lua\n---\ntags: [a]\nx = 1\n```\n", 2, "the cell's option block opened here is never closed (expected a line '---')"),
        ("```{lua}\n--| echo: nope\n```\n", 2, "cell option: 'echo' must be true or false, got nope"),
        ("```{lua}\n--| label: a\n```\n```{lua}\n--| label: a\n```\n", 4,
         "cell[2] names its figures 'a' like the cell at line 1; labels must be unique"),
    ])
    func clearMessageWithLine(text: String, line: Int, message: String) {
        #expect(throws: RenderError.invalidNotebook(path: "test.md", line: line, message: message)) { try parse(text) }
    }

    @Test func messagesNameTheFile() {
        let error = RenderError.invalidNotebook(path: "nb.md", line: 3, message: "the ``` fence opened here is never closed")
        #expect(error.description == "nb.md:3: the ``` fence opened here is never closed")
    }
}

extension CellOptions {
    /// A resolved flag by name (key paths are not Sendable test arguments).
    func resolved(_ name: String) -> Bool {
        switch name {
        case "isIncluded": return isIncluded
        case "showsInput": return showsInput
        case "showsOutput": return showsOutput
        case "allowsError": return allowsError
        case "runs": return runs
        default: fatalError("no flag \(name)")
        }
    }
}
