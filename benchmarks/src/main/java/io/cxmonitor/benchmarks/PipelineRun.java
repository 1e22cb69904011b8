package io.cxmonitor.benchmarks;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.jobs.InfluxJob;
import io.cxmonitor.jobs.SignalsJob;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.types.CxEventType;
import io.cxmonitor.jobs.common.windows.Accumulate;
import io.cxmonitor.jobs.ingest.Deduplicate;
import io.cxmonitor.jobs.ingest.EventIngest;
import io.cxmonitor.jobs.ingest.ParsedRecord;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * One job of {@link PipelineBenchmark} over the pre-filled topics, in the JVM of its own that the
 * benchmark starts for it: {@code PipelineRun JOB PARALLELISM KEY=VALUE...}. Its last line is the
 * job's time from definition to the end of its input, local cluster start-up included; the lines
 * before it say where its CPU went ({@link ThreadCpu}).
 */
final class PipelineRun {

    static final String CEILING = "ceiling";
    static final String DEDUPLICATED = "ceiling+dedup";
    static final String SIGNALS = SignalsJob.NAME;
    static final String INFLUX = InfluxJob.NAME;
    static final String SECONDS = "seconds=";
    static final String CPU_PROPERTY = "cxmon.bench.cpu";

    private PipelineRun() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            values.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        CxConfig config = CxConfig.load(Map.of(), Map.of(), values);
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                Files.createTempDirectory("cxmon-bench-checkpoints").toUri().toString());
        // read threads' CPU only when asked: the reading itself costs the job a little
        ThreadCpu cpu = Boolean.getBoolean(CPU_PROPERTY) ? ThreadCpu.watch() : null;
        long began = System.nanoTime();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(Integer.parseInt(args[1]));
        switch (args[0]) {
            case CEILING -> ceiling(env, config);
            case DEDUPLICATED -> deduplicated(env, config);
            case SIGNALS -> SignalsJob.define(env, config);
            case INFLUX -> InfluxJob.define(env, config);
            default -> throw new IllegalArgumentException("no job " + args[0]);
        }
        env.execute(args[0]);
        double seconds = (System.nanoTime() - began) / 1e9;
        if (cpu != null) {
            cpu.table().forEach(System.out::println);
        }
        System.out.println(SECONDS + seconds);
        System.exit(0);
    }

    /**
     * The ceiling and the one thing the contract asks of every event before any signal (SPEC 2):
     * parse, key by subject, drop repeats, count per 10 s, discard.
     */
    private static void deduplicated(StreamExecutionEnvironment env, CxConfig config) {
        env.fromSource(EventIngest.source(config, DEDUPLICATED), EventIngest.watermarks(config), "Kafka")
                .filter(ParsedRecord::hasEvent)
                .map(r -> r.event).returns(CxEventType.INSTANCE)
                .keyBy(CxEvent::deviceId, Types.STRING)
                .connect(StateBenchmark.noRequests(env))
                .process(new Deduplicate(config.get(CxOptions.EVENTS_DEDUP_WINDOW)))
                .map(e -> e.stream.ordinal() << 8 | e.type.ordinal()).returns(Types.INT)
                .keyBy(code -> code, Types.INT)
                .window(TumblingEventTimeWindows.of(Duration.ofSeconds(10)))
                .aggregate(Accumulate.count(), Types.LONG, Types.LONG)
                .sinkTo(new DiscardingSink<>());
    }

    /** The ceiling: parse, key, count per 10 s, discard. */
    private static void ceiling(StreamExecutionEnvironment env, CxConfig config) {
        env.fromSource(EventIngest.source(config, CEILING), EventIngest.watermarks(config), "Kafka")
                .filter(ParsedRecord::hasEvent)
                .map(r -> r.event.stream.ordinal() << 8 | r.event.type.ordinal()).returns(Types.INT)
                .keyBy(code -> code, Types.INT)
                .window(TumblingEventTimeWindows.of(Duration.ofSeconds(10)))
                .aggregate(Accumulate.count(), Types.LONG, Types.LONG)
                .sinkTo(new DiscardingSink<>());
    }
}
