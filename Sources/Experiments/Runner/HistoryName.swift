/// The curves a run keeps in its checkpoint (`/trainer/history`), by name: one place for the
/// names the runner writes (`RunSession`) and the HTML report reads (`RunPage`, `IndexPage`).
enum HistoryName {
    /// Mean training loss since the previous evaluation, and the step it was taken at.
    static let trainLoss = "train_loss", trainLossStep = "train_loss_step"
    /// Validation accuracy (a fraction) at each evaluation, and its step.
    static let validationAccuracy = "val_accuracy", validationStep = "val_step"
    /// Loop seconds over all attempts, and the part of them inside training steps (one value each).
    static let elapsedSeconds = "elapsed_seconds", stepSeconds = "step_seconds"
    /// Loop seconds over all attempts spent validating and writing checkpoints (one value each).
    static let validationSeconds = "validation_seconds", checkpointSeconds = "checkpoint_seconds"
}
