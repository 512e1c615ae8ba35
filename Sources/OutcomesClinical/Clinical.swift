/// Layer 3: the clinic dataset schema, scales, infusion series, endpoints, relapse, plan and claims.
public enum Clinical {}
