import DeploymentModel
import Foundation
import Rules

/// Compares each posted sign (an `information_channels` entry of kind `sign` whose
/// `sign_version` names the recorded version on the wall) with what
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

    /// The signs of the model (`information_channels` of kind `sign`), each checked against
    /// its recorded content (`sign_version`; `recorded(id)` returns the stored sign's content
    /// JSON, nil when the store lacks it). A sign channel without `sign_version` cannot be
    /// compared: it is returned in `unversioned` (fail closed: the command flags it).
    public func run(recorded: (String) throws -> Data?) throws(SignageError)
        -> (results: [Result], unversioned: [String], uncovered: [String]) {
        let channels = Array(composer.document.informationChannels.enumerated()).filter { $0.element.kind == .sign }
        var results: [Result] = []
        var unversioned: [String] = []
        var covered: Set<String> = []
        var everyChannelNamesCameras = !channels.isEmpty
        for (index, channel) in channels {
            let path = "information_channels[\(index)]"
            for camera in channel.cameras where !composer.document.cameras.contains(where: { $0.id == camera }) {
                throw .postedSignUnknownCamera(camera: camera, position: composer.position(path + ".cameras"))
            }
            guard let version = channel.signVersion else {
                unversioned.append(channel.id)
                everyChannelNamesCameras = everyChannelNamesCameras && !channel.cameras.isEmpty
                covered.formUnion(channel.cameras)
                continue
            }
            let data: Data?
            do { data = try recorded(version) } catch { data = nil }
            guard let data, let content = try? JSONDecoder().decode(FirstLayerSign.self, from: data) else {
                throw .postedSignUnknownRecord(record: version, position: composer.position(path + ".sign_version"))
            }
            // No cameras named: the sign covers the cameras it was printed for.
            let cameras = channel.cameras.isEmpty ? content.cameras : channel.cameras
            for camera in cameras where !composer.document.cameras.contains(where: { $0.id == camera }) {
                throw .postedSignUnknownCamera(camera: camera, position: composer.position(path))
            }
            let language = Language(rawValue: content.language) ?? .en
            let required = try composer.signs(.cameras(cameras), language: language)
            results.append(compare(posted: content, required: required, place: channel.id, record: version, cameras: cameras,
                                   position: composer.position(path)))
            covered.formUnion(cameras)
        }
        let uncovered = everyChannelNamesCameras ? composer.document.cameras.map(\.id).filter { !covered.contains($0) } : []
        return (results, unversioned, uncovered)
    }

    func compare(posted: FirstLayerSign, required: [FirstLayerSign], place: String, record: String, cameras: [String],
                 position: SourcePosition?) -> Result {
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
        return Result(place: place, record: record, cameras: cameras, position: position,
                      lacking: lacking, outdated: outdated)
    }
}
