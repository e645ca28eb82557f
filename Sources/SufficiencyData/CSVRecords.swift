import SufficiencyModel

/// The records of a CSV file, parsed from its UTF-8 bytes in one pass and kept compactly: every field's unescaped
/// text end to end in one byte array, and where each field and each record ends. A million-row return takes a few
/// hundred megabytes less this way than as an array of strings per row, and is read several times faster.
///
/// The grammar is RFC 4180's, read exactly as CSV.swift's `CSVReader` (2.5, without trimming) reads a string, so
/// that malformed files give the same fields and the same rejections as before:
/// - fields are separated by `,` and records end at LF, CR or CRLF; a record is read whenever any byte is left, so
///   a blank line is a record of one empty field, and a `,` at the very end of the text adds an empty field;
/// - a field that starts with `"` is quoted: it may hold commas and line breaks, and `""` inside it is one `"`; a
///   quote followed by anything but `,`, a line break, `"` or the end is kept as `"` while the character after it
///   is dropped (CSV.swift's reading of that error); a quoted field left open runs to the end of the text;
/// - a `"` inside an unquoted field is an ordinary character.
///
/// The BOM, if any, is removed by the caller. Only ASCII bytes are special, so multi-byte characters pass through
/// untouched (the one exception, the Unicode scalar dropped after a stray quote, is dropped whole, all its bytes).
///
/// - Complexity: O(n) in the text's length; memory about the text's size plus 8 bytes a field.
struct CSVRecords {
    /// Every field's text, unescaped, one after another.
    private var bytes: [UInt8] = []
    /// The end of each field in `bytes`; a field starts where the one before it ends.
    private var fieldEnds: [Int] = []
    /// The end of each record in `fieldEnds`.
    private var recordEnds: [Int] = []

    init() {}

    /// Parses `text` (UTF-8, without a BOM).
    init(utf8 text: UnsafeBufferPointer<UInt8>) {
        var fields: [Int] = [], records: [Int] = []
        // About one field per 6 bytes and one record per 50 in SSDA903 files; a guess, not a limit.
        fields.reserveCapacity(text.count / 6 + 1)
        records.reserveCapacity(text.count / 50 + 1)
        // Unescaped fields are never longer than the text.
        bytes = [UInt8](unsafeUninitializedCapacity: text.count) { out, initialized in
            initialized = Self.parse(text, into: out, fieldEnds: &fields, recordEnds: &records)
        }
        fieldEnds = fields
        recordEnds = records
    }

    /// Writes the fields of `text` one after another into `out` and where they end into `fieldEnds` and
    /// `recordEnds`; returns the bytes written.
    private static func parse(_ text: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>,
                              fieldEnds ends: inout [Int], recordEnds records: inout [Int]) -> Int {
        let comma: UInt8 = 0x2C, quote: UInt8 = 0x22, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        let n = text.count
        var length = 0
        var i = 0
        while i < n {  // a record
            while true {  // a field
                var endsRecord = false
                if i == n {
                    endsRecord = true  // after a trailing comma: one more, empty, field
                } else if text[i] == quote {
                    i += 1
                    while true {
                        guard i < n else { endsRecord = true; break }
                        let c = text[i]
                        i += 1
                        if c != quote {
                            out[length] = c
                            length += 1
                            continue
                        }
                        guard i < n else { endsRecord = true; break }
                        let next = text[i]
                        i += 1
                        if next == comma { break }
                        if next == lf { endsRecord = true; break }
                        if next == cr {
                            if i < n && text[i] == lf { i += 1 }
                            endsRecord = true
                            break
                        }
                        // `""` is a quote; a stray quote is kept and the character after it dropped.
                        out[length] = quote
                        length += 1
                        if next != quote {
                            while i < n && text[i] & 0xC0 == 0x80 { i += 1 }
                        }
                    }
                } else {
                    let start = i
                    while i < n {
                        let c = text[i]
                        if c == comma || c == lf || c == cr { break }
                        i += 1
                    }
                    if i > start {
                        (out.baseAddress! + length).initialize(from: text.baseAddress! + start, count: i - start)
                        length += i - start
                    }
                    if i == n {
                        endsRecord = true
                    } else {
                        let c = text[i]
                        i += 1
                        if c != comma {
                            if c == cr && i < n && text[i] == lf { i += 1 }
                            endsRecord = true
                        }
                    }
                }
                ends.append(length)
                if endsRecord { break }
            }
            records.append(ends.count)
        }
        return length
    }

    /// The number of records, the header row included.
    var count: Int { recordEnds.count }

    /// Calls `body` with each record from `first` on, and its index; the record is valid only during the call.
    func forEach(from first: Int = 0, _ body: (Int, CSVRecord) throws -> Void) rethrows {
        try withRecords { record in
            for r in first..<recordEnds.count { try body(r, record(r)) }
        }
    }

    /// The fields of record `index` as strings.
    func fields(of index: Int) -> [String] {
        withRecords { record in
            let fields = record(index)
            return (0..<fields.count).map { fields.string($0) }
        }
    }

    /// Calls `body` with a function that gives record `r`, valid only during the call.
    private func withRecords<R>(_ body: ((Int) -> CSVRecord) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { bytes in
            try fieldEnds.withUnsafeBufferPointer { ends in
                try body { r in
                    let first = r == 0 ? 0 : recordEnds[r - 1]
                    return CSVRecord(bytes: bytes, ends: ends, first: first, count: recordEnds[r] - first)
                }
            }
        }
    }
}

/// One record of a `CSVRecords`, borrowed while it is being read.
struct CSVRecord {
    fileprivate let bytes: UnsafeBufferPointer<UInt8>
    fileprivate let ends: UnsafeBufferPointer<Int>
    fileprivate let first: Int
    /// The number of fields.
    let count: Int

    /// Whether any field holds `byte`.
    func contains(_ byte: UInt8) -> Bool {
        let start = first == 0 ? 0 : ends[first - 1]
        return UnsafeBufferPointer(rebasing: bytes[start..<ends[first + count - 1]]).contains(byte)
    }

    /// Field `i`'s bytes, as written (unescaped).
    func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(i >= 0 && i < count, "field index out of range")
        let k = first + i
        let start = k == 0 ? 0 : ends[k - 1]
        return UnsafeBufferPointer(rebasing: bytes[start..<ends[k]])
    }

    /// Field `i` as written.
    func string(_ i: Int) -> String { String(decoding: field(i), as: UTF8.self) }

    /// Field `i` without leading and trailing spaces, tabs, CR and LF (as `SSDA903Reader.trimmed`).
    func trimmedField(_ i: Int) -> UnsafeBufferPointer<UInt8> { Self.trim(field(i)) }

    /// Field `i` trimmed, as a string: exactly `SSDA903Reader.trimmed(string(i))`, which decides by characters
    /// where a space meets a combining mark, so such rare fields go that way.
    func trimmed(_ i: Int) -> String {
        let whole = field(i), inner = Self.trim(whole)
        guard inner.count == whole.count || inner.allSatisfy({ $0 < 0x80 }) else {
            return SSDA903Reader.trimmed(string(i))
        }
        return String(decoding: inner, as: UTF8.self)
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }

    static func trim(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = b.count
        while start < end && isSpace(b[start]) { start += 1 }
        while end > start && isSpace(b[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: b[start..<end])
    }
}

/// Checks of a CSV file's header row shared by the readers.
enum CSVHeader {
    /// One line per name that appears more than once in `names` (as the reader compares them, already
    /// normalised), in the order of their first appearance: `<at>: duplicate column DECOM (columns 1 and 3)`, the
    /// columns counted from 1. Blank names are left out: commas at the end of a header row, as spreadsheets export
    /// them, name no column.
    ///
    /// Why refuse: a reader looks a column up by name, so of two columns of one name it silently took the first,
    /// and a file whose second DECOM (or households_total) was the one meant was read wrongly without a word.
    static func duplicateProblems(_ names: [String], at: String) -> [String] {
        Repeats.positions(in: names).filter { !$0.item.isEmpty }.map { name, positions in
            let columns = positions.map { String($0 + 1) }
            let listed = columns.dropLast().joined(separator: ", ") + " and \(columns.last!)"
            return "\(at): duplicate column \(name) (columns \(listed))"
        }
    }
}
