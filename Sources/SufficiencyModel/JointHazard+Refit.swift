import Foundation

/// Refitting the same model to other counts over the same exposure (a bootstrap's draws), by Newton's method.
///
/// Iterative proportional fitting converges linearly, slowly along the direction that trades the row levels' scale
/// against the columns' (which only the shrinkage prior pins down): 50–300 iterations on a council's tables. The
/// fit maximises one strictly concave function of the log levels a, b,
///
///   Σ_ij [y_ij (a_i + b_j) − E_ij e^(a_i + b_j)] + Σ_i [p a_i − (p / overall) e^(a_i)] + Σ_j [p b_j − p e^(b_j)],
///
/// whose stationary point is IPF's fixed point, so Newton's method from the point fit reaches it in a few steps.
extension JointHazard {
    /// The fit of `events` over `exposureYears` (the table this fit was made from), starting from this fit.
    public func refit(events y: [[Double]], exposureYears e: [[Double]], priorEvents p: Double = 1) -> JointHazard {
        let nRows = y.count, nColumns = y.first?.count ?? 0
        let totalEvents = y.joined().reduce(0, +), totalExposure = e.joined().reduce(0, +)
        let overall = totalExposure > 0 ? totalEvents / totalExposure : 0
        guard overall > 0, fittedRows.count == nRows, fittedColumns.count == nColumns,
              fittedRows.allSatisfy({ $0 > 0 }), fittedColumns.allSatisfy({ $0 > 0 }) else {
            return JointHazard(events: y, exposureYears: e, priorEvents: p)
        }
        let rowY = (0..<nRows).map { i in y[i].reduce(0, +) }
        let columnY = (0..<nColumns).map { j in (0..<nRows).reduce(0) { $0 + y[$1][j] } }
        var a = fittedRows.map { log($0) }, b = fittedColumns.map { log($0) }
        let exposure = e.flatMap { $0 }
        // Work arrays, flat and allocated once: this runs for every table of every replication.
        var work = [Double](repeating: 0, count: nRows * nColumns + 4 * nRows + 4 * nColumns + nColumns * nColumns)
        var iterations = 0
        var failed = false
        work.withUnsafeMutableBufferPointer { w in
            let mu = w.baseAddress!, r = mu + nRows * nColumns, dr = r + nRows, gr = dr + nRows, stepR = gr + nRows
            let c = stepR + nRows, dc = c + nColumns, gc = dc + nColumns, rhs = gc + nColumns, schur = rhs + nColumns
            for k in 1...50 {
                iterations = k
                for i in 0..<nRows { r[i] = exp(a[i]) }
                for j in 0..<nColumns { c[j] = exp(b[j]); dc[j] = 0 }
                // Gradient (gr, gc) and the negative Hessian [[diag dr, mu], [muᵀ, diag dc]], positive definite.
                for i in 0..<nRows {
                    var x = 0.0
                    for j in 0..<nColumns {
                        let m = exposure[i * nColumns + j] * r[i] * c[j]
                        mu[i * nColumns + j] = m
                        x += m
                        dc[j] += m
                    }
                    dr[i] = x + r[i] * p / overall
                    gr[i] = rowY[i] + p - dr[i]
                }
                for j in 0..<nColumns {
                    dc[j] += c[j] * p
                    gc[j] = columnY[j] + p - dc[j]
                    rhs[j] = gc[j]
                    for l in 0..<nColumns { schur[j * nColumns + l] = j == l ? dc[j] : 0 }
                }
                // The columns' step from the Schur complement dc − muᵀ dr⁻¹ mu (a few columns), then the rows' step.
                for i in 0..<nRows {
                    for j in 0..<nColumns {
                        let v = mu[i * nColumns + j] / dr[i]
                        rhs[j] -= v * gr[i]
                        for l in j..<nColumns { schur[j * nColumns + l] -= v * mu[i * nColumns + l] }
                    }
                }
                for j in 0..<nColumns { for l in 0..<j { schur[j * nColumns + l] = schur[l * nColumns + j] } }
                guard Self.choleskySolve(schur, rhs, nColumns) else { failed = true; return }
                var largest = 0.0
                for i in 0..<nRows {
                    var s = gr[i]
                    for j in 0..<nColumns { s -= mu[i * nColumns + j] * rhs[j] }
                    stepR[i] = s / dr[i]
                    largest = max(largest, abs(stepR[i]))
                }
                for j in 0..<nColumns { largest = max(largest, abs(rhs[j])) }
                // A step of more than a factor of e in any level is cut back (far from the point fit's neighbourhood).
                let scale = largest > 1 ? 1 / largest : 1
                for i in 0..<nRows { a[i] += scale * stepR[i] }
                for j in 0..<nColumns { b[j] += scale * rhs[j] }
                if largest < 1e-9 { break }
            }
        }
        if failed { return JointHazard(events: y, exposureYears: e, priorEvents: p) }
        return JointHazard(a.map { exp($0) }, b.map { exp($0) }, y, e, iterations: iterations)
    }

    /// Solves m x = b in place (`b` becomes x) for a symmetric positive-definite `n`×`n` matrix `m`, overwritten by
    /// its Cholesky factor; false if `m` is not positive definite.
    static func choleskySolve(_ m: UnsafeMutablePointer<Double>, _ b: UnsafeMutablePointer<Double>, _ n: Int) -> Bool {
        for i in 0..<n {
            for j in 0...i {
                var s = m[i * n + j]
                for k in 0..<j { s -= m[i * n + k] * m[j * n + k] }
                if i == j {
                    guard s > 0 else { return false }
                    m[i * n + i] = s.squareRoot()
                } else {
                    m[i * n + j] = s / m[j * n + j]
                }
            }
        }
        for i in 0..<n {
            var s = b[i]
            for k in 0..<i { s -= m[i * n + k] * b[k] }
            b[i] = s / m[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = b[i]
            for k in (i + 1)..<n { s -= m[k * n + i] * b[k] }
            b[i] = s / m[i * n + i]
        }
        return true
    }
}
