package io.cxmonitor.cli;

import io.cxmonitor.localstack.FlinkCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * Flink's own CLI ({@code CliFrontend}, what {@code bin/flink} runs) for the cluster of
 * {@code ./cxmon cluster start}: {@code ./cxmon flink run -d JAR ...}, {@code list}, {@code stop},
 * {@code cancel}, exactly as on any Flink cluster. The environment passes on to the job's
 * {@code main}, so secrets such as {@code CX_PRIVACY_PSEUDONYM_SECRET} come from it.
 */
@Command(name = "flink", description = {"Flink's own CLI for the cluster of ./cxmon cluster start, e.g. "
        + "./cxmon flink run -d JAR --kafka.bootstrap-servers 127.0.0.1:9092; ./cxmon flink list; ./cxmon flink stop ID."})
public final class FlinkCommand implements Callable<Integer> {

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        FlinkCluster cluster = FlinkCluster.attach(ClusterCommand.dir().resolve("flink")).orElseThrow(
                () -> new IllegalStateException("no Flink cluster is running; start one with ./cxmon cluster start"));
        return cluster.cli(Map.of(), args).inheritIO().start().waitFor();
    }
}
