/// Putting saved results back: python-adaptive's `DataSaver._set_data`, whose second half
/// sets `extra_data` without telling the learner anything.
extension DataSaver {
    /// Replaces the whole results by `records` (in this order); the learner is not told.
    public func restoreExtraData(_ records: [(point: Base.Point, result: Result)]) {
        saved.withLock { saved in
            saved = ([:], [])
            for (point, result) in records where saved.results.updateValue(result, forKey: point) == nil {
                saved.order.append(point)
            }
        }
    }
}
