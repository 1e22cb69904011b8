package io.cxmonitor.jobs;

import io.cxmonitor.jobs.config.ConfigException;
import io.cxmonitor.jobs.config.CxConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * What every job's {@code main} does under {@code flink run}: settings from the arguments and the
 * environment, a bad one refused before anything starts (exit code 2, a message naming the key
 * and the fix), then the job defined and executed.
 */
final class JobLauncher {

    /** Adds a job's operators to the environment; may refuse its settings with a {@link ConfigException}. */
    interface Definition {
        void define(StreamExecutionEnvironment env, CxConfig config);
    }

    private JobLauncher() {}

    static void run(String name, String[] args, Definition job) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        try {
            job.define(env, CxConfig.fromArgs(args, System.getenv()));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        env.execute(name);
    }
}
