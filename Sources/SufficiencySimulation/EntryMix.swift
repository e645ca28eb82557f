import CGSL
import Foundation
import SufficiencyModel

/// How many sibling groups to draw from each age band so that the children entering care by age band are the
/// scenario's `entries.annual_rate` (model.md section 2: "a Poisson process per age band … with an annual rate",
/// in children per year).
///
/// A group is drawn from one band, its lead child's, and brings `meanGroup − 1` siblings on average whose ages
/// spread either side of the lead's (`Arrivals.arrive`), often into the next band. Dividing each band's children by
/// the mean group size (as the engine once did) therefore put 19% too few children in the narrow band under 1 and
/// too many in the bands next to it, though the total was right. Instead the groups per band `g` solve `M·g = c`,
/// with `c` the children per band and `M[b][l]` the children in band `b` that a group led from band `l` brings.
///
/// When the exact solution would need a negative number of groups (a band with few children next to bands with
/// many, whose siblings alone would overfill it), the groups are the non-negative least-squares fit, and the
/// children entering by band are as close to `c` as the sibling rule allows; `HazardTables.entryChildrenPerDay`
/// records what they are.
struct EntryMix {
    /// `children[b][l]`: children in band b per group led from band l.
    let childrenPerGroup: [[Double]]
    /// Its inverse, worked out once (GSL's LU decomposition) so that each year's rates, and each replication's
    /// when the rates are drawn afresh (`RateDraws`), cost a product; nil if it is singular.
    let inverse: [[Double]]?

    /// For a scenario's sibling groups (`sibling_group_size_mix`, `sibling_age_spread`).
    init(_ entries: Entries) {
        // The shares as the engine draws them (`DiscreteDistribution`): normalised, as the loader allows a sum 0.1%
        // from 1.
        let sizes = entries.siblingGroupSizeMix, total = sizes.reduce(0, +)
        let meanGroup = total > 0 ? sizes.enumerated().reduce(0) { $0 + Double($1.offset + 1) * $1.element } / total : 1
        self.init(meanGroup: meanGroup, spread: entries.siblingAgeSpreadYears)
    }

    /// `meanGroup`: children per group (lead included); `spread`: years either side of the lead's age.
    init(meanGroup: Double, spread: Double) {
        let n = AgeBand.count
        var m = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for lead in AgeBand.allCases {
            m[lead.index][lead.index] += 1
            let shares = Self.siblingShares(lead: lead, spread: spread)
            for band in AgeBand.allCases { m[band.index][lead.index] += (meanGroup - 1) * shares[band.index] }
        }
        childrenPerGroup = m
        inverse = Self.invert(m)
    }

    /// The share of a sibling's age falling in each band, for a group led from `lead`: the lead's age `a` is
    /// uniform on the band, and the sibling's uniform on `[max(a − spread, 0), min(a + spread, lastEntryAge)]`
    /// (`Arrivals.arrive`). Integrated exactly over `a`: between the ages where a window's end crosses 0, 18 or a
    /// band's edge, the overlap with each band and the window's width are both linear in `a`, and the integral of
    /// their ratio has a closed form.
    static func siblingShares(lead: AgeBand, spread s: Double) -> [Double] {
        let last = Arrivals.lastEntryAge
        let lo = Double(lead.lowerAge), hi = Double(lead.upperAge)
        let edges = AgeBand.allCases.map { Double($0.lowerAge) } + [18, last]
        let crossings = edges.flatMap { [$0 - s, $0 + s] } + [lo, hi]
        let cuts = Array(Set(crossings.filter { $0 >= lo && $0 <= hi })).sorted()
        var shares = [Double](repeating: 0, count: AgeBand.count)
        for (p, q) in zip(cuts, cuts.dropFirst()) where q > p {
            let mid = (p + q) / 2
            // Each end of the window as slope·a + constant on this piece.
            let bottom: Linear = mid - s > 0 ? Linear(slope: 1, constant: -s) : Linear(slope: 0, constant: 0)
            let top: Linear = mid + s < last ? Linear(slope: 1, constant: s) : Linear(slope: 0, constant: last)
            let width = top - bottom
            guard width.at(p) > 0, width.at(q) > 0 else {
                shares[lead.index] += q - p // no spread: siblings share the lead's age
                continue
            }
            for band in AgeBand.allCases {
                let from = Double(band.lowerAge), to = Double(band.upperAge)
                let left = bottom.at(mid) > from ? bottom : Linear(slope: 0, constant: from)
                let right = top.at(mid) < to ? top : Linear(slope: 0, constant: to)
                guard right.at(mid) > left.at(mid) else { continue }
                shares[band.index] += Linear.integralOfRatio(right - left, width, from: p, to: q)
            }
        }
        return shares.map { $0 / (hi - lo) }
    }

    /// Groups per unit time led from each band, so that the children they bring by band are `children` per unit
    /// time: the exact solution `M⁻¹·c` when it is non-negative, otherwise the non-negative least-squares fit (found by
    /// trying every set of bands left out, which for five bands is 31 small fits, and keeping the closest fit
    /// with no negative rate: the optimum is the unconstrained fit on its own positive set).
    func groups(for children: [Double]) -> [Double] {
        let n = children.count
        if let inverse {
            let exact = Self.product(inverse, children)
            if exact.allSatisfy({ $0 >= 0 }) { return exact }
        }
        let all = Array(0..<n)
        var best = [Double](repeating: 0, count: n)
        var bestResidual = children.reduce(0) { $0 + $1 * $1 }
        for mask in 1..<(1 << n) {
            let columns = all.filter { mask & (1 << $0) != 0 }
            guard let fit = Self.leastSquares(childrenPerGroup, columns: columns, children),
                  fit.x.allSatisfy({ $0 >= 0 }), fit.residual < bestResidual * (1 - 1e-12) else { continue }
            bestResidual = fit.residual
            best = [Double](repeating: 0, count: n)
            for (k, c) in columns.enumerated() { best[c] = fit.x[k] }
        }
        return best
    }

    /// The children by band that groups `g` bring: `M·g`.
    func children(for g: [Double]) -> [Double] { Self.product(childrenPerGroup, g) }

    /// The matrix `m` (rows of columns) times the vector `v`.
    static func product(_ m: [[Double]], _ v: [Double]) -> [Double] {
        m.map { row in zip(row, v).reduce(0) { $0 + $1.0 * $1.1 } }
    }

    /// The inverse of the square matrix `m` by LU decomposition, or nil when it is singular.
    static func invert(_ m: [[Double]]) -> [[Double]]? {
        let n = m.count
        guard let lu = gsl_matrix_alloc(n, n), let inverse = gsl_matrix_alloc(n, n),
              let permutation = gsl_permutation_alloc(n) else { return nil }
        defer { gsl_matrix_free(lu); gsl_matrix_free(inverse); gsl_permutation_free(permutation) }
        for r in 0..<n { for c in 0..<n { gsl_matrix_set(lu, r, c, m[r][c]) } }
        var sign: Int32 = 0
        guard gsl_linalg_LU_decomp(lu, permutation, &sign) == GSL_SUCCESS,
              (0..<n).allSatisfy({ abs(gsl_matrix_get(lu, $0, $0)) > 1e-12 }),
              gsl_linalg_LU_invert(lu, permutation, inverse) == GSL_SUCCESS else { return nil }
        return (0..<n).map { r in (0..<n).map { c in gsl_matrix_get(inverse, r, c) } }
    }

    /// Least squares of `y` on the given columns of `m` by GSL's SVD fit (`gsl_multifit_linear`), with the sum of
    /// squared residuals; nil when GSL reports an error.
    static func leastSquares(_ m: [[Double]], columns: [Int], _ y: [Double]) -> (x: [Double], residual: Double)? {
        let rows = y.count, k = columns.count
        guard let design = gsl_matrix_alloc(rows, k), let target = gsl_vector_alloc(rows),
              let fit = gsl_vector_alloc(k), let covariance = gsl_matrix_alloc(k, k),
              let work = gsl_multifit_linear_alloc(rows, k) else { return nil }
        defer {
            gsl_matrix_free(design); gsl_vector_free(target); gsl_vector_free(fit)
            gsl_matrix_free(covariance); gsl_multifit_linear_free(work)
        }
        for r in 0..<rows {
            gsl_vector_set(target, r, y[r])
            for (j, c) in columns.enumerated() { gsl_matrix_set(design, r, j, m[r][c]) }
        }
        var residual = 0.0
        guard gsl_multifit_linear(design, target, fit, covariance, &residual, work) == GSL_SUCCESS else { return nil }
        return ((0..<k).map { gsl_vector_get(fit, $0) }, residual)
    }
}

/// `slope·a + constant`, for the pieces of `EntryMix.siblingShares`.
private struct Linear {
    let slope: Double, constant: Double

    func at(_ a: Double) -> Double { slope * a + constant }

    static func - (x: Linear, y: Linear) -> Linear {
        Linear(slope: x.slope - y.slope, constant: x.constant - y.constant)
    }

    /// ∫ₚ^q n(a) / d(a) da, d positive on [p, q]. From the values at the ends of the piece rather than the
    /// constants (ages), which for a window of minutes would cancel to leave nothing but rounding.
    static func integralOfRatio(_ n: Linear, _ d: Linear, from p: Double, to q: Double) -> Double {
        let np = n.at(p), dp = d.at(p)
        if d.slope == 0 { return (np + n.at(q)) / 2 * (q - p) / dp }
        // n/d = k + (n(p) − k·d(p)) / d with k = n.slope / d.slope, and ∫ 1/d = ln(d(q)/d(p)) / d.slope.
        let k = n.slope / d.slope
        return k * (q - p) + (np - k * dp) / d.slope * log1p((d.at(q) - dp) / dp)
    }
}
