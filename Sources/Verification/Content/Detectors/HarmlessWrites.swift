/// Writes every Python program makes that carry no personal data, recognised by content and
/// size, never by name alone: a POSIX semaphore (glibc's `sem_t` file is 32 bytes, mostly
/// zeros) and CPython bytecode (a magic number then `\r\n`). Anything else written in the
/// same places is audited like any other file.
enum HarmlessWrites {
    static let maxSemaphoreBytes = 64

    static func semaphore(_ bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty, bytes.count <= maxSemaphoreBytes else { return false }
        return bytes.filter { $0 == 0 }.count * 4 >= bytes.count * 3
    }

    static func note(for bytes: [UInt8], path: String) -> String? {
        if path.hasPrefix("/dev/shm/"), semaphore(bytes) {
            return "POSIX semaphore (\(bytes.count) bytes, \(bytes.filter { $0 == 0 }.count) of them zero): harmless"
        }
        if FormatSniffer.isPythonBytecode(bytes) {
            let magic = Int(bytes[0]) | Int(bytes[1]) << 8
            return "Python bytecode (magic \(magic), \(bytes.count) bytes): harmless"
        }
        return nil
    }
}
