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
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
  ],
  targets: [
    .target(name: "CSystem", linkerSettings: [.linkedLibrary("util")]),
    .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw"),
    .target(
      name: "InterleaveRuntime",
      dependencies: ["CSystem"]
    ),
    .target(
      name: "InterleaveDashboard",
      dependencies: [
        "InterleaveRuntime", "CSystem", .product(name: "TOMLKit", package: "TOMLKit"),
      ]
    ),
    .target(
      name: "InterleaveTerminal",
      dependencies: ["CNcurses", "CSystem", "InterleaveDashboard", "InterleaveRuntime"]
    ),
    .target(
      name: "InterleaveApp",
      dependencies: [
        "InterleaveRuntime", "InterleaveDashboard", "InterleaveTerminal", "CSystem",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "interleave", dependencies: ["InterleaveApp"]),
    .executableTarget(
      name: "interleave-bench",
      dependencies: ["InterleaveRuntime", "InterleaveDashboard", "InterleaveTerminal"],
      path: "Benchmarks/Sources/interleave-bench"),
    .testTarget(name: "InterleaveRuntimeTests", dependencies: ["InterleaveRuntime"]),
    .testTarget(name: "InterleaveDashboardTests", dependencies: ["InterleaveDashboard"]),
    .testTarget(name: "InterleaveTerminalTests", dependencies: ["InterleaveTerminal"]),
    .testTarget(name: "InterleaveAppTests", dependencies: ["InterleaveApp"]),
  ],
  swiftLanguageModes: [.v6]
)
