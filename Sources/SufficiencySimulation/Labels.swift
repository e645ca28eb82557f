import SufficiencyModel

/// Labels from the model module used to name output series.
enum SufficiencyModelLabels {
    static let placementLabels = PlacementType.labels
}
