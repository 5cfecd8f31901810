extension String {
    /// The text with its first letter in capitals ("référence" → "Référence").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
