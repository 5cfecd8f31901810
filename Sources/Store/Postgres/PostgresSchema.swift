import Foundation
import GRDB

/// The PostgreSQL side of the store's ONE ordered list of schema versions: the versions are
/// `StoreSchema.migrator`'s, in its order, and this file gives the PostgreSQL SQL of each
/// (types and the append-only trigger differ from SQLite's). A version without PostgreSQL SQL
/// makes a PostgreSQL store refuse to open (and the store tests fail), so the two cannot drift.
/// Applied versions are listed in `silhouette_schema`; a store holding a version this build
/// does not know was written by a newer silhouette and is refused.
enum PostgresSchema {
    static let sql: [String: String] = [
        "v1-initial": """
            CREATE TABLE assessments (
                rowid BIGSERIAL UNIQUE, id TEXT PRIMARY KEY, deployment_id TEXT NOT NULL, deployment_name TEXT NOT NULL,
                model_hash TEXT NOT NULL, rules_version TEXT NOT NULL, verdict TEXT NOT NULL, assessed_at TEXT NOT NULL,
                findings_json BYTEA NOT NULL, model_json BYTEA NOT NULL, count_critical BIGINT NOT NULL, count_high BIGINT NOT NULL,
                count_medium BIGINT NOT NULL, count_low BIGINT NOT NULL, count_info BIGINT NOT NULL, count_waived BIGINT NOT NULL);
            CREATE INDEX assessments_by_deployment ON assessments(deployment_id, assessed_at);
            CREATE TABLE verifications (
                rowid BIGSERIAL UNIQUE, id TEXT PRIMARY KEY, deployment_id TEXT NOT NULL, engine TEXT NOT NULL,
                engine_version TEXT NOT NULL, passed BIGINT NOT NULL, date TEXT NOT NULL, attestation_json BYTEA NOT NULL);
            CREATE INDEX verifications_by_deployment ON verifications(deployment_id, date);
            CREATE TABLE ethics_submissions (
                rowid BIGSERIAL UNIQUE, id TEXT PRIMARY KEY, feature TEXT, feature_kind TEXT, rationale TEXT NOT NULL,
                deployments TEXT NOT NULL, submitted_at TEXT NOT NULL, submitted_by TEXT NOT NULL);
            CREATE TABLE ethics_opinions (
                rowid BIGSERIAL UNIQUE, id TEXT PRIMARY KEY, submission_id TEXT NOT NULL REFERENCES ethics_submissions(id),
                decision TEXT NOT NULL, members TEXT NOT NULL, rationale TEXT NOT NULL, reservations TEXT NOT NULL,
                review_by TEXT, issued_at TEXT NOT NULL);
            CREATE INDEX ethics_opinions_by_submission ON ethics_opinions(submission_id, issued_at);
            CREATE TABLE sign_offs (
                rowid BIGSERIAL UNIQUE, id TEXT PRIMARY KEY, deployment_id TEXT NOT NULL, model_hash TEXT NOT NULL,
                role TEXT NOT NULL, name TEXT NOT NULL, opinion TEXT NOT NULL, date TEXT NOT NULL);
            CREATE INDEX sign_offs_by_deployment ON sign_offs(deployment_id, role, date);
            CREATE TABLE audit_log (
                seq BIGINT PRIMARY KEY, timestamp TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
                entity TEXT NOT NULL, payload TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
            -- Append-only, enforced by the database for every role but a superuser or the table
            -- owner who disables the trigger (which `audit verify --head` then catches).
            CREATE FUNCTION silhouette_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the silhouette audit log is append-only: % refused', TG_OP;
            END $$;
            CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
                FOR EACH ROW EXECUTE FUNCTION silhouette_audit_append_only();
            CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
                FOR EACH STATEMENT EXECUTE FUNCTION silhouette_audit_append_only();
            """,
        "v2-redactions": """
            CREATE TABLE redactions (
                rowid BIGSERIAL UNIQUE, id TEXT PRIMARY KEY, clip TEXT NOT NULL, clip_sha256 TEXT NOT NULL, output TEXT NOT NULL,
                output_sha256 TEXT NOT NULL, method TEXT NOT NULL, frames BIGINT NOT NULL, boxes_redacted BIGINT NOT NULL,
                kept_track TEXT, date TEXT NOT NULL, log_json BYTEA NOT NULL);
            """,
        "v3-signs": """
            CREATE TABLE signs (
                rowid BIGSERIAL UNIQUE, id TEXT PRIMARY KEY, deployment_id TEXT NOT NULL, model_hash TEXT NOT NULL,
                name TEXT NOT NULL, language TEXT NOT NULL, cameras TEXT NOT NULL, content_hash TEXT NOT NULL,
                content_json BYTEA NOT NULL, date TEXT NOT NULL);
            CREATE INDEX signs_by_deployment ON signs(deployment_id, date);
            """,
        "v4-organisations": """
            ALTER TABLE assessments ADD COLUMN org TEXT NOT NULL DEFAULT '';
            ALTER TABLE verifications ADD COLUMN org TEXT NOT NULL DEFAULT '';
            ALTER TABLE ethics_submissions ADD COLUMN org TEXT NOT NULL DEFAULT '';
            ALTER TABLE ethics_opinions ADD COLUMN org TEXT NOT NULL DEFAULT '';
            ALTER TABLE sign_offs ADD COLUMN org TEXT NOT NULL DEFAULT '';
            ALTER TABLE redactions ADD COLUMN org TEXT NOT NULL DEFAULT '';
            ALTER TABLE signs ADD COLUMN org TEXT NOT NULL DEFAULT '';
            CREATE INDEX ethics_submissions_by_org ON ethics_submissions(org);
            CREATE INDEX assessments_by_org ON assessments(org, deployment_id);
            """,
        "v5-pia-reviews": """
            CREATE TABLE pia_reviews (
                rowid BIGSERIAL UNIQUE, id TEXT PRIMARY KEY, deployment_id TEXT NOT NULL, model_hash TEXT NOT NULL,
                reviewer TEXT NOT NULL, review_date TEXT NOT NULL, parts TEXT NOT NULL, content_json BYTEA NOT NULL,
                recorded_at TEXT NOT NULL, org TEXT NOT NULL DEFAULT '');
            CREATE INDEX pia_reviews_by_deployment ON pia_reviews(org, deployment_id, recorded_at);
            """,
        "v6-ethics-deliberations": """
            CREATE TABLE ethics_deliberations (
                rowid BIGSERIAL UNIQUE, id TEXT PRIMARY KEY, opinion_id TEXT NOT NULL REFERENCES ethics_opinions(id),
                meeting_date TEXT NOT NULL, present TEXT NOT NULL, quorum BIGINT NOT NULL, votes_for BIGINT NOT NULL,
                votes_against BIGINT NOT NULL, abstentions BIGINT NOT NULL, dissent TEXT, conflicts TEXT NOT NULL,
                documents TEXT NOT NULL, chair TEXT NOT NULL, recorded_at TEXT NOT NULL, org TEXT NOT NULL DEFAULT '');
            CREATE INDEX ethics_deliberations_by_opinion ON ethics_deliberations(org, opinion_id, recorded_at);
            """,
        "v7-camera-backgrounds": """
            CREATE TABLE camera_backgrounds (
                rowid BIGSERIAL UNIQUE, id TEXT PRIMARY KEY, camera TEXT NOT NULL, source TEXT NOT NULL, width BIGINT NOT NULL,
                height BIGINT NOT NULL, image_sha256 TEXT NOT NULL, image BYTEA NOT NULL, date TEXT NOT NULL,
                org TEXT NOT NULL DEFAULT '');
            CREATE INDEX camera_backgrounds_by_camera ON camera_backgrounds(org, camera, date);
            """,
    ]

    /// The versions in order (the SQLite migrator's registration order).
    static var versions: [String] { StoreSchema.migrator.migrations }

    /// Checks the applied versions; a writable open applies the missing ones (under the write
    /// lock, so two first writers cannot both create the tables).
    /// Returns the versions applied once it is done.
    @discardableResult
    static func prepare(_ backend: PostgresBackend, writable: Bool) throws(StoreError) -> [String] {
        let location = backend.location.redacted
        for version in versions where sql[version] == nil {
            throw .postgres(location: location, message: "schema version \(version) has no PostgreSQL SQL in this build",
                            hint: "this silhouette cannot use PostgreSQL stores; report it")
        }
        let applied = try appliedVersions(backend)
        if let unknown = applied.first(where: { !versions.contains($0) }) {
            throw .newerSchema(path: location, found: unknown)
        }
        let missing = versions.filter { !applied.contains($0) }
        if missing.isEmpty { return applied }
        guard writable else {
            if applied.isEmpty { throw .missingStore(path: location) }
            return applied   // older schema: readable as it is
        }
        try backend.transaction(writing: true) { _ in
            try backend.script("CREATE TABLE IF NOT EXISTS silhouette_schema (version TEXT PRIMARY KEY, position INTEGER NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            let current = Set(try backend.run("SELECT version FROM silhouette_schema", []).map { $0["version"] as String })
            for (position, version) in versions.enumerated() where !current.contains(version) {
                try backend.script(sql[version]!)
                try backend.run("INSERT INTO silhouette_schema (version, position) VALUES (?, ?)",
                                [version.databaseValue, (position + 1).databaseValue])
            }
        }
        return versions
    }

    static func appliedVersions(_ backend: PostgresBackend) throws(StoreError) -> [String] {
        try backend.transaction(writing: false) { _ in
            let exists = try backend.run("SELECT to_regclass('silhouette_schema')::text AS name", [])
            guard let first = exists.first, (first["name"] as String?) != nil else { return [] }
            return try backend.run("SELECT version FROM silhouette_schema ORDER BY position", []).map { $0["version"] as String }
        }
    }

    /// `silhouette store init-roles`: the SQL a database administrator runs once. The owner
    /// creates the tables (its first `silhouette store init`); the application role may read
    /// and append, never update or delete (grants here, and the audit log's trigger besides).
    public static func rolesSQL(database: String, owner: String, app: String) -> String {
        func ident(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        return """
        -- silhouette: roles for a shared PostgreSQL store. Run once as a superuser (psql -f).
        -- Then set the passwords (\\password \(owner), \\password \(app)), and create the tables
        -- as the owner: silhouette store init --store postgres://\(owner)@HOST/\(database)
        CREATE ROLE \(ident(owner)) LOGIN;
        CREATE ROLE \(ident(app)) LOGIN;
        GRANT CONNECT ON DATABASE \(ident(database)) TO \(ident(owner)), \(ident(app));
        GRANT USAGE, CREATE ON SCHEMA public TO \(ident(owner));
        GRANT USAGE ON SCHEMA public TO \(ident(app));
        -- Every table the owner creates (now and in later schema versions): read and append only.
        ALTER DEFAULT PRIVILEGES FOR ROLE \(ident(owner)) IN SCHEMA public GRANT SELECT, INSERT ON TABLES TO \(ident(app));
        ALTER DEFAULT PRIVILEGES FOR ROLE \(ident(owner)) IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO \(ident(app));
        ALTER DEFAULT PRIVILEGES FOR ROLE \(ident(owner)) IN SCHEMA public REVOKE UPDATE, DELETE, TRUNCATE ON TABLES FROM \(ident(app));

        """
    }
}

extension SilhouetteStore {
    /// The SQL of `silhouette store init-roles`.
    public static func postgresRolesSQL(database: String, owner: String, app: String) -> String {
        PostgresSchema.rolesSQL(database: database, owner: owner, app: app)
    }
}
