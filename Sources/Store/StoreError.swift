import Foundation

/// Everything that can go wrong opening or using a store, phrased for the person at the
/// terminal: one line, the path, and what to do next. The CLI prints `error: <description>`
/// and exits 2 for every case, and none of these leaves the file modified: opening checks
/// the file read-only before anything is written (see `SilhouetteStore.open`).
public enum StoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The directory that should hold the store does not exist.
    case missingDirectory(path: String, directory: String)
    /// A read-only command was pointed at a store that does not exist yet.
    case missingStore(path: String)
    /// A write was needed but the file (or its directory, which must hold the WAL files) is not writable.
    case readOnly(path: String, reason: String)
    /// The file is not an SQLite database, or SQLite reports damage.
    case corrupt(path: String, reason: String)
    /// An SQLite database, but not one silhouette created (foreign tables, other application id).
    case notAStore(path: String)
    /// The store was written by a newer silhouette (unknown migrations or user_version).
    case newerSchema(path: String, found: String)
    /// A record the command refers to does not exist.
    case notFound(kind: String, id: String, path: String)
    /// A value given to the store breaks one of its rules (bad decision, date, id…).
    case invalid(message: String, hint: String?)
    /// The same id already holds different content (ethics import).
    case conflict(message: String)
    /// Another process kept the store locked longer than the busy timeout allows.
    case busy(path: String)
    /// Any other SQLite failure, with SQLite's own message.
    case sqlite(path: String, message: String)
    /// A PostgreSQL store could not be reached or refused a statement (URL redacted).
    case postgres(location: String, message: String, hint: String?)
    /// A feature that works on SQLite stores only.
    case unsupported(path: String, what: String)

    public var description: String {
        switch self {
        case let .missingDirectory(path, directory):
            return "\(path): directory \(directory) does not exist; hint: create it or pass --store PATH in an existing directory"
        case let .missingStore(path):
            return "\(path): no store here yet; hint: record an assessment or decision first, or pass --store PATH"
        case let .readOnly(path, reason):
            return "\(path): store is read-only (\(reason)); hint: fix the permissions or pass --store PATH to a writable copy"
        case let .corrupt(path, reason):
            return "\(path): store is corrupt (\(reason)); hint: restore it from a backup or pass --store PATH; the file was not modified"
        case let .notAStore(path):
            return "\(path): SQLite database not created by silhouette; hint: pass --store PATH to a silhouette store"
        case let .newerSchema(path, found):
            return "\(path): store was written by a newer silhouette (\(found)); hint: upgrade silhouette; the file was not modified"
        case let .notFound(kind, id, path):
            return "\(path): no \(kind) with id '\(id)'; hint: list them with `silhouette \(kind == "assessment" ? "history" : "ethics list")`"
        case let .invalid(message, hint):
            return hint.map { "\(message); hint: \($0)" } ?? message
        case let .conflict(message):
            return message
        case let .busy(path):
            return "\(path): store is locked by another process; hint: wait for the other silhouette command to finish, then run this one again"
        case let .sqlite(path, message):
            return "\(path): SQLite error: \(message)"
        case let .postgres(location, message, hint):
            return "\(location): PostgreSQL: \(message)" + (hint.map { "; hint: \($0)" } ?? "")
        case let .unsupported(path, what):
            return "\(path): \(what) is not available on a PostgreSQL store yet; hint: use a SQLite store (silhouette store copy moves records between them)"
        }
    }
}
