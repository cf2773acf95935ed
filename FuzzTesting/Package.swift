// swift-tools-version: 6.1
// libFuzzer targets for Brochure's readers, message parser and formatter, and template engine.
// Build one with (see README.md):
//   swift build -c debug --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld --product FuzzLocale
import PackageDescription

let package = Package(
    name: "BrochureFuzzTesting",
    dependencies: [.package(path: "..")],
    targets: ["FuzzXML", "FuzzLocale", "FuzzTemplate"].map { name in
        .executableTarget(name: name, dependencies: [.product(name: "BrochureFuzzing", package: "main")])
    }
)
