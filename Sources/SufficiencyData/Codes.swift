import SufficiencyModel

/// The SSDA903 code lists the reader validates against (facts.md section C). A code outside them is rejected rather
/// than guessed, because a mistyped PLACE would otherwise silently become "other" in every estimate.
public enum SSDA903Codes {
    /// PLACE, including K3 (2024/25 on) and Z11-Z14 (2025/26 on).
    public static let place: Set<String> = [
        "U1", "U2", "U3", "U4", "U5", "U6", "A3", "A4", "A5", "A6", "K1", "K2", "K3", "H5", "P1", "P2", "P3",
        "R1", "R2", "R3", "R5", "S1", "T0", "T1", "T2", "T3", "T4", "Z1", "Z11", "Z12", "Z13", "Z14",
    ]
    /// RNE: S started care; P placement change; T same carer; L legal status; U = L and T; B = L and P.
    public static let rne: Set<String> = ["S", "P", "T", "L", "U", "B"]
    /// REC, with X1 (episode continues).
    public static let rec: Set<String> = [
        "X1", "E11", "E12", "E13", "E14", "E15", "E16", "E17", "E2", "E3", "E4A", "E4B", "E41", "E45", "E46", "E47",
        "E48", "E5", "E6", "E7", "E8", "E9",
    ]
}

extension SSDA903Reader {
    /// The model's placement type for an SSDA903 PLACE and PLACE_PROVIDER.
    ///
    /// Fostering with other carers (U4-U6) is in-house only when the provider is the council or another public body
    /// (PR1-PR3); PR4/PR5 and a missing or unknown provider count as IFA, since an unrecorded provider is more often
    /// an agency than the council's own service, which the council would know.
    public static func placementType(place: String, provider: String) -> PlacementType {
        switch place {
        case "U1", "U2", "U3": return .kinshipFoster
        case "U4", "U5", "U6":
            switch provider {
            case "PR1", "PR2", "PR3": return .inHouseFoster
            default: return .ifaFoster
            }
        case "A3", "A4", "A5", "A6": return .placedForAdoption
        case "K1": return .secure
        case "K2", "R1": return .residential
        case "S1": return .residentialSchool
        case "K3", "H5", "P2": return .supportedAccommodation
        case "P1": return .placedWithParents
        default: return .other
        }
    }

    /// Parses a date written `dd/mm/yyyy` (DfE files; one-digit day and month accepted) or `yyyy-mm-dd` (data-platform
    /// extracts), deciding per value because files are often pasted together; a trailing time (`T…` or ` 00:00:00`,
    /// as spreadsheet exports add) is ignored. Returns nil for anything else or an impossible date.
    public static func parseDate<S: StringProtocol>(_ text: S) -> CivilDate? {
        if let date = text.utf8.withContiguousStorageIfAvailable({ parseDate(utf8: $0) }) { return date }
        return Array(text.utf8).withUnsafeBufferPointer { parseDate(utf8: $0) }
    }

    /// `parseDate` on the text's UTF-8 bytes, without making a string (the reader calls it twice per episode row).
    static func parseDate(utf8 bytes: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
        var i = 0
        while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        // Reads a run of digits, returning its value and length.
        func number(_ at: inout Int, max: Int) -> (Int, Int)? {
            var v = 0, n = 0
            while at < end, bytes[at] >= 0x30, bytes[at] <= 0x39, n < max {
                v = v * 10 + Int(bytes[at] - 0x30)
                at += 1
                n += 1
            }
            return n == 0 ? nil : (v, n)
        }
        guard let (first, firstLength) = number(&i, max: 4), i < end else { return nil }
        let separator = bytes[i]
        i += 1
        var y = 0, m = 0, d = 0
        if separator == 0x2D, firstLength == 4 {  // yyyy-mm-dd
            guard let (mm, _) = number(&i, max: 2), i < end, bytes[i] == 0x2D else { return nil }
            i += 1
            guard let (dd, _) = number(&i, max: 2) else { return nil }
            (y, m, d) = (first, mm, dd)
        } else if separator == 0x2F, firstLength <= 2 {  // dd/mm/yyyy
            guard let (mm, _) = number(&i, max: 2), i < end, bytes[i] == 0x2F else { return nil }
            i += 1
            guard let (yy, yl) = number(&i, max: 4), yl == 4 else { return nil }
            (y, m, d) = (yy, mm, first)
        } else {
            return nil
        }
        if i < end {
            // Only a time of day may follow.
            guard bytes[i] == 0x54 || bytes[i] == 0x20 else { return nil }
            for b in bytes[(i + 1)..<end] where !((b >= 0x30 && b <= 0x39) || b == 0x3A || b == 0x2E || b == 0x5A) {
                return nil
            }
        }
        guard (1800...2200).contains(y), (1...12).contains(m), d >= 1,
              d <= CivilDate.daysInMonth(year: y, month: m) else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }
}
