import Testing
import Foundation
@testable import OutcomesLinearAlgebra

// Hand-computed expectations; products of small integers are exact in Double, so those use equality.
// Results that involve division or square roots are compared with an absolute tolerance of 1e-12.

private func close(_ a: Double, _ b: Double, _ tol: Double = 1e-12) -> Bool { abs(a - b) <= tol }

@Test func columnMajorLayout() throws {
    let m = try Matrix([[1, 2, 3], [4, 5, 6]])
    #expect(m.rows == 2 && m.columns == 3)
    #expect(m.storage == [1, 4, 2, 5, 3, 6])
    #expect(m[1, 2] == 6)
    #expect(m.transposed == (try Matrix([[1, 4], [2, 5], [3, 6]])))
}

@Test func productThroughDgemm() throws {
    let a = try Matrix([[1, 2], [3, 4], [5, 6]])
    let b = try Matrix([[7, 8, 9], [10, 11, 12]])
    let c = try a.multiplied(by: b)
    #expect(c == (try Matrix([[27, 30, 33], [61, 68, 75], [95, 106, 117]])))
    #expect(try a.multiplied(by: [1, -1]) == [-1, -1, -1])
}

@Test func productDimensionMismatchIsTyped() throws {
    let a = try Matrix([[1, 2]])
    #expect(throws: LinearAlgebraError.self) { try a.multiplied(by: a) }
}

@Test func gramMatchesExplicitProduct() throws {
    let x = try Matrix([[1, 2], [3, 4], [5, 6]])
    #expect(x.gram() == (try Matrix([[35, 44], [44, 56]])))
    // Weights 1, 0, 2: 1·[1,2]ᵀ[1,2] + 2·[5,6]ᵀ[5,6].
    let g = try x.weightedGram([1, 0, 2])
    #expect(close(g[0, 0], 51) && close(g[0, 1], 62) && close(g[1, 0], 62) && close(g[1, 1], 76))
}

@Test func choleskyFactorSolveAndInverse() throws {
    // A = L Lᵀ with L = [[2,0],[1,3]] → A = [[4,2],[2,10]].
    let a = try Matrix([[4, 2], [2, 10]])
    let ch = try CholeskyFactorization(a)
    #expect(close(ch.lower[0, 0], 2) && close(ch.lower[1, 0], 1) && close(ch.lower[1, 1], 3) && ch.lower[0, 1] == 0)
    let x = try ch.solve([8, 22])  // 4·1 + 2·2 = 8, 2·1 + 10·2 = 22
    #expect(close(x[0], 1) && close(x[1], 2))
    let inv = try ch.inverse()     // det 36: [[10,-2],[-2,4]]/36
    #expect(close(inv[0, 0], 10.0 / 36) && close(inv[0, 1], -2.0 / 36) && close(inv[1, 0], -2.0 / 36) && close(inv[1, 1], 4.0 / 36))
    #expect(close(ch.logDeterminant, log(36.0)))
}

@Test func choleskyNamesTheFailingColumn() throws {
    let a = try Matrix([[1, 0, 0], [0, 1, 2], [0, 2, 1]])  // second leading minor fine, third is 1·(1−4) < 0
    #expect(throws: LinearAlgebraError.notPositiveDefinite(column: 2)) { try CholeskyFactorization(a) }
}

@Test func nonFiniteInputIsRejected() throws {
    let a = try Matrix([[1, .nan], [0, 1]])
    // NaN never equals itself, so match the case and position rather than the whole value.
    do {
        _ = try CholeskyFactorization(a)
        Issue.record("expected a nonFinite error")
    } catch {
        guard case .nonFinite(let r, let c, let v) = error else { Issue.record("wrong error \(error)"); return }
        #expect(r == 0 && c == 1 && v.isNaN)
    }
}

@Test func luSolveInverseDeterminant() throws {
    let a = try Matrix([[0, 2], [3, 1]])  // needs a row swap
    let lu = try LUFactorization(a)
    #expect(close(lu.determinant, -6))
    let x = try a.solve(try Matrix([[4], [5]]))  // 2y=4 → y=2; 3x+2=5 → x=1
    #expect(close(x[0, 0], 1) && close(x[1, 0], 2))
    let inv = try a.inverse()  // [[1,-2],[-3,0]] / -6
    #expect(close(inv[0, 0], -1.0 / 6) && close(inv[0, 1], 2.0 / 6) && close(inv[1, 0], 0.5) && close(inv[1, 1], 0))
}

@Test func singularMatrixIsTyped() throws {
    let a = try Matrix([[1, 2], [2, 4]])
    #expect(throws: LinearAlgebraError.singular(column: 1)) { try LUFactorization(a) }
}

@Test func symmetricEigenDecomposition() throws {
    let a = try Matrix([[2, 1], [1, 2]])  // eigenvalues 1 and 3
    let e = try SymmetricEigenDecomposition(a)
    #expect(close(e.values[0], 1) && close(e.values[1], 3))
    let v = e.vectors.column(1)
    #expect(close(abs(v[0]), 1 / 2.0.squareRoot()) && close(v[0], v[1]))
}

@Test func oneByOneAndEmpty() throws {
    let one = try Matrix([[4]])
    #expect(try CholeskyFactorization(one).solve([8]) == [2])
    #expect(try one.inverse()[0, 0] == 0.25)
    let empty = Matrix(rows: 0, columns: 0)
    #expect(empty.gram() == Matrix(rows: 0, columns: 0))
    #expect(try CholeskyFactorization(empty).lower.rows == 0)
    #expect(try empty.inverse().rows == 0)
    #expect(try SymmetricEigenDecomposition(empty).values.isEmpty)
    let tall = Matrix(rows: 3, columns: 0)
    #expect(tall.gram().rows == 0)
    #expect(try Matrix(rows: 0, columns: 2).multiplied(by: Matrix(rows: 2, columns: 3)) == Matrix(rows: 0, columns: 3))
}

@Test func storageCountMustMatch() {
    #expect(throws: LinearAlgebraError.self) { try Matrix(rows: 2, columns: 2, columnMajor: [1, 2, 3]) }
}

// Aᵀ B without forming Aᵀ: A = [[1,2],[3,4],[5,6]], B = [[1],[0],[2]] → Aᵀ B = [[1+10],[2+12]] = [[11],[14]].
@Test func transposeProductThroughDgemm() throws {
    let a = try Matrix([[1, 2], [3, 4], [5, 6]])
    let b = try Matrix([[1], [0], [2]])
    #expect(try a.transposeMultiplied(by: b) == (try Matrix([[11], [14]])))
    #expect(try a.transposeMultiplied(by: a) == a.gram())
    #expect(throws: LinearAlgebraError.self) { try a.transposeMultiplied(by: Matrix(rows: 2, columns: 1)) }
}

@Suite struct TriangularAndCollinearityTests {
    @Test func forwardSubstitutionWhitens() throws {
        let a = try Matrix([[4, 2, 0.4], [2, 5, 1], [0.4, 1, 3]])
        let b = try Matrix([[1, 0], [2, 1], [3, -1]])
        let chol = try CholeskyFactorization(a)
        let w = try chol.solveLower(b)
        let direct = try b.transposeMultiplied(by: a.inverse().multiplied(by: b))
        let whitened = w.gram()
        for k in 0..<4 { #expect(abs(whitened.storage[k] - direct.storage[k]) < 1e-12) }
    }

    @Test func laterCollinearColumnIsAliased() throws {
        let x = try Matrix([[1, 1, 2, 0], [1, 2, 4, 1], [1, 3, 6, 0], [1, 4, 8, 1]])
        #expect(try x.gram().collinearColumns() == [2])
        let v = try x.transposeMultiplied(by: [1, 0, 0, 1])
        #expect(v == [2, 5, 10, 1])
    }
}

/// Rows are taken in the order given, repeats allowed, every column kept.
@Test func selectingRowsKeepsOrderAndRepeats() throws {
    let m = try Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    #expect(m.selecting(rows: [2, 0, 2]) == (try Matrix([[7, 8, 9], [1, 2, 3], [7, 8, 9]])))
    #expect(m.selecting(rows: []).rows == 0 && m.selecting(rows: []).columns == 3)
}
