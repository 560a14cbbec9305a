import Notebook
import Testing

@Suite("Last expression")
struct LastExpressionTests {
    let rule = LastExpression()

    @Test(arguments: [
        ("1 + 1", nil, "1 + 1"),
        ("learner", nil, "learner"),
        ("f(1,\n  2)", nil, "f(1,\n  2)"),
        ("print('a')\n(f or g)(1)", nil, "print('a')\n(f or g)(1)"),   // Lua reads print('a')(f or g)(1)
        ("x = 1\nx", "x = 1", "x"),
        ("local t = {1, 2}\n#t", "local t = {1, 2}", "#t"),
        ("x = 1\nx, x + 1\n-- a comment\n\n", "x = 1", "x, x + 1\n-- a comment\n\n"),
        ("t = {\n  1,\n  2}\nt[1] +\n  t[2]", "t = {\n  1,\n  2}", "t[1] +\n  t[2]"),
        ("x = 1\nprint(x)", "x = 1", "print(x)"),
        ("for i = 1, 3 do end\nf\n\"str\"", "for i = 1, 3 do end", "f\n\"str\""),
    ] as [(String, String?, String)])
    func returnsTheLastExpression(source: String, head: String?, tail: String) {
        let program = rule.program(for: source)
        #expect(program.code == (head.map { $0 + "\n" } ?? "") + "return (function(...) return ... end)(" + tail + "\n)")
        #expect(program.returnsValue)
        #expect(program.expressionLine == (head.map { $0.split(separator: "\n", omittingEmptySubsequences: false).count + 1 } ?? 1))
    }

    @Test(arguments: [
        "x = 1",
        "function f(x)\n  return x\nend",
        "x = 1\n- 2",                       // Lua reads x = 1 - 2
        "x = 1\n-- only a comment",
        "if x then\n  y\nend",
        "x = = 1",                           // a syntax error: run as is, Lua reports it
    ])
    func runsTheCellAsItIs(source: String) {
        let program = rule.program(for: source)
        #expect(program.code == source)
        #expect(!program.returnsValue)
    }

    @Test func valuesAsTheCellShowsThem() throws {
        let text = myst("local a = 3\na * 2") + myst("x = 1\n- 2") + myst("x") + myst("return 'returned'")
            + myst("print('p')") + myst("nil") + myst("1, 'two', nil")
        let rendered = try render(text)
        #expect(rendered.results.map(\.value) == ["6", nil, "-1", "returned", nil, "nil", "1\ttwo\tnil"])
        #expect(rendered.results[4].output == "p\n")
    }
}
