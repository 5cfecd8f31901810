import DeploymentModel
import Foundation
import Rules

/// Compares each posted sign (the recorded version the model says is on the wall) with what
/// the model requires now for the same cameras: a sign printed before a purpose was added, a
/// retention period changed or an AI system switched on lacks something, and says what.
/// Facts are compared, not wording, in the posted sign's own language.
public struct TransparencyCheck: Sendable {
    public struct Result: Sendable, Equatable {
        public var place: String
        public var record: String
        public var cameras: [String]
        public var position: SourcePosition?
        /// Statements the model requires now and the posted sign does not make.
        public var lacking: [Statement]
        /// Statements on the sign the model no longer supports (a stale retention, a removed purpose).
        public var outdated: [Statement]
        public var isCurrent: Bool { lacking.isEmpty && outdated.isEmpty }
    }

    public struct Statement: Sendable, Equatable {
        public var heading: String
        public var text: String
    }

    public let composer: SignComposer

    public init(composer: SignComposer) { self.composer = composer }

    /// The posted signs of the model, each checked against its recorded content
    /// (`recorded(id)` returns the stored sign's content JSON, nil when the store lacks it).
    public func run(recorded: (String) throws -> Data?) throws(SignageError) -> (results: [Result], uncovered: [String]) {
        let posted = composer.document.postedSigns ?? []
        var results: [Result] = []
        var covered: Set<String> = []
        for (index, sign) in posted.enumerated() {
            let position = composer.position("posted_signs[\(index)]")
            for camera in sign.cameras where !composer.document.cameras.contains(where: { $0.id == camera }) {
                throw .postedSignUnknownCamera(camera: camera, position: composer.position("posted_signs[\(index)].cameras"))
            }
            let data: Data?
            do { data = try recorded(sign.record) } catch { data = nil }
            guard let data, let content = try? JSONDecoder().decode(FirstLayerSign.self, from: data) else {
                throw .postedSignUnknownRecord(record: sign.record, position: composer.position("posted_signs[\(index)].record"))
            }
            let language = Language(rawValue: content.language) ?? .en
            let required = try composer.signs(.cameras(sign.cameras), language: language)
            results.append(compare(posted: content, required: required, sign: sign, position: position))
            covered.formUnion(sign.cameras)
        }
        let uncovered = posted.isEmpty ? [] : composer.document.cameras.map(\.id).filter { !covered.contains($0) }
        return (results, uncovered)
    }

    func compare(posted: FirstLayerSign, required: [FirstLayerSign], sign: PostedSign, position: SourcePosition?) -> Result {
        let postedFacts = posted.facts
        var requiredFacts: Set<String> = []
        var lacking: [Statement] = []
        for element in required.flatMap(\.elements) {
            for item in element.items {
                requiredFacts.insert(item.fact)
                let statement = Statement(heading: element.heading, text: item.text)
                if !postedFacts.contains(item.fact), !lacking.contains(statement) { lacking.append(statement) }
            }
        }
        var outdated: [Statement] = []
        for element in posted.elements {
            for item in element.items where !requiredFacts.contains(item.fact) {
                outdated.append(Statement(heading: element.heading, text: item.text))
            }
        }
        return Result(place: sign.place, record: sign.record, cameras: sign.cameras, position: position,
                      lacking: lacking, outdated: outdated)
    }
}
