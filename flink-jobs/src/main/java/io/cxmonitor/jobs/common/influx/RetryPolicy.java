package io.cxmonitor.jobs.common.influx;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, bounded by a maximum delay and by how long one batch may keep
 * failing before the write gives up. A server's {@code Retry-After} is honoured when it asks for
 * more patience than the backoff would give.
 */
public final class RetryPolicy implements Serializable {

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration timeout;

    public RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration timeout) {
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.timeout = timeout;
    }

    /**
     * The pause before retry number {@code attempt} (1 for the first retry): half the exponential
     * delay plus a random part of the other half, so that writers do not retry in lockstep.
     */
    public Duration delay(int attempt, Duration retryAfter) {
        long base = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(Math.max(base, 1), maxBackoff.toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        if (retryAfter != null && retryAfter.toMillis() > jittered) {
            return retryAfter;
        }
        return Duration.ofMillis(jittered);
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public String toString() {
        return "retries from " + initialBackoff.toMillis() + " ms up to " + maxBackoff.toMillis()
                + " ms apart, for at most " + timeout.toSeconds() + " s";
    }
}
