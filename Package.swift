// swift-tools-version: 6.0
// Parley — a contact-center chat simulator and load-testing harness.
// SPDX-License-Identifier: GPL-3.0-or-later

import PackageDescription

let package = Package(
    name: "Parley",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "parley", targets: ["parley"]),
        .library(name: "RoutingCore", targets: ["RoutingCore"]),
        .library(name: "ContactCenter", targets: ["ContactCenter"]),
        .library(name: "ConversationServices", targets: ["ConversationServices"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        // Live mode: the HTTP/WebSocket server, its metrics and lifecycle; the load driver's client and histograms.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // C boundaries: GNU GSL and the system SQLite.
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // GLPK for the roster's integer program; Debian ships no glpk.pc, so the module map links it by name.
        .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),

        // Pure layers: no I/O, no clocks, no global randomness.
        .target(name: "ParleyTime"),
        // SplitMix64, the one small seeded generator: the engine, the benchmark and Statistics' stream seeds share it.
        .target(name: "SplitMix"),
        // PlainTable, the unchecked in-place storage of the engine's, the calendar's and the model's hot records.
        .target(name: "PlainStorage"),
        .target(name: "SimKernel", dependencies: ["ParleyTime", "PlainStorage"]),
        .target(name: "RoutingCore", dependencies: ["ParleyTime", "PlainStorage", "SplitMix", .product(name: "HeapModule", package: "swift-collections")]),
        // Automatic messages, business hours, templates, PCI, attachments, blocking, conversation records.
        // Pure like the engine; Foundation only compiles a calendar's time zone into offsets.
        .target(name: "ConversationServices", dependencies: ["ParleyTime", "RoutingCore"]),

        // The routing benchmark: a synthetic busy center driving the engine, timed decisions, the regression gate.
        .target(name: "RoutingBench", dependencies: ["ParleyTime", "RoutingCore", "SplitMix",
                                                    .product(name: "HeapModule", package: "swift-collections")]),

        // Statistics over GSL: random streams, distributions, summaries.
        .target(name: "Statistics", dependencies: ["CGSL", "SplitMix"]),

        // Scenario files: YAML to a validated Scenario value.
        .target(name: "Scenarios", dependencies: ["ParleyTime", "ConversationServices", .product(name: "Yams", package: "Yams")]),

        // The contact-center model that drives the engine inside the kernel.
        .target(name: "ContactCenter",
                dependencies: ["ParleyTime", "PlainStorage", "SimKernel", "RoutingCore", "Statistics", "Scenarios", "ConversationServices"]),

        // Result storage over the system SQLite.
        .target(name: "ResultStorage", dependencies: ["CSQLite"]),

        // Runs: compile, run and store a scenario's replications; the model → row mapping, the drift
        // check, the theory validation, the JSON reader. No terminal, no exit codes.
        .target(name: "Runs", dependencies: ["ContactCenter", "Scenarios", "Statistics", "ResultStorage", "RoutingBench"]),
        // Reports: JSON, text tables, the HTML report and its SVG charts, from runs and stored results.
        .target(name: "Reports", dependencies: ["Runs", "Rosters", "ContactCenter", "Scenarios", "Statistics", "ResultStorage",
                                                "RoutingBench"]),

        // Rosters: shifts with breaks covering a staffing requirement, an integer program solved by GLPK,
        // and the roster's verification by simulation.
        .target(name: "Rosters", dependencies: ["CGLPK", "ContactCenter", "Scenarios", "ParleyTime"]),

        // glibc's allocator settled for the long-running live processes (serve and drive).
        .target(name: "Allocation"),
        // Live mode: the engine behind an HTTP/WebSocket API on the monotonic clock (parley serve).
        .target(name: "LiveService",
                dependencies: ["Allocation", "ParleyTime", "RoutingCore", "ConversationServices", "Scenarios", "ContactCenter", "ResultStorage",
                               .product(name: "Hummingbird", package: "hummingbird"),
                               .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                               .product(name: "NIOWebSocket", package: "swift-nio"),
                               .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                               .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                               .product(name: "Prometheus", package: "swift-prometheus")],
                resources: [.embedInCode("openapi.json")]),
        // The load driver: a scenario's open workload and synthetic agents against a live server (parley drive).
        .target(name: "LoadDriver",
                dependencies: ["Allocation", "ParleyTime", "RoutingCore", "ContactCenter", "Scenarios", "Statistics", "ResultStorage",
                               .product(name: "AsyncHTTPClient", package: "async-http-client"),
                               .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                               .product(name: "Histogram", package: "hdrhistogram-swift")]),

        // The commands: parse, call Runs and Reports, print, map errors to exit codes.
        .target(name: "ParleyCommands",
                dependencies: ["Runs", "Rosters", "Reports", "LiveService", "LoadDriver", "ContactCenter", "Scenarios", "Statistics", "ResultStorage", "RoutingBench",
                               .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(name: "parley", dependencies: ["ParleyCommands"]),
        // The fuzz target of the scenario loader and --set (scripts/fuzz builds it with libFuzzer).
        .executableTarget(name: "ScenarioFuzz", dependencies: ["Runs"]),

        .testTarget(name: "SimKernelTests", dependencies: ["SimKernel"]),
        .testTarget(name: "SplitMixTests", dependencies: ["SplitMix"]),
        .testTarget(name: "PlainStorageTests", dependencies: ["PlainStorage"]),
        .testTarget(name: "RoutingCoreTests", dependencies: ["RoutingCore"]),
        .testTarget(name: "ConversationServicesTests", dependencies: ["ConversationServices", "RoutingCore", "ParleyTime"]),
        .testTarget(name: "RoutingBenchTests", dependencies: ["RoutingBench", "RoutingCore"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "SplitMix"]),
        .testTarget(name: "ScenariosTests", dependencies: ["Scenarios", "ConversationServices"]),
        .testTarget(name: "ContactCenterTests", dependencies: ["ContactCenter", "Scenarios", "Statistics", "ConversationServices"]),
        .testTarget(name: "ResultStorageTests", dependencies: ["ResultStorage"]),
        .testTarget(name: "RunsTests", dependencies: ["Runs", "ContactCenter", "Scenarios", "ResultStorage"]),
        .testTarget(name: "RostersTests", dependencies: ["Rosters", "Scenarios", "ContactCenter", "ParleyTime"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Runs", "ContactCenter", "ResultStorage"]),
        .testTarget(name: "LiveServiceTests",
                    dependencies: ["LiveService", "RoutingCore", "Scenarios",
                                   .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                                   .product(name: "NIOPosix", package: "swift-nio"),
                                   .product(name: "AsyncHTTPClient", package: "async-http-client"),
                                   .product(name: "HummingbirdWSClient", package: "hummingbird-websocket")]),
        .testTarget(name: "LoadDriverTests",
                    dependencies: ["Allocation", "LoadDriver", "LiveService", "ContactCenter", "Scenarios", "ParleyTime",
                                   .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                                   .product(name: "Histogram", package: "hdrhistogram-swift"),
                                   .product(name: "AsyncHTTPClient", package: "async-http-client")]),
        .testTarget(name: "ParleyCommandsTests", dependencies: ["ParleyCommands", "Runs", "Reports", "ResultStorage",
                                                               .product(name: "AsyncHTTPClient", package: "async-http-client")]),
    ],
    swiftLanguageModes: [.v6]
)
