/// How much support a child needs, which shapes matching, breakdown risk and price.
public enum NeedTier: Int, Labelled {
    case standard = 0, complex, veryComplex

    public var label: String { ["standard", "complex", "very_complex"][rawValue] }
}
