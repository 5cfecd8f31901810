/// Words that name biometric data, matched on the tokens of a key so that `faceVec`,
/// `FACE_ID`, `face-crop` and `reIdFeat` match while `surface` and `interface` do not.
enum BiometricVocabulary {
    /// A token starting with one of these names biometric data on its own.
    static let prefixes = [
        "embed", "descriptor", "template", "encoding", "landmark", "face", "facial", "reid",
        "biometric", "fingerprint", "iris", "gait", "keypoint", "faceprint", "facemesh",
        "appearance", "eigen", "arcface", "facenet",
    ]
    /// Tokens that only count as a whole word.
    static let words: Set<String> = ["vector", "vec", "feat", "feats", "features", "signature", "identity", "retina", "pose"]
    /// Adjacent token pairs that together name a template.
    static let pairs: Set<String> = ["re id", "feature vector", "feat vec", "feature vec", "person vector", "person id", "re identification"]

    /// The matched word, or `nil` when `key` names nothing biometric.
    static func match(_ key: String) -> String? {
        let tokens = tokenize(key)
        // Most specific first: "reIdFeat" is reported as "re id", not "feat".
        for index in tokens.indices.dropLast() {
            let pair = tokens[index] + " " + tokens[index + 1]
            if pairs.contains(pair) { return pair }
        }
        for token in tokens {
            if let prefix = prefixes.first(where: { token.hasPrefix($0) }) { return prefix }
        }
        if let word = tokens.first(where: words.contains) { return word }
        // Unseparated lower-case compounds: "faceembedding", "reidfeat".
        let joined = tokens.joined()
        for word in ["embedding", "descriptor", "landmarks", "featurevector", "faceid", "reid", "facecrop"] where joined.contains(word) {
            return word
        }
        return nil
    }

    /// Splits on `_`, `-`, `.`, spaces, digits boundaries and camelCase humps; lower-cases.
    static func tokenize(_ key: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var previousWasLower = false
        for char in key {
            if char.isLetter {
                if char.isUppercase, previousWasLower, !current.isEmpty {
                    tokens.append(current)
                    current = ""
                }
                current.append(contentsOf: char.lowercased())
                previousWasLower = char.isLowercase
            } else {
                if !current.isEmpty { tokens.append(current) }
                current = ""
                previousWasLower = false
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// Label values that say a box is a face.
    static func isFaceLabel(_ value: String) -> Bool {
        tokenize(value).contains { $0 == "face" || $0 == "faces" || $0 == "facial" || $0 == "headshot" }
    }
}
