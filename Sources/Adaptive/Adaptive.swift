/// The core of adaptive: learners, loss functions and the runner engine.
///
/// Pure Swift: this module knows nothing of Lua, plots or terminals. Front ends
/// (the `adaptive` Lua module, the shell, notebooks) are built on top of it.
public enum AdaptiveInfo {
    /// The version of the package, shown by `adaptive --version` and `adaptive.version`.
    public static let version = "0.1.0"
}
