/// Layer 1: streaming CSV input through libcsv into typed columns, with row accounting.
public enum Tabular {}
