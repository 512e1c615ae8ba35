/// The version of the tool, printed by `outcomes --version` and in every JSON `conventions` block.
public enum ToolVersion {
    public static let current = "0.10.0"
}
