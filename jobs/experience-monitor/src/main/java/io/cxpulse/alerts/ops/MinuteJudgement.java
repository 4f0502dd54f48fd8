package io.cxpulse.alerts.ops;

/**
 * How abnormal one minute of one scope is against its baseline.
 *
 * @param observed  counts: the count; sentiment: the negative share of the texts
 * @param baseline  what it usually is at this time of day (counts: before the floor)
 * @param pValue    the chance of at least this much under the baseline (with its floor)
 * @param ratio     observed / the baseline used in the test
 * @param count     complaints | breaches | negatives
 * @param texts     sentiment: the texts scored (0 for counts)
 * @param abnormal  passes every test of the rule: opens an incident
 * @param calm      normal enough to count toward resolving one (a looser test: hysteresis)
 * @param extreme   counts: abnormal and at or above the cold-start count, so it may alert during the warm-up
 */
public record MinuteJudgement(
        double observed,
        double baseline,
        double pValue,
        double ratio,
        long count,
        long texts,
        boolean abnormal,
        boolean calm,
        boolean extreme) {

    /** Poisson upper tail of {@code count} given λ = max(expected, floor), plus the minimum count and ratio. */
    public static MinuteJudgement ofCount(OpsAlertSettings.CountRule rule, long count, double expected) {
        double lambda = Math.max(expected, rule.lambdaFloor());
        double p = UpperTail.poisson(count, lambda);
        double ratio = count / lambda;
        boolean abnormal = p < rule.pValue() && count >= rule.minCount() && ratio >= rule.minRatio();
        // hysteresis on both tests: a minute is calm again once it is no longer significant, or no longer far above usual
        boolean calm = !abnormal && (p >= rule.resolvePValue() || count < rule.minCount() || ratio < rule.resolveRatio());
        return new MinuteJudgement(count, expected, p, ratio, count, 0, abnormal, calm,
                abnormal && count >= rule.coldStartCount());
    }

    /**
     * Binomial upper tail of the negatives among the texts given the usual negative share (at least the floor),
     * plus the minimum texts and rise in share. A minute with too few texts is normal: it says too little.
     */
    public static MinuteJudgement ofSentiment(OpsAlertSettings.SentimentRule rule, long negatives, long texts,
            double expectedNegatives, double expectedTexts) {
        double usual = expectedTexts > 0 ? expectedNegatives / expectedTexts : 0;
        double share0 = Math.min(Math.max(usual, rule.shareFloor()), 1.0);
        double share = texts > 0 ? negatives / (double) texts : 0;
        double p = UpperTail.binomial(negatives, texts, share0);
        boolean abnormal = texts >= rule.minTexts() && p < rule.pValue() && share - share0 >= rule.minShareRise();
        boolean calm = !abnormal && (texts < rule.minTexts() || p >= rule.resolvePValue());
        return new MinuteJudgement(share, usual, p, share / share0, negatives, texts, abnormal, calm, false);
    }
}
