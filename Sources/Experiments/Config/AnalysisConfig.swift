/// Settings of `transfer analyze` (layer similarity by linear CKA). They do not change any
/// run, so they are not part of run ids.
public struct AnalysisConfig: Encodable, Sendable, Equatable {
    /// Test images of the target task the representations are compared on (a fixed seeded
    /// sample; all of them when the task has fewer). At least 4 (the unbiased estimator).
    public var ckaImages: Int = 1000
    /// The summary names the first layer where baseA–baseB CKA falls below this value.
    public var ckaThreshold: Double = 0.8

    public init() {}

    /// The settings of a config without an `analysis` object.
    public static let `default` = AnalysisConfig()

    enum CodingKeys: String, CodingKey { case ckaImages = "cka_images", ckaThreshold = "cka_threshold" }

    /// Reads the optional `analysis` object of a config.
    static func parse(_ root: inout StrictObject) throws -> AnalysisConfig {
        var analysis = AnalysisConfig.default
        guard var o = try root.object("analysis") else { return analysis }
        if let v = try o.int("cka_images") {
            guard v >= 4 else { throw o.error("cka_images", "must be ≥ 4 (the unbiased HSIC estimator needs 4 images)") }
            analysis.ckaImages = v
        }
        if let v = try o.double("cka_threshold") {
            guard v > 0, v < 1 else { throw o.error("cka_threshold", "must be in (0, 1)") }
            analysis.ckaThreshold = v
        }
        try o.finish()
        return analysis
    }
}
