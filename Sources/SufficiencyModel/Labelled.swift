/// A closed set of categories with the names the model uses in scenario keys and output columns.
///
/// Tables in a scenario are keyed by these labels; the loader refuses labels it does not know
/// and labels that are missing, so a typo never silently becomes a zero.
public protocol Labelled: CaseIterable, Hashable, Sendable where AllCases == [Self] {
    /// The name used in scenario files and output columns (model.md vocabulary).
    var label: String { get }
    /// Position of the category in `allCases`, used to index flat tables.
    var index: Int { get }
}

extension Labelled {
    /// The category whose label is `label`, if any.
    public init?(label: String) {
        guard let found = Self.allCases.first(where: { $0.label == label }) else { return nil }
        self = found
    }

    /// Every label in declaration order.
    public static var labels: [String] { allCases.map(\.label) }

    /// Number of categories.
    public static var count: Int { allCases.count }
}

extension Labelled where Self: RawRepresentable, RawValue == Int {
    @inlinable public var index: Int { rawValue }
}
