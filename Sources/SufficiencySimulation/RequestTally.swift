import SufficiencyModel

/// Counters of placement requests per financial year: how each was met and why earlier preferences failed.
///
/// Layout of one year's row: `requests`, `first_preference_met`, `direct_route`, `sibling_groups` (groups of 2+
/// siblings entering care who walk the preference list together) and `sibling_groups_together` (of them, placed
/// all together: with one kinship, in-house or agency carer), then `placed_by` for each `PlacementPreference`, then
/// `fell_through` for each preference × `FallThroughReason`. Written to `requests.csv`.
public enum RequestTally {
    public static let requests = 0
    public static let firstPreferenceMet = 1
    public static let directRoute = 2
    public static let siblingGroups = 3
    public static let siblingGroupsTogether = 4
    static let placedBase = 5
    static let fellBase = placedBase + PlacementPreference.count
    public static let count = fellBase + PlacementPreference.count * FallThroughReason.count

    public static func placed(by p: PlacementPreference) -> Int { placedBase + p.index }

    public static func fellThrough(_ p: PlacementPreference, _ r: FallThroughReason) -> Int {
        fellBase + p.index * FallThroughReason.count + r.index
    }

    /// Column labels in row order.
    public static let labels: [String] = ["requests", "first_preference_met", "direct_route", "sibling_groups",
                                          "sibling_groups_together"]
        + PlacementPreference.allCases.map { "placed_\($0.label)" }
        + PlacementPreference.allCases.flatMap { p in FallThroughReason.allCases.map { "\(p.label)_\($0.label)" } }
}
