import Foundation

/// `transfer clean` deletes one experiment's folder and nothing else.
public enum ResultsCleaning {
    /// Why a folder cannot be cleaned: the reason names the path.
    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
    }

    /// Removes `layout.experimentDirectory` after checking that it is a real folder (not a
    /// link) directly inside the results root, named by a plain experiment name. Returns false
    /// when there is nothing to remove.
    @discardableResult
    public static func removeExperimentDirectory(_ layout: ResultsLayout) throws -> Bool {
        let directory = layout.experimentDirectory
        if let problem = PlainName.problem(layout.experiment) {
            throw Refusal(description: "refusing to clean \(directory.path): the experiment name \(problem)")
        }
        var status = stat()
        guard lstat(directory.path, &status) == 0 else { return false }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw Refusal(description: "refusing to clean \(directory.path): it is not a folder (a link or a file)")
        }
        let root = layout.root.resolvingSymlinksInPath().standardizedFileURL.path
        let parent = directory.deletingLastPathComponent().resolvingSymlinksInPath().standardizedFileURL.path
        guard parent == root, directory.lastPathComponent == layout.experiment else {
            throw Refusal(description: "refusing to clean \(directory.path): it is not inside the results folder \(root)")
        }
        try FileManager.default.removeItem(at: directory)
        return true
    }
}
