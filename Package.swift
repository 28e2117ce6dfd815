// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "Interleave",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "interleave", targets: ["interleave"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    .target(name: "CSystem"),
    .target(
      name: "InterleaveRuntime",
      dependencies: ["CSystem"]
    ),
    .target(
      name: "InterleaveApp",
      dependencies: [
        "InterleaveRuntime",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "interleave", dependencies: ["InterleaveApp"]),
    .testTarget(name: "InterleaveRuntimeTests", dependencies: ["InterleaveRuntime"]),
    .testTarget(name: "InterleaveAppTests", dependencies: ["InterleaveApp"]),
  ],
  swiftLanguageModes: [.v6]
)
