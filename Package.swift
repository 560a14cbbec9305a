// swift-tools-version: 6.0
import PackageDescription

// Layers (dependencies point down only; see README "Layout"):
//   adaptive (executable) -> Shell -> Notebook -> AdaptiveLua -> LuaKit, Plotting, Adaptive
// The core `Adaptive` knows nothing of Lua, plots or terminals.
let package = Package(
    name: "adaptive",
    products: [
        .executable(name: "adaptive", targets: ["AdaptiveCommand"]),
        .library(name: "Adaptive", targets: ["Adaptive"]),
        .library(name: "Plotting", targets: ["Plotting"]),
        .library(name: "LuaKit", targets: ["LuaKit"]),
        .library(name: "AdaptiveLua", targets: ["AdaptiveLua"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        // MARK: - Public API

        /// The core: learners, losses, runner engine. Pure Swift.
        .target(
            name: "Adaptive",
            dependencies: [.product(name: "Collections", package: "swift-collections")],
            // Runners and learners are generic: without this, Runner<Learner1D> built from the
            // Lua layer runs unspecialised code that looks up type metadata at every step
            // (a background runner's own cost per point drops from ~3.6 to ~1.5 us with it).
            swiftSettings: [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]
        ),
        /// Figure model -> SVG text -> PNG (librsvg). Knows nothing of learners or Lua.
        .target(name: "Plotting", dependencies: ["CRsvg"]),
        /// A small, safe Swift wrapper of the Lua C API.
        .target(name: "LuaKit", dependencies: ["CLua", "CLuaSupport"]),
        /// The `adaptive` Lua module and the kernel (the main Lua state).
        .target(name: "AdaptiveLua", dependencies: ["Adaptive", "Plotting", "LuaKit"]),
        /// Markdown notebooks with Lua cells.
        .target(name: "Notebook", dependencies: ["AdaptiveLua"]),
        /// The interactive shell on libedit.
        .target(name: "Shell", dependencies: ["AdaptiveLua", "Notebook", "LuaKit", "CEditLine", "CLuaSupport"]),
        /// The `adaptive` executable: subcommands run, render, worker, bench; the shell by default.
        .executableTarget(
            name: "AdaptiveCommand",
            dependencies: [
                "Shell", "Notebook", "AdaptiveLua", "LuaKit", "Adaptive", "CBenchSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Implementation details

        /// Lua 5.4 headers and library from pkg-config (Debian: liblua5.4-dev).
        .systemLibrary(name: "CLua", pkgConfig: "lua5.4", providers: [.apt(["liblua5.4-dev"])]),
        /// C helpers that own every place a Lua error (longjmp) can be raised.
        .target(name: "CLuaSupport", dependencies: ["CLua"]),
        /// glibc's malloc statistics, for `adaptive bench`.
        .target(name: "CBenchSupport"),
        /// libedit (Debian: libedit-dev).
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        /// librsvg + cairo (Debian: librsvg2-dev).
        .systemLibrary(name: "CRsvg", pkgConfig: "librsvg-2.0", providers: [.apt(["librsvg2-dev"])]),

        // MARK: - Unit test bundles

        .testTarget(name: "AdaptiveTests", dependencies: ["Adaptive"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting"]),
        .testTarget(name: "LuaKitTests", dependencies: ["LuaKit", "CLua"]),
        .testTarget(name: "AdaptiveLuaTests", dependencies: ["AdaptiveLua", "LuaKit", "Adaptive", "Plotting"]),
        .testTarget(name: "ShellTests", dependencies: ["Shell", "AdaptiveLua"], exclude: ["pty-check.py"]),
        .testTarget(
            name: "NotebookTests", dependencies: ["Notebook", "AdaptiveLua", "Plotting"],
            exclude: ["Fixtures", "render-check.sh"]),
    ],
    swiftLanguageModes: [.v6]
)
