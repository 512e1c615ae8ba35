import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program as a whole process and measures it from outside: wall time and its own peak resident memory
/// (from wait4's rusage, so each child's figure is its own). Standard output is captured; standard error too
/// when `captureErrors`.
enum WholeProcess {
    struct Result {
        var seconds: Double
        var peakMegabytes: Double
        var status: Int32
        var output: String
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) -> Result {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("whole-process-\(getpid()).out").path
        let memoryPath = FileManager.default.temporaryDirectory.appendingPathComponent("whole-process-\(getpid()).rss").path
        defer { unlink(outputPath); unlink(memoryPath) }
        // A child started by posix_spawn inherits this process's peak RSS in its rusage (the high-water mark
        // survives exec), so the peak is taken by /usr/bin/time, whose own child starts from a fresh fork.
        let timer = "/usr/bin/time"
        let measured = FileManager.default.isExecutableFile(atPath: timer)
        let program = measured ? timer : executable
        let programArguments = measured ? ["-f", "%M", "-o", memoryPath, executable] + arguments : arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        let argv = ([program] + programArguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, program, &actions, nil, argv, envp) == 0 else {
            return Result(seconds: .nan, peakMegabytes: .nan, status: -1, output: "")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        var peak = Double(usage.ru_maxrss) / 1024
        if measured, let text = try? String(contentsOfFile: memoryPath, encoding: .utf8),
           let kilobytes = text.split(separator: "\n").last.flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }) {
            peak = kilobytes / 1024
        }
        return Result(seconds: seconds, peakMegabytes: peak, status: exit, output: output)
    }

    /// The `outcomes` executable built beside this benchmark (same configuration), if present.
    static var outcomesExecutable: String? {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let path = here.appendingPathComponent("outcomes").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    static var selfExecutable: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.filter { !$0.isNaN }.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func findExecutable(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
