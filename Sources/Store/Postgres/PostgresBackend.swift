import Foundation
import GRDB
import PostgresNIO

/// One connection to a PostgreSQL store, used synchronously: statements go through
/// postgres-nio's EventLoopFuture API and are waited for on the calling thread (never an
/// event-loop thread), so the Store API stays the same for both backends. One statement runs
/// at a time; `transaction` holds the connection for the whole transaction.
final class PostgresBackend: @unchecked Sendable {
    let location: PostgresLocation
    /// Schema versions applied (after `open` brought them up to date, for a writable open).
    private(set) var appliedVersions: [String] = []
    private let connection: PostgresConnection
    private let lock = NSLock()
    private let logger: Logger = {
        var logger = Logger(label: "silhouette.store.postgres")
        logger.logLevel = .critical   // nothing of the driver's chatter reaches the user's terminal
        return logger
    }()

    /// Key of the advisory lock every write transaction takes first ("SLHT").
    static let writeLockKey: Int64 = 0x534C_4854

    /// Warnings already printed by this process (each once).
    nonisolated(unsafe) private static var printedWarnings = Set<String>()
    private static let warningLock = NSLock()

    private init(location: PostgresLocation, connection: PostgresConnection) {
        self.location = location
        self.connection = connection
    }

    private var closed = false

    deinit { close() }

    static func open(_ location: PostgresLocation, writable: Bool) throws(StoreError) -> PostgresBackend {
        warningLock.lock()
        for warning in location.warnings where printedWarnings.insert(warning).inserted {
            FileHandle.standardError.write(Data("\(warning)\n".utf8))
        }
        warningLock.unlock()
        let tls: PostgresConnection.Configuration.TLS
        do { tls = try PostgresTLS.configuration(location) } catch {
            throw .postgres(location: location.redacted, message: "TLS setup failed: \(location.scrub(String(describing: error)))",
                            hint: "check sslrootcert names a PEM file")
        }
        var configuration = PostgresConnection.Configuration(host: location.host, port: location.port, username: location.user,
                                                             password: location.password, database: location.database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        if location.sslMode == .verifyFull || location.sslMode == .verifyCA { configuration.options.tlsServerName = location.host }
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration,
                                                        id: 1, logger: Logger(label: "silhouette.store.postgres.connect")).wait()
        } catch {
            throw PostgresErrors.map(error, location: location, connecting: true)
        }
        let backend = PostgresBackend(location: location, connection: connection)
        do { backend.appliedVersions = try PostgresSchema.prepare(backend, writable: writable) } catch {
            backend.close()
            throw error
        }
        return backend
    }

    /// Closes the connection, waiting for it (once; later calls do nothing).
    func close() {
        lock.lock(); defer { lock.unlock() }
        guard !closed else { return }
        closed = true
        _ = try? (connection.close() as EventLoopFuture<Void>).wait()
    }

    /// One transaction. Writing: READ COMMITTED after taking the advisory lock, so every
    /// statement sees every write committed before the lock was granted (the true chain
    /// head). Reading: one REPEATABLE READ snapshot.
    func transaction<T>(writing: Bool, _ body: (any StoreSQL) throws -> T) throws(StoreError) -> T {
        lock.lock(); defer { lock.unlock() }
        do {
            try run(writing ? "BEGIN ISOLATION LEVEL READ COMMITTED" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", [])
            if writing { _ = try run("SELECT pg_advisory_xact_lock(\(Self.writeLockKey))", []) }
            let result = try body(PostgresSQL(backend: self))
            try run("COMMIT", [])
            return result
        } catch {
            _ = try? run("ROLLBACK", [])
            if let error = error as? StoreError { throw error }
            throw PostgresErrors.map(error, location: location, connecting: false)
        }
    }

    /// Runs a script of several statements (a schema version), one statement at a time.
    func script(_ sql: String) throws {
        for statement in Self.statements(sql) { try run(statement, []) }
    }

    /// Splits SQL at the semicolons that end statements: not those inside quotes, `$$` bodies
    /// or `--` comments.
    static func statements(_ sql: String) -> [String] {
        var result: [String] = []
        var current = ""
        var inQuote = false, inDollar = false, inComment = false
        var previous: Character = " "
        for character in sql {
            if inComment {
                if character == "\n" { inComment = false }
                previous = character
                continue
            }
            if !inQuote && !inDollar && character == "-" && previous == "-" {
                current.removeLast()
                inComment = true
                previous = " "
                continue
            }
            if !inDollar && character == "'" { inQuote.toggle() }
            if !inQuote && character == "$" && previous == "$" { inDollar.toggle() }
            if character == ";" && !inQuote && !inDollar {
                let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !statement.isEmpty { result.append(statement) }
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        let last = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !last.isEmpty { result.append(last) }
        return result
    }

    @discardableResult
    func run(_ sql: String, _ arguments: [DatabaseValue]) throws -> [Row] {
        var binds = PostgresBindings(capacity: arguments.count)
        for value in arguments {
            switch value.storage {
            case .null: binds.appendNull()
            case .int64(let int): try binds.append(int)
            case .double(let double): try binds.append(double)
            case .string(let string): try binds.append(string)
            case .blob(let data): try binds.append(ByteBuffer(bytes: data))
            }
        }
        let query = PostgresQuery(unsafeSQL: Self.numberedPlaceholders(sql), binds: binds)
        let result = try connection.query(query, logger: logger).wait()
        return try result.rows.map(Self.row)
    }

    /// `?` → `$1`, `$2`… (outside quoted text).
    static func numberedPlaceholders(_ sql: String) -> String {
        var out = ""
        var number = 0
        var quoted = false
        for character in sql {
            if character == "'" { quoted.toggle() }
            if character == "?" && !quoted {
                number += 1
                out += "$\(number)"
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// A PostgreSQL row as the GRDB row the record types decode.
    static func row(_ row: PostgresRow) throws -> Row {
        var values: [String: (any DatabaseValueConvertible)?] = [:]
        for cell in row {
            guard cell.bytes != nil else { values[cell.columnName] = DatabaseValue.null; continue }
            switch cell.dataType {
            case .int8, .int4, .int2: values[cell.columnName] = try cell.decode(Int64.self)
            case .bool: values[cell.columnName] = try cell.decode(Bool.self)
            case .float8, .float4: values[cell.columnName] = try cell.decode(Double.self)
            case .bytea:
                var buffer = try cell.decode(ByteBuffer.self)
                values[cell.columnName] = Data(buffer.readBytes(length: buffer.readableBytes) ?? [])
            default: values[cell.columnName] = try cell.decode(String.self)
            }
        }
        return Row(values)
    }
}

/// The StoreSQL of one PostgreSQL transaction.
struct PostgresSQL: StoreSQL {
    let backend: PostgresBackend

    func rows(_ sql: String, _ arguments: [DatabaseValue]) throws -> [Row] { try backend.run(sql, arguments) }

    func execute(_ sql: String, _ arguments: [DatabaseValue]) throws { try backend.run(sql, arguments) }

    func insertRow(of record: some AuditedRecord) throws {
        let row = try RowEncoding.row(of: record)
        let columns = Array(row.columnNames)
        let values = columns.map { row[$0] as DatabaseValue }
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        try backend.run("INSERT INTO \(type(of: record).table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))", values)
    }
}

enum PostgresTLS {
    static func configuration(_ location: PostgresLocation) throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let ca = location.rootCertificate { tls.trustRoots = .file(ca) }
        switch location.sslMode {
        case .disable: return .disable
        case .prefer: tls.certificateVerification = .none; return .prefer(try NIOSSLContext(configuration: tls))
        case .require: tls.certificateVerification = .none; return .require(try NIOSSLContext(configuration: tls))
        case .verifyCA: tls.certificateVerification = .noHostnameVerification; return .require(try NIOSSLContext(configuration: tls))
        case .verifyFull: tls.certificateVerification = .fullVerification; return .require(try NIOSSLContext(configuration: tls))
        }
    }
}

/// postgres-nio's errors as one line for the user (the password scrubbed from anything the
/// server or the driver says).
enum PostgresErrors {
    static func map(_ error: any Error, location: PostgresLocation, connecting: Bool) -> StoreError {
        let where_ = location.redacted
        if let psql = error as? PSQLError {
            if let info = psql.serverInfo {
                let message = location.scrub(info[.message] ?? "server error")
                let state = info[.sqlState] ?? ""
                let hint: String?
                switch state {
                case "28P01", "28000": hint = "check the user and the password (PGPASSWORD, SILHOUETTE_STORE_PASSWORD_FILE or ~/.pgpass)"
                case "42501": hint = "this role may not do that: audit entries and records are append-only for the application role"
                case "3D000": hint = "create the database first (createdb), or fix its name in the URL"
                case "P0001": hint = "the database refused it (audit log is append-only)"
                default: hint = nil
                }
                return .postgres(location: where_, message: "\(message) (SQLSTATE \(state))", hint: hint)
            }
            if connecting || psql.code == .connectionError || psql.code == .uncleanShutdown {
                let reason = psql.underlying.map { location.scrub(String(describing: $0)) } ?? "\(psql.code)"
                return .postgres(location: where_, message: "cannot connect to \(location.host):\(location.port) (\(reason))",
                                 hint: "check the server runs and the URL's host, port and sslmode")
            }
            return .postgres(location: where_, message: location.scrub("\(psql.code)"), hint: nil)
        }
        return .postgres(location: where_, message: (connecting ? "cannot connect: " : "") + location.scrub(String(describing: error)),
                         hint: connecting ? "check the server runs and the URL's host, port and sslmode" : nil)
    }
}
