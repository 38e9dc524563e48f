import XCTest
@testable import FlintLinalg

/// A small seeded generator (SplitMix64), so that random tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func values(_ count: Int, in range: ClosedRange<Double> = -1...1) -> [Double] {
        (0..<count).map { _ in Double.random(in: range, using: &self) }
    }

    /// A sparse vector of `size` with roughly `density` of its entries stored (some of them zero).
    mutating func sparseVector(size: Int, density: Double) -> SparseVector {
        var indices: [Int] = []
        var values: [Double] = []
        for index in 0..<size where Double.random(in: 0..<1, using: &self) < density {
            indices.append(index)
            values.append(Bool.random(using: &self) ? Double.random(in: -2...2, using: &self) : 0)
        }
        return try! SparseVector(size: size, indices: indices, values: values)
    }

    /// An `m × n` matrix with random entries, column-major.
    mutating func matrix(_ m: Int, _ n: Int) -> DenseMatrix {
        try! DenseMatrix(numRows: m, numCols: n, values: values(m * n))
    }
}

/// The logical entries of `a` times `b` by the textbook triple loop.
func naiveProduct(_ a: DenseMatrix, _ b: DenseMatrix) -> [Double] {
    var c = [Double](repeating: 0, count: a.numRows * b.numCols)
    for i in 0..<a.numRows {
        for j in 0..<b.numCols {
            for k in 0..<a.numCols {
                c[i + j * a.numRows] += a[i, k] * b[k, j]
            }
        }
    }
    return c
}

/// AᵀA + ridge I and Aᵀb for an `m × n` matrix A: the normal equations of a least-squares problem.
func normalEquations(_ a: DenseMatrix, _ b: [Double], ridge: Double = 0) -> (ata: [Double], atb: [Double]) {
    let n = a.numCols
    var ata = [Double](repeating: 0, count: n * n)
    var atb = [Double](repeating: 0, count: n)
    for j in 0..<n {
        for i in 0..<n {
            for r in 0..<a.numRows {
                ata[i + j * n] += a[r, i] * a[r, j]
            }
        }
        ata[j + j * n] += ridge
        for r in 0..<a.numRows {
            atb[j] += a[r, j] * b[r]
        }
    }
    return (ata, atb)
}

func assertClose(_ actual: [Double], _ expected: [Double], accuracy: Double,
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, expected.count, "lengths differ", file: file, line: line)
    for (index, (a, e)) in zip(actual, expected).enumerated() {
        XCTAssertEqual(a, e, accuracy: accuracy, "at index \(index)", file: file, line: line)
    }
}

/// Asserts that `body` throws exactly `expected`.
func assertThrows<E: Error & Equatable, T>(_ expected: E, file: StaticString = #filePath, line: UInt = #line,
                                           _ body: () throws -> T) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
        XCTAssertEqual(error as? E, expected, file: file, line: line)
    }
}
