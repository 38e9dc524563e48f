import Foundation

/// Factory methods and functions over vectors, named as in Spark's `Vectors` object.
public enum Vectors {
    /// A dense vector holding `values`. O(1) (the array is shared copy-on-write).
    public static func dense(_ values: [Double]) -> Vector {
        .dense(DenseVector(values))
    }

    /// A dense vector of the given coordinates: `Vectors.dense(1, 2, 3)`. O(count).
    public static func dense(_ firstValue: Double, _ otherValues: Double...) -> Vector {
        .dense(DenseVector([firstValue] + otherValues))
    }

    /// A sparse vector of `size` with `values[k]` at `indices[k]`; indices must be strictly increasing.
    /// O(indices.count).
    /// - Throws: `LinearAlgebraError` naming the first bad index, or the length mismatch.
    public static func sparse(_ size: Int, _ indices: [Int], _ values: [Double]) throws(LinearAlgebraError) -> Vector {
        .sparse(try SparseVector(size: size, indices: indices, values: values))
    }

    /// A sparse vector of `size` from `(index, value)` pairs in any order. O(n log n) for n pairs.
    /// - Throws: `LinearAlgebraError.indicesNotIncreasing` for a duplicate index,
    ///   `.indexOutOfBounds` for an index outside `0..<size`, `.negativeSize`.
    public static func sparse(_ size: Int, _ elements: [(Int, Double)]) throws(LinearAlgebraError) -> Vector {
        let sorted = elements.sorted { $0.0 < $1.0 }
        return .sparse(try SparseVector(size: size, indices: sorted.map(\.0), values: sorted.map(\.1)))
    }

    /// A dense vector of `size` zeros. O(size).
    public static func zeros(_ size: Int) -> Vector {
        precondition(size >= 0, "Vectors.zeros: negative size \(size)")
        return .dense(DenseVector([Double](repeating: 0, count: size)))
    }

    /// The p-norm of `vector`: p = 1, 2, ∞ or any finite p ≥ 1 (p < 1 is a programmer error, as
    /// Spark's `require`). O(numActives).
    public static func norm(_ vector: Vector, _ p: Double) -> Double {
        vector.norm(p)
    }

    /// The squared Euclidean distance between `v1` and `v2`, for any mix of dense and sparse.
    /// O(size) when either is dense, O(numActives of both) when both are sparse.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` if the sizes differ.
    public static func sqdist(_ v1: Vector, _ v2: Vector) throws(LinearAlgebraError) -> Double {
        guard v1.size == v2.size else {
            throw .dimensionMismatch(operation: "Vectors.sqdist", expected: v1.size, actual: v2.size)
        }
        switch (v1, v2) {
        case let (.dense(x), .dense(y)):
            return x.values.withUnsafeBufferPointer { xs in
                y.values.withUnsafeBufferPointer { ys in
                    var sum = 0.0
                    for i in xs.indices {
                        let difference = xs[i] - ys[i]
                        sum += difference * difference
                    }
                    return sum
                }
            }
        case let (.sparse(x), .dense(y)), let (.dense(y), .sparse(x)):
            return squaredDistance(x, y)
        case let (.sparse(x), .sparse(y)):
            return squaredDistance(x, y)
        }
    }

    /// Parses Spark's text form of a vector: `[1.0,2.0]` (dense) or `(3,[0,2],[1.0,3.0])` (sparse),
    /// whitespace allowed between tokens, numbers in Java's syntax (`1.0E-5`, `NaN`, `Infinity`).
    /// The inverse of `description`. O(length of text).
    /// - Throws: `LinearAlgebraError.malformedVector` saying what was expected where, or the sparse
    ///   vector errors of `Vectors.sparse`.
    public static func parse(_ text: String) throws(LinearAlgebraError) -> Vector {
        var parser = VectorParser(text)
        return try parser.parseVector()
    }

    /// The p-norm of the stored `values` (the zeros a sparse vector leaves out add nothing).
    static func norm(of values: [Double], _ p: Double) -> Double {
        precondition(p >= 1, "the p-norm needs p >= 1, got p=\(p)")
        switch p {
        case 1:
            return values.reduce(0) { $0 + abs($1) }
        case 2:
            return BLAS.nrm2(values)
        case .infinity:
            return values.reduce(0) { max($0, abs($1)) }
        default:
            return pow(values.reduce(0) { $0 + pow(abs($1), p) }, 1 / p)
        }
    }

    private static func squaredDistance(_ x: SparseVector, _ y: DenseVector) -> Double {
        x.indices.withUnsafeBufferPointer { xIndices in
            x.values.withUnsafeBufferPointer { xValues in
                y.values.withUnsafeBufferPointer { ys in
                    var sum = 0.0
                    var k = 0
                    for i in ys.indices {
                        var difference = ys[i]
                        if k < xIndices.count, xIndices[k] == i {
                            difference -= xValues[k]
                            k += 1
                        }
                        sum += difference * difference
                    }
                    return sum
                }
            }
        }
    }

    private static func squaredDistance(_ x: SparseVector, _ y: SparseVector) -> Double {
        var sum = 0.0
        var kx = 0
        var ky = 0
        while kx < x.indices.count || ky < y.indices.count {
            let difference: Double
            if ky == y.indices.count || (kx < x.indices.count && x.indices[kx] < y.indices[ky]) {
                difference = x.values[kx]
                kx += 1
            } else if kx == x.indices.count || y.indices[ky] < x.indices[kx] {
                difference = y.values[ky]
                ky += 1
            } else {
                difference = x.values[kx] - y.values[ky]
                kx += 1
                ky += 1
            }
            sum += difference * difference
        }
        return sum
    }
}
