package io.cxmonitor.localstack;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives integration tests a real Kafka broker and a real influxd, started once per test JVM and
 * stopped when the last test has run. Tests isolate themselves with their own topics and
 * databases ({@link TestNames}).
 *
 * <pre>{@code
 * @ExtendWith(LocalStackExtension.class)
 * class MyITCase { ... LocalStackExtension.kafka().bootstrapServers() ... }
 * }</pre>
 */
public final class LocalStackExtension implements BeforeAllCallback {

    private static volatile Services services;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(Services.class);
    }

    public static KafkaBroker kafka() {
        return current().kafka;
    }

    public static InfluxServer influx() {
        return current().influx;
    }

    private static Services current() {
        if (services == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(LocalStackExtension.class)");
        }
        return services;
    }

    /** Both services, closed by JUnit at the end of the test run. */
    public static final class Services implements ExtensionContext.Store.CloseableResource {
        final KafkaBroker kafka;
        final InfluxServer influx;

        public Services() {
            influx = InfluxServer.launch();
            kafka = KafkaBroker.start();
            services = this;
        }

        @Override
        public void close() {
            services = null;
            try {
                kafka.close();
            } finally {
                influx.close();
            }
        }
    }
}
