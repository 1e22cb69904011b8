package io.cxmonitor.jobs.common.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofMinutes(1));

    @RepeatedTest(20)
    void backoffDoublesWithJitterUpToTheMaximum() {
        assertThat(policy.delay(1, null).toMillis()).isBetween(50L, 100L);
        assertThat(policy.delay(2, null).toMillis()).isBetween(100L, 200L);
        assertThat(policy.delay(4, null).toMillis()).isBetween(400L, 800L);
        assertThat(policy.delay(10, null).toMillis()).isBetween(1000L, 2000L);
        assertThat(policy.delay(60, null).toMillis()).isBetween(1000L, 2000L);
    }

    @Test
    void honoursRetryAfterWhenItAsksForMorePatience() {
        assertThat(policy.delay(1, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.delay(10, Duration.ofMillis(1)).toMillis()).isGreaterThanOrEqualTo(1000L);
    }

    @Test
    void readsRetryAfterInSecondsOrAsAnHttpDate() {
        assertThat(InfluxWriter.parseRetryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(InfluxWriter.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(InfluxWriter.parseRetryAfter("soon")).isNull();
        assertThat(InfluxWriter.parseRetryAfter(null)).isNull();
    }

    @Test
    void retriesOnlyWhatAPassingConditionExplains() {
        assertThat(InfluxWriter.isRetryable(0)).isTrue();
        assertThat(InfluxWriter.isRetryable(429)).isTrue();
        assertThat(InfluxWriter.isRetryable(500)).isTrue();
        assertThat(InfluxWriter.isRetryable(503)).isTrue();
        assertThat(InfluxWriter.isRetryable(400)).isFalse();
        assertThat(InfluxWriter.isRetryable(401)).isFalse();
        assertThat(InfluxWriter.isRetryable(403)).isFalse();
        assertThat(InfluxWriter.isRetryable(404)).isFalse();
    }
}
