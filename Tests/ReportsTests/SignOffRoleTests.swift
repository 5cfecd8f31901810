import DeploymentModel
import XCTest
@testable import Reports

/// The roles of recorded sign-offs come from the label tables, in the words of the document's
/// regime (no Swift switch per regime): a GDPR document's DPO and controller, Québec's person in
/// charge and enterprise, PIPEDA's accountable individual and organization.
final class SignOffRoleTests: XCTestCase {
    func testRolesAreNamedByTheRegimeLabelTables() {
        let fr = Labels.table(.fr), en = Labels.table(.en)
        XCTAssertEqual(Labels.signOffRole("dpo", fr), "Délégué à la protection des données")
        XCTAssertEqual(Labels.signOffRole("controller", en), "Controller")
        XCTAssertEqual(Labels.signOffRole("dpo", fr.overlaid("regime_override.qc.")), "Responsable de la protection des renseignements personnels")
        XCTAssertEqual(Labels.signOffRole("controller", fr.overlaid("regime_override.qc.")), "Entreprise")
        XCTAssertEqual(Labels.signOffRole("dpo", fr.overlaid("regime_override.pipeda.")), "Personne responsable de la conformité (principe 4.1)")
        XCTAssertEqual(Labels.signOffRole("controller", en.overlaid("regime_override.pipeda.")), en.overlaid("regime_override.pipeda.").label("role.controller"))
        XCTAssertNotEqual(Labels.signOffRole("controller", en.overlaid("regime_override.pipeda.")), "Controller")
        // A role the tables do not know is shown as recorded.
        XCTAssertEqual(Labels.signOffRole("auditor", fr), "auditor")
    }
}
