import Foundation

/// Built-in class-name tables of the supported data sets.
public enum ClassNames {
    public static let fashionMNIST = [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]
    public static let digits = (0..<10).map { String($0) }
    /// KMNIST's ten hiragana, romanised.
    public static let kmnist = ["o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo"]
    public static let cifar10 = [
        "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck",
    ]
    /// CIFAR-100 fine labels in label-id order.
    public static let cifar100Fine = [
        "apple", "aquarium_fish", "baby", "bear", "beaver", "bed", "bee", "beetle", "bicycle", "bottle",
        "bowl", "boy", "bridge", "bus", "butterfly", "camel", "can", "castle", "caterpillar", "cattle",
        "chair", "chimpanzee", "clock", "cloud", "cockroach", "couch", "crab", "crocodile", "cup", "dinosaur",
        "dolphin", "elephant", "flatfish", "forest", "fox", "girl", "hamster", "house", "kangaroo", "keyboard",
        "lamp", "lawn_mower", "leopard", "lion", "lizard", "lobster", "man", "maple_tree", "motorcycle", "mountain",
        "mouse", "mushroom", "oak_tree", "orange", "orchid", "otter", "palm_tree", "pear", "pickup_truck", "pine_tree",
        "plain", "plate", "poppy", "porcupine", "possum", "rabbit", "raccoon", "ray", "road", "rocket",
        "rose", "sea", "seal", "shark", "shrew", "skunk", "skyscraper", "snail", "snake", "spider",
        "squirrel", "streetcar", "sunflower", "sweet_pepper", "table", "tank", "telephone", "television", "tiger", "tractor",
        "train", "trout", "tulip", "turtle", "wardrobe", "whale", "willow_tree", "wolf", "woman", "worm",
    ]
    /// CIFAR-100 coarse labels (superclasses) in label-id order.
    public static let cifar100Coarse = [
        "aquatic_mammals", "fish", "flowers", "food_containers", "fruit_and_vegetables",
        "household_electrical_devices", "household_furniture", "insects", "large_carnivores",
        "large_man-made_outdoor_things", "large_natural_outdoor_scenes", "large_omnivores_and_herbivores",
        "medium_mammals", "non-insect_invertebrates", "people", "reptiles", "small_mammals", "trees",
        "vehicles_1", "vehicles_2",
    ]
    /// The five fine classes of each CIFAR-100 superclass, by name, in coarse-id order.
    public static let cifar100FineOfCoarse: [[String]] = [
        ["beaver", "dolphin", "otter", "seal", "whale"],
        ["aquarium_fish", "flatfish", "ray", "shark", "trout"],
        ["orchid", "poppy", "rose", "sunflower", "tulip"],
        ["bottle", "bowl", "can", "cup", "plate"],
        ["apple", "mushroom", "orange", "pear", "sweet_pepper"],
        ["clock", "keyboard", "lamp", "telephone", "television"],
        ["bed", "chair", "couch", "table", "wardrobe"],
        ["bee", "beetle", "butterfly", "caterpillar", "cockroach"],
        ["bear", "leopard", "lion", "tiger", "wolf"],
        ["bridge", "castle", "house", "road", "skyscraper"],
        ["cloud", "forest", "mountain", "plain", "sea"],
        ["camel", "cattle", "chimpanzee", "elephant", "kangaroo"],
        ["fox", "porcupine", "possum", "raccoon", "skunk"],
        ["crab", "lobster", "snail", "spider", "worm"],
        ["baby", "boy", "girl", "man", "woman"],
        ["crocodile", "dinosaur", "lizard", "snake", "turtle"],
        ["hamster", "mouse", "rabbit", "shrew", "squirrel"],
        ["maple_tree", "oak_tree", "palm_tree", "pine_tree", "willow_tree"],
        ["bicycle", "bus", "motorcycle", "pickup_truck", "train"],
        ["lawn_mower", "rocket", "streetcar", "tank", "tractor"],
    ]
    /// The built-in coarse id of each fine id (length 100).
    public static let cifar100CoarseOfFine: [Int] = {
        var result = [Int](repeating: -1, count: cifar100Fine.count)
        for (coarse, names) in cifar100FineOfCoarse.enumerated() {
            for name in names { if let f = cifar100Fine.firstIndex(of: name) { result[f] = coarse } }
        }
        return result
    }()
    /// The CIFAR-100 superclasses counted as man-made (the rest are natural).
    public static let cifar100ManMadeCoarse = [
        "vehicles_1", "vehicles_2", "household_furniture", "household_electrical_devices",
        "food_containers", "large_man-made_outdoor_things",
    ]

    /// EMNIST class names for a subset (the contents of emnist-<subset>-mapping.txt), or nil when unknown.
    ///
    /// `letters` labels are shifted to 0..25 by the reader (the files use 1..26).
    public static func emnist(subset: String) -> [String]? {
        let upper = (UInt8(ascii: "A")...UInt8(ascii: "Z")).map { String(UnicodeScalar($0)) }
        let lower = (UInt8(ascii: "a")...UInt8(ascii: "z")).map { String(UnicodeScalar($0)) }
        switch subset {
        case "digits", "mnist": return digits
        case "letters": return upper.map { $0 + "/" + $0.lowercased() }
        case "balanced", "bymerge": return digits + upper + ["a", "b", "d", "e", "f", "g", "h", "n", "q", "r", "t"]
        case "byclass": return digits + upper + lower
        default: return nil
        }
    }

    /// `class 0`, `class 1`, … for data sets without names.
    public static func generic(_ count: Int) -> [String] { (0..<max(0, count)).map { "class \($0)" } }

    /// Non-empty trimmed lines of a names file (batches.meta.txt, fine_label_names.txt, …).
    static func parseLines(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self)
            .split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
