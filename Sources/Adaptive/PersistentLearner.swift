/// A learner whose evaluated data can be written to a file and read back: python-adaptive's
/// `learner.save(fname)` and `learner.load(fname)`. The files are ``SavedRows`` text.
public protocol PersistentLearner: Learner {
    /// Writes the evaluated data to `path` atomically (pending points are not saved).
    func save(to path: String) throws
    /// Tells the data saved at `path`.
    func load(from path: String) throws
}

extension Learner1D: PersistentLearner {}
extension Learner2D: PersistentLearner {}
extension LearnerND: PersistentLearner {}
extension AverageLearner: PersistentLearner {}
extension AverageLearner1D: PersistentLearner {}
extension IntegratorLearner: PersistentLearner {}
