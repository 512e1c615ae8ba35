import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `outcomes-benchmark scale [--patients N] [--seed S] [--runs R] [--keep]`: generates a synthetic cohort with
/// `outcomes generate`, flushes it to disk (so the steps do not share the machine with its write-back), then
/// runs `outcomes validate`, `derive` and `report` on it, each as a whole process, R times in turn (default 1),
/// and prints the median wall and CPU time, the largest peak resident memory (the child's own maximum, from
/// wait4) and the ratios to `validate`.
/// Aims (issue 16): derive within 3x and report within 5x validate; peak memory within 24 GiB at 1,000,000
/// patients and 3 GB at 50,000. Uses the `outcomes` executable built beside this one (build both in release).
enum ScaleBenchmark {
    struct Step {
        let name: String
        let seconds: Double
        /// User plus system CPU time of the child: less sensitive than wall time to a busy machine.
        let cpuSeconds: Double
        let peakMegabytes: Double
        let status: Int32
    }

    static func run(_ arguments: [String]) {
        var patients = 1_000_000
        var seed: UInt64 = 16
        var keep = false
        var runs = 1
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--patients" where index + 1 < arguments.count:
                patients = Int(arguments[index + 1].replacingOccurrences(of: "_", with: "")) ?? patients
                index += 1
            case "--seed" where index + 1 < arguments.count:
                seed = UInt64(arguments[index + 1]) ?? seed
                index += 1
            case "--runs" where index + 1 < arguments.count:
                runs = max(1, Int(arguments[index + 1]) ?? runs)
                index += 1
            case "--keep": keep = true
            default:
                print("usage: outcomes-benchmark scale [--patients N] [--seed S] [--runs R] [--keep]")
                return
            }
            index += 1
        }
        let tool = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("outcomes").path
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            print("error: \(tool) not found; build it first (swift build -c release --product outcomes)")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outcomes-scale-\(patients)")
        try? FileManager.default.removeItem(at: folder)
        defer { if !keep { try? FileManager.default.removeItem(at: folder) } }
        let dataset = folder.appendingPathComponent("dataset").path

        let generation = spawn(tool, ["generate", "--patients", String(patients), "--seed", String(seed), "--out", dataset], name: "generate")
        guard generation.status == 0 else { print("error: outcomes generate exited with \(generation.status)"); return }
        let sizes = ["patients.csv", "infusions.csv", "assessments.csv", "adverse_events.csv"].map { name -> String in
            let lines = countLines(dataset + "/" + name)
            return "\(name) \(max(0, lines - 1)) rows"
        }
        print("scale benchmark: \(patients) patients (seed \(seed)), generated in \(format(generation.seconds, 1)) s at \(dataset)")
        print("  " + sizes.joined(separator: ", "))

        sync()
        let commands: [(name: String, arguments: [String])] = [
            ("validate", ["validate", dataset]),
            ("derive", ["derive", dataset, "--out", folder.appendingPathComponent("derived").path]),
            ("report", ["report", dataset, "--out", folder.appendingPathComponent("report").path]),
        ]
        var measured = [[Step]](repeating: [], count: commands.count)
        for _ in 0..<runs {
            for (k, command) in commands.enumerated() { measured[k].append(spawn(tool, command.arguments, name: command.name)) }
        }
        let steps = measured.map(median)
        let base = steps[0]
        print("")
        if runs > 1 { print("median of \(runs) runs of each step (peak memory: the largest)") }
        print("| step | exit | wall time (s) | ratio to validate | CPU time (s) | CPU ratio to validate | peak memory (MB) |")
        print("|---|---|---|---|---|---|---|")
        for s in steps {
            print("| \(s.name) | \(s.status) | \(format(s.seconds, 2)) | \(format(s.seconds / base.seconds, 2)) | "
                  + "\(format(s.cpuSeconds, 2)) | \(format(s.cpuSeconds / base.cpuSeconds, 2)) | \(format(s.peakMegabytes, 0)) |")
        }
    }

    /// The median wall and CPU time (each on its own; the upper middle of an even count), the largest peak memory
    /// and the worst exit status of repeated runs of one step.
    static func median(_ runs: [Step]) -> Step {
        func middle(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        return Step(name: runs[0].name, seconds: middle(runs.map(\.seconds)), cpuSeconds: middle(runs.map(\.cpuSeconds)),
                    peakMegabytes: runs.map(\.peakMegabytes).max()!, status: runs.map(\.status).max()!)
    }

    /// Runs `tool arguments` with standard output discarded; wall time and the child's peak RSS.
    static func spawn(_ tool: String, _ arguments: [String], name: String) -> Step {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let argv = ([tool] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = ContinuousClock.now
        guard posix_spawn(&pid, tool, &actions, nil, argv, environ) == 0 else {
            return Step(name: name, seconds: 0, cpuSeconds: 0, peakMegabytes: 0, status: -1)
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let elapsed = ContinuousClock.now - start
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return Step(name: name, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18,
                    cpuSeconds: cpu, peakMegabytes: Double(usage.ru_maxrss) / 1024, status: exit)
    }

    static func countLines(_ path: String) -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else { return 0 }
        defer { try? handle.close() }
        var lines = 0
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            lines += chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
        return lines
    }

    static func format(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }
}
