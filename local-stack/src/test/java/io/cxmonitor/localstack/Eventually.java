package io.cxmonitor.localstack;

import java.time.Duration;

/** Retries an assertion until it passes or the time is up, for results that arrive asynchronously. */
public final class Eventually {

    /** An assertion that may throw. */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    /** A value that is ready once the assertions in it pass. */
    @FunctionalInterface
    public interface Value<T> {
        T get() throws Exception;
    }

    private Eventually() {}

    /** The value, once computing it passes its assertions. */
    public static <T> T value(Duration timeout, Value<T> value) {
        java.util.concurrent.atomic.AtomicReference<T> result = new java.util.concurrent.atomic.AtomicReference<>();
        within(timeout, () -> result.set(value.get()));
        return result.get();
    }

    public static void within(Duration timeout, Check check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError | Exception e) {
                if (System.nanoTime() > deadline) {
                    if (e instanceof AssertionError a) {
                        throw a;
                    }
                    throw new AssertionError("still failing after " + timeout, e);
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
