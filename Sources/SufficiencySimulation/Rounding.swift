/// `Int64(x.rounded())`: to the nearest whole number, halves away from zero, without a call.
///
/// `rounded()` is libm's `round`, a call of about 20 instructions on x86-64's baseline, which has no instruction for
/// this rounding; the engine rounds at every price it charges and every sufficiency cell it counts (about 1% of a
/// replication's instructions). Truncating and comparing the remainder gives the same result: `x − trunc(x)` is
/// exact for every double (it has no more significant bits than `x`), and a double of magnitude 2⁵² or more is
/// already whole. Like `Int64(x.rounded())`, it traps for a NaN, an infinity or a value outside `Int64`.
@inline(__always) func roundedToInteger(_ x: Double) -> Int64 {
    let t = Int64(x)
    let remainder = x - Double(t)
    if remainder >= 0.5 { return t + 1 }
    if remainder <= -0.5 { return t - 1 }
    return t
}
