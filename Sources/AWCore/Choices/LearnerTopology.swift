/// Which learners a DPSGD learner mixes with (`training.topology`); the mixing matrix T is doubly
/// stochastic and symmetric.
public enum LearnerTopology: String, Choice {
    /// Learner j with j-1 and j+1 (mod n), weight 1/3 each (n = 2: itself 1/3, the other 2/3).
    case ring
    /// Every learner with every learner, weight 1/n: the learners stay equal and DPSGD is SSGD exactly.
    case complete
}
