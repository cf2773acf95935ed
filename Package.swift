// swift-tools-version: 6.1
import PackageDescription

// Swift 6 language mode plus the upcoming features we hold every target to.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Brochure",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "brochure", targets: ["brochure"]),
        .library(name: "BrochureKit", targets: ["BrochureKit"]),
        .library(name: "BrochureFuzzing", targets: ["BrochureFuzzing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // C modules: never API (no public declaration mentions one).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "CICU",
            linkerSettings: [
                .linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata"),
            ]
        ),
        .target(name: "CFileSystem"),
        // Byte scans of UTF-8 text, sixteen bytes at a time.
        .target(name: "CBytes"),
        // Positions and diagnostics, shared by every stage.
        .target(name: "BrochureDiagnostics", swiftSettings: strictSettings),
        // The only importer of libxml2: hardened parsing into plain Swift values.
        .target(
            name: "BrochureXML",
            dependencies: ["CLibXML2", "CBytes", "BrochureDiagnostics"],
            swiftSettings: strictSettings
        ),
        // The format-neutral document tree: plain Sendable values.
        .target(name: "BrochureDocument", swiftSettings: strictSettings),
        // HTMLWriter and DocBookWriter; they see only the document tree.
        .target(name: "BrochureWriters", dependencies: ["BrochureDocument"], swiftSettings: strictSettings),
        // Profile, locale tables, messages, templates, resolution, validation, build.
        .target(
            name: "BrochureKit",
            dependencies: ["BrochureDiagnostics", "BrochureXML", "BrochureDocument", "BrochureWriters", "CICU", "CFileSystem", "CBytes"],
            swiftSettings: strictSettings
        ),
        // What the fuzz targets (FuzzTesting/) and the corpus replay test run on one input.
        .target(
            name: "BrochureFuzzing",
            dependencies: ["BrochureKit", "BrochureXML", "BrochureDocument", "BrochureWriters", "BrochureDiagnostics"],
            swiftSettings: strictSettings
        ),
        // The command line: the only importer of ArgumentParser.
        .executableTarget(
            name: "brochure",
            dependencies: ["BrochureKit", "BrochureDiagnostics", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictSettings,
            // mimalloc takes the place of glibc's malloc for the whole process (DECISIONS 25).
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        .testTarget(
            name: "BrochureKitTests",
            dependencies: ["BrochureKit", "BrochureXML", "BrochureDocument", "BrochureWriters", "BrochureDiagnostics", "BrochureFuzzing", "CBytes"],
            exclude: ["Hostile/Inputs", "Hostile/expected.txt", "Writers/Golden", "Exchange/Schemas"],
            swiftSettings: strictSettings
        ),
    ]
)
