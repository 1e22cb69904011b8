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
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
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
 * (heap state backend); the used heap after a full GC is read at N/2 and at N customers, and the
 * slope is the cost of one more customer, free of everything that does not grow with customers.
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
                            WatermarkStrategy.<CxEvent>forMonotonousTimestamps().withTimestampAssigner((e, t) -> e.ts), "events")
                    .keyBy(CxEvent::deviceId, Types.STRING)
                    .connect(requests(env).broadcast(Privacy.NO_BROADCAST_STATE))
                    .process(new SessionTracker(new SessionAnalyzer(FrictionRules.DEFAULT, Funnel.GA4),
                            new Sessions(Duration.ofDays(365), Duration.ofDays(365))))
                    .sinkTo(new DiscardingSink<>());
        } else if (operator == Operator.dedup) {
            env.fromSource(new DataGeneratorSource<>(StateBenchmark::event, total, RateLimiterStrategy.noOp(),
                            Types.POJO(CxEvent.class)),
                            WatermarkStrategy.<CxEvent>forMonotonousTimestamps().withTimestampAssigner((e, t) -> e.ts), "events")
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
                            WatermarkStrategy.<RiskInput>forMonotonousTimestamps().withTimestampAssigner((r, t) -> r.ts),
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
        long atHalf = usedHeapAfterGc();
        HALF.release.countDown();
        END.reached.await();
        Thread.sleep(3_000);
        long atEnd = usedHeapAfterGc();
        END.release.countDown();
        job.get();
        long added = (lastIndex - halfIndex) / EVENTS_PER_CUSTOMER;
        System.out.printf("Heap used after GC: %,d MB at %,d customers, %,d MB at %,d customers%n",
                atHalf >> 20, halfIndex / EVENTS_PER_CUSTOMER, atEnd >> 20, lastIndex / EVENTS_PER_CUSTOMER);
        long perCustomer = (atEnd - atHalf) / added;
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

    private static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(300);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

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
