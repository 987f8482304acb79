/// The weight-decay penalty's form (`training.weight_decay_form`).
public enum WeightDecayForm: String, Choice {
    /// The paper's: beta * |theta|_2, the UN-squared global L2 norm of all parameters;
    /// gradient beta * theta / |theta| (0 at theta = 0).
    case norm
    /// The usual one: (beta / 2) * |theta|_2^2, gradient beta * theta (= PyTorch's SGD weight_decay = beta).
    case squared
}
