// swift-tools-version:6.2
import PackageDescription

/// sufficiency: a Monte Carlo model of the placement market for children in a council's care.
///
/// Modules:
/// - `CGSL`: the GNU Scientific Library, found through pkg-config (Debian: `libgsl-dev`).
/// - `CXLSXWriter`: libxlsxwriter, for Excel workbooks, found through pkg-config (Debian: `libxlsxwriter-dev`).
/// - `SimulationCore`: a generic discrete-event core (clock, event queue, period hooks) that knows nothing of the domain.
/// - `SufficiencyModel`: children, needs, carers, placements, costs and the scenario file.
/// - `SufficiencySimulation`: random streams, the event engine, matching policy, metrics and run outputs.
/// - `SufficiencyData`: reading and cleaning SSDA903 returns and Ofsted's fostering figures.
/// - `SufficiencyCalibration`: estimating a scenario from those data, and backtesting it.
/// - `SufficiencyReport`: the committee briefing and the sufficiency gap, read from a run's typed results
///   (`RunSummary`, in `SufficiencyModel`), not from GSL or the simulation.
/// - `SufficiencyWorkbook`: the Excel workbooks of runs, comparisons, sweeps and sensitivity analyses.
/// - `sufficiency`: the command-line tool.
let package = Package(
    name: "sufficiency",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sufficiency", targets: ["sufficiency"]),
        .library(name: "SufficiencyModel", targets: ["SufficiencyModel"]),
        .library(name: "SufficiencySimulation", targets: ["SufficiencySimulation"]),
        .library(name: "SimulationCore", targets: ["SimulationCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
        ),
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"]), .brew(["libxlsxwriter"])]
        ),
        .target(name: "SimulationCore"),
        .target(
            name: "SufficiencyModel",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "SufficiencySimulation",
            dependencies: ["CGSL", "SimulationCore", "SufficiencyModel"],
            // The engine's expensive invariant checks are compiled into debug builds (which the tests use) only.
            swiftSettings: [.define("SUFFICIENCY_CHECKS", .when(configuration: .debug))]
        ),
        .target(
            name: "SufficiencyData",
            dependencies: ["SufficiencyModel", .product(name: "CSV", package: "CSV.swift")]
        ),
        .target(
            name: "SufficiencyCalibration",
            dependencies: ["SufficiencyData", "SufficiencyModel", "SufficiencySimulation", "CGSL"]
        ),
        .target(
            name: "SufficiencyWorkbook",
            dependencies: ["CXLSXWriter", "SufficiencyModel", "SufficiencySimulation"]
        ),
        .target(
            name: "SufficiencyReport",
            dependencies: ["SufficiencyModel"]
        ),
        .executableTarget(
            name: "sufficiency",
            dependencies: [
                "SufficiencyModel", "SufficiencySimulation", "SufficiencyReport", "SufficiencyCalibration", "SufficiencyWorkbook",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What several test targets share: diffs for the pinned outputs, the workbook reader, a generator for test data.
        .target(name: "SufficiencyTestSupport", path: "Tests/Support"),
        .testTarget(name: "SimulationCoreTests", dependencies: ["SimulationCore", "SufficiencyTestSupport"]),
        .testTarget(name: "SufficiencyModelTests", dependencies: ["SufficiencyModel"]),
        .testTarget(name: "SufficiencySimulationTests", dependencies: ["SufficiencySimulation", "CGSL", "SufficiencyTestSupport"]),
        .testTarget(name: "SufficiencyWorkbookTests",
                    dependencies: ["SufficiencyWorkbook", "SufficiencySimulation", "SufficiencyModel", "SufficiencyTestSupport"]),
        .testTarget(name: "SufficiencyReportTests", dependencies: ["SufficiencyReport", "SufficiencyModel"]),
        .testTarget(name: "SufficiencyDataTests",
                    dependencies: ["SufficiencyData", .product(name: "CSV", package: "CSV.swift")]),
        .testTarget(name: "SufficiencyCalibrationTests",
                    dependencies: ["SufficiencyCalibration", "SufficiencySimulation", "CGSL"]),
        .testTarget(name: "SufficiencyCLITests", dependencies: ["sufficiency", "SufficiencyModel", "SufficiencyTestSupport"],
                    exclude: ["Help"]),
        .testTarget(name: "SufficiencyGoldenTests", dependencies: ["SufficiencySimulation", "SufficiencyModel", "SufficiencyTestSupport"],
                    exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
