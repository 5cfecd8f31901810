import GRDB

/// The store's schema: the ONE migrator, in this one file, so the history of the file format
/// reads top to bottom. Rules for changing it:
/// - never edit a registered migration; add a new one below and bump `knownUserVersion`;
/// - every table a command writes is audited: add its content to `AuditedEntity` too, or
///   `audit verify` will not notice edits made behind silhouette's back.
enum StoreSchema {
    /// `PRAGMA application_id` of a silhouette store ("SLHT"), so that an unrelated SQLite
    /// file passed with `--store` is refused instead of being written into.
    static let applicationID: Int32 = 0x534C_4854

    /// `PRAGMA user_version` after the last migration this build knows. A file with a higher
    /// value (or migration identifiers this build does not know) was written by a newer
    /// silhouette and is never opened for writing.
    static let knownUserVersion = 7

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-initial") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            // Records are immutable: every table is append-only, and the audit log holds one
            // entry per row. Ids are TEXT so imported ethics decisions keep the committee's ids.
            try db.execute(sql: """
                CREATE TABLE assessments (
                    id TEXT PRIMARY KEY NOT NULL,
                    deployment_id TEXT NOT NULL,
                    deployment_name TEXT NOT NULL,
                    model_hash TEXT NOT NULL,
                    rules_version TEXT NOT NULL,
                    verdict TEXT NOT NULL,
                    assessed_at TEXT NOT NULL,
                    findings_json BLOB NOT NULL,
                    model_json BLOB NOT NULL,
                    count_critical INTEGER NOT NULL,
                    count_high INTEGER NOT NULL,
                    count_medium INTEGER NOT NULL,
                    count_low INTEGER NOT NULL,
                    count_info INTEGER NOT NULL,
                    count_waived INTEGER NOT NULL
                );
                CREATE INDEX assessments_by_deployment ON assessments(deployment_id, assessed_at);
                CREATE TABLE verifications (
                    id TEXT PRIMARY KEY NOT NULL,
                    deployment_id TEXT NOT NULL,
                    engine TEXT NOT NULL,
                    engine_version TEXT NOT NULL,
                    passed INTEGER NOT NULL,
                    date TEXT NOT NULL,
                    attestation_json BLOB NOT NULL
                );
                CREATE INDEX verifications_by_deployment ON verifications(deployment_id, date);
                CREATE TABLE ethics_submissions (
                    id TEXT PRIMARY KEY NOT NULL,
                    feature TEXT,
                    feature_kind TEXT,
                    rationale TEXT NOT NULL,
                    deployments TEXT NOT NULL,      -- canonical JSON array of deployment ids
                    submitted_at TEXT NOT NULL,
                    submitted_by TEXT NOT NULL
                );
                CREATE TABLE ethics_opinions (
                    id TEXT PRIMARY KEY NOT NULL,
                    submission_id TEXT NOT NULL REFERENCES ethics_submissions(id),
                    decision TEXT NOT NULL,
                    members TEXT NOT NULL,          -- canonical JSON array
                    rationale TEXT NOT NULL,
                    reservations TEXT NOT NULL,     -- canonical JSON array
                    review_by TEXT,
                    issued_at TEXT NOT NULL
                );
                CREATE INDEX ethics_opinions_by_submission ON ethics_opinions(submission_id, issued_at);
                CREATE TABLE sign_offs (
                    id TEXT PRIMARY KEY NOT NULL,
                    deployment_id TEXT NOT NULL,
                    model_hash TEXT NOT NULL,
                    role TEXT NOT NULL,
                    name TEXT NOT NULL,
                    opinion TEXT NOT NULL,
                    date TEXT NOT NULL
                );
                CREATE INDEX sign_offs_by_deployment ON sign_offs(deployment_id, role, date);
                CREATE TABLE audit_log (
                    seq INTEGER PRIMARY KEY NOT NULL,  -- 1, 2, 3…: a gap means a deleted entry
                    timestamp TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    entity TEXT NOT NULL,              -- "<kind>/<id>"
                    payload TEXT NOT NULL,             -- canonical JSON of the entity's content
                    prev_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                PRAGMA user_version = 1;
                """)
        }
        // Redactions of footage (access requests, safe sharing): what was produced from which
        // clip, and the SHA-256 of both files and of the per-frame log, so a later question
        // "was this the file we handed over?" has an answer in the audit log.
        migrator.registerMigration("v2-redactions") { db in
            try db.execute(sql: """
                CREATE TABLE redactions (
                    id TEXT PRIMARY KEY NOT NULL,
                    clip TEXT NOT NULL,
                    clip_sha256 TEXT NOT NULL,
                    output TEXT NOT NULL,
                    output_sha256 TEXT NOT NULL,
                    method TEXT NOT NULL,
                    frames INTEGER NOT NULL,
                    boxes_redacted INTEGER NOT NULL,
                    kept_track TEXT,
                    date TEXT NOT NULL,
                    log_json BLOB NOT NULL
                );
                PRAGMA user_version = 2;
                """)
        }
        // Information signs generated from the model (`silhouette signage`): content, its hash,
        // the cameras covered; posted signs in a model point at these ids.
        migrator.registerMigration("v3-signs") { db in
            try db.execute(sql: """
                CREATE TABLE signs (
                    id TEXT PRIMARY KEY NOT NULL,
                    deployment_id TEXT NOT NULL,
                    model_hash TEXT NOT NULL,
                    name TEXT NOT NULL,
                    language TEXT NOT NULL,
                    cameras TEXT NOT NULL,          -- canonical JSON array of camera ids
                    content_hash TEXT NOT NULL,
                    content_json BLOB NOT NULL,
                    date TEXT NOT NULL
                );
                CREATE INDEX signs_by_deployment ON signs(deployment_id, date);
                PRAGMA user_version = 3;
                """)
        }
        // Organisations (a DPO team's shared store serves several customers): every record
        // carries the organisation it belongs to; commands read and write their own (`--org`).
        // The default organisation is the empty text, which older records keep. (Numbered after
        // main's v3-signs: the two branches grew the schema in parallel.)
        migrator.registerMigration("v4-organisations") { db in
            try db.execute(sql: """
                ALTER TABLE assessments ADD COLUMN org TEXT NOT NULL DEFAULT '';
                ALTER TABLE verifications ADD COLUMN org TEXT NOT NULL DEFAULT '';
                ALTER TABLE ethics_submissions ADD COLUMN org TEXT NOT NULL DEFAULT '';
                ALTER TABLE ethics_opinions ADD COLUMN org TEXT NOT NULL DEFAULT '';
                ALTER TABLE sign_offs ADD COLUMN org TEXT NOT NULL DEFAULT '';
                ALTER TABLE redactions ADD COLUMN org TEXT NOT NULL DEFAULT '';
                ALTER TABLE signs ADD COLUMN org TEXT NOT NULL DEFAULT '';
                CREATE INDEX ethics_submissions_by_org ON ethics_submissions(org);
                CREATE INDEX assessments_by_org ON assessments(org, deployment_id);
                PRAGMA user_version = 4;
                """)
        }
        // DPO reviews of a PIA (`silhouette review import`): principle statuses, risk judgements,
        // reservations, opinions and decisions, against the model hash they were made on.
        migrator.registerMigration("v5-pia-reviews") { db in
            try db.execute(sql: """
                CREATE TABLE pia_reviews (
                    id TEXT PRIMARY KEY NOT NULL,
                    deployment_id TEXT NOT NULL,
                    model_hash TEXT NOT NULL,
                    reviewer TEXT NOT NULL,
                    review_date TEXT NOT NULL,
                    parts TEXT NOT NULL,            -- canonical JSON array of the parts reviewed
                    content_json BLOB NOT NULL,
                    recorded_at TEXT NOT NULL,
                    org TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX pia_reviews_by_deployment ON pia_reviews(org, deployment_id, recorded_at);
                PRAGMA user_version = 5;
                """)
        }
        // The record of each ethics deliberation (`silhouette ethics deliberation`): meeting,
        // members present against the declared quorum, votes, dissent, documents, chair.
        migrator.registerMigration("v6-ethics-deliberations") { db in
            try db.execute(sql: """
                CREATE TABLE ethics_deliberations (
                    id TEXT PRIMARY KEY NOT NULL,
                    opinion_id TEXT NOT NULL REFERENCES ethics_opinions(id),
                    meeting_date TEXT NOT NULL,
                    present TEXT NOT NULL,          -- canonical JSON array of names
                    quorum INTEGER NOT NULL,
                    votes_for INTEGER NOT NULL,
                    votes_against INTEGER NOT NULL,
                    abstentions INTEGER NOT NULL,
                    dissent TEXT,
                    conflicts TEXT NOT NULL,        -- canonical JSON array of names
                    documents TEXT NOT NULL,        -- canonical JSON array
                    chair TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    org TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX ethics_deliberations_by_opinion ON ethics_deliberations(org, opinion_id, recorded_at);
                PRAGMA user_version = 6;
                """)
        }
        // Empty-scene reference frames per camera (`store background set`), used by `redact
        // --camera` so people who never move are found. Written in parallel with
        // v5 and v6 (DPO reviews, deliberations), hence after them.
        migrator.registerMigration("v7-camera-backgrounds") { db in
            try db.execute(sql: """
                CREATE TABLE camera_backgrounds (
                    id TEXT PRIMARY KEY NOT NULL,
                    camera TEXT NOT NULL,
                    source TEXT NOT NULL,
                    width INTEGER NOT NULL,
                    height INTEGER NOT NULL,
                    image_sha256 TEXT NOT NULL,
                    image BLOB NOT NULL,
                    date TEXT NOT NULL,
                    org TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX camera_backgrounds_by_camera ON camera_backgrounds(org, camera, date);
                PRAGMA user_version = 7;
                """)
        }
        return migrator
    }
}
