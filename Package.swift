// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "Interleave",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "interleave", targets: ["interleave"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
  ],
  targets: [
    .target(name: "CSystem", linkerSettings: [.linkedLibrary("util")]),
    .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw"),
    // Threads, mutexes, files: the few system things every layer needs.
    .target(name: "InterleavePlatform", dependencies: ["CSystem"]),
    // Real threads, scenarios, primitives, events, pacing, scheduling. No text.
    .target(name: "InterleaveRuntime", dependencies: ["CSystem", "InterleavePlatform"]),
    // Programs: a Python subset parsed, compiled and run on real threads.
    .target(name: "InterleaveProgram", dependencies: ["CSystem", "InterleavePlatform"]),
    // Every word shown to a person, in English and Chinese; widths and formats.
    .target(
      name: "InterleaveText",
      dependencies: ["CSystem", "InterleavePlatform", "InterleaveProgram", "InterleaveRuntime"]),
    // The dashboard: state, reducer, layout, widgets, canvas.
    .target(
      name: "InterleaveDashboard",
      dependencies: [
        "InterleaveRuntime", "InterleaveText",
        .product(name: "DequeModule", package: "swift-collections"),
      ]),
    // Lessons and themes read from TOML files.
    .target(
      name: "InterleaveContent",
      dependencies: [
        "InterleavePlatform", "InterleaveRuntime", "InterleaveText", "InterleaveDashboard",
      ]),
    // The screen: ncurses on a terminal or a recorded pseudo-terminal, or in memory.
    .target(
      name: "InterleaveTerminal",
      dependencies: [
        "CNcurses", "CSystem", "InterleavePlatform", "InterleaveText", "InterleaveDashboard",
      ]),
    // What leaves the program as a file of a known format: SVG stills and
    // animations, casts read back (the terminal emulator), Trace Event
    // files, JSON events and WebVTT captions.
    .target(
      name: "InterleaveExport",
      dependencies: [
        "InterleavePlatform", "InterleaveRuntime", "InterleaveText", "InterleaveDashboard",
        "InterleaveContent",
      ]),
    .target(
      name: "InterleaveApp",
      dependencies: [
        "CSystem", "InterleavePlatform", "InterleaveRuntime", "InterleaveText",
        "InterleaveDashboard", "InterleaveContent", "InterleaveTerminal", "InterleaveProgram",
        "InterleaveExport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // The Swift libraries are linked in: start-up takes a few milliseconds
    // instead of loading a dozen shared libraries (see BENCHMARKS.md).
    // FoundationEssentials (used by the argument parser) needs its two
    // helper libraries named when it is linked statically.
    .executableTarget(
      name: "interleave", dependencies: ["InterleaveApp"],
      linkerSettings: [
        .unsafeFlags(["-static-stdlib"]),
        // A release binary links everything in, the C libraries too: no
        // loader runs at start-up, to apply 43,000 relocations and to load
        // and relocate libstdc++ (`--version` in 2.3 ms instead of 5.1; see
        // BENCHMARKS.md). The linker warns that a few glibc calls in the
        // linked-in Foundation (getpwuid_r, dlopen) load glibc's shared
        // libraries when called; Interleave does not call them, and the
        // machine that built the binary has those libraries. Debug and
        // sanitizer builds stay dynamic, as the sanitizers need.
        .unsafeFlags(["-static-executable"], .when(configuration: .release)),
        .linkedLibrary("_FoundationCollections"),
        .linkedLibrary("_FoundationCShims"),
      ]),
    .executableTarget(
      name: "interleave-bench",
      dependencies: [
        "InterleavePlatform", "InterleaveRuntime", "InterleaveText", "InterleaveDashboard",
        "InterleaveContent", "InterleaveTerminal",
      ],
      path: "Benchmarks/Sources/interleave-bench"),
    // What the tests share: bounded waits, whole-frame snapshots.
    .target(
      name: "InterleaveTestSupport",
      dependencies: ["InterleavePlatform", "InterleaveRuntime", "InterleaveDashboard"],
      path: "Tests/Support"),
    .testTarget(
      name: "InterleaveRuntimeTests", dependencies: ["InterleaveRuntime", "InterleaveTestSupport"]),
    .testTarget(
      name: "InterleaveTextTests", dependencies: ["InterleaveText", "InterleaveProgram"]),
    .testTarget(
      name: "InterleaveProgramTests",
      dependencies: ["InterleaveProgram", "InterleavePlatform", "InterleaveTestSupport"]),
    .testTarget(
      name: "InterleaveDashboardTests",
      dependencies: ["InterleaveDashboard", "InterleaveTestSupport"]),
    .testTarget(name: "InterleaveContentTests", dependencies: ["InterleaveContent"]),
    .testTarget(
      name: "InterleaveTerminalTests",
      dependencies: ["InterleaveTerminal", "InterleaveTestSupport"]),
    .testTarget(
      name: "InterleaveExportTests",
      dependencies: [
        "InterleaveExport", "InterleaveDashboard", "InterleaveRuntime", "InterleaveText",
      ]),
    .testTarget(
      name: "InterleaveAppTests",
      dependencies: [
        "InterleaveApp", "InterleaveContent", "InterleaveTerminal", "InterleaveProgram",
        "InterleaveExport", "InterleaveTestSupport",
      ]),
  ],
  swiftLanguageModes: [.v6]
)
