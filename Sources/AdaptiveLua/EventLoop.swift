import Adaptive
import Foundation
import LuaKit
import Synchronization

/// The kernel's event loop: python-adaptive's asyncio integration, for Lua.
///
/// Lua coroutines started with `adaptive.spawn(fn)` run cooperatively on the kernel's
/// thread: `adaptive.sleep(s)` and `runner:await()` inside them yield instead of
/// blocking. Runners on `executors.main()` post their evaluations here, because they
/// need the kernel's own state. The loop runs whenever the kernel waits: in
/// `adaptive.sleep` and `runner:block_until_done()` outside a coroutine, in `task:result()`,
/// between notebook cells and after each chunk typed in the shell.
///
/// The scheduler of coroutines is written in Lua (`EventLoop.scheduler`); Swift supplies
/// the jobs posted from other threads and the waiting.
final class EventLoop: @unchecked Sendable {
    private let jobs = Mutex<[@Sendable () -> Void]>([])
    private let signal = NSCondition()
    private var posted = false

    /// Queues `job` to run on the kernel's thread at the loop's next turn. Any thread.
    func post(_ job: @escaping @Sendable () -> Void) {
        jobs.withLock { $0.append(job) }
        signal.lock()
        posted = true
        signal.signal()
        signal.unlock()
    }

    /// Runs the jobs posted so far (on the kernel's thread).
    func runPostedJobs() {
        let ready = jobs.withLock { queue -> [@Sendable () -> Void] in
            defer { queue.removeAll() }
            return queue
        }
        for job in ready { job() }
    }

    /// Blocks up to `seconds`, or until a job is posted.
    func wait(seconds: Double) {
        signal.lock()
        if !posted { _ = signal.wait(until: Date(timeIntervalSinceNow: max(0, seconds))) }
        posted = false
        signal.unlock()
    }

    /// Installs `adaptive.spawn`, `adaptive.sleep`, `adaptive.run_pending()` and the Swift
    /// primitives the Lua scheduler needs.
    func install(in lua: LuaState) throws {
        lua.register(in: ["adaptive", "_loop"], "run_jobs") { [unowned self] call in
            self.runPostedJobs()
            return 0
        }
        lua.register(in: ["adaptive", "_loop"], "wait") { [unowned self] call in
            self.wait(seconds: try call.number(1))
            try call.state.checkInterrupt()   // Ctrl-C stops a wait
            return 0
        }
        try lua.run(EventLoop.scheduler, chunkName: "=(event loop)")
    }

    /// The coroutine scheduler, in Lua. A task is a table {co, wake, runner, finished, ok, results}.
    static let scheduler = """
        local loop = adaptive._loop
        local tasks = {}
        local resume, status, running = coroutine.resume, coroutine.status, coroutine.running
        local pack, unpack, time = table.pack, table.unpack, adaptive.time
        local Task = {}
        Task.__index = Task
        Task.__name = 'Task'
        Task.__tostring = function(t) return '<Task ' .. (t.finished and (t.ok and 'done' or 'failed') or 'pending') .. '>' end

        local function step(t, ...)
          local r = pack(resume(t.co, ...))
          if status(t.co) == 'dead' then
            t.finished, t.ok = true, r[1]
            if r[1] then t.results = pack(unpack(r, 2, r.n)) else t.error = r[2] end
            if t.on_done then t.on_done(t) end
          else
            local request = r[2] or {}
            t.wake, t.runner = request.sleep and time() + request.sleep or nil, request.await
          end
        end

        -- One turn: posted jobs, then every task whose time or runner has come.
        -- Returns the seconds until the next timer (or a short poll while tasks await runners).
        function loop.turn()
          loop.run_jobs()
          local now, next_wait = time(), 1
          local i = 1
          while i <= #tasks do
            local t = tasks[i]
            if not t.finished then
              if t.runner and t.runner.task:done() then t.runner = nil; step(t)
              elseif t.wake and now >= t.wake then t.wake = nil; step(t)
              elseif not t.runner and not t.wake then step(t) end
            end
            if t.finished then table.remove(tasks, i) else
              if t.wake then next_wait = math.min(next_wait, math.max(0, t.wake - time())) end
              if t.runner then next_wait = math.min(next_wait, 0.005) end
              i = i + 1
            end
          end
          return next_wait
        end

        -- Runs the loop until done() is true (or for ever). Ctrl-C interrupts it.
        -- Waits are short (5 ms at most): a runner that ends or a deadline that passes wakes
        -- no condition, and a turn is cheap.
        function loop.run_until(done)
          while true do
            local next_wait = loop.turn()
            if done() then return end
            loop.wait(math.min(next_wait, 0.005))
          end
        end

        function adaptive.spawn(fn, ...)
          if type(fn) ~= 'function' then error("adaptive.spawn: a function expected, got " .. type(fn), 2) end
          local t = setmetatable({co = coroutine.create(fn), finished = false}, Task)
          local args = pack(...)
          tasks[#tasks + 1] = t
          step(t, unpack(args, 1, args.n))
          return t
        end

        function Task:done() return self.finished end
        function Task:result()
          if not self.finished then
            local _, main = running()
            if not main then error("task:result() inside a coroutine: use task:await()", 2) end
            loop.run_until(function() return self.finished end)
          end
          if not self.ok then error(self.error, 0) end
          return unpack(self.results, 1, self.results.n)
        end
        function Task:await()
          local _, main = running()
          if main then return self:result() end
          while not self.finished do coroutine.yield({sleep = 0.001}) end
          return self:result()
        end
        function Task:cancel()
          if not self.finished then self.finished, self.ok, self.error = true, false, 'cancelled' end
        end

        function adaptive.sleep(seconds)
          if type(seconds) ~= 'number' then
            error("bad argument #1 to 'adaptive.sleep' (number expected, got " .. type(seconds) .. ")", 2)
          end
          local _, main = running()
          if main then
            local deadline = time() + seconds
            loop.run_until(function() return time() >= deadline end)
          else
            coroutine.yield({sleep = seconds})
          end
        end

        -- Lets spawned tasks and main-executor evaluations make progress without blocking.
        function adaptive.run_pending() loop.turn() end

        -- Evaluates f(...) as a task (main executor); calls done(ok, value or error) at the end.
        function loop.evaluate(f, done, ...)
          local t = adaptive.spawn(f, ...)
          local function finish(task)
            if task.ok then done(true, task.results[1]) else done(false, task.error) end
          end
          if t.finished then finish(t) else t.on_done = finish end
        end
        """
}
