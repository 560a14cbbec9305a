import Foundation
import Testing
@testable import Plotting

@Suite("Saving files")
struct SaveTests {
    let figure = try! Figure.curve([0, 1, 2], [0, 1, 0]).title("saved")

    @Test("save chooses the format by extension and leaves no temporary files")
    func formats() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try figure.save(to: dir + "/a.svg")
        try figure.save(to: dir + "/b.PNG", scale: 1)
        #expect(try String(contentsOfFile: dir + "/a.svg", encoding: .utf8) == figure.svg())
        let png = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/b.PNG")))
        #expect(try RasterImage(png: png).width == 480)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["a.svg", "b.PNG"])
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/a.svg")[.posixPermissions] as? Int
        #expect(mode == 0o644)
    }

    @Test("saving replaces an existing file")
    func replace() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "old".write(toFile: dir + "/x.svg", atomically: false, encoding: .utf8)
        try figure.save(to: dir + "/x.svg")
        #expect(try String(contentsOfFile: dir + "/x.svg", encoding: .utf8).hasPrefix("<svg"))
    }

    @Test("an unsupported extension throws, listing the supported ones")
    func badExtension() throws {
        #expect(throws: PlotError("cannot save 'plot.pdf': extension '.pdf'; supported: .svg, .png")) {
            try figure.save(to: "plot.pdf")
        }
        #expect(throws: PlotError("cannot save 'plot': no extension; supported: .svg, .png")) {
            try figure.save(to: "plot")
        }
    }

    @Test("an unwritable path throws a clear error and leaves nothing behind")
    func unwritable() throws {
        #expect(throws: PlotError("cannot write '/proc/nonexistent/x.svg': No such file or directory")) {
            try figure.save(to: "/proc/nonexistent/x.svg")
        }
        #expect(!FileManager.default.fileExists(atPath: "/proc/nonexistent"))
        // A regular file used as a directory.
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "x".write(toFile: dir + "/file", atomically: false, encoding: .utf8)
        #expect(throws: PlotError("cannot write '\(dir)/file/x.png': Not a directory")) {
            try figure.save(to: dir + "/file/x.png", scale: 1)
        }
        // A directory in the way of the destination: the rename fails, the temporary file goes.
        try FileManager.default.createDirectory(atPath: dir + "/taken.svg", withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: dir + "/taken.svg/inner", withIntermediateDirectories: false)
        #expect(throws: PlotError.self) { try figure.save(to: dir + "/taken.svg") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["file", "taken.svg"])
    }

    @Test("a read-only directory (when not running as root)")
    func readOnly() throws {
        guard getuid() != 0 else { return }  // root ignores directory permissions
        let dir = try temporaryDirectory()
        defer {
            chmod(dir, 0o755)
            try? FileManager.default.removeItem(atPath: dir)
        }
        chmod(dir, 0o555)
        #expect(throws: PlotError("cannot write '\(dir)/x.svg': Permission denied")) { try figure.save(to: dir + "/x.svg") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }
}
