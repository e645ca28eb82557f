// swift-tools-version:6.0
import PackageDescription

/// A tiny program that uses sufficiency as a library, the way another project would: by version, from a git
/// repository. `scripts/build-example.sh` builds it against a tagged clone of the current commit.
///
/// The repository comes from the environment variable SUFFICIENCY_PACKAGE_URL (a URL or a path git can clone);
/// without it, the repository this example sits in, which then needs a version tag of its own (0.12.0 or later).
let url = Context.environment["SUFFICIENCY_PACKAGE_URL"] ?? Context.packageDirectory + "/../.."

let package = Package(
    name: "Consumer",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: url, from: "0.12.0"),
    ],
    targets: [
        .executableTarget(
            name: "Consumer",
            dependencies: [
                .product(name: "SufficiencyModel", package: "sufficiency"),
                .product(name: "SufficiencySimulation", package: "sufficiency"),
            ]
        ),
    ]
)
