/// Which images of the official training split are trained on (`dataset.selection`, PAPER.md section 6).
public enum SelectionScheme: String, Choice {
    /// Exactly `train_per_class` images of each class: the first ones of each class met in a seeded shuffle (default).
    case balanced
    /// The authors' choice: the first `10 * train_per_class` images of the shuffle, whatever their classes
    /// (344-459 per class for 4,000 MNIST images).
    case firstNShuffled = "first_n_shuffled"
}
