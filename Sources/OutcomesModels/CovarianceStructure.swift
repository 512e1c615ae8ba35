import Foundation

/// Covariance structures of the repeated scores of one subject across T scheduled visits (as the mmrm package).
public enum CovarianceStructure: String, Sendable, CaseIterable {
    /// Unstructured: every visit's variance and every correlation, T(T+1)/2 parameters (log-Cholesky).
    case us
    /// Heterogeneous Toeplitz: a variance per visit and one correlation per lag, 2T − 1 parameters.
    case toeph
    /// Homogeneous first-order autoregressive on the visit index: σ² ρ^|i−j|, 2 parameters.
    case ar1
    /// Homogeneous compound symmetry: σ² on the diagonal, σ² ρ off it, 2 parameters.
    case cs

    /// The default fallback chain (issue 11): us → toeph → ar1 → cs.
    public static let defaultChain: [CovarianceStructure] = [.us, .toeph, .ar1, .cs]

    public var title: String {
        switch self {
        case .us: return "unstructured"
        case .toeph: return "heterogeneous Toeplitz"
        case .ar1: return "AR(1)"
        case .cs: return "compound symmetry"
        }
    }

    func parameterCount(visits t: Int) -> Int {
        switch self {
        case .us: return t * (t + 1) / 2
        case .toeph: return 2 * t - 1
        case .ar1, .cs: return 2
        }
    }

    /// Starting values from per-visit residual standard deviations.
    func start(sd: [Double]) -> [Double] {
        let t = sd.count
        let logSD = sd.map { log(max($0, 1e-8)) }
        let pooled = log(max((sd.map { $0 * $0 }.reduce(0, +) / Double(t)).squareRoot(), 1e-8))
        switch self {
        case .us:
            var theta: [Double] = []
            for j in 0..<t { for i in j..<t { theta.append(i == j ? logSD[j] : 0) } }
            return theta
        case .toeph: return logSD + Array(repeating: atanh(0.3), count: t - 1)
        case .ar1, .cs: return [pooled, atanh(0.3)]
        }
    }

    /// The T × T covariance (row-major) at parameters θ.
    func covariance(_ theta: [Double], visits t: Int) -> [Double] {
        var sigma = [Double](repeating: 0, count: t * t)
        switch self {
        case .us:
            var l = [Double](repeating: 0, count: t * t), k = 0
            for j in 0..<t { for i in j..<t { l[i * t + j] = i == j ? exp(theta[k]) : theta[k]; k += 1 } }
            for i in 0..<t { for j in 0...i {
                var s = 0.0
                for m in 0...j { s += l[i * t + m] * l[j * t + m] }
                sigma[i * t + j] = s; sigma[j * t + i] = s
            } }
        case .toeph:
            let sd = (0..<t).map { exp(theta[$0]) }
            for i in 0..<t { for j in 0..<t {
                let lag = abs(i - j)
                sigma[i * t + j] = sd[i] * sd[j] * (lag == 0 ? 1 : tanh(theta[t + lag - 1]))
            } }
        case .ar1:
            let v = exp(2 * theta[0]), rho = tanh(theta[1])
            for i in 0..<t { for j in 0..<t { sigma[i * t + j] = v * pow(rho, Double(abs(i - j))) } }
        case .cs:
            let v = exp(2 * theta[0]), rho = tanh(theta[1])
            for i in 0..<t { for j in 0..<t { sigma[i * t + j] = i == j ? v : v * rho } }
        }
        return sigma
    }
}
