/// Numbers as people write them in scenario files and flags: decimal notation, with YAML's `_` as a digit separator
/// (`1_122_000`), an optional sign, fraction and exponent (`-0.5`, `.25`, `4e1`).
///
/// Why not Swift's `Double(text)` alone: it also reads hexadecimal (`0x28`, `0x1p3`), `inf` and `nan`, so a value
/// written `0x28` ran as 40 but showed as `0x28` in the briefing and the workbook; and a number written `1_000` read
/// as a number in a scenario but as text in the workbook. One reader for every place a number is typed keeps them
/// alike.
public enum DecimalText {
    /// The value of `text` when it is a number in decimal notation; nil otherwise (including `inf`, `nan` and
    /// hexadecimal).
    public static func number(_ text: String) -> Double? {
        var underscores = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "e"), UInt8(ascii: "E"):
                continue
            case UInt8(ascii: "_"):
                underscores = true
            default:
                return nil
            }
        }
        // Foundation's `replacingOccurrences` would bridge every number to `NSString` (some 9,000 instructions
        // each); a text without an underscore is read as it is.
        guard underscores else { return Double(text) }
        return Double(String(text.unicodeScalars.filter { $0 != "_" }))
    }
}
