import BuildInfo

/// The code version recorded with every result: the one captured when this binary was built
/// (`BuildInfo.codeVersion`), never the state of the directory a run happens to start in.
public enum CodeVersion {
    public static var current: String { BuildInfo.codeVersion }
}
