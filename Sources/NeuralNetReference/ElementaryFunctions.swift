import Foundation

// exp/log for any BinaryFloatingPoint, evaluated in Double (exact enough for Float and Double).

func refExp<T: BinaryFloatingPoint>(_ x: T) -> T { T(Foundation.exp(Double(x))) }
func refLog<T: BinaryFloatingPoint>(_ x: T) -> T { T(Foundation.log(Double(x))) }
/// log(1 + x), accurate for small x.
func refLog1p<T: BinaryFloatingPoint>(_ x: T) -> T { T(Foundation.log1p(Double(x))) }
