/// Facts about this build, fixed when the binary is compiled. `buildCodeVersion` is generated
/// by the `CodeVersionPlugin` (see `scripts/code-version.sh`).
public enum BuildInfo {
    /// The code version of this binary: `git describe --always` of the sources it was built
    /// from, with "-dirty" when tracked files outside `results/` had local changes; "unknown"
    /// when built outside a git checkout.
    public static var codeVersion: String { buildCodeVersion }
}
