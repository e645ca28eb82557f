import ArgumentParser
import SufficiencyModel

/// Parsers for numeric flags that state the allowed range when a value is refused.
///
/// Why not ArgumentParser's own `Int` parsing: it reads `--seed -5` as the flag `--seed` followed by an option
/// `-5`, and says "Missing value for '--seed <seed>'", which hides the real problem. Every numeric option is
/// therefore declared with `parsing: .unconditional` (the next word is its value, whatever it looks like) and one
/// of these transforms, so that the one-line error reads, for example,
/// `The value '-5' is invalid for '--seed <seed>': expected a whole number from 0 to 18446744073709551615`.
enum FlagValue {
    /// Why a value was refused; ArgumentParser appends its `description` to the line naming the flag.
    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    /// A whole number in `range`.
    static func integer(_ range: ClosedRange<Int>) -> @Sendable (String) throws -> Int {
        { text in
            let expected = "expected a whole number from \(range.lowerBound) to \(range.upperBound)"
            guard let value = Int(text) else { throw Refusal(description: expected) }
            guard range.contains(value) else { throw Refusal(description: expected) }
            return value
        }
    }

    /// A seed: any whole number a `UInt64` holds.
    @Sendable static func seed(_ text: String) throws -> UInt64 {
        guard let value = UInt64(text) else {
            throw Refusal(description: "expected a whole number from 0 to \(UInt64.max)")
        }
        return value
    }

    /// A finite number in `range` (the range is stated in the error as written in `label`, e.g. "0 to 1").
    static func number(_ range: ClosedRange<Double>, _ label: String) -> @Sendable (String) throws -> Double {
        { text in
            guard let value = DecimalText.number(text), value.isFinite, range.contains(value) else {
                throw Refusal(description: "expected a number from \(label)")
            }
            return value
        }
    }

    /// Any finite number (a goal may be negative, such as a net saving).
    @Sendable static func finite(_ text: String) throws -> Double {
        guard let value = DecimalText.number(text), value.isFinite else {
            throw Refusal(description: "expected a finite number")
        }
        return value
    }
}

extension FlagValue {
    /// A finite number above zero.
    @Sendable static func positive(_ text: String) throws -> Double {
        guard let value = DecimalText.number(text), value.isFinite, value > 0 else {
            throw Refusal(description: "expected a number above 0")
        }
        return value
    }
}
