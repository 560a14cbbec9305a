import Notebook
import Testing

@Suite("YAML subset")
struct YAMLSubsetTests {
    @Test func scalarsAndFlowCollections() throws {
        let value = try YAMLSubset.parse([
            "title: Adaptive sampling # a comment",
            "seed: 12",
            "quoted: 'it''s'",
            "double: \"a\\tb\"",
            "tags: [remove-input, 'hide-output']",
            "kernelspec: {name: lua, display_name: Lua 5.4, nested: [1, {a: b}]}",
            "empty:",
        ])
        #expect(value["title"]?.string == "Adaptive sampling")
        #expect(value["seed"]?.int == 12)
        #expect(value["quoted"] == .scalar("it's", quoted: true))
        #expect(value["double"]?.string == "a\tb")
        #expect(value["tags"]?.strings == ["remove-input", "hide-output"])
        #expect(value["kernelspec"]?["display_name"]?.string == "Lua 5.4")
        #expect(value["kernelspec"]?["nested"] == .list([.scalar("1", quoted: false), .map([YAMLEntry(key: "a", value: .scalar("b", quoted: false), line: 6)])]))
        #expect(value["empty"] == .null)
    }

    @Test func blockMapsListsAndScalars() throws {
        let value = try YAMLSubset.parse([
            "execute:",
            "  error: true",
            "  # comment",
            "",
            "  echo: false",
            "jupytext:",
            "  text_representation:",
            "    extension: .md",
            "tags:",
            "- a",
            "- b",
            "more:",
            "  - c",
            "text: |",
            "  line 1",
            "  line 2",
        ], firstLine: 2)
        #expect(value["execute"]?["error"]?.bool == true)
        #expect(value["execute"]?["echo"]?.bool == false)
        #expect(value["jupytext"]?["text_representation"]?["extension"]?.string == ".md")
        #expect(value["tags"]?.strings == ["a", "b"])
        #expect(value["more"]?.strings == ["c"])
        #expect(value["text"]?.string == "line 1\nline 2")
        guard case .map(let entries) = value else { Issue.record("not a map"); return }
        #expect(entries.map(\.line) == [2, 7, 10, 13, 15])
    }

    @Test func quotedBooleansStayText() throws {
        let value = try YAMLSubset.parse(["a: 'true'", "b: yes", "c: False"])
        #expect(value["a"]?.bool == nil)
        #expect(value["b"]?.bool == true)
        #expect(value["c"]?.bool == false)
    }

    @Test(arguments: [
        (["a: [1, 2"], 1, "expected ',' or ']' in a flow list"),
        (["a: 'open"], 1, "a quoted string is not closed"),
        (["a: 1", "   b: 2"], 2, "unexpected indentation"),
        (["a:", "\tb: 2"], 2, "tabs cannot indent YAML; use spaces"),
        (["just text"], 1, "expected 'key: value', got 'just text'"),
        (["a: [1] x"], 1, "unexpected 'x' after a value"),
    ])
    func errorsNameTheLine(lines: [String], line: Int, message: String) {
        #expect(throws: YAMLError(line: line, message: message)) { try YAMLSubset.parse(lines) }
    }
}
