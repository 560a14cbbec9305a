import Foundation
import Testing

@testable import Adaptive

@Suite("Runner saving")
struct RunnerSavingTests {
    typealias Value = Learner1D.Value

    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("adaptive-runner-tests-\(UUID().uuidString)")
    }

    static func files(in directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }

    @Test func atomicWriteCreatesAndReplaces() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("sub/dir/data.json")
        try AtomicWrite.write(Data("first".utf8), to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "first")
        try AtomicWrite.write("second", toPath: file.path)
        #expect(try String(contentsOf: file, encoding: .utf8) == "second")
        try AtomicWrite.write(Data(), to: file)
        #expect(try Data(contentsOf: file).isEmpty)
        #expect(Self.files(in: file.deletingLastPathComponent()) == ["data.json"])  // no temporary left
    }

    @Test func atomicWriteFailureLeavesNothingBehind() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("occupied")
        try FileManager.default.createDirectory(at: target.appendingPathComponent("child"), withIntermediateDirectories: true)
        #expect(throws: AdaptiveError.self) { try AtomicWrite.write(Data("x".utf8), to: target) }
        #expect(Self.files(in: directory) == ["occupied"])
    }

    /// Saves at once, periodically while running, and a last time with the final data.
    @Test func periodicAndFinalSaves() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("npoints.txt")
        let saves = WaitableCounter()
        let overlapping = Locked<(inSave: Bool, overlaps: Int)>((false, 0))
        let gate = Gate()
        let evaluator = ThreadPoolEvaluator<Double, Value>(workers: 1) { x in
            if x == 0 { gate.pass() }  // hold the run until 3 saves happened
            return RT.value(x)
        }
        defer {
            gate.open()
            evaluator.shutdown()
        }
        let learner = RT.learner()
        let runner = Runner(learner, evaluator: evaluator, goal: Goal([.npoints(40)]))
        let saver = runner.startPeriodicSaving(every: 0.005) {
            overlapping.withLock { state in
                if state.inSave { state.overlaps += 1 }
                state.inSave = true
            }
            try AtomicWrite.write("\(learner.npoints)", toPath: file.path)
            overlapping.withLock { $0.inSave = false }
            saves.increment()
        }
        #expect(saves.wait(atLeast: 3))
        #expect(runner.status() == .running && saver.isActive)
        gate.open()
        try runner.blockUntilDone()
        // The final save happened before the runner's waiters woke.
        #expect(try String(contentsOf: file, encoding: .utf8) == "\(learner.npoints)")
        #expect(saver.saveCount == saves.value && saver.saveCount >= 4)
        #expect(!saver.isActive && saver.failureCount == 0)
        #expect(overlapping.value.overlaps == 0)
        let count = saver.saveCount
        usleep(20_000)
        #expect(saver.saveCount == count)  // no save after the final one
    }

    @Test func savingAfterTheEndSavesOnce() throws {
        let runner = Runner(RT.learner(), evaluator: SequentialEvaluator { RT.value($0) }, goal: Goal([.npoints(5)]))
        try runner.blockUntilDone()
        let saves = WaitableCounter()
        let saver = runner.startPeriodicSaving(every: 0.001) { saves.increment() }
        #expect(saves.value == 1 && saver.saveCount == 1 && !saver.isActive)
    }

    @Test func stoppedSavingMakesNoFinalSave() throws {
        let gate = Gate()
        let evaluator = ThreadPoolEvaluator<Double, Value>(workers: 1) { x in
            gate.pass()
            return RT.value(x)
        }
        defer {
            gate.open()
            evaluator.shutdown()
        }
        let runner = Runner(RT.learner(), evaluator: evaluator, goal: Goal([.npoints(3)]))
        let saves = WaitableCounter()
        let saver = runner.startPeriodicSaving(every: 60) { saves.increment() }
        #expect(saves.wait(atLeast: 1))  // the first save is at once
        saver.stop()
        gate.open()
        try runner.blockUntilDone()
        #expect(saves.value == 1 && saver.saveCount == 1)
    }

    @Test func failingSavesDoNotStopTheRunner() throws {
        let runner = Runner(RT.learner(), evaluator: SequentialEvaluator { RT.value($0) }, goal: Goal([.npoints(50)]))
        let saver = runner.startPeriodicSaving(every: 0.001) { throw TestFailure(description: "disk full") }
        try runner.blockUntilDone()
        #expect(runner.status() == .finished)
        #expect(saver.failureCount >= 1 && saver.saveCount == 0)
        #expect((saver.lastError as? TestFailure)?.description == "disk full")
    }
}
