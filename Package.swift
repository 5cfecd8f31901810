// swift-tools-version: 6.2
// silhouette — proves that a video-analytics deployment respects privacy law and its
// "no biometrics" charter. One package; one library target per module (see README,
// "Architecture"); the `silhouette` executable only hands over to `SilhouetteCLI`.
import PackageDescription

let package = Package(
    name: "silhouette",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "silhouette", targets: ["silhouette"]),
        .library(name: "DeploymentModel", targets: ["DeploymentModel"]),
        .library(name: "CEL", targets: ["CEL"]),
        .library(name: "Rules", targets: ["Rules"]),
        .library(name: "Assessment", targets: ["Assessment"]),
        .library(name: "Store", targets: ["Store"]),
        .library(name: "Detection", targets: ["Detection"]),
        .library(name: "Verification", targets: ["Verification"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Importers", targets: ["Importers"]),
        .library(name: "Redaction", targets: ["Redaction"]),
        .library(name: "Signage", targets: ["Signage"]),
        .library(name: "Portfolio", targets: ["Portfolio"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        // The shared PostgreSQL store backend (issue #22).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .executableTarget(name: "silhouette", dependencies: ["SilhouetteCLI"]),
        // libFuzzer harnesses of the untrusted-input parsers (`make fuzz`); in an ordinary build
        // the same binary replays saved inputs.
        .executableTarget(name: "silhouette-fuzz", dependencies: ["DeploymentModel", "Importers", "Detection"],
                          path: "Sources/SilhouetteFuzz"),
        .target(
            name: "SilhouetteCLI",
            dependencies: [
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                "DeploymentModel", "CEL", "Rules", "Assessment", "Store", "Detection",
                "Verification", "Reports", "Importers", "Redaction",
                "Signage", "Portfolio",
            ]
        ),
        .target(
            name: "DeploymentModel",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "CEL"),
        .target(name: "Rules", dependencies: ["CEL", "DeploymentModel", .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Assessment", dependencies: ["Rules", "DeploymentModel"]),
        .target(
            name: "Store",
            dependencies: [
                "DeploymentModel",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .target(
            name: "Detection",
            dependencies: ["DeploymentModel", .product(name: "Subprocess", package: "swift-subprocess")]
        ),
        .target(
            name: "Verification",
            dependencies: [
                "Detection", "DeploymentModel",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "Crypto", package: "swift-crypto"),
                // Reading SQLite files an engine leaves (blob census) and its YAML manifest.
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                // Opening gzip/zlib/zip, bz2, xz and lz4 streams an engine writes (content audit).
                "CCompression",
            ]
        ),
        .target(
            name: "Reports",
            dependencies: [
                "Assessment", "DeploymentModel", "Rules", "CCmarkGFM", "CLibXML2",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(name: "Importers", dependencies: ["DeploymentModel", "CLibXML2", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "Redaction",
            dependencies: ["Detection", "DeploymentModel", .product(name: "Subprocess", package: "swift-subprocess"), .product(name: "Yams", package: "Yams")]
        ),
        // Fleets: every deployment of a folder assessed in parallel, summarised per base (issue #22).
        .target(name: "Portfolio", dependencies: ["Assessment", "DeploymentModel", "Rules"]),
        .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm", providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        // Information signs and notices (first layer SVG with QR code, second layer, staff letters).
        .target(name: "Signage", dependencies: ["DeploymentModel", "Rules", "Reports", "CQRencode", .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto")]),
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "CCompression", providers: [.apt(["zlib1g-dev", "libbz2-dev", "liblzma-dev", "liblz4-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),

        // Runs programs for end-to-end tests (not a test target itself: the others share it).
        .target(name: "ProcessTestSupport", path: "Tests/ProcessTestSupport"),
        .testTarget(name: "DeploymentModelTests", dependencies: ["DeploymentModel"]),
        .testTarget(name: "CELTests", dependencies: ["CEL", "ProcessTestSupport"]),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "CEL", "DeploymentModel"]),
        .testTarget(name: "AssessmentTests", dependencies: ["Assessment", "Rules", "DeploymentModel", "ProcessTestSupport"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "DeploymentModel", "ProcessTestSupport"]),
        .testTarget(name: "DetectionTests", dependencies: ["Detection", "DeploymentModel", "ProcessTestSupport"]),
        .testTarget(name: "VerificationTests", dependencies: ["Verification", "Detection", "ProcessTestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Assessment", "DeploymentModel", "CLibXML2"],
                    exclude: ["Fixtures", "Golden"]),
        .testTarget(name: "ImportersTests", dependencies: ["Importers", "DeploymentModel", "ProcessTestSupport"]),
        .testTarget(name: "RedactionTests", dependencies: ["Redaction", "Detection", "DeploymentModel", "ProcessTestSupport"]),
        .testTarget(name: "SignageTests", dependencies: ["Signage", "DeploymentModel", "Rules", "ProcessTestSupport"]),
        .testTarget(name: "PortfolioTests", dependencies: ["Portfolio", "Assessment", "DeploymentModel", "ProcessTestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["SilhouetteCLI", "ProcessTestSupport"]),
    ]
)
