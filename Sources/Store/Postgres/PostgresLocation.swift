import Foundation

/// A PostgreSQL store named by URL: `postgres://USER@HOST:PORT/DB?sslmode=…&sslrootcert=FILE`.
///
/// The password is found, in order, in the URL (accepted with a warning: URLs end up in shell
/// history and process lists), `PGPASSWORD`, the file named by `SILHOUETTE_STORE_PASSWORD_FILE`,
/// then `.pgpass` (`PGPASSFILE` or `~/.pgpass`, libpq's format, ignored when others can read
/// it). Whatever its source, it never appears in an output: messages use `redacted`.
public struct PostgresLocation: Sendable {
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, prefer, require, verifyCA = "verify-ca", verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    var password: String?
    public var sslMode: SSLMode
    /// CA certificates (PEM) that verify the server (`sslrootcert`).
    public var rootCertificate: String?
    /// The URL without its password (`postgres://app:***@db:5432/pia`).
    public var redacted: String
    /// Things the user should know (a password written in the URL).
    public var warnings: [String]

    public static func parse(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(StoreError) -> PostgresLocation {
        let redactedGuess = redact(text)
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw .postgres(location: redactedGuess, message: "not a PostgreSQL URL",
                            hint: "write postgres://USER@HOST:PORT/DATABASE?sslmode=require")
        }
        let user = components.user.flatMap { $0.removingPercentEncoding } ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        let database = String(components.path.drop(while: { $0 == "/" })).removingPercentEncoding ?? ""
        let port = components.port ?? 5432
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        for name in query.keys where !["sslmode", "sslrootcert", "application_name", "connect_timeout"].contains(name) {
            throw .postgres(location: redactedGuess, message: "unknown URL parameter '\(name)'",
                            hint: "silhouette reads sslmode and sslrootcert; pass the password through PGPASSWORD, a password file or .pgpass")
        }
        let mode = try query["sslmode"].map { value throws(StoreError) -> SSLMode in
            guard let mode = SSLMode(rawValue: value) else {
                throw .postgres(location: redactedGuess, message: "unknown sslmode '\(value)'",
                                hint: "use one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return mode
        } ?? .prefer
        let rootCertificate = query["sslrootcert"]
        if let rootCertificate, !FileManager.default.isReadableFile(atPath: rootCertificate) {
            throw .postgres(location: redactedGuess, message: "cannot read the CA file '\(rootCertificate)' (sslrootcert)",
                            hint: "sslrootcert names a PEM file of the certificates that sign the server's")
        }
        if mode == .verifyCA && rootCertificate == nil {
            throw .postgres(location: redactedGuess, message: "sslmode=verify-ca needs sslrootcert=FILE",
                            hint: "name the PEM file of the CA that signed the server's certificate")
        }
        var warnings: [String] = []
        var password = components.password.flatMap { $0.removingPercentEncoding }
        if password != nil {
            warnings.append("warning: a password written in the store URL ends up in shell history and process lists; use PGPASSWORD, SILHOUETTE_STORE_PASSWORD_FILE or ~/.pgpass")
        }
        if password == nil, let value = environment["PGPASSWORD"], !value.isEmpty { password = value }
        if password == nil, let file = environment["SILHOUETTE_STORE_PASSWORD_FILE"] {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw .postgres(location: redactedGuess, message: "cannot read the password file named by SILHOUETTE_STORE_PASSWORD_FILE",
                                hint: "the file holds the password on its first line")
            }
            password = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init)
        }
        if password == nil {
            password = PGPass.lookup(host: host, port: port, database: database, user: user, environment: environment, warnings: &warnings)
        }
        return PostgresLocation(host: host, port: port, user: user, database: database.isEmpty ? user : database,
                                password: password, sslMode: mode, rootCertificate: rootCertificate,
                                redacted: redactedGuess, warnings: warnings)
    }

    /// The URL with the password (in the authority or a `password=` parameter) replaced by `***`.
    public static func redact(_ text: String) -> String {
        var result = text
        if let scheme = result.range(of: "://") {
            let authorityEnd = result[scheme.upperBound...].firstIndex(where: { "/?#".contains($0) }) ?? result.endIndex
            let authority = result[scheme.upperBound..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                result.replaceSubrange(result.index(after: colon)..<at, with: "***")
            }
        }
        if let range = result.range(of: "password=") {
            let end = result[range.upperBound...].firstIndex(of: "&") ?? result.endIndex
            result.replaceSubrange(range.upperBound..<end, with: "***")
        }
        return result
    }

    /// Replaces the password, wherever it occurs in `text` (a server message, an error), by `***`.
    func scrub(_ text: String) -> String {
        guard let password, password.count >= 3 else { return text }
        return text.replacingOccurrences(of: password, with: "***")
    }
}

/// libpq's password file: `host:port:database:user:password`, `*` matching anything, `\:`
/// and `\\` escaped. Ignored (with a warning) when group or others may read it, as libpq does.
enum PGPass {
    static func lookup(host: String, port: Int, database: String, user: String, environment: [String: String],
                       warnings: inout [String]) -> String? {
        let path = environment["PGPASSFILE"] ?? environment["HOME"].map { "\($0)/.pgpass" }
        guard let path, let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & 0o077 != 0 {
            warnings.append("warning: \(path) is ignored: group or others can read it (chmod 600 \(path))")
            return nil
        }
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = split(String(line))
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database.isEmpty ? user : database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    static func split(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped { current.append(character); escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == ":" { fields.append(current); current = ""; continue }
            current.append(character)
        }
        fields.append(current)
        return fields
    }
}
