/// Floating-point type of training and analysis (`model.dtype`), and of the archived weights.
public enum DType: String, Choice {
    case float32
    case float64
}
