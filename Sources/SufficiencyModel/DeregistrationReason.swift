/// Who starts a foster household's deregistration, as Ofsted counts it: the carer (resignation, retirement,
/// change of circumstances), the service (after a review or concerns), or a transfer to another council or to an
/// agency. Retention support acts on the carer's part.
public enum DeregistrationReason: Int, Labelled {
    /// Number of categories, as a constant the engine's hot path can inline (a test checks it against `allCases`).
    @inlinable public static var count: Int { 3 }

    case carer = 0, service, transfer

    public var label: String { ["carer", "service", "transfer"][rawValue] }
}
