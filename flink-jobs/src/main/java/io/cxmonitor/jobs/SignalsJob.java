package io.cxmonitor.jobs;

import io.cxmonitor.jobs.config.ConfigException;
import io.cxmonitor.jobs.config.CxConfig;
import io.cxmonitor.jobs.config.CxOptions;
import io.cxmonitor.jobs.health.PipelineHealth;
import io.cxmonitor.jobs.ingest.EventIngest;
import io.cxmonitor.jobs.sink.InfluxPoint;
import io.cxmonitor.jobs.sink.InfluxSettings;
import io.cxmonitor.jobs.sink.InfluxSink;
import io.cxmonitor.jobs.time.WindowSettings;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The CX signals job: reads the four input streams once and computes every signal of SPEC
 * section 3 from them, writing to InfluxDB. One job rather than one per signal, so that each
 * record is read, parsed and dead-lettered exactly once.
 *
 * <p>Run on a cluster with {@code flink run cxmon-flink-jobs-*-job.jar --config cxmon.properties}.
 */
public final class SignalsJob {

    public static final String NAME = "cx-signals";

    private SignalsJob() {}

    public static void main(String[] args) throws Exception {
        CxConfig config;
        try {
            config = CxConfig.fromArgs(args, System.getenv());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env, config);
        env.execute(NAME);
    }

    /** Adds the job's operators to {@code env}; the caller executes it. */
    public static void define(StreamExecutionEnvironment env, CxConfig config) {
        env.enableCheckpointing(config.get(CxOptions.CHECKPOINT_INTERVAL).toMillis());
        // No function here mutates or keeps its input, so chained operators may share objects.
        env.getConfig().enableObjectReuse();

        EventIngest ingest = EventIngest.attach(env, config, NAME);
        WindowSettings windows = WindowSettings.from(config);

        DataStream<InfluxPoint> points = PipelineHealth.points(ingest, windows);
        points.sinkTo(new InfluxSink(InfluxSettings.from(config)))
                .uid("influxdb-sink")
                .name("InfluxDB");
    }
}
