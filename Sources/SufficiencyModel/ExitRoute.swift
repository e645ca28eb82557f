/// Why a child stops being looked after (competing risks, model.md section 5).
public enum ExitRoute: Int, Labelled {
    /// Number of categories, as a constant the engine's hot path can inline (a test checks it against `allCases`).
    @inlinable public static var count: Int { 5 }

    case reunification = 0, adoption, specialGuardianship, other, age18

    public var label: String { ["reunification", "adoption", "sgo", "other", "age18"][rawValue] }

    /// The routes driven by hazards; `age18` happens on the 18th birthday. Their raw values are 0...3, in this
    /// order, which the engine relies on to index its hazard tables.
    public static let hazardRoutes: [ExitRoute] = [.reunification, .adoption, .specialGuardianship, .other]
}
