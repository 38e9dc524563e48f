import Foundation
import XCTest
@testable import FlintLinalg

final class VectorTests: XCTestCase {
    // (4,[0,2,3],[1.0,0.0,-3.0]) = [1, 0, 0, -3] with an explicit zero at index 2.
    let sparse = try! Vectors.sparse(4, [0, 2, 3], [1, 0, -3])
    let dense = Vectors.dense(1, 0, 0, -3)

    func testAccessorsAndConversions() throws {
        XCTAssertEqual(sparse.size, 4)
        XCTAssertEqual((0..<4).map { sparse[$0] }, [1, 0, 0, -3])
        XCTAssertEqual((0..<4).map { dense[$0] }, [1, 0, 0, -3])
        XCTAssertEqual(sparse.toArray(), [1, 0, 0, -3])
        XCTAssertEqual(sparse.numActives, 3)
        XCTAssertEqual(sparse.numNonzeros, 2)
        XCTAssertEqual(dense.numActives, 4)
        XCTAssertEqual(dense.numNonzeros, 2)
        XCTAssertEqual(sparse.toDense.values, [1, 0, 0, -3])
        XCTAssertEqual(dense.toSparse.indices, [0, 3])
        XCTAssertEqual(dense.toSparse.values, [1, -3])
        XCTAssertEqual(sparse.toSparse.indices, [0, 3], "explicit zeros are dropped")

        var visited: [String] = []
        sparse.forEachActive { visited.append("\($0)=\($1)") }
        XCTAssertEqual(visited, ["0=1.0", "2=0.0", "3=-3.0"])
        visited = []
        dense.forEachActive { visited.append("\($0)=\($1)") }
        XCTAssertEqual(visited, ["0=1.0", "1=0.0", "2=0.0", "3=-3.0"])
    }

    func testCompressedFollowsSparksRule() {
        // 1.5 × (nnz + 1) < size → sparse.
        let mostlyZero = Vectors.dense([0, 0, 0, 5, 0, 0])
        guard case let .sparse(compressed) = mostlyZero.compressed else { return XCTFail("expected sparse") }
        XCTAssertEqual(compressed.indices, [3])
        // 1.5 × (1 + 1) = 3 is not < 3 → dense.
        let small = try! Vectors.sparse(3, [1], [5])
        guard case .dense = small.compressed else { return XCTFail("expected dense") }
        XCTAssertEqual(small.compressed, small)
    }

    func testArgmax() throws {
        XCTAssertEqual(Vectors.dense(1, 3, 3, 2).argmax, 1)
        XCTAssertEqual(Vectors.dense([]).argmax, -1)
        XCTAssertEqual(try Vectors.sparse(5, [1, 3], [2, 7]).argmax, 3)
        // A negative maximum loses to the first implicit zero.
        XCTAssertEqual(try Vectors.sparse(5, [0, 1, 3], [-1, -2, -3]).argmax, 2)
        // A zero maximum: the first zero, implicit (index 1) before the active one (index 2).
        XCTAssertEqual(try Vectors.sparse(5, [0, 2], [-1, 0]).argmax, 1)
        XCTAssertEqual(try Vectors.sparse(3, [0, 1], [-1, 0]).argmax, 1)
        XCTAssertEqual(try Vectors.sparse(3, [], []).argmax, 0)
        XCTAssertEqual(try Vectors.sparse(0, [], []).argmax, -1)
    }

    func testDotNormAndSquaredDistance() throws {
        let x = Vectors.dense(1, 2, 0, -4)
        XCTAssertEqual(try x.dot(dense), 1 * 1 + -4 * -3)
        XCTAssertEqual(try x.dot(sparse), 13)
        XCTAssertEqual(try sparse.dot(sparse), 10)

        XCTAssertEqual(x.norm(1), 7)
        XCTAssertEqual(x.norm(2), 21.0.squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(x.norm(.infinity), 4)
        XCTAssertEqual(x.norm(3), pow(1 + 8 + 64, 1.0 / 3), accuracy: 1e-14)
        XCTAssertEqual(sparse.norm(1), 4)
        XCTAssertEqual(Vectors.norm(sparse, 2), 10.0.squareRoot(), accuracy: 1e-15)

        // x − dense = [0, 2, 0, −1].
        XCTAssertEqual(try Vectors.sqdist(x, dense), 5)
        XCTAssertEqual(try Vectors.sqdist(x, sparse), 5)
        XCTAssertEqual(try Vectors.sqdist(sparse, x), 5)
        let other = try Vectors.sparse(4, [1, 3], [2, -4])
        XCTAssertEqual(try Vectors.sqdist(sparse, other), 1 + 4 + 0 + 1)
        XCTAssertEqual(try other.squaredDistance(to: x), 1)

        assertThrows(LinearAlgebraError.dimensionMismatch(operation: "BLAS.dot", expected: 4, actual: 3)) {
            try x.dot(Vectors.dense(1, 2, 3))
        }
        assertThrows(LinearAlgebraError.dimensionMismatch(operation: "Vectors.sqdist", expected: 4, actual: 2)) {
            try Vectors.sqdist(sparse, Vectors.dense(1, 2))
        }
    }

    func testRandomSparseAndDenseAgree() throws {
        var random = SeededGenerator(seed: 7)
        for _ in 0..<20 {
            let a = random.sparseVector(size: 30, density: 0.3)
            let b = random.sparseVector(size: 30, density: 0.3)
            let (denseA, denseB) = (Vector.dense(a.toDense), Vector.dense(b.toDense))
            let expectedDot = zip(a.toArray(), b.toArray()).map(*).reduce(0, +)
            let expectedDistance = zip(a.toArray(), b.toArray()).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
            for (x, y) in [(Vector.sparse(a), Vector.sparse(b)), (.sparse(a), denseB), (denseA, .sparse(b)), (denseA, denseB)] {
                XCTAssertEqual(try x.dot(y), expectedDot, accuracy: 1e-12)
                XCTAssertEqual(try x.squaredDistance(to: y), expectedDistance, accuracy: 1e-12)
            }
            XCTAssertEqual(Vector.sparse(a).norm(2), denseA.norm(2), accuracy: 1e-12)
            XCTAssertEqual(Vector.sparse(a).argmax, denseA.argmax)
        }
    }

    func testSparksEqualityAndHashing() throws {
        XCTAssertEqual(sparse, dense)
        XCTAssertEqual(sparse.hashValue, dense.hashValue)
        XCTAssertEqual(Set([sparse, dense, sparse.compressed]).count, 1)
        XCTAssertNotEqual(sparse, Vectors.dense(1, 0, 0, -3, 0), "sizes differ")
        XCTAssertNotEqual(sparse, Vectors.dense(1, 0, 0, 3))
        XCTAssertEqual(DenseVector([0, -0.0, 1]), DenseVector([0, 0, 1]))
        XCTAssertEqual(try SparseVector(size: 3, indices: [1], values: [0]), try SparseVector(size: 3, indices: [], values: []))
    }

    func testInvalidSparseVectorsThrowNamingTheIndex() {
        assertThrows(LinearAlgebraError.indicesNotIncreasing(index: 1, position: 2, previous: 4)) {
            try Vectors.sparse(5, [0, 4, 1], [1, 2, 3])
        }
        assertThrows(LinearAlgebraError.indicesNotIncreasing(index: 2, position: 1, previous: 2)) {
            try Vectors.sparse(5, [(2, 1.0), (2, 3.0)])
        }
        assertThrows(LinearAlgebraError.indexOutOfBounds(index: 5, position: 1, size: 5)) {
            try Vectors.sparse(5, [0, 5], [1, 2])
        }
        assertThrows(LinearAlgebraError.indexOutOfBounds(index: -1, position: 0, size: 5)) {
            try Vectors.sparse(5, [-1], [1])
        }
        assertThrows(LinearAlgebraError.negativeSize(-2)) { try Vectors.sparse(-2, [], []) }
        XCTAssertThrowsError(try Vectors.sparse(5, [0, 1], [1])) { error in
            XCTAssertEqual("\(error)", "dimension mismatch in SparseVector: values for 2 indices: expected 2, got 1")
        }
        XCTAssertEqual(
            LinearAlgebraError.indicesNotIncreasing(index: 1, position: 2, previous: 4).description,
            "sparse vector indices must be strictly increasing: index 1 (at position 2) follows 4")
        XCTAssertEqual(LinearAlgebraError.indicesNotIncreasing(index: 2, position: 1, previous: 2).description,
                       "sparse vector has a duplicate index 2 (at position 1)")
    }

    func testSparseFromUnorderedPairs() throws {
        let vector = try Vectors.sparse(4, [(3, 4.0), (0, 1.0)])
        XCTAssertEqual(vector.toArray(), [1, 0, 0, 4])
        guard case let .sparse(sparseVector) = vector else { return XCTFail("expected sparse") }
        XCTAssertEqual(sparseVector.indices, [0, 3])
        XCTAssertEqual(Vectors.zeros(3).toArray(), [0, 0, 0])
    }

    func testCodableUsesSparksJSONAndValidates() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let sparseJSON = String(decoding: try encoder.encode(try Vectors.sparse(3, [0, 2], [1.5, 3])), as: UTF8.self)
        XCTAssertEqual(sparseJSON, #"{"indices":[0,2],"size":3,"type":0,"values":[1.5,3]}"#)
        let denseJSON = String(decoding: try encoder.encode(Vectors.dense(1.5, 2)), as: UTF8.self)
        XCTAssertEqual(denseJSON, #"{"type":1,"values":[1.5,2]}"#)

        for vector in [sparse, dense, Vectors.dense([])] {
            let decoded = try JSONDecoder().decode(Vector.self, from: try encoder.encode(vector))
            XCTAssertEqual(decoded, vector)
            XCTAssertEqual(decoded.description, vector.description, "the form survives too")
        }
        let bad = Data(#"{"type":0,"size":3,"indices":[2,1],"values":[1,2]}"#.utf8)
        XCTAssertThrowsError(try JSONDecoder().decode(Vector.self, from: bad)) { error in
            guard case let DecodingError.dataCorrupted(context) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(context.debugDescription.contains("index 1 (at position 1) follows 2"))
        }
    }
}
