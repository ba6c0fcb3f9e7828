import Foundation
import Plots
import Testing
import RecordFixtures
import Records
@testable import Reports

@Suite struct ReportStatisticsTests {
    @Test func meanStandardDeviationAndErrorOfOneToFour() throws {
        let values = [1.0, 2, 3, 4]
        #expect(Statistics.mean(values) == 2.5)
        let sd = try #require(Statistics.sampleStandardDeviation(values))
        #expect(abs(sd - (5.0 / 3).squareRoot()) < 1e-12)        // Σ(x−m)² = 5, / (k − 1) = 3
        let se = try #require(Statistics.standardError(values))
        #expect(abs(se - (5.0 / 3).squareRoot() / 2) < 1e-12)
    }

    @Test func undefinedStatisticsAreNil() {
        #expect(Statistics.mean([]) == nil)
        #expect(Statistics.sampleStandardDeviation([3]) == nil)
        #expect(Statistics.standardError([3]) == nil)
        #expect(Statistics.confidenceInterval95([3]) == nil)
        #expect(Statistics.confidenceInterval95([]) == nil)
        #expect(Statistics.welchInterval95([1, 2], [3]) == nil)
    }

    @Test func confidenceIntervalWithTwoDegreesOfFreedom() throws {
        // [1, 2, 3]: mean 2, sd 1, se 1/√3, t(0.975, 2) = 4.302653 → 2 ± 2.484138 (scipy.stats.t.interval).
        let ci = try #require(Statistics.confidenceInterval95([1, 2, 3]))
        #expect(abs(ci.lowerBound - -0.48413771175033027) < 1e-8)
        #expect(abs(ci.upperBound - 4.48413771175033) < 1e-8)
    }

    @Test(arguments: [
        (1.0, 12.706), (2.0, 4.303), (4.0, 2.776), (10.0, 2.228), (30.0, 2.042), (Double.infinity, 1.960),
    ])
    func tQuantileTable(df: Double, expected: Double) throws {
        let t = try #require(Statistics.tQuantile975(degreesOfFreedom: df))
        #expect(abs(t - expected) < 5e-4)
    }

    /// Non-table df (scipy.stats.t.ppf(0.975, df)): solved from the incomplete beta function.
    @Test(arguments: [
        (1.5, 6.016663104), (2.5, 3.574654842), (7.5, 2.333039627), (35.0, 2.030107928),
        (45.3, 2.013735305), (250.0, 1.969498393), (3000.0, 1.960755055),
    ])
    func tQuantileNonTableDegrees(df: Double, expected: Double) throws {
        let t = try #require(Statistics.tQuantile975(degreesOfFreedom: df))
        #expect(abs(t - expected) < 1e-6)
    }

    @Test func tQuantileRejectsInvalidDegrees() {
        #expect(Statistics.tQuantile975(degreesOfFreedom: 0) == nil)
        #expect(Statistics.tQuantile975(degreesOfFreedom: 0.5) == nil)
        #expect(Statistics.tQuantile975(degreesOfFreedom: .nan) == nil)
    }

    @Test func welchIntervalMatchesScipy() throws {
        // scipy.stats.ttest_ind([1,2,3,4], [2,4,7], equal_var=False).confidence_interval(0.95)
        let ci = try #require(Statistics.welchInterval95([1, 2, 3, 4], [2, 4, 7]))
        #expect(abs(ci.lowerBound - -7.109894799651609) < 1e-6)
        #expect(abs(ci.upperBound - 3.4432281329849426) < 1e-6)
    }

    @Test func sampleSummaryExposesTheSameNumbers() throws {
        let summary = SampleSummary([60, 62, 64])
        #expect(summary.count == 3)
        #expect(summary.mean == 62)
        #expect(summary.standardDeviation == 2)
        let ci = try #require(summary.confidenceInterval95)
        #expect(abs(ci.upperBound - (62 + 4.302652730 * 2 / 3.0.squareRoot())) < 1e-8)
    }

    @Test(arguments: [
        (88.649, 1, "88.6"), (88.65, 1, "88.7"), (0.15, 1, "0.2"), (2.5, 0, "3"), (-2.5, 0, "-3"),
        (1234.5678, 2, "1234.57"), (-0.04, 1, "0.0"), (0.0, 1, "0.0"), (-3.44, 1, "-3.4"), (0.05, 2, "0.05"),
        (7, 0, "7"), (0.004, 2, "0.00"), (-0.996, 2, "-1.00"),
    ])
    func fixedFormatting(value: Double, decimals: Int, expected: String) {
        #expect(ReportFormat.fixed(value, decimals) == expected)
    }

    @Test func signedFormattingAndSpecialValues() {
        #expect(ReportFormat.signed(0.4, 1) == "+0.4")
        #expect(ReportFormat.signed(-3.44, 1) == "-3.4")
        #expect(ReportFormat.signed(0.01, 1) == "0.0")
        #expect(ReportFormat.signed(-0.01, 1) == "0.0")
        #expect(ReportFormat.fixed(.nan, 1) == "nan")
        #expect(ReportFormat.fixed(-.infinity, 1) == "-inf")
        #expect(ReportFormat.exact(0.886) == "0.886")
    }
}
