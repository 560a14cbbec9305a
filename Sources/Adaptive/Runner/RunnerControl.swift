/// What every ``Runner`` offers whatever its learner: status, control, timing and
/// waiting. Front ends keep runners of different learners as `any RunnerControl`.
public protocol RunnerControl: AnyObject, Sendable {
    /// `running`, `cancelled`, `failed` or `finished`.
    func status() -> RunnerStatus
    /// Why the runner failed; nil unless `failed`.
    var error: (any Error)? { get }
    /// True once the runner has completely ended.
    var isDone: Bool { get }
    /// The most evaluations in flight at once.
    var ntasks: Int { get }
    /// Seconds since the start; fixed once ended.
    func elapsedTime() -> Double
    /// python-adaptive's overhead, in percent.
    func overhead() -> Double
    /// Stops the runner; see ``Runner/cancel()``.
    func cancel()
    /// Blocks until ended or `timeout` seconds; true if ended.
    func waitUntilDone(timeout: Double?) -> Bool
    /// Blocks until ended; throws the runner's error, or `.cancelled`.
    func blockUntilDone() throws
    /// Waits until ended; throws the runner's error, or `.cancelled`.
    func result() async throws
    /// Calls `handler` once with the final status.
    func onFinish(_ handler: @escaping @Sendable (RunnerStatus) -> Void)
    /// Saves every `interval` seconds while running, and once at the end.
    @discardableResult
    func startPeriodicSaving(every interval: Double, save: @escaping @Sendable () throws -> Void) -> PeriodicSaving
}
