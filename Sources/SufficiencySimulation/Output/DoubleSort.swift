import CGSL

/// Sorting doubles ascending, faster than GSL's heapsort (`gsl_sort`) and giving the same sorted array.
///
/// Any correct sort of the same values gives the same array, except for the relative order of equal values that
/// differ in bits: -0.0 and +0.0 (a radix sort puts -0.0 first; heapsort leaves them in any order) and NaNs. A NaN
/// has no place in an ascending order, so arrays holding one are left to `gsl_sort`, as before. Zeros of either
/// sign print alike (`Format.fixed`), add alike in GSL's mean and variance, and compare equal.
enum DoubleSort {
    /// Below this many values an insertion sort is quicker than the radix sort's passes.
    static let insertionLimit = 48

    /// Sorts `values` ascending in place; `scratch` must hold at least `2 × values.count` keys (or be nil, to
    /// allocate them here).
    ///
    /// - Complexity: O(n): at most 8 counting passes over the keys (a byte that every key shares is skipped), each
    ///   O(n + 256). An insertion sort, O(n²), for n ≤ 48. O(n log n) when a value is NaN (GSL's heapsort).
    ///   Memory: 2n keys of scratch (allocated here unless given) and a 2,048-entry histogram.
    static func sort(_ values: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutablePointer<UInt64>? = nil) {
        let n = values.count
        guard n > 1, let v = values.baseAddress else { return }
        var hasNaN = false
        for x in values where x.isNaN { hasNaN = true }
        if hasNaN {
            gsl_sort(v, 1, n)
            return
        }
        if n <= insertionLimit {
            insertionSort(v, n)
            return
        }
        if let scratch {
            radixSort(v, n, keys: scratch, spare: scratch + n)
        } else {
            let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * n)
            defer { keys.deallocate() }
            radixSort(v, n, keys: keys, spare: keys + n)
        }
    }

    static func insertionSort(_ v: UnsafeMutablePointer<Double>, _ n: Int) {
        for i in 1..<n {
            let x = v[i]
            var j = i
            while j > 0 && x < v[j - 1] {
                v[j] = v[j - 1]
                j -= 1
            }
            v[j] = x
        }
    }

    /// The key whose unsigned order is the numeric order of `x` (not NaN): the sign bit flipped for positives,
    /// all bits flipped for negatives.
    @inline(__always) static func key(_ x: Double) -> UInt64 {
        let bits = x.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    @inline(__always) static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
    }

    /// Least-significant-digit radix sort on bytes of the keys, skipping bytes that all keys share.
    static func radixSort(_ v: UnsafeMutablePointer<Double>, _ n: Int, keys: UnsafeMutablePointer<UInt64>,
                          spare: UnsafeMutablePointer<UInt64>) {
        let histogram = UnsafeMutablePointer<Int>.allocate(capacity: 8 * 256)
        defer { histogram.deallocate() }
        histogram.initialize(repeating: 0, count: 8 * 256)
        for i in 0..<n {
            let k = key(v[i])
            keys[i] = k
            for b in 0..<8 { histogram[b * 256 + Int((k >> (8 * UInt64(b))) & 0xFF)] += 1 }
        }
        var source = keys, target = spare
        for b in 0..<8 {
            let h = histogram + b * 256
            let first = Int((source[0] >> (8 * UInt64(b))) & 0xFF)
            if h[first] == n { continue } // every key has this byte: the pass would not move anything
            var offset = 0
            for d in 0..<256 {
                let c = h[d]
                h[d] = offset
                offset += c
            }
            let shift = 8 * UInt64(b)
            for i in 0..<n {
                let k = source[i]
                let d = Int((k >> shift) & 0xFF)
                target[h[d]] = k
                h[d] += 1
            }
            swap(&source, &target)
        }
        for i in 0..<n { v[i] = value(source[i]) }
    }
}
