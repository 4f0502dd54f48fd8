package io.cxpulse.alerts.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/** Known values (scipy.stats poisson.sf(k-1, λ), binom.sf(k-1, n, p)), far into the tail too. */
class UpperTailTest {

    @Test
    void poissonMatchesKnownValues() {
        assertThat(UpperTail.poisson(0, 3)).isEqualTo(1.0);
        assertThat(UpperTail.poisson(3, 3)).isCloseTo(0.5768099188731566, within(1e-12));
        assertThat(UpperTail.poisson(5, 1)).isCloseTo(0.003659846827343713, Percentage.withPercentage(1e-6));
        assertThat(UpperTail.poisson(10, 2)).isCloseTo(4.649807501726386e-05, Percentage.withPercentage(1e-6));
        assertThat(UpperTail.poisson(130, 100)).isCloseTo(0.0022820930543169544, Percentage.withPercentage(1e-4));
        assertThat(UpperTail.poisson(30, 1)).isCloseTo(1.4330814167223303e-33, Percentage.withPercentage(1e-4));
        assertThat(UpperTail.poisson(6000, 5000)).isCloseTo(4.95270405233315e-43, Percentage.withPercentage(1e-3));
    }

    @Test
    void poissonEdgeCases() {
        assertThat(UpperTail.poisson(1, 0)).isZero();
        assertThat(UpperTail.poisson(1, 2)).isCloseTo(1 - Math.exp(-2), within(1e-12));
        assertThat(UpperTail.poisson(4, 1)).isGreaterThan(UpperTail.poisson(5, 1));
    }

    @Test
    void binomialMatchesKnownValues() {
        assertThat(UpperTail.binomial(8, 10, 0.5)).isCloseTo(0.0546875, within(1e-12));
        assertThat(UpperTail.binomial(18, 30, 0.15)).isCloseTo(2.042344306697616e-08, Percentage.withPercentage(1e-4));
        assertThat(UpperTail.binomial(41, 1000, 0.05)).isCloseTo(0.919363426743309, within(1e-9));
        assertThat(UpperTail.binomial(61, 1000, 0.05)).isCloseTo(0.0670625186333081, Percentage.withPercentage(1e-4));
    }

    @Test
    void binomialEdgeCases() {
        assertThat(UpperTail.binomial(0, 10, 0.3)).isEqualTo(1.0);
        assertThat(UpperTail.binomial(11, 10, 0.3)).isZero();
        assertThat(UpperTail.binomial(10, 10, 0.5)).isCloseTo(1 / 1024.0, within(1e-15));
        assertThat(UpperTail.binomial(1, 10, 0)).isZero();
        assertThat(UpperTail.binomial(10, 10, 1)).isEqualTo(1.0);
    }

    @Test
    void logFactorialIsExactInTheTableAndCloseBeyond() {
        assertThat(UpperTail.logFactorial(0)).isZero();
        assertThat(UpperTail.logFactorial(5)).isCloseTo(Math.log(120), within(1e-12));
        double sum = 0;
        for (int i = 1; i <= 300; i++) {
            sum += Math.log(i);
        }
        assertThat(UpperTail.logFactorial(300)).isCloseTo(sum, Percentage.withPercentage(1e-10));
    }
}
