/// The scenario library compiled into the binary (generated from `scenarios/` by `scripts/embed-scenarios.sh`).
///
/// Embedding as source rather than as a bundle resource keeps the executable self-contained: it runs from any
/// directory, and a copied binary still finds its default scenario.
public enum EmbeddedScenarios {
    /// The scenario `sufficiency run` uses when given none.
    public static let defaultName = "peterborough-2017"

    /// Names of the embedded scenarios.
    public static var names: [String] { texts.map(\.name) }

    /// The YAML text of the embedded scenario `name` (a bare name such as `peterborough-2017`, no `.yaml`).
    public static func text(named name: String) -> String? {
        texts.first { $0.name == name }?.text
    }
}
