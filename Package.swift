// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Transferability",
    products: [
        .executable(name: "transfer", targets: ["transfer"]),
        .library(name: "NeuralNet", targets: ["NeuralNet"]),
        .library(name: "Metrics", targets: ["Metrics"]),
        .library(name: "Predictions", targets: ["Predictions"]),
        .library(name: "Plots", targets: ["Plots"]),
        .library(name: "Datasets", targets: ["Datasets"]),
        .library(name: "Checkpoints", targets: ["Checkpoints"]),
        .library(name: "Similarity", targets: ["Similarity"]),
        .library(name: "Storage", targets: ["Storage"]),
        .library(name: "Records", targets: ["Records"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Slurm", targets: ["Slurm"]),
        .library(name: "Experiments", targets: ["Experiments"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // MARK: Engine and data (public modules)
        /// SplitMix64 and seeded shuffles: the one source of randomness (no global RNG).
        .target(name: "Randomness"),
        /// The CPU neural-network engine: layers on oneDNN primitives, Network, SGD.
        .target(name: "NeuralNet", dependencies: ["CDNNL", "CPUPeak", "CKernels", "Randomness"]),
        /// Plain-Swift reference layers (generic over Float/Double): the test oracle.
        .target(name: "NeuralNetReference"),
        /// IDX / CIFAR / synthetic readers, A/B class splits, batching.
        .target(name: "Datasets", dependencies: ["CZlib", "Randomness"]),

        // MARK: Metrics and drawing (pure Swift)
        /// Classification metrics: pure Swift, no dependencies.
        .target(name: "Metrics"),
        /// Layer similarity: linear CKA with the unbiased HSIC estimator (the GEMM is passed in).
        .target(name: "Similarity", dependencies: ["Metrics"]),
        /// Anyone's predictions (CSV / JSON Lines, streamed) to an evaluation report, and back.
        .target(name: "Predictions", dependencies: ["Metrics"]),
        /// SVG drawing without the engine: the builder, axes, confusion heat maps, ROC curves.
        .target(name: "Plots", dependencies: ["Metrics"]),

        // MARK: Files
        /// File-system primitives: `AtomicFile` (write, fsync, rename; every writer uses it), the
        /// run lock, the temp-file sweep, SHA-256 and sealed JSON.
        .target(name: "Storage", dependencies: ["CCrypto"]),
        /// A small typed API over libhdf5.
        .target(name: "HDF5", dependencies: ["CHDF5"]),
        /// The checkpoint format (weights, optimizer, trainer state, metadata) on HDF5.
        .target(name: "Checkpoints", dependencies: ["HDF5", "Storage"]),

        // MARK: The study: config → plan → runs → records → reports / Slurm
        /// What a finished run leaves: the typed treatments, split directions and `RunRecord`.
        .target(name: "Records", dependencies: ["Datasets", "Storage"]),
        /// Records → tables, summary, figure, transfer benefit (no engine, no HDF5).
        .target(name: "Reports", dependencies: ["Records", "Plots", "Randomness", "Storage"]),
        /// Plan → Slurm job scripts and their submission (no engine, no HDF5).
        .target(name: "Slurm", dependencies: ["Storage"]),
        /// Configs, the plan of runs, the runner, the sweep, the HTML report site, layer similarity.
        .target(name: "Experiments", dependencies: [
            "NeuralNet", "Datasets", "Metrics", "Plots", "Checkpoints", "Similarity", "BuildInfo",
            "Storage", "Records", "Reports", "Slurm",
        ]),
        /// The code version of the binary, captured at build time (`git describe`).
        .target(name: "BuildInfo", plugins: ["CodeVersionPlugin"]),
        /// The `transfer` command-line tool.
        .executableTarget(name: "transfer", dependencies: [
            "Experiments", "Records", "Reports", "Slurm", "Storage", "NeuralNet", "Predictions", "Plots",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // MARK: Build plugins
        .plugin(name: "CodeVersionPlugin", capability: .buildTool()),

        // MARK: C: system-library shims (Debian packages libdnnl-dev, libhdf5-dev, zlib1g-dev, libssl-dev), the FMA probe
        .systemLibrary(name: "CDNNL", providers: [.apt(["libdnnl-dev"])]),
        .systemLibrary(name: "CHDF5", providers: [.apt(["libhdf5-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CCrypto", providers: [.apt(["libssl-dev"])]),
        /// The CPU's fp32 FMA peak (vector FMA chains, AVX2 or AVX-512 chosen at run time): the
        /// limit `transfer bench` reports its speed against.
        .target(name: "CPUPeak", cSettings: [.unsafeFlags(["-O2"])]),  // a peak measured unoptimised means nothing
        /// Memory-bound loops oneDNN 2.6 runs slowly: max pooling on its blocked layouts (with the
        /// ReLU backward fused). -O2 in any configuration, so debug tests run them at speed.
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O2"])]),

        // MARK: Test support
        .target(name: "TestSupport", dependencies: ["Randomness"], path: "Tests/TestSupport"),
        /// Run records made to order, for the report tests of `Reports` and `Experiments`.
        .target(name: "RecordFixtures", dependencies: ["Records"], path: "Tests/RecordFixtures"),

        // MARK: Tests (one target per module)
        .testTarget(name: "RandomnessTests", dependencies: ["Randomness", "TestSupport"]),
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "NeuralNetReference", "TestSupport"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "TestSupport"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics", "TestSupport"]),
        .testTarget(name: "SimilarityTests", dependencies: ["Similarity", "NeuralNet", "TestSupport"]),
        .testTarget(name: "PredictionsTests", dependencies: ["Predictions", "Metrics", "TestSupport"]),
        .testTarget(name: "PlotsTests", dependencies: ["Plots", "Metrics", "TestSupport"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "TestSupport"]),
        .testTarget(name: "CheckpointsTests", dependencies: ["Checkpoints", "HDF5", "Storage", "TestSupport"]),
        .testTarget(name: "RecordsTests", dependencies: ["Records", "Storage", "RecordFixtures", "TestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Records", "Plots", "RecordFixtures", "TestSupport"]),
        .testTarget(name: "SlurmTests", dependencies: ["Slurm", "TestSupport"]),
        .testTarget(name: "ExperimentsTests", dependencies: [
            "Experiments", "Records", "Reports", "Storage", "NeuralNet", "Plots", "RecordFixtures", "TestSupport",
        ]),
    ],
    swiftLanguageModes: [.v6]
)
