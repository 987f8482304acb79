/// Which samples are paired with which (`analysis.pairing`, PAPER.md section 3).
public enum PairingDirection: String, Choice {
    /// Each test sample with its nearest clean training sample of the same class (the paper's default).
    case testToTrain = "test_to_train"
    /// Each clean training sample with its nearest test sample of the same class (our option).
    case trainToTest = "train_to_test"
}
