import DeploymentModel
import Foundation
import Verification

/// Whether a stored attestation covers the engine a deployment declares: it passed, and the
/// identity it recorded (what actually ran) is the declared one — the built-in engine by name
/// and version, a vendor engine by its declared `digest` (and command when declared). An
/// attestation that cannot be read, or that predates engine identities, covers nothing.
enum VerificationIdentityMatch {
    static func matches(attestationJSON: Data, declared: Engine?) -> Bool {
        guard let declared, let attestation = try? Attestation.decode(attestationJSON), attestation.passed,
              let identity = attestation.engine.identity else { return false }
        return identity.matches(name: attestation.engine.name, version: attestation.engine.version,
                                declaredName: declared.name, declaredVersion: declared.version,
                                declaredDigest: declared.digest, declaredCommand: declared.command,
                                recordedCommand: attestation.engine.command)
    }

    /// The identity part alone (whatever the verdict), for documents that say whether the
    /// attestation concerns the declared engine; nil when it records no identity.
    static func identityIsDeclared(attestationJSON: Data, declared: Engine?) -> Bool? {
        guard let attestation = try? Attestation.decode(attestationJSON), let identity = attestation.engine.identity else { return nil }
        guard let declared else { return true }
        return identity.matches(name: attestation.engine.name, version: attestation.engine.version,
                                declaredName: declared.name, declaredVersion: declared.version,
                                declaredDigest: declared.digest, declaredCommand: declared.command,
                                recordedCommand: attestation.engine.command)
    }
}
