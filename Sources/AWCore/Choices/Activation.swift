/// Hidden-layer nonlinearity (`model.activation`). The output layer is always linear (logits).
/// Its application and derivatives are in AWNetwork (`Activation+Apply.swift`).
public enum Activation: String, Choice {
    case relu
    case tanh
}
