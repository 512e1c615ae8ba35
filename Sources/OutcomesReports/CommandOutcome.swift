import OutcomesClinical

/// The exit status convention of every `outcomes` command (README "Exit status", `outcomes help`).
public enum ExitStatus {
    /// The command did what was asked.
    public static let success: Int32 = 0
    /// The check the user asked for failed: `--fail-on`, rejected rows in `validate`, a drift check.
    public static let checkFailed: Int32 = 1
    /// Bad input (dataset, plan, claims file, output folder), or an analysis that could not run.
    public static let badInput: Int32 = 2
    /// A usage error: unknown option, missing argument, a value of the wrong form (ArgumentParser's own status).
    public static let usage: Int32 = 64

    /// The text printed by `outcomes help` and in the README.
    public static let summary = """
        Exit status: 0 success; 1 the check you asked for failed (--fail-on, rejected rows in validate, a drift check); \
        2 bad input or an analysis that could not run; 64 usage error. Whenever the status is not 0, one line on \
        standard error says why.
        """
}

/// What a command prints, how it ends, and, when the status is not 0, the one line that says why.
public struct CommandOutcome: Sendable, Equatable {
    /// Standard output.
    public let text: String
    /// ``ExitStatus/success`` or ``ExitStatus/checkFailed``; failures to run are thrown errors instead.
    public let exitStatus: Int32
    /// One line for standard error when `exitStatus` is not 0, e.g. `claims: 5 contradicted (--fail-on contradicted)`.
    public let failure: String?

    /// A successful outcome.
    public init(text: String) {
        self.text = text
        exitStatus = ExitStatus.success
        failure = nil
    }

    /// An outcome whose check failed when `failure` is not nil.
    public init(text: String, failure: String?) {
        self.text = text
        exitStatus = failure == nil ? ExitStatus.success : ExitStatus.checkFailed
        self.failure = failure
    }
}

extension Reports {
    /// The `--fail-on contradicted` line: nil when the check passes or was not asked for.
    static func contradictedFailure(_ verdicts: [ClaimVerdict]?, command: String, failOnContradicted: Bool) -> String? {
        let count = verdicts?.count { $0.verdict == .contradicted } ?? 0
        guard failOnContradicted, count > 0 else { return nil }
        return "\(command): \(count) contradicted (--fail-on contradicted)"
    }
}
