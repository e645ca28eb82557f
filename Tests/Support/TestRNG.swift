/// A small, fast generator for test data (SplitMix64), independent of the engine's GSL streams: tests that make
/// random inputs (event times, values to summarise) draw them from here so the inputs do not move with the model.
public struct TestRNG: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
