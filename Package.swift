// swift-tools-version:6.0
import PackageDescription

/// Examples are ordinary Flint jobs: each one depends on the `Flint` product only,
/// exactly as a batch job in another package would.
let exampleNames = ["WordCount", "Pi", "PageRank", "DataFrames", "LinearRegression", "LogisticRegression", "KMeans", "ALS", "CrossValidation"]

/// Swift 5 language mode, with Swift 6's inference of `@Sendable` for operator and method
/// references, so that `reduceByKey(+)` passes an `@Sendable` function without a warning.
let flintSwiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v5),
    .enableUpcomingFeature("InferSendableFromCaptures"),
]

let package = Package(
    name: "flint",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Flint", targets: ["Flint"]),
        .executable(name: "flint-submit", targets: ["flint-submit"]),
        .executable(name: "flint-sql", targets: ["flint-sql"]),
        .executable(name: "flint-bench", targets: ["flint-bench"]),
    ] + exampleNames.map { .executable(name: $0, targets: [$0]) },
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        .systemLibrary(name: "CSnappy", path: "Sources/CSnappy", pkgConfig: "snappy",
                       providers: [.apt(["libsnappy-dev"])]),
        .systemLibrary(name: "CMimalloc", path: "Sources/CMimalloc",
                       providers: [.apt(["libmimalloc-dev"])]),
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CLAPACKE", path: "Sources/CLAPACKE", pkgConfig: "lapacke",
                       providers: [.apt(["liblapacke-dev"])]),
        .systemLibrary(name: "CEditline", path: "Sources/CEditline", pkgConfig: "libedit",
                       providers: [.apt(["libedit-dev"])]),
        .target(name: "CFlintIntrinsics", path: "Sources/CFlintIntrinsics"),
        .target(
            name: "FlintCore",
            dependencies: [
                "CSnappy",
                "CMimalloc",
                "CFlintIntrinsics",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            swiftSettings: flintSwiftSettings
        ),
        .target(
            name: "FlintLinalg",
            dependencies: ["CBLAS", "CLAPACKE"],
            swiftSettings: flintSwiftSettings
        ),
        .target(
            name: "FlintSQL",
            dependencies: ["FlintCore", "FlintLinalg", "CFlintIntrinsics"],
            swiftSettings: flintSwiftSettings
        ),
        .target(
            name: "FlintML",
            dependencies: ["FlintSQL", "FlintLinalg"],
            swiftSettings: flintSwiftSettings
        ),
        .target(
            name: "Flint",
            dependencies: ["FlintCore", "FlintSQL", "FlintLinalg", "FlintML"],
            swiftSettings: flintSwiftSettings
        ),
        .target(
            name: "FlintCLI",
            dependencies: [
                "CEditline",
                "FlintCore",
                "FlintSQL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: flintSwiftSettings
        ),
        .executableTarget(
            name: "flint-submit",
            dependencies: ["FlintCLI"],
            swiftSettings: flintSwiftSettings
        ),
        .executableTarget(
            name: "flint-sql",
            dependencies: ["FlintCLI"],
            swiftSettings: flintSwiftSettings
        ),
        .executableTarget(
            name: "flint-bench",
            dependencies: ["Flint"],
            path: "Benchmarks/FlintBench",
            swiftSettings: flintSwiftSettings
        ),
        .testTarget(
            name: "FlintCoreTests",
            dependencies: ["FlintCore"],
            swiftSettings: flintSwiftSettings
        ),
        .testTarget(
            name: "FlintSQLTests",
            dependencies: ["FlintSQL"],
            swiftSettings: flintSwiftSettings
        ),
        .testTarget(
            name: "FlintLinalgTests",
            dependencies: ["FlintLinalg"],
            swiftSettings: flintSwiftSettings
        ),
        .testTarget(
            name: "FlintMLTests",
            dependencies: ["FlintML"],
            swiftSettings: flintSwiftSettings
        ),
        .testTarget(
            name: "FlintCLITests",
            dependencies: ["FlintCLI"],
            swiftSettings: flintSwiftSettings
        ),
    ] + exampleNames.map {
        .executableTarget(name: $0, dependencies: ["Flint"], path: "Examples/\($0)",
                          swiftSettings: flintSwiftSettings)
    }
)
