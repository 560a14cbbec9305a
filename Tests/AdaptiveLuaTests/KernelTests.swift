import AdaptiveLua
import Foundation
import LuaKit
import Testing

@Suite struct KernelTests {
    @Test func adaptiveModuleIsPreloadedAndRequirable() throws {
        let kernel = Kernel()
        #expect(try kernel.execute("return adaptive.version, require('adaptive') == adaptive", chunkName: "=t")
            == [.string(Kernel.version), true])
    }

    @Test func printAndIoWriteAreCapturedPerExecution() throws {
        let kernel = Kernel()
        let first = try kernel.capturingOutput {
            try kernel.execute("print('a', 1, 2.5, nil); io.write('b', 3, '\\n')", chunkName: "=t")
        }
        let second = try kernel.capturingOutput { try kernel.execute("print('c')", chunkName: "=t") }
        #expect(first == "a\t1\t2.5\tnil\nb3\n")
        #expect(second == "c\n")
    }

    @Test func ioWriteRejectsTablesLikeLuaDoes() {
        let kernel = Kernel()
        do { try kernel.execute("io.write({})", chunkName: "=t") } catch {
            #expect(error.message == "t:1: bad argument #1 to 'write' (string expected, got table)")
        }
    }

    @Test func interactiveChunksPrintValuesAndContinue() {
        let kernel = Kernel()
        var errors: [String] = []
        let output = kernel.capturingOutput {
            #expect(kernel.runInteractive("x = 20", report: { errors.append($0.message) }) == .ran(failed: false))
            #expect(kernel.runInteractive("x + 1, 'y'", report: { errors.append($0.message) }) == .ran(failed: false))
            #expect(kernel.runInteractive("for i = 1, 2 do", report: { errors.append($0.message) }) == .incomplete)
            #expect(kernel.runInteractive("x = = 1", report: { errors.append($0.message) }) == .ran(failed: true))
            #expect(kernel.runInteractive("error('e')", report: { errors.append($0.message) }) == .ran(failed: true))
        }
        #expect(output == "21\ty\n")
        #expect(errors == ["stdin:1: unexpected symbol near '='", "stdin:1: e"])
        #expect(kernel.isIncomplete("function f()"))
        #expect(!kernel.isIncomplete("x = = 1"))
    }

    @Test func interruptingAChunkKeepsTheKernelAndItsVariables() throws {
        let kernel = Kernel()
        try kernel.execute("kept = 7", chunkName: "=t")
        // A thread of its own: GCD's global queues start no thread while both cores spin.
        Thread { Thread.sleep(forTimeInterval: 0.2); kernel.interrupt() }.start()
        #expect(throws: LuaError.self) { try kernel.execute("while true do end", chunkName: "=t") }
        #expect(try kernel.execute("return kept", chunkName: "=t") == [7])
    }

    @Test func runFileSetsArgAndReportsMissingFiles() throws {
        let kernel = Kernel()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kernel-test-\(getpid()).lua").path
        try "#!/usr/bin/env adaptive\nresult = {arg[0], arg[1], select('#', ...)}".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try kernel.runFile(path, arguments: ["one"])
        #expect(try kernel.execute("return result", chunkName: "=t") == [[.string(path), "one", 1]])
        #expect(throws: KernelError.self) { try kernel.runFile("/no/such/file.lua", arguments: []) }
    }
}
