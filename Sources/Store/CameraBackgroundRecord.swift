import Foundation
import GRDB

/// An empty-scene reference frame recorded for a camera (`silhouette store background set`):
/// the image as given (PNG, JPEG…), its SHA-256, its size and the date. `silhouette redact
/// --camera ID` uses the camera's latest one when no `--background-frame` is given, so a person
/// who never moves during a clip is still found. Records are append-only: setting a new frame
/// adds a record, the latest one wins, and the log of every redaction names the one it used.
public struct StoredCameraBackground: Sendable, Hashable {
    /// `BG-<n>`, assigned by the store.
    public var id: String
    public var camera: String
    /// Where the image was read from when it was recorded (for people; the bytes are stored).
    public var source: String
    public var width: Int
    public var height: Int
    /// Hex SHA-256 of `image`.
    public var imageSHA256: String
    public var image: Data
    public var date: Date
    /// The organisation the record belongs to (`--org`; empty: the store's default one).
    public var org: String = ""

    public init(id: String = "", camera: String, source: String, width: Int, height: Int, image: Data, date: Date) {
        self.id = id; self.camera = camera; self.source = source; self.width = width; self.height = height
        self.image = image; self.imageSHA256 = StoreHashing.sha256Hex(image); self.date = date
    }
}

extension StoredCameraBackground: AuditedRecord {
    static let entityKind = "camera-background"
    static let table = "camera_backgrounds"

    var auditContent: JSONValue {
        withOrganisation(org, .object([
            "id": .string(id), "camera": .string(camera), "source": .string(source), "width": .int(width), "height": .int(height),
            "image_sha256": .string(imageSHA256), "stored_image_sha256": .string(StoreHashing.sha256Hex(image)),
            "date": .string(StoreDates.string(date)),
        ]))
    }

    init(row: Row) {
        self.init(id: row["id"], camera: row["camera"], source: row["source"], width: row["width"], height: row["height"],
                  image: row["image"] ?? Data(), date: StoreDates.date(row["date"]))
        // The recorded hash, not one recomputed from the bytes: an edited image shows up in
        // `audit verify` (stored_image_sha256 no longer matches) and in `redact`'s check.
        self.imageSHA256 = row["image_sha256"]
        self.org = row["org"] ?? ""
    }

    func insert(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO camera_backgrounds (id, camera, source, width, height, image_sha256, image, date, org)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, camera, source, width, height, imageSHA256, image, StoreDates.string(date), org])
    }
}

extension SilhouetteStore {
    /// Records a camera's empty-scene reference frame; it becomes the camera's current one.
    @discardableResult
    public func record(_ background: StoredCameraBackground, actor: String) throws(StoreError) -> StoredCameraBackground {
        var record = background
        record.date = StoreDates.normalize(background.date)
        record.org = organisation
        return try sqlWrite { db in try Self.insert(db, record, prefix: "BG-", actor: actor, action: "set-camera-background") }
    }

    /// The camera's current reference frame (the latest recorded), or nil.
    public func cameraBackground(camera: String) throws(StoreError) -> StoredCameraBackground? {
        try cameraBackgrounds().last { $0.camera == camera }
    }

    /// Every recorded reference frame, oldest first. A store from before reference frames
    /// (opened read-only, not migrated) has none.
    public func cameraBackgrounds() throws(StoreError) -> [StoredCameraBackground] {
        if let postgres {
            guard postgres.appliedVersions.contains("v7-camera-backgrounds") else { return [] }
        } else {
            let table = try sqlRead { db in try db.row("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'camera_backgrounds'") }
            guard table != nil else { return [] }
        }
        return try sqlRead { db in
            try db.rows("SELECT * FROM camera_backgrounds WHERE \(orgCondition) ORDER BY date, rowid", orgArguments)
                .map(StoredCameraBackground.init(row:))
        }
    }
}
