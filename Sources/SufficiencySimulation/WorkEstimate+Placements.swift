import Foundation
import SufficiencyModel

// MARK: Placement endings in the expected-value model

extension WorkEstimate.Flows {
    /// Breakdowns and planned moves per child-day in a placement of this type, need and age band: the long-run
    /// rates of the renewal process a placement's early period and settled part make (see `WorkEstimate`).
    ///
    /// `extraOnEntry` is the renewal function's constant, `E[X²] / 2D² − 1` for placements of length X and mean D:
    /// the endings a child's first placement adds to the long-run rate because it starts at the beginning of its
    /// early period (zero when the hazard does not change with the placement's length).
    func endingRates(type: Int, need: Int, age: Int) -> (breakdown: Double, planned: Double, extraOnEntry: Double) {
        let (b, p, pieces) = placementHazards(type: type, need: need, age: age)
        guard b + p > 0 else { return (0, 0, 0) }
        // Over each piece [a, a + L) of constant hazard h, entered with survival S: time spent S(1 − e^{−hL})/h
        // and ∫ t S(t) dt = S[a(1 − e^{−hL})/h + (1 − e^{−hL}(1 + hL))/h²] (L = ∞ for the last piece).
        var survival = 1.0, d = 0.0, breakdowns = 0.0, moment = 0.0
        for piece in pieces {
            let h = piece.multiplier * b + p, a = piece.start, L = piece.length
            // A settled part that never ends: no long-run endings, and the first placement ends 1/S − 1 times
            // on average before one lasts into it (S: the chance of lasting into it).
            if L == .infinity && h == 0 { return (0, p, 1 / survival - 1) }
            let time: Double, tTime: Double, after: Double
            if L == .infinity {
                (time, tTime, after) = (survival / h, survival * (a / h + 1 / (h * h)), 0)
            } else if h > 0 {
                let x = h * L, gone = -Foundation.expm1(-x), stays = Foundation.exp(-x)
                (time, tTime, after) = (survival * gone / h, survival * (a * gone / h + (gone - x * stays) / (h * h)),
                                        survival * stays)
            } else {
                (time, tTime, after) = (survival * L, survival * (a * L + L * L / 2), survival)
            }
            d += time
            breakdowns += piece.multiplier * b * time
            moment += tTime
            survival = after
        }
        return (breakdowns / d, p, max(0, moment / (d * d) - 1))
    }

    /// The probability that a placement that has just begun has not ended `days` later.
    func freshSurvival(type: Int, need: Int, age: Int, days: Double) -> Double {
        let (b, p, pieces) = placementHazards(type: type, need: need, age: age)
        var exponent = 0.0
        for piece in pieces where piece.start < days {
            exponent += (piece.multiplier * b + p) * min(piece.length, days - piece.start)
        }
        return Foundation.exp(-exponent)
    }

    /// Breakdown and planned-move hazards per day, and the pieces of a placement's life (`placementPieces`).
    func placementHazards(type: Int, need: Int, age: Int)
        -> (Double, Double, [(start: Double, length: Double, multiplier: Double)]) {
        let b = model.hazards.breakdownPerDay[model.placementIndex(type: type, need: need, age: age)]
        let p = model.hazards.plannedMovePerDay[type * AgeBand.count + age]
        return (b, p, placementPieces)
    }

    /// The initial population's make-up by age band: `[band][type × NeedTier.count + need]`, summing to 1 in
    /// each band (placement mix × age mix × need mix; the placement and need mixes alone for a band nobody is in).
    func placementWeights() -> [[Double]] {
        let pop = model.scenario.population
        let types = PlacementType.allCases
        return AgeBand.allCases.map { band in
            var w = [Double](repeating: 0, count: PlacementType.count * NeedTier.count)
            for withAge in [true, false] {
                for type in types {
                    let share = pop.placementMix[type.index] * (withAge ? model.initialAge[type.index].probabilities[band.index] : 1)
                    for (n, x) in model.initialNeed[type.index].probabilities.enumerated() {
                        w[type.index * NeedTier.count + n] = share * x
                    }
                }
                if w.reduce(0, +) > 0 { break }
            }
            let sum = w.reduce(0, +)
            return sum > 0 ? w.map { $0 / sum } : w
        }
    }
}
