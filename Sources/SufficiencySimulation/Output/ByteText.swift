import Foundation
import SufficiencyModel

/// A growable buffer of UTF-8 bytes for building large CSV files: cells are written straight into memory, without
/// intermediate `String`s. Each formatting thread owns its own buffer; the buffers of a file are written out in order.
final class ByteText {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for `extra` more bytes.
    @inline(__always) func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    @inline(__always) func append(byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    func append(_ text: String) {
        var text = text
        text.withUTF8 { append(bytes: $0) }
    }

    func append(bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    func append(_ other: ByteText) {
        append(bytes: UnsafeBufferPointer(start: other.base, count: other.count))
    }

    /// `x` as `Format.fixed(x, decimals)` prints it.
    @inline(__always) func appendFixed(_ x: Double, _ decimals: Int) {
        guard x.isFinite else {
            append(byte: 78) // N
            append(byte: 65) // A
            return
        }
        let scale = Format.scale(decimals)
        // Format.fixed rounds |x|·scale half away from zero and falls back to String(x) from 9e18 (which a value
        // below 9e18 cannot round up to: doubles there are whole numbers). Rounding by truncation and the
        // fraction left, which is exact, avoids a call to libm's round.
        let y = abs(x) * scale
        guard y < 9e18 else {
            append(String(x))
            return
        }
        let truncated = Int64(y)
        let n = UInt64(bitPattern: y - Double(truncated) >= 0.5 ? truncated + 1 : truncated)
        appendScaled(n, decimals: decimals, negative: x < 0 && n != 0)
    }

    /// "00", "01", … "99": two digits at a time. An immutable array, so it is shared safely by every thread.
    private static let digitPairs: [UInt8] = (0..<100).flatMap { (k: Int) -> [UInt8] in
        [UInt8(48 + k / 10), UInt8(48 + k % 10)]
    }
    private let pairs = ByteText.digitPairs

    /// Number of decimal digits of `n`.
    @inline(__always) private static func digitCount(_ n: UInt64) -> Int {
        if n < 10 { return 1 }
        if n < 100 { return 2 }
        if n < 1000 { return 3 }
        if n < 10000 { return 4 }
        var digits = 5
        var power: UInt64 = 100_000
        while digits < 19 && n >= power {
            digits += 1
            power &*= 10
        }
        return digits == 19 && n >= power ? 20 : digits
    }

    /// The two digits of `r` (0–99) at `p`.
    @inline(__always) private func writePair(_ r: Int, at p: UnsafeMutablePointer<UInt8>) {
        p[0] = pairs[2 * r]
        p[1] = pairs[2 * r + 1]
    }

    /// Writes the digits of `v` backwards, two at a time, ending just before `end`.
    @inline(__always) private func writeDigits(_ v: UInt64, endingBefore end: UnsafeMutablePointer<UInt8>) {
        var v = v, p = end
        while v >= 100 {
            let q = v / 100
            let r = Int(truncatingIfNeeded: v &- q &* 100)
            p -= 2
            writePair(r, at: p)
            v = q
        }
        if v >= 10 {
            p -= 2
            writePair(Int(v), at: p)
        } else {
            p -= 1
            p[0] = UInt8(truncatingIfNeeded: v) &+ 48
        }
    }

    /// Exactly `count` digits of `v` (`v < 10^count`), zeros in front, written backwards ending just before `end`.
    @inline(__always) private func writeFraction(_ v: UInt64, _ count: Int, endingBefore end: UnsafeMutablePointer<UInt8>) {
        var v = v, p = end, left = count
        while left >= 2 {
            let q = v / 100
            let r = Int(truncatingIfNeeded: v &- q &* 100)
            p -= 2
            writePair(r, at: p)
            v = q
            left -= 2
        }
        if left == 1 {
            p -= 1
            p[0] = UInt8(truncatingIfNeeded: v) &+ 48
        }
    }

    /// The decimal digits of `n`.
    @inline(__always) func append(_ n: UInt64) {
        let digits = Self.digitCount(n)
        reserve(digits)
        writeDigits(n, endingBefore: base + count + digits)
        count += digits
    }

    /// `n / 10^decimals` with `decimals` digits after the point (as `Format.fixed` writes its scaled value).
    @inline(__always) func appendScaled(_ n: UInt64, decimals: Int, negative: Bool) {
        var whole = n, fraction: UInt64 = 0
        switch decimals { // constant divisors for the usual cases
        case 0: break
        case 2: whole = n / 100; fraction = n &- whole &* 100
        case 4: whole = n / 10_000; fraction = n &- whole &* 10_000
        default:
            var unit: UInt64 = 1
            for _ in 0..<decimals { unit &*= 10 }
            whole = n / unit
            fraction = n &- whole &* unit
        }
        let wholeDigits = Self.digitCount(whole)
        let length = (negative ? 1 : 0) + wholeDigits + (decimals > 0 ? decimals + 1 : 0)
        reserve(length)
        var p = base + count
        if negative {
            p[0] = 45 // -
            p += 1
        }
        writeDigits(whole, endingBefore: p + wholeDigits)
        if decimals > 0 {
            p += wholeDigits
            p[0] = 46 // .
            writeFraction(fraction, decimals, endingBefore: p + 1 + decimals)
        }
        count += length
    }

    /// The bytes as a string (for tests and small files).
    var string: String {
        String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    /// Writes `texts` one after another to a new file at `url` (replacing any file there), without joining them.
    static func write(_ texts: [ByteText], to url: URL) throws {
        let file = try ByteFile(creating: url)
        for text in texts { try file.write(text) }
        try file.close()
    }
}

/// A new file written a buffer at a time.
final class ByteFile {
    private let handle: FileHandle
    private var open = true

    /// Creates (or empties) the file at `url` as `Data.write` does, with its errors.
    init(creating url: URL) throws {
        try Data().write(to: url)
        handle = try FileHandle(forWritingTo: url)
    }

    func write(_ text: ByteText) throws {
        guard text.count > 0 else { return }
        try handle.write(contentsOf: Data(bytesNoCopy: text.base, count: text.count, deallocator: .none))
    }

    func close() throws {
        open = false
        try handle.close()
    }

    deinit { if open { try? handle.close() } }
}
