import Foundation
import PackagePlugin

/// Captures the code version (`git describe` of the package, "-dirty" when tracked files outside
/// `results/` differ from the commit, "unknown" outside git) into a generated Swift file, so a
/// binary records the version it was built from — not the one of the directory it runs in.
@main
struct CodeVersionPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedSources")
        let script = context.package.directoryURL.appending(path: "scripts/code-version.sh")
        return [.prebuildCommand(
            displayName: "Capturing the code version",
            executable: URL(fileURLWithPath: "/bin/sh"),
            arguments: [script.path, context.package.directoryURL.path, output.appending(path: "CodeVersion.swift").path],
            outputFilesDirectory: output)]
    }
}
