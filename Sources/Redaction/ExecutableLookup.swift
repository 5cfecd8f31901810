import Foundation
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

extension Executable {
    /// `name` found once on `PATH` (or taken as a path when it has a slash). swift-subprocess
    /// tries every `PATH` entry with a process of its own on each spawn; a redaction spawns
    /// ffmpeg three times, so the lookup is done here. Not found: `.name`, whose spawn then
    /// fails with the usual "executable not found".
    static func resolved(_ name: String) -> Executable {
        if name.contains("/") { return .path(FilePath(name)) }
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for directory in directories where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate) {
                return .path(FilePath(candidate))
            }
        }
        return .name(name)
    }
}
