import AWCore
import AWNetwork
import Testing

@Suite("Stopping rule on constructed histories")
struct StoppingRuleTests {
    let rule = StoppingRule(loss: 1e-3, accuracy: 0.99, window: 9)

    @Test("loss below threshold and mean accuracy of the last 9 epochs above 0.99")
    func basic() {
        #expect(rule.isSatisfied(losses: [5e-4], accuracies: [1.0]))           // one epoch: window of 1
        #expect(!rule.isSatisfied(losses: [1e-3], accuracies: [1.0]))          // strict <
        #expect(!rule.isSatisfied(losses: [5e-4], accuracies: [0.99]))         // strict >
        #expect(!rule.isSatisfied(losses: [], accuracies: []))
        // 8 perfect epochs and one at 0.9: mean 0.9889 < 0.99.
        let acc = [Double](repeating: 1, count: 8) + [0.9]
        #expect(!rule.isSatisfied(losses: [Double](repeating: 5e-4, count: 9), accuracies: acc))
        // The bad epoch leaves the window of 9 after 9 more epochs.
        let later = [0.9] + [Double](repeating: 1, count: 9)
        #expect(rule.isSatisfied(losses: [Double](repeating: 5e-4, count: 10), accuracies: later))
        let stillIn = [0.5, 0.9] + [Double](repeating: 1, count: 8)
        #expect(!rule.isSatisfied(losses: [Double](repeating: 5e-4, count: 10), accuracies: stillIn))
        // Only the LAST loss counts.
        #expect(rule.isSatisfied(losses: [1, 1, 5e-4], accuracies: [1, 1, 1]))
        #expect(!rule.isSatisfied(losses: [5e-4, 5e-4, 2e-3], accuracies: [1, 1, 1]))
    }

    @Test("first stopping epoch on a constructed training curve")
    func firstEpoch() {
        // Loss halves each epoch from 0.5; accuracy reaches 1 at epoch 4.
        let losses = (0..<20).map { 0.5 * pow(0.5, Double($0)) }
        let accs = (0..<20).map { $0 < 3 ? 0.8 : 1.0 }
        // loss < 1e-3 first at epoch 10 (0.5 / 2^9 = 9.8e-4); window of 9 ending at 10 = epochs 2...10,
        // containing epochs 2 and 3 at 0.8: mean 0.9556; epochs 4...12 all 1 -> stops at 12.
        #expect(rule.firstStoppingEpoch(losses: losses, accuracies: accs) == 12)
        let wide = StoppingRule(loss: 1e-3, accuracy: 0.95, window: 9)
        #expect(wide.firstStoppingEpoch(losses: losses, accuracies: accs) == 10)
        let short = StoppingRule(loss: 1e-3, accuracy: 0.99, window: 1)
        #expect(short.firstStoppingEpoch(losses: losses, accuracies: accs) == 10)
        #expect(rule.firstStoppingEpoch(losses: [1, 1], accuracies: [1, 1]) == nil)
    }

    @Test("TrainingConfig exposes the rule with its thresholds")
    func fromConfig() {
        var c = TrainingConfig.paper
        #expect(c.stoppingRule == StoppingRule(loss: 1e-3, accuracy: 0.99, window: 9))
        c.stopLoss = 0.01; c.stopAccuracy = 0.9; c.stopWindow = 3
        #expect(c.stoppingRule == StoppingRule(loss: 0.01, accuracy: 0.9, window: 3))
    }
}

import Foundation
