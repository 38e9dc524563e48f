import Foundation

/// Student's t distribution, for the p-values of regression coefficients: the two-sided tail
/// probability through the regularized incomplete beta function (continued fraction, Numerical
/// Recipes' `betacf` scheme; accurate to ~1e-14). Written by hand: no statistics library is
/// available, and this is the one function needed.
enum StudentsT {
    /// P(|T| ≥ |t|) for `degreesOfFreedom` ν > 0: I_{ν/(ν+t²)}(ν/2, ½).
    static func twoSidedPValue(_ t: Double, degreesOfFreedom: Double) -> Double {
        guard t.isFinite else { return t.isNaN ? .nan : 0 }
        let x = degreesOfFreedom / (degreesOfFreedom + t * t)
        return regularizedIncompleteBeta(x, a: degreesOfFreedom / 2, b: 0.5)
    }

    /// I_x(a, b).
    static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a) + lgamma(b) - lgamma(a + b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let logFront = logPowers - logBeta
        // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use symmetry otherwise.
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(1 - x, a: b, b: a) / b
    }

    /// Lentz's evaluation of the incomplete beta continued fraction.
    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...300 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            result *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return result
    }
}
