package io.cxmonitor.localstack;

import java.util.concurrent.atomic.AtomicInteger;

/** Unique topic and database names, so that tests sharing one broker and one influxd never meet. */
public final class TestNames {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);

    private TestNames() {}

    public static String unique(String prefix) {
        return prefix + "_" + RUN + "_" + COUNTER.incrementAndGet();
    }
}
