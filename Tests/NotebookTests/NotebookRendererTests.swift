import Foundation
import Notebook
import Testing

@Suite("Rendering to files")
struct NotebookRendererTests {
    func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    func files(_ directory: String) -> [String] {
        ((try? FileManager.default.subpathsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    @Test func writesMarkdownAndFigures() throws {
        let out = try temporaryDirectory()
        defer { removeTemporary(out) }
        let summary = try NotebookRenderer(options: RenderOptions(outputDirectory: out)).render(path: fixture("figures.md"))
        #expect(summary.outputPath == out + "/figures.md")
        #expect(files(out) == ["figures.md", "figures_files", "figures_files/sine-1.png", "figures_files/sine-1.svg"])
        let data = try #require(contents(out + "/figures.md"))
        let markdown = String(decoding: data, as: UTF8.self)
        #expect(markdown.contains("![A noisy sine](figures_files/sine-1.svg)"))
        #expect(markdown.contains("```text\n25\ttrue\n```"))
        #expect(!markdown.contains("adaptive.Learner1D"))   // remove-input
        let png = try #require(contents(out + "/figures_files/sine-1.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func twoRendersAreByteIdentical() throws {
        let a = try temporaryDirectory(), b = try temporaryDirectory()
        defer { removeTemporary(a); removeTemporary(b) }
        for out in [a, b] { try NotebookRenderer(options: RenderOptions(outputDirectory: out)).render(path: fixture("figures.md")) }
        #expect(files(a) == files(b))
        for file in files(a) where !file.hasSuffix("_files") {
            #expect(contents(a + "/" + file) == contents(b + "/" + file), "\(file) differs")
        }
    }

    @Test func svgOnlyAndStaleFiguresRemoved() throws {
        let out = try temporaryDirectory()
        defer { removeTemporary(out) }
        try FileManager.default.createDirectory(atPath: out + "/figures_files", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: out + "/figures_files/old-1.svg", contents: Data("old".utf8))
        _ = FileManager.default.createFile(atPath: out + "/figures_files/notes.txt", contents: Data("mine".utf8))
        try NotebookRenderer(options: RenderOptions(outputDirectory: out, format: .svg)).render(path: fixture("figures.md"))
        #expect(files(out) == ["figures.md", "figures_files", "figures_files/notes.txt", "figures_files/sine-1.svg"])
    }

    @Test func failedRenderKeepsThePreviousOutput() throws {
        let out = try temporaryDirectory()
        defer { removeTemporary(out) }
        let notebook = out + "/nb.md"
        let dest = out + "/rendered"
        _ = FileManager.default.createFile(atPath: notebook, contents: Data(myst("print('good')").utf8))
        let renderer = NotebookRenderer(options: RenderOptions(outputDirectory: dest))
        try renderer.render(path: notebook)
        let good = contents(dest + "/nb.md")
        _ = FileManager.default.createFile(atPath: notebook, contents: Data((myst("print('good')") + myst("error('bad')")).utf8))
        #expect(throws: RenderError.self) { try renderer.render(path: notebook) }
        #expect(contents(dest + "/nb.md") == good)
        #expect(files(dest) == ["nb.md"])   // no temporary files left
    }

    @Test func unexpectedErrorInAFixture() {
        #expect {
            try NotebookRenderer(options: RenderOptions(outputDirectory: NSTemporaryDirectory() + "never-written"))
                .render(path: fixture("fails.md"))
        } throws: { error in
            guard case .cellFailed(let failure) = error as? RenderError else { return false }
            return failure.cell == 2 && failure.line == 9 && failure.path.hasSuffix("fails.md")
                && failure.message == "cell[2]:2: attempt to index a nil value (local 't')"
        }
        #expect(!FileManager.default.fileExists(atPath: NSTemporaryDirectory() + "never-written"))
    }

    @Test func unterminatedFenceFixture() {
        let path = fixture("unterminated.md")
        #expect(throws: RenderError.invalidNotebook(path: path, line: 3,
            message: "the ``` {code-cell} lua fence opened here is never closed (expected a line of at least 3 '`')")) {
            try NotebookRenderer().render(path: path)
        }
    }

    @Test(.timeLimit(.minutes(1))) func hangingCellWithTimeout() {
        let start = Date()
        #expect {
            try NotebookRenderer(options: RenderOptions(outputDirectory: NSTemporaryDirectory() + "never-written", cellTimeout: 0.5))
                .render(path: fixture("hangs.md"))
        } throws: { error in
            guard case .cellFailed(let failure) = error as? RenderError else { return false }
            return failure.line == 4 && failure.message.contains("cell timeout of 0.5 s")
        }
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func missingNotebookAndDirectory() throws {
        #expect(throws: RenderError.cannotRead(path: "no/such/notebook.md", reason: "No such file or directory")) {
            try NotebookRenderer().render(path: "no/such/notebook.md")
        }
        let directory = try temporaryDirectory()
        defer { removeTemporary(directory) }
        #expect(throws: RenderError.cannotRead(path: directory, reason: "Is a directory")) {
            try NotebookRenderer().render(path: directory)
        }
        #expect(RenderError.cannotRead(path: "x.md", reason: "No such file or directory").description
            == "cannot read notebook x.md (No such file or directory)")
    }

    @Test func refusesToOverwriteTheNotebook() throws {
        let out = try temporaryDirectory()
        defer { removeTemporary(out) }
        _ = FileManager.default.createFile(atPath: out + "/nb.md", contents: Data(myst("1").utf8))
        #expect(throws: RenderError.self) { try NotebookRenderer(options: RenderOptions(outputDirectory: out)).render(path: out + "/nb.md") }
        #expect(contents(out + "/nb.md") == Data(myst("1").utf8))
    }

    @Test func outputNames() {
        #expect(NotebookRenderer.outputName(for: "notebooks/peak.qmd") == "peak.md")
        #expect(NotebookRenderer.outputName(for: "a.b.md") == "a.b.md")
        #expect(NotebookRenderer.outputName(for: "README") == "README.md")
    }

    @Test func quickstartRenders() throws {
        let out = try temporaryDirectory()
        defer { removeTemporary(out) }
        let summary = try NotebookRenderer(options: RenderOptions(outputDirectory: out))
            .render(path: repositoryRoot + "/notebooks/quickstart.md")
        #expect(summary.results.allSatisfy { $0.error == nil })
        let markdown = String(decoding: try #require(contents(summary.outputPath)), as: UTF8.self)
        #expect(markdown.contains("<Learner1D npoints="))
        #expect(markdown.contains("](quickstart_files/peak-1.svg)"))
    }
}
