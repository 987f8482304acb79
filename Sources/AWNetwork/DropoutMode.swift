import AWLinearAlgebra

/// How dropout acts in a forward pass.
enum DropoutMode<T: BLASScalar> {
    /// No dropout (evaluation mode).
    case off
    /// A fresh mask from the engine's dropout generator (training).
    case random
    /// Fixed multipliers `[rows of the source, N_layer]`, row-aligned with the source (tests).
    case fixed(UnsafePointer<T>)
}
