import Foundation
import GRDB

extension SilhouetteStore {
    /// Records many `assess` runs (a portfolio) in one transaction: all of them with their
    /// audit entries, or none. Ids are assigned in order (`A-<n>`, `A-<n+1>`, …).
    @discardableResult
    public func record(_ assessments: [StoredAssessment], actor: String) throws(StoreError) -> [StoredAssessment] {
        let records = assessments.map { assessment -> StoredAssessment in
            var record = assessment
            record.assessedAt = StoreDates.normalize(assessment.assessedAt)
            record.org = organisation
            return record
        }
        return try sqlWrite { db in
            try records.map { try Self.insert(db, $0, prefix: "A-", actor: actor, action: "record") }
        }
    }
}
