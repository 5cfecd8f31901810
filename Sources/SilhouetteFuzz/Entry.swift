import Foundation

#if FUZZING
/// libFuzzer's driver (linked in by `-sanitize=fuzzer`). SwiftPM gives every executable target
/// its own entry point and points `main` at it, so libFuzzer's `main` is not used: ours hands
/// the command line to the driver instead.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The one input callback, also under the name libFuzzer's own `main` links against.
@_cdecl("LLVMFuzzerTestOneInput")
public func silhouetteFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let target = FuzzTarget.fromEnvironment() else { return 0 }
    target.run(data.map { Data(bytes: $0, count: size) } ?? Data())
    return 0
}

@main
struct FuzzDriver {
    static func main() {
        guard FuzzTarget.fromEnvironment() != nil else {
            FileHandle.standardError.write(Data("set SILHOUETTE_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
            exit(2)
        }
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv) { data, size in silhouetteFuzzOneInput(data, size) })
    }
}
#else
/// Without the fuzzer, the same binary replays saved inputs (a crash file libFuzzer wrote, or a
/// corpus), so a finding can be reproduced and debugged in an ordinary build:
/// `silhouette-fuzz TARGET FILE…`.
@main
struct FuzzReplay {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count >= 2 else {
            FileHandle.standardError.write(Data("usage: silhouette-fuzz \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")) FILE…\n".utf8))
            exit(2)
        }
        for path in arguments.dropFirst() {
            guard let bytes = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("error: cannot read \(path)\n".utf8))
                exit(2)
            }
            target.run(bytes)
        }
        print("replayed \(arguments.count - 1) input(s) through \(target.rawValue): no crash")
    }
}
#endif
