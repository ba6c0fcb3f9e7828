// SplitMix64 and the seeded shuffles are part of this module's API.
@_exported import Randomness
