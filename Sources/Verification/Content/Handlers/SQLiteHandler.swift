#if canImport(GRDB)
import GRDB

/// Judges a SQLite database by its tables and columns, not its file type. Per table (up to
/// `maxRows` rows): the numeric columns of each row form a row vector (a per-track vector
/// stored as 64 REAL columns is a matrix); BLOB values are handed back to the content audit
/// (a float32 template, an npy, a JPEG); TEXT values holding JSON arrays are parsed. A counts
/// table (zone, window, count) yields rows of two or three numbers: nothing to judge.
enum SQLiteHandler {
    static let maxRows = 10_000

    struct Blob {
        var path: ContentPath
        var bytes: [UInt8]
    }

    struct Contents {
        var arrays: [NumericArray] = []
        var blobs: [Blob] = []
        var tables: [String] = []
    }

    static func read(path file: String, base: ContentPath) -> Result<Contents, Error> {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA trusted_schema = OFF") }
        do {
            let queue = try DatabaseQueue(path: file, configuration: configuration)
            return .success(try queue.read { db in try contents(db, base: base) })
        } catch {
            return .failure(error)
        }
    }

    private static func contents(_ db: Database, base: ContentPath) throws -> Contents {
        var contents = Contents()
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        contents.tables = tables
        for table in tables {
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(quote(table)))").map { $0["name"] as String }
            guard !columns.isEmpty else { continue }
            let rows = try Row.fetchCursor(db, sql: "SELECT \(columns.map(quote).joined(separator: ", ")) FROM \(quote(table)) LIMIT \(maxRows)")
            var matrix: [Double] = []
            var width = -1
            var rowCount = 0
            var rowNumber = 0
            while let row = try rows.next() {
                rowNumber += 1
                var numbers: [Double] = []
                for (index, column) in columns.enumerated() {
                    let value = row[index] as DatabaseValue
                    switch value.storage {
                    case .int64(let n): numbers.append(Double(n))
                    case .double(let x): numbers.append(x)
                    case .blob(let data):
                        contents.blobs.append(Blob(path: base.appending("\(table).\(column)[row \(rowNumber)] BLOB"), bytes: [UInt8](data)))
                    case .string(let text):
                        if let first = text.utf8.first, first == UInt8(ascii: "["), text.utf8.count >= 4,
                           let json = try? Array(text.utf8).withUnsafeBufferPointer({ try JSONScanner.parse($0) }) {
                            contents.arrays += JSONArrayExtractor.arrays(in: json, base: base.appending("\(table).\(column)[row \(rowNumber)] JSON"), limit: 64)
                        }
                    case .null: break
                    }
                }
                guard !numbers.isEmpty else { continue }
                if width < 0 { width = numbers.count }
                guard numbers.count == width else { continue }
                matrix += numbers
                rowCount += 1
            }
            if rowCount > 0, width > 0 {
                contents.arrays.append(NumericArray(path: base.appending("table \(table)[\(rowCount)×\(width) numeric columns]"),
                                                    shape: rowCount == 1 ? [width] : [rowCount, width], values: matrix))
            }
        }
        return contents
    }

    private static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
#endif
