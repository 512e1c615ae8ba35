import OutcomesLinearAlgebra
import OutcomesDistributions
/// Layer 2: survival analysis (Kaplan–Meier, log-rank, RMST, Cox).
public enum Survival {}
