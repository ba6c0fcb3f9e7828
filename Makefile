# Transferability — build, test, benchmark and run the transfer study.
# Every target that needs system packages depends on `deps`, which installs only what is missing.

SWIFT      ?= swift
CONFIG     ?= configs/default.json
BUILD_DIR  ?= .build
RELEASE    := $(SWIFT) build -c release --scratch-path $(BUILD_DIR)
TRANSFER   := $(BUILD_DIR)/release/transfer
APT_PKGS   := libdnnl-dev libhdf5-dev zlib1g-dev libssl-dev dataset-fashion-mnist python3-venv
SLURM_PKGS := slurmctld slurmd slurm-client munge
TEST_PKGS  := chromium tidy
VENV       := .venv
JOBS       ?= 2
THREADS    ?= 1
# Where `make quick` writes: an untracked folder, so the first command of the README never
# rewrites committed files (numbers differ slightly across CPUs). QUICK_RESULTS=DIR writes elsewhere.
QUICK_RESULTS ?= results/local

.PHONY: deps deps-slurm deps-test pydeps build test reliability bench conv-ceiling quick sweep run table plot report analyze plan slurm clean clean-results

## deps: install the Debian packages the build needs (apt-get update only when one is missing)
deps:
	@scripts/apt-ensure.sh $(APT_PKGS)

## deps-slurm: install Slurm and munge for `make slurm` and the Slurm tests
deps-slurm:
	@scripts/apt-ensure.sh $(SLURM_PKGS)

## deps-test: headless Chromium and HTML Tidy for the report tests
deps-test:
	@scripts/apt-ensure.sh $(TEST_PKGS)

## pydeps: a virtual environment with h5py, numpy, scikit-learn (independent readers in tests)
pydeps: deps
	@scripts/python-env.sh $(VENV)

build: deps
	$(RELEASE)

## test: every test, with real HDF5 files, the real Fashion-MNIST files and a real Slurm node;
## first the module graph (Reports and Slurm build alone, without the engine or HDF5)
test: deps deps-slurm deps-test pydeps
	SWIFT=$(SWIFT) scripts/check-targets.sh $(BUILD_DIR)
	$(SWIFT) build -c release --scratch-path $(BUILD_DIR) --product transfer
	TRANSFER_BIN=$(abspath $(TRANSFER)) $(SWIFT) test --scratch-path $(BUILD_DIR)

## reliability: the reliability battery (minutes; separate from make test): kill -9 trials,
## corruption cases, fuzzing, concurrent sweeps, a full disk; ends with one line of figures
reliability: deps
	BUILD_DIR=$(BUILD_DIR) scripts/reliability.sh

## bench: images/s and GFLOP/s of fmnist8 training and inference (share of the FMA peak), dataset load time, time around the steps and peak memory of two short runs (JSON line)
bench: build
	$(TRANSFER) bench

## conv-ceiling: what oneDNN alone reaches for fmnist8's conv2…conv5 (fwd, bwd_data, bwd_weights;
## batch 64 and 128, THREADS threads): the ceiling a training step cannot beat with these kernels
conv-ceiling: deps
	@mkdir -p $(BUILD_DIR)
	$$(command -v cc || command -v clang) -O2 -o $(BUILD_DIR)/conv-ceiling scripts/conv-ceiling.c -ldnnl
	OMP_NUM_THREADS=$(THREADS) $(BUILD_DIR)/conv-ceiling 64
	OMP_NUM_THREADS=$(THREADS) $(BUILD_DIR)/conv-ceiling 128

## quick: the main job at small scale on Fashion-MNIST (both splits, all treatments, n = 1..7)
quick: build
	$(TRANSFER) sweep configs/quick.json --jobs $(JOBS) --results $(QUICK_RESULTS)

## sweep: the full default study (CONFIG=… to choose another)
sweep: build
	$(TRANSFER) sweep $(CONFIG) --jobs $(JOBS)

## run: rerun one run: make run CONFIG=… RUN=AnB+3 SPLIT=similar [SEED=0]
run: build
	$(TRANSFER) run $(CONFIG) --run $(RUN) --split $(SPLIT) $(if $(SEED),--seed $(SEED),)

plan: build
	$(TRANSFER) plan $(CONFIG)

table: build
	$(TRANSFER) table $(CONFIG)

plot: build
	$(TRANSFER) plot $(CONFIG)

## report: the browsable HTML report of CONFIG under results/<experiment>/report/ (open index.html)
report: build
	$(TRANSFER) report $(CONFIG)

## analyze: layer similarity (linear CKA) of a finished study: cka.csv, cka-<split>.svg, cka.md
analyze: build
	$(TRANSFER) analyze $(CONFIG)

## slurm: write (and with SUBMIT=1 submit) the sweep as Slurm job arrays
slurm: build
	$(TRANSFER) slurm $(CONFIG) $(if $(SUBMIT),--submit,)

clean-results:
	$(TRANSFER) clean $(CONFIG) 2>/dev/null || true

clean:
	rm -rf $(BUILD_DIR)
