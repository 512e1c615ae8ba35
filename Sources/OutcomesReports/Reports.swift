/// Layer 4: report writers and the library entry points behind each `outcomes` command.
public enum Reports {}
