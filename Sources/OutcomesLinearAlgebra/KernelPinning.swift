import CBLAS
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Which OpenBLAS kernels the executables run on.
///
/// A DYNAMIC_ARCH OpenBLAS (Debian's) picks its kernels for the CPU when it loads, and the kernels differ in the
/// order in which they add: the same input gave Cox hazard ratios differing in the 16th digit on two machines, one
/// recognised as SkylakeX, the other a newer Xeon that OpenBLAS 0.3.21 does not know and runs on its generic SSE3
/// ("Prescott") kernels. Committed reports and notebooks are checked byte for byte, so the executables pin one
/// kernel set that every x86-64 CPU with AVX2 and FMA runs: the same bytes on any such machine.
public enum BLASKernels {
    /// The OpenBLAS core type the executables pin (`OPENBLAS_CORETYPE`).
    public static let pinned = "Haswell"

    /// The kernels OpenBLAS is running on, as it names them.
    public static var current: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// Called first by an executable: when `OPENBLAS_CORETYPE` is unset, the CPU runs AVX2 and FMA and OpenBLAS
    /// chose other kernels, re-executes the process with `OPENBLAS_CORETYPE=Haswell` (OpenBLAS reads it only while
    /// it loads, before `main`). A user's own `OPENBLAS_CORETYPE` is left as it is; if the re-execution fails, the
    /// process goes on with the kernels it has.
    public static func pinAtLaunch() {
        #if os(Linux) && arch(x86_64)
        guard getenv("OPENBLAS_CORETYPE") == nil, current.lowercased() != pinned.lowercased(), cpuRunsPinnedKernels() else { return }
        // The executable's own path, not /proc/self/exe, so that the process keeps its name (ps, perf, top).
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return }
        setenv("OPENBLAS_CORETYPE", pinned, 1)
        execv(path, CommandLine.unsafeArgv)
        unsetenv("OPENBLAS_CORETYPE")
        #endif
    }

    /// Whether /proc/cpuinfo lists the instructions the pinned kernels use (the kernel lists them only when the
    /// operating system saves the AVX registers, so an AVX2 CPU under an OS without AVX support answers no).
    static func cpuRunsPinnedKernels() -> Bool {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return false }
        let flags = Set(line.split(separator: " "))
        return ["avx", "avx2", "fma"].allSatisfy { flags.contains(Substring($0)) }
    }
}
