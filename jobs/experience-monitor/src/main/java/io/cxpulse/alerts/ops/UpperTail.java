package io.cxpulse.alerts.ops;

/**
 * Upper-tail probabilities P(X ≥ k) of the Poisson and binomial distributions, accurate far into the tail (an
 * incident's p-value is often below 1e-20, where {@code 1 - cdf} would round to zero).
 */
public final class UpperTail {

    private static final int TABLE = 256;
    private static final double[] LOG_FACTORIAL = new double[TABLE];
    private static final double NEGLIGIBLE = 1e-17;
    private static final int MAX_TERMS = 1_000_000;

    static {
        for (int i = 1; i < TABLE; i++) {
            LOG_FACTORIAL[i] = LOG_FACTORIAL[i - 1] + Math.log(i);
        }
    }

    private UpperTail() {}

    /** P(X ≥ k) for X ~ Poisson(lambda). */
    public static double poisson(long k, double lambda) {
        if (k <= 0) {
            return 1.0;
        }
        if (!(lambda > 0)) {
            return 0.0;
        }
        if (k > lambda) {
            // terms fall from k on: sum them directly
            double term = Math.exp(-lambda + k * Math.log(lambda) - logFactorial(k));
            return sumWhileSignificant(term, j -> lambda / (j + 1), k, true, Long.MAX_VALUE);
        }
        // the tail is large: 1 - P(X < k), the lower terms summed downwards from k - 1
        double term = Math.exp(-lambda + (k - 1) * Math.log(lambda) - logFactorial(k - 1));
        double lower = sumWhileSignificant(term, j -> j / lambda, k - 1, false, 0);
        return clamp(1.0 - lower);
    }

    /** P(X ≥ k) for X ~ Binomial(n, p). */
    public static double binomial(long k, long n, double p) {
        if (k <= 0) {
            return 1.0;
        }
        if (k > n || !(p > 0)) {
            return 0.0;
        }
        if (p >= 1) {
            return 1.0;
        }
        double odds = p / (1 - p);
        if (k > n * p) {
            double term = Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
            return clamp(sumWhileSignificant(term, j -> (n - j) / (double) (j + 1) * odds, k, true, n));
        }
        double term = Math.exp(logChoose(n, k - 1) + (k - 1) * Math.log(p) + (n - k + 1) * Math.log1p(-p));
        double lower = sumWhileSignificant(term, j -> j / ((n - j + 1) * odds), k - 1, false, 0);
        return clamp(1.0 - lower);
    }

    /** ln(n!) */
    public static double logFactorial(long n) {
        if (n < TABLE) {
            return LOG_FACTORIAL[(int) n];
        }
        double x = n;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }

    private static double logChoose(long n, long k) {
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    private interface Step {
        /** the ratio of the next term to the term at index j */
        double ratio(long j);
    }

    /** Sums the terms from index {@code start} up or down until they no longer matter or the index reaches {@code end}. */
    private static double sumWhileSignificant(double first, Step step, long start, boolean up, long end) {
        long j = start;
        double term = first;
        double sum = 0;
        for (int n = 0; n < MAX_TERMS && term > 0; n++) {
            sum += term;
            if (term < sum * NEGLIGIBLE || j == end) {
                break;
            }
            term *= step.ratio(j);
            j += up ? 1 : -1;
        }
        return sum;
    }

    private static double clamp(double p) {
        return Math.max(0.0, Math.min(1.0, p));
    }
}
