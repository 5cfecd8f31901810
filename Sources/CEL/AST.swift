/// The parsed expression tree. `offset` is the byte offset of the node's operator or first token.
final class Expr {
    enum Kind {
        case literal(CELValue)
        case ident(String, rootOnly: Bool)                  // `.x` is root-scoped
        case select(Expr, String)
        case index(Expr, Expr)
        case call(target: Expr?, name: String, args: [Expr]) // operators are calls named "_+_", "!_", …
        case list([Expr])
        case map([(key: Expr, value: Expr)])
        case message(name: String, fields: [(name: String, value: Expr)])
        case has(Expr, field: String)
        case comprehension(Macro, range: Expr, vars: [String], args: [Expr])
    }
    enum Macro: String { case all, exists, existsOne = "exists_one", map, filter }

    let kind: Kind
    let offset: Int
    /// Longest path to a leaf; bounded so every later recursive pass stays shallow.
    let height: Int

    init(_ kind: Kind, _ offset: Int, children: [Expr] = []) {
        self.kind = kind
        self.offset = offset
        self.height = 1 + (children.map(\.height).max() ?? 0)
    }

    /// `a.b.c` as the dotted name, when the node is a chain of identifiers.
    var qualifiedName: String? {
        switch kind {
        case .ident(let n, let root): return root ? "." + n : n
        case .select(let e, let f): return e.qualifiedName.map { $0 + "." + f }
        default: return nil
        }
    }
}
