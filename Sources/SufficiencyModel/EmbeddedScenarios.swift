import Foundation

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

    /// Whether `text` is, byte for byte, one of the embedded scenarios.
    ///
    /// The loader does not hold such a text to `ScenarioLimits` or look for duplicate keys in it: it is compiled
    /// in, and tests check every embedded scenario against both (`LoaderLimitsTests`), which saves every start
    /// a pass of libyaml over the default scenario. Bytes, not `==`: two texts that are canonically equivalent
    /// are equal as strings but may differ in what the limits count.
    static func isEmbedded(_ text: String) -> Bool {
        texts.contains { sameBytes($0.text, text) }
    }

    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        let compared = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in
                x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0
            }
        }
        return (compared ?? nil) ?? a.utf8.elementsEqual(b.utf8)
    }
}
