import Foundation

/// Colours shared by the plots.
public enum Palette {
    /// Ten distinguishable line colours (matplotlib's tab10), cycled.
    public static let lines = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                               "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

    /// The colour of series `i` and, past ten, a dash pattern so no two series look alike.
    public static func line(_ i: Int) -> (color: String, dash: String) {
        (lines[i % lines.count], ["", "6 3", "2 2", "8 2 2 2"][(i / lines.count) % 4])
    }

    /// A sequential white-to-blue shade for a share in [0, 1] ("#f7fbff" at 0, "#08306b" at 1).
    public static func blue(_ share: Double) -> String {
        let s = min(1, max(0, share.isFinite ? share : 0))
        let low = (0xF7, 0xFB, 0xFF), high = (0x08, 0x30, 0x6B)
        func mix(_ a: Int, _ b: Int) -> Int { Int((Double(a) + (Double(b) - Double(a)) * s).rounded()) }
        return String(format: "#%02x%02x%02x", mix(low.0, high.0), mix(low.1, high.1), mix(low.2, high.2))
    }

    /// Approximate width in pixels of `text` at 11 px Helvetica (for layout only).
    public static func textWidth(_ text: String, fontSize: Double = 11) -> Double {
        Double(text.count) * fontSize * 0.58
    }
}
