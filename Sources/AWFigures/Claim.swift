import AWArchive

/// One expected direction of PAPER.md section 8, as a regression the report can compute:
/// the slope of a response over the runs of a sweep of `parameter`, x on a linear or log10 axis.
public struct Claim: Sendable, Equatable {
    public enum Direction: String, Sendable, Equatable { case increases, decreases }

    /// What is regressed on the swept value.
    public enum Response: Sendable, Equatable {
        case quantity(RunQuantity)
        /// log10(a / b): its slope is the difference of the log-log slopes ("mainly through a rather than b").
        case logRatio(RunQuantity, RunQuantity)
    }

    public enum XScale: String, Sendable, Equatable { case linear, log10 }

    /// Stable identifier, e.g. "batch_size.gap".
    public var id: String
    /// The paper's statement, short.
    public var statement: String
    public var parameter: SweptParameter.Kind
    public var response: Response
    public var xScale: XScale
    public var expected: Direction
    /// Only runs with swept value <= this enter (dropout "at moderate rates").
    public var maximumValue: Double?

    public init(id: String, statement: String, parameter: SweptParameter.Kind, response: Response,
                xScale: XScale, expected: Direction, maximumValue: Double? = nil) {
        self.id = id; self.statement = statement; self.parameter = parameter; self.response = response
        self.xScale = xScale; self.expected = expected; self.maximumValue = maximumValue
    }

    /// The moderate dropout rates: d <= 0.2 (of the paper's 0, 0.05, 0.1, 0.2, 0.3).
    public static let moderateDropout = 0.2

    /// PAPER.md section 8, one regression per directional statement.
    public static let paperClaims: [Claim] = [
        Claim(id: "batch_size.gap", statement: "Larger batch: gap up", parameter: .batchSize,
              response: .quantity(.measuredGap), xScale: .log10, expected: .increases),
        Claim(id: "batch_size.sharpness", statement: "Larger batch: sharpness up", parameter: .batchSize,
              response: .quantity(.sharpness), xScale: .log10, expected: .increases),
        Claim(id: "batch_size.sharp_part", statement: "Larger batch: sharp part of the gap up", parameter: .batchSize,
              response: .quantity(.sharpPart), xScale: .log10, expected: .increases),
        Claim(id: "batch_size.mainly_sharpness", statement: "Larger batch: mainly through sharpness (Σσ_g grows faster than Σσ_w)",
              parameter: .batchSize, response: .logRatio(.sharpness, .size), xScale: .log10, expected: .increases),
        Claim(id: "learning_rate.gap", statement: "Larger learning rate: gap down", parameter: .learningRate,
              response: .quantity(.measuredGap), xScale: .log10, expected: .decreases),
        Claim(id: "learning_rate.sharpness", statement: "Larger learning rate: sharpness down", parameter: .learningRate,
              response: .quantity(.sharpness), xScale: .log10, expected: .decreases),
        Claim(id: "init_scale.gap", statement: "Larger init scale: gap up", parameter: .initScale,
              response: .quantity(.measuredGap), xScale: .linear, expected: .increases),
        Claim(id: "init_scale.size", statement: "Larger init scale: size up", parameter: .initScale,
              response: .quantity(.size), xScale: .linear, expected: .increases),
        Claim(id: "weight_decay.gap", statement: "More weight decay: gap down", parameter: .weightDecay,
              response: .quantity(.measuredGap), xScale: .linear, expected: .decreases),
        Claim(id: "weight_decay.size", statement: "More weight decay: size down", parameter: .weightDecay,
              response: .quantity(.size), xScale: .linear, expected: .decreases),
        Claim(id: "dropout.gap", statement: "Dropout: gap down at moderate rates (d ≤ 0.2)", parameter: .dropout,
              response: .quantity(.measuredGap), xScale: .linear, expected: .decreases, maximumValue: moderateDropout),
        Claim(id: "label_noise.gap", statement: "Label noise: gap up", parameter: .labelNoise,
              response: .quantity(.measuredGap), xScale: .linear, expected: .increases),
        Claim(id: "train_size.gap", statement: "More training data: gap down", parameter: .trainSize,
              response: .quantity(.measuredGap), xScale: .log10, expected: .decreases),
        Claim(id: "train_size.size", statement: "More training data: size down", parameter: .trainSize,
              response: .quantity(.size), xScale: .log10, expected: .decreases),
    ]

    /// The response of one record, or nil when missing or not finite.
    public func responseValue(_ record: RunRecord) -> Double? {
        switch response {
        case .quantity(let q):
            return q.value(of: record)
        case .logRatio(let a, let b):
            guard let x = a.value(of: record), let y = b.value(of: record), x > 0, y > 0 else { return nil }
            return (x / y).log10Value
        }
    }

    /// The regression's x for a swept value, or nil (log of a non-positive value, out of range).
    public func xValue(_ swept: Double) -> Double? {
        guard swept.isFinite else { return nil }
        if let m = maximumValue, swept > m + 1e-12 { return nil }
        switch xScale {
        case .linear: return swept
        case .log10: return swept > 0 ? swept.log10Value : nil
        }
    }

    /// The statistic in words, e.g. "OLS slope of measured gap vs log10 B".
    public func statisticDescription(symbol: String) -> String {
        let x = xScale == .log10 ? "log₁₀ \(symbol)" : symbol
        let y: String
        switch response {
        case .quantity(let q): y = q.textLabel
        case .logRatio(let a, let b): y = "log₁₀(\(a.textLabel) / \(b.textLabel))"
        }
        return "OLS slope of \(y) vs \(x)"
    }
}
