/// How the learners of a run combine their steps (`training.algorithm`). PAPER.md section 9 and
/// docs/LEARNERS.md give the update of each.
public enum TrainingAlgorithm: String, Choice {
    /// One learner: minibatch SGD with batch `batch_size` (the paper's first half).
    case sgd
    /// Synchronous SGD: `learners` learners take gradients of disjoint minibatches of `batch_size`
    /// at the same weights and apply their average (all-reduce): SGD with batch learners x batch_size.
    case ssgd
    /// Decentralized parallel SGD (Lian et al. 2017): each learner keeps its own weights and mixes
    /// them with its neighbours' through a doubly stochastic matrix (`training.topology`),
    /// adapt-then-combine; the analysed model is the learners' average.
    case dpsgd
}
