import AdaptiveLua
import Notebook
import Plotting
import Testing

@Suite("Running cells")
struct NotebookRunnerTests {
    @Test func outputsGoToTheRightCell() throws {
        let text = myst("print('one')") + "\nsome text\n\n" + myst("io.write('two', 2, ' ')\nio.write(2.5)")
            + myst("x = 3\nprint('three')\nx")
        let rendered = try render(text)
        #expect(rendered.results.map(\.output) == ["one\n", "two2 2.5", "three\n"])
        #expect(rendered.results.map(\.value) == [nil, nil, "3"])
        #expect(rendered.markdown == """
            ```lua
            print('one')
            ```

            ```text
            one
            ```

            some text

            ```lua
            io.write('two', 2, ' ')
            io.write(2.5)
            ```

            ```text
            two2 2.5
            ```
            ```lua
            x = 3
            print('three')
            x
            ```

            ```text
            three
            3
            ```

            """)
    }

    @Test func valuesHaveNoAddresses() throws {
        let text = myst("""
            local t = {3, 2, 1, name = "a\\nb", [10] = true, ["two words"] = {1, {2, {3, {4}}}}, f = print}
            function g() end
            t.g = g
            t.self = t
            t
            """) + myst("local big = {}\nfor i = 1, 40 do big[i] = i end\nbig") + myst("{io.stdout}")
        let rendered = try render(text)
        #expect(rendered.results[0].value
            == #"{3, 2, 1, [10] = true, f = function: builtin, g = function: cell[1]:2, name = "a\nb", self = <cycle>, ["two words"] = {1, {2, {...}}}}"#)
        #expect(rendered.results[1].value == "{" + (1...30).map(String.init).joined(separator: ", ") + ", ... (10 more)}")
        #expect(rendered.results[2].value == "{file}")
    }

    @Test func expectedErrorsAreShownInline() throws {
        let text = myst("print('before')\nerror('boom')", options: ":tags: [raises-exception]")
            + "```{lua}\n--| error: true\nlocal function f() nosuch() end\nf()\n```\n" + myst("print('after')")
        let rendered = try render(text)
        #expect(rendered.results[0].error?.message == "cell[1]:2: boom")
        #expect(rendered.results[0].error?.traceback == nil)
        #expect(rendered.results[1].error?.message == "cell[2]:1: attempt to call a nil value (global 'nosuch')")
        #expect(rendered.results[1].error?.traceback == """
            stack traceback:
              cell[2]:1: in local 'f'
              cell[2]:2: in main chunk
            """)
        #expect(rendered.results[2].output == "after\n")
        #expect(rendered.markdown.contains("```text\nbefore\n```\n\n```text\ncell[1]:2: boom\n```"))
    }

    @Test func errorsAllowedByFrontMatterOrOption() throws {
        let body = myst("error('one')") + myst("print('still running')")
        for text in ["---\nexecute:\n  error: true\n---\n" + body, "---\nexecute: {error: true}\n---\n" + body] {
            #expect(try render(text).results[1].output == "still running\n")
        }
        let allowed = try render(body, options: RenderOptions(allowErrors: true))
        #expect(allowed.results[0].error?.message == "cell[1]:1: one")
        #expect(allowed.results[1].output == "still running\n")
    }

    @Test func unexpectedErrorStopsWithThePosition() {
        let text = "# Title\n\n" + myst("function explode() error('kaboom') end") + "\n" + myst("x = 1\nexplode()\nprint('never')")
            + myst("print('never either')")
        guard case .cellFailed(let failure)? = renderError(text) else { Issue.record("not a cell failure"); return }
        #expect(failure.cell == 2)
        #expect(failure.line == 9)   // the call in cell[2], line 2 of the cell
        #expect(failure.message == "cell[1]:1: kaboom")
        #expect(failure.traceback == "stack traceback:\n  [C]: in function 'error'\n  cell[1]:1: in function 'explode'\n  cell[2]:2: in main chunk")
        #expect(failure.description.hasPrefix("test.md:9: error in cell[2]: cell[1]:1: kaboom\nstack traceback:"))
        #expect(failure.description.contains("--allow-errors"))
    }

    @Test func syntaxErrorsPointAtTheLine() {
        guard case .cellFailed(let failure)? = renderError(myst("x = 1\ny = = 2")) else { Issue.record("not a cell failure"); return }
        #expect(failure.message == "cell[1]:2: unexpected symbol near '='")
        #expect(failure.line == 3)
    }

    @Test(.timeLimit(.minutes(1))) func timeoutInterruptsTheCell() throws {
        let text = myst("print('spinning')\nwhile true do end") + myst("local function spin() while true do end end\nspin()")
            + myst("print('kernel still works')")
        let options = RenderOptions(allowErrors: true, cellTimeout: 0.3)
        let rendered = try render(text, options: options)
        #expect(rendered.results[0].error?.timedOut == true)
        #expect(rendered.results[0].error?.message == "cell[1]:2: interrupted! (the cell ran longer than the cell timeout of 0.3 s)")
        #expect(rendered.results[0].output == "spinning\n")
        #expect(rendered.results[1].error?.timedOut == true)
        #expect(rendered.results[2].output == "kernel still works\n")
        #expect(rendered.log.contains { $0.hasPrefix("  cell[1]") && $0.hasSuffix("timed out") })
    }

    @Test(.timeLimit(.minutes(1))) func timeoutWithoutAllowErrorsStops() {
        guard case .cellFailed(let failure)? = renderError(myst("while true do end"), options: RenderOptions(cellTimeout: 0.2))
        else { Issue.record("not a cell failure"); return }
        #expect(failure.message.hasSuffix("interrupted! (the cell ran longer than the cell timeout of 0.2 s)"))
        #expect(failure.line == 2)
    }

    @Test func seedMakesRandomNumbersReproducible() throws {
        let cell = myst("math.random(1000000), math.random()")
        let a = try render("---\nseed: 7\n---\n" + cell).results[0].value
        let b = try render("---\nseed: 7\n---\n" + cell).results[0].value
        let c = try render("---\nseed: 8\n---\n" + cell).results[0].value
        let zero = try render(cell).results[0].value
        let explicitZero = try render("---\nseed: 0\n---\n" + cell).results[0].value
        #expect(a == b && a != c && zero == explicitZero)
    }

    @Test func skippedCellsDoNotRun() throws {
        let text = myst("ran = true", options: ":tags: [skip-execution]") + "```{lua}\n--| eval: false\nran = true\n```\n"
            + myst("ran")
        let rendered = try render(text)
        #expect(rendered.results.map(\.ran) == [false, false, true])
        #expect(rendered.results[2].value == "nil")
        #expect(rendered.markdown.hasPrefix("```lua\nran = true\n```\n```lua\nran = true\n```\n```lua\nran\n```"))
        #expect(rendered.log.contains("  cell[1]  skipped"))
    }
}
