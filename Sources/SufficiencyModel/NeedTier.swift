/// How much support a child needs, which shapes matching, breakdown risk and price.
public enum NeedTier: Int, Labelled {
    /// Number of categories, as a constant the engine's hot path can inline (a test checks it against `allCases`).
    @inlinable public static var count: Int { 3 }

    case standard = 0, complex, veryComplex

    public var label: String { ["standard", "complex", "very_complex"][rawValue] }
}
