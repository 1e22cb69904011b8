package io.cxmonitor.benchmarks;

import io.cxmonitor.jobs.privacy.Privacy;
import io.cxmonitor.domain.privacy.ForgetRequest;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.BadExperienceKind;
import io.cxmonitor.domain.friction.FrictionRules;
import io.cxmonitor.domain.journeys.Funnel;
import io.cxmonitor.domain.journeys.SessionAnalyzer;
import io.cxmonitor.domain.journeys.Sessions;
import io.cxmonitor.domain.risk.RiskSettings;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.ingest.Deduplicate;
import io.cxmonitor.jobs.journeys.SessionTracker;
import io.cxmonitor.jobs.risk.RiskInput;
import io.cxmonitor.jobs.risk.SwitchingRiskFunction;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Heap taken by keyed state per distinct customer, for the operators whose state grows with
 * customers: open sessions in the session tracker, the switching-risk function's customer state,
 * and the ids de-duplication remembers. A local job feeds five records to each of N customers
 * (heap state backend); the live objects of the heap are counted class by class at N/2 and at N
 * customers (the JVM's class histogram, after a full GC), and the slope is the cost of one more
 * customer, free of everything that does not grow with customers. Counting live objects, not the
 * used heap, keeps the collector's half-filled regions out of the figure.
 */
@Command(name = "state", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = "Heap per distinct customer of the session state and the alerting state, measured at 1M customers.")
final class StateBenchmark implements Callable<Integer> {

    enum Operator { sessions, alerts, dedup }

    private static final int EVENTS_PER_CUSTOMER = 5;
    private static final long START = 1_795_424_400_000L;

    /** The source stops at these two records until the heap has been read. */
    private static final Checkpoint HALF = new Checkpoint();
    private static final Checkpoint END = new Checkpoint();
    private static volatile long halfIndex;
    private static volatile long lastIndex;

    @Option(names = "--customers", defaultValue = "1000000", description = "Distinct customers (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--state", defaultValue = "sessions", description = "sessions (open sessions), alerts "
            + "(switching-risk state: purchases and a bad-experience episode) or dedup (the event ids "
            + "de-duplication remembers) (default: ${DEFAULT-VALUE}).")
    Operator operator;

    @Override
    public Integer call() throws Exception {
        long total = (long) customers * EVENTS_PER_CUSTOMER;
        halfIndex = total / 2;
        lastIndex = total - 1;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        if (operator == Operator.sessions) {
            env.fromSource(new DataGeneratorSource<>(StateBenchmark::event, total, RateLimiterStrategy.noOp(),
                            Types.POJO(CxEvent.class)),
                            StateBenchmark.<CxEvent>watermarkEach().withTimestampAssigner((e, t) -> e.ts), "events")
                    .keyBy(CxEvent::deviceId, Types.STRING)
                    .connect(requests(env).broadcast(Privacy.NO_BROADCAST_STATE))
                    .process(new SessionTracker(new SessionAnalyzer(FrictionRules.DEFAULT, Funnel.GA4),
                            new Sessions(Duration.ofDays(365), Duration.ofDays(365))))
                    .sinkTo(new DiscardingSink<>());
        } else if (operator == Operator.dedup) {
            env.fromSource(new DataGeneratorSource<>(StateBenchmark::event, total, RateLimiterStrategy.noOp(),
                            Types.POJO(CxEvent.class)),
                            StateBenchmark.<CxEvent>watermarkEach().withTimestampAssigner((e, t) -> e.ts), "events")
                    .keyBy(CxEvent::deviceId, Types.STRING)
                    .connect(noRequests(env))
                    .process(new Deduplicate(CxOptions.EVENTS_DEDUP_WINDOW.defaultValue()))
                    .sinkTo(new DiscardingSink<>());
        } else {
            BroadcastStream<String> noControl = env.fromSource(new DataGeneratorSource<>(i -> "{}", 0,
                    RateLimiterStrategy.noOp(), Types.STRING), WatermarkStrategy.noWatermarks(), "control")
                    .broadcast(SwitchingRiskFunction.SETTINGS);
            env.fromSource(new DataGeneratorSource<>(StateBenchmark::riskInput, total, RateLimiterStrategy.noOp(),
                            Types.POJO(RiskInput.class)),
                            StateBenchmark.<RiskInput>watermarkEach().withTimestampAssigner((r, t) -> r.ts),
                            "risk inputs")
                    .keyBy(r -> r.customerId, Types.STRING)
                    .connect(noControl)
                    .process(new SwitchingRiskFunction(RiskSettings.DEFAULT, CxOptions.EVENTS_DEDUP_WINDOW.defaultValue()))
                    .sinkTo(new DiscardingSink<>());
        }
        CompletableFuture<?> job = CompletableFuture.runAsync(() -> {
            try {
                env.execute("state size");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        HALF.reached.await();
        Thread.sleep(3_000); // what was emitted reaches the tracker, and the watermark passes it
        Map<String, Long> atHalf = liveBytesByClass();
        HALF.release.countDown();
        END.reached.await();
        Thread.sleep(3_000);
        Map<String, Long> atEnd = liveBytesByClass();
        END.release.countDown();
        job.get();
        long added = (lastIndex - halfIndex) / EVENTS_PER_CUSTOMER;
        System.out.printf("Live heap after GC: %,d MB at %,d customers, %,d MB at %,d customers%n",
                atHalf.get(TOTAL) >> 20, halfIndex / EVENTS_PER_CUSTOMER, atEnd.get(TOTAL) >> 20,
                lastIndex / EVENTS_PER_CUSTOMER);
        System.out.println("Per customer, by class:");
        atEnd.entrySet().stream()
                .filter(e -> !e.getKey().equals(TOTAL))
                .map(e -> Map.entry(e.getKey(), (e.getValue() - atHalf.getOrDefault(e.getKey(), 0L)) / (double) added))
                .filter(e -> Math.abs(e.getValue()) >= 1)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> System.out.printf("  %7.1f  %s%n", e.getValue(), e.getKey()));
        long perCustomer = (atEnd.get(TOTAL) - atHalf.get(TOTAL)) / added;
        switch (operator) {
            case sessions -> System.out.printf("Open-session state: %,d bytes per customer (heap state backend)%n",
                    perCustomer);
            case alerts -> System.out.printf("Switching-risk state: %,d bytes per customer (heap state backend)%n",
                    perCustomer);
            case dedup -> System.out.printf("De-duplication state: %,d bytes per customer with %d events, %,d bytes "
                    + "per event remembered (heap state backend)%n", perCustomer, EVENTS_PER_CUSTOMER,
                    perCustomer / EVENTS_PER_CUSTOMER);
        }
        return 0;
    }

    /** Customer i's session, event by event; holds the source at the two reading points. */
    private static CxEvent event(long index) throws InterruptedException {
        if (index == halfIndex) {
            HALF.stopHere();
        } else if (index == lastIndex) {
            END.stopHere();
        }
        long customer = index / EVENTS_PER_CUSTOMER;
        int step = (int) (index % EVENTS_PER_CUSTOMER);
        EventType type = new EventType[] {EventType.PAGE_VIEW, EventType.VIEW_ITEM, EventType.CLICK,
            EventType.ADD_TO_CART, EventType.CLICK}[step];
        CxEvent e = new CxEvent(Stream.CLICKSTREAM, type, "e-" + index, START + index);
        e.customerId = String.format("c-%07d", customer);
        e.sessionId = "s-" + customer;
        e.pageType = "product";
        e.price = 25.0;
        e.x = 100.0 * step;
        e.y = 100.0;
        e.element = "#e" + step;
        return e;
    }

    /**
     * Customer i's two purchases, a visit, a failed checkout and another visit: four events in the
     * customer's timeline, as the alerting job reads them from the input topics.
     */
    private static RiskInput riskInput(long index) throws InterruptedException {
        if (index == halfIndex) {
            HALF.stopHere();
        } else if (index == lastIndex) {
            END.stopHere();
        }
        String customer = String.format("c-%07d", index / EVENTS_PER_CUSTOMER);
        long ts = START + index;
        int step = (int) (index % EVENTS_PER_CUSTOMER);
        if (step == 3) {
            return RiskInput.experience(new BadExperience(customer, BadExperienceKind.CHECKOUT_FAILURE, 0.9, "web",
                    ts, "e-" + index));
        }
        CxEvent e = new CxEvent(Stream.CLICKSTREAM, step < 2 ? EventType.PURCHASE : EventType.PAGE_VIEW, "e-" + index, ts);
        e.customerId = customer;
        e.sessionId = "s-" + customer;
        e.page = step < 2 ? "/checkout/done" : "/product/" + (index % 1000);
        e.pageType = step < 2 ? "checkout" : "product";
        e.value = step < 2 ? 40.0 : null;
        return RiskInput.activity(e);
    }

    /**
     * A watermark after every record: when the source stops at a reading point, no record waits
     * for a periodic watermark that cannot come, so the state holds what was sent, exactly.
     */
    private static <T> WatermarkStrategy<T> watermarkEach() {
        return WatermarkStrategy.forGenerator(context -> new WatermarkGenerator<T>() {
            @Override
            public void onEvent(T record, long timestamp, WatermarkOutput output) {
                output.emitWatermark(new Watermark(timestamp));
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {}
        });
    }

    private static final String TOTAL = "total";

    /**
     * The bytes of live objects per class, and their {@link #TOTAL}: the JVM's class histogram
     * (what {@code jcmd PID GC.class_histogram} prints), which runs a full GC first.
     */
    private static Map<String, Long> liveBytesByClass() throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {null}, new String[] {String[].class.getName()});
        Map<String, Long> bytes = new HashMap<>();
        long total = 0;
        for (String line : histogram.split("\n")) {
            Matcher m = HISTOGRAM_LINE.matcher(line);
            if (m.find()) {
                long b = Long.parseLong(m.group(1));
                bytes.merge(m.group(2), b, Long::sum);
                total += b;
            }
        }
        bytes.put(TOTAL, total);
        return bytes;
    }

    /** "   1:   1234   56789  [B (java.base@17)": instances, bytes, class. */
    private static final Pattern HISTOGRAM_LINE = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");

    /** A point where the source waits for the measurement. */
    private static final class Checkpoint {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        void stopHere() throws InterruptedException {
            reached.countDown();
            release.await();
        }
    }

    /** No requests to forget a customer: the second input of the operators that keep customers. */
    static KeyedStream<ForgetRequest, String> noRequests(StreamExecutionEnvironment env) {
        return requests(env).keyBy(r -> r.customerId, Types.STRING);
    }

    private static DataStream<ForgetRequest> requests(StreamExecutionEnvironment env) {
        return env.fromSource(new DataGeneratorSource<>(i -> new ForgetRequest("nobody", "none"), 0,
                        RateLimiterStrategy.noOp(), Types.POJO(ForgetRequest.class)), WatermarkStrategy.noWatermarks(),
                        "no requests to forget");
    }
}
