package io.cxmonitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import io.cxmonitor.localstack.FlinkCluster;
import io.cxmonitor.localstack.InfluxServer;
import io.cxmonitor.localstack.KafkaBroker;
import io.cxmonitor.localstack.Paths;
import io.cxmonitor.localstack.Ports;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A real deployment on this machine, without Docker: Kafka and InfluxDB, and a Flink standalone
 * cluster (a JobManager and TaskManagers, each its own JVM, as {@code bin/start-cluster.sh} starts
 * them) with durable checkpoints and savepoints in {@code .cxmon/cluster}. The jobs are then
 * submitted with Flink's own CLI ({@code ./cxmon flink run ...}), as on any cluster.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"A Flink standalone cluster on this machine, with Kafka and InfluxDB: the way to try a real "
                + "deployment without Docker. Submit the jobs with ./cxmon flink run (see README)."},
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Stop.class, ClusterCommand.Status.class,
                ClusterCommand.Services.class})
public final class ClusterCommand implements Runnable {

    @Override
    public void run() {
        System.out.println("Usage: ./cxmon cluster start|stop|status (./cxmon cluster --help)");
    }

    static Path dir() {
        return Path.of(System.getProperty("cxmon.state", ".cxmon")).resolve("cluster");
    }

    private static Path servicesPid() {
        return dir().resolve("services.pid");
    }

    private static Optional<ProcessHandle> services() throws Exception {
        if (!Files.exists(servicesPid())) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readString(servicesPid()).trim())).filter(ProcessHandle::isAlive);
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start Kafka, InfluxDB and a Flink cluster in the background, and return.")
    static final class Start implements Callable<Integer> {

        @Option(names = "--task-managers", defaultValue = "2", description = "TaskManagers (default: ${DEFAULT-VALUE}).")
        int taskManagers;

        @Option(names = "--slots", defaultValue = "2", description = "Slots per TaskManager (default: ${DEFAULT-VALUE}).")
        int slots;

        @Option(names = "--port", defaultValue = "8081", description = "Flink's web UI and REST port (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka port (default: ${DEFAULT-VALUE}).")
        int kafkaPort;

        @Option(names = "--influx-port", defaultValue = "8086", description = "InfluxDB port (default: ${DEFAULT-VALUE}).")
        int influxPort;

        @Override
        public Integer call() throws Exception {
            if (FlinkCluster.attach(dir().resolve("flink")).isPresent() || services().isPresent()) {
                throw new IllegalStateException("a cluster is running already (./cxmon cluster status); "
                        + "stop it first with ./cxmon cluster stop");
            }
            if (InfluxServer.findBinary().isEmpty()) {
                throw new IllegalStateException(InfluxServer.INSTALL_HINT);
            }
            Ports.requireFree(kafkaPort, "Kafka", "--kafka-port");
            Ports.requireFree(influxPort, "InfluxDB", "--influx-port");
            Files.createDirectories(dir().resolve("log"));
            System.out.println("Starting Kafka on 127.0.0.1:" + kafkaPort + " and InfluxDB on 127.0.0.1:" + influxPort + "...");
            startServices();

            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("taskmanager.numberOfTaskSlots", Integer.toString(slots));
            settings.put("execution.checkpointing.dir", dir().resolve("checkpoints").toUri().toString());
            settings.put("execution.checkpointing.savepoint-dir", dir().resolve("savepoints").toUri().toString());
            settings.put("web.submit.enable", "false"); // jobs go through the CLI; an uploaded jar runs any code
            System.out.println("Starting Flink: a JobManager and " + taskManagers + " TaskManagers of " + slots
                    + " slots...");
            try {
                FlinkCluster cluster = FlinkCluster.start(dir().resolve("flink"),
                        FlinkCluster.flinkClasspath(System.getProperty("java.class.path")), port, taskManagers, settings);
                System.out.printf("%nFlink UI and REST: %s%nKafka:             127.0.0.1:%d%nInfluxDB:          "
                        + "http://127.0.0.1:%d%nCheckpoints:       %s%nLogs:              %s%n%n"
                        + "Submit the jobs with Flink's CLI, e.g.:%n  ./cxmon flink run -d %s%n"
                        + "(the README has all four). Stop everything with ./cxmon cluster stop.%n",
                        cluster.restUrl(), kafkaPort, influxPort, dir().resolve("checkpoints"), cluster.logs(), jobJar());
            } catch (Exception | Error e) {
                stopServices();
                throw e;
            }
            return 0;
        }

        /** Kafka and InfluxDB in a JVM of their own that outlives this command. */
        private void startServices() throws Exception {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                    "-Dcxmon.state=" + System.getProperty("cxmon.state", ".cxmon"),
                    "-Dcxmon.log.file=" + dir().resolve("log").resolve("services.log"),
                    "-cp", System.getProperty("java.class.path"), Cxmon.class.getName(), "cluster", "services",
                    "--kafka-port", Integer.toString(kafkaPort), "--influx-port", Integer.toString(influxPort)));
            Process services = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir().resolve("log").resolve("services.out").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            Files.writeString(servicesPid(), Long.toString(services.pid()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.exists(dir().resolve("services.ready"))) {
                if (!services.isAlive() || System.nanoTime() > deadline) {
                    stopServices();
                    throw new IllegalStateException("Kafka and InfluxDB did not start; see "
                            + dir().resolve("log").resolve("services.out"));
                }
                Thread.sleep(200);
            }
        }
    }

    static String jobJar() {
        Path target = Path.of(System.getProperty("cxmon.root", ".")).resolve("flink-jobs").resolve("target");
        return Paths.jobJar(target).map(Path::toString).orElse("flink-jobs/target/cxmon-flink-jobs-<version>-job.jar");
    }

    static void stopServices() throws Exception {
        Optional<ProcessHandle> services = services();
        if (services.isPresent()) {
            services.get().destroy(); // its shutdown hook stops InfluxDB and Kafka
            try {
                services.get().onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                services.get().destroyForcibly();
            }
        }
        Files.deleteIfExists(servicesPid());
        Files.deleteIfExists(dir().resolve("services.ready"));
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop the Flink cluster (its jobs with it), Kafka and InfluxDB; checkpoints and savepoints stay.")
    static final class Stop implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            Optional<FlinkCluster> cluster = FlinkCluster.attach(dir().resolve("flink"));
            if (cluster.isEmpty() && services().isEmpty()) {
                System.out.println("No cluster is running.");
                return 0;
            }
            cluster.ifPresent(FlinkCluster::close);
            stopServices();
            System.out.println("Stopped. Checkpoints and savepoints stay in " + dir());
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "What runs: Flink's processes and jobs, Kafka, InfluxDB.")
    static final class Status implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public Integer call() throws Exception {
            Optional<FlinkCluster> found = FlinkCluster.attach(dir().resolve("flink"));
            if (found.isEmpty()) {
                System.out.println("No Flink cluster is running: ./cxmon cluster start");
                return services().isPresent() ? 1 : 3;
            }
            FlinkCluster cluster = found.get();
            System.out.println("Flink " + cluster.restUrl() + ": " + String.join(", ", cluster.alive().keySet()));
            JsonNode overview = JSON.readTree(cluster.rest("/overview"));
            System.out.printf("  Flink %s, %d TaskManagers, %d of %d slots free, %d jobs running%n",
                    overview.path("flink-version").asText(), overview.path("taskmanagers").asInt(),
                    overview.path("slots-available").asInt(), overview.path("slots-total").asInt(),
                    overview.path("jobs-running").asInt());
            for (JsonNode job : JSON.readTree(cluster.rest("/jobs/overview")).path("jobs")) {
                System.out.println("  job " + job.path("name").asText() + " " + job.path("state").asText() + " ("
                        + job.path("jid").asText() + ")");
            }
            System.out.println(services().isPresent() ? "Kafka and InfluxDB: running" : "Kafka and InfluxDB: stopped");
            return 0;
        }
    }

    /** The services JVM: Kafka with the topics, and InfluxDB, until it is told to stop. */
    @Command(name = "services", hidden = true)
    static final class Services implements Callable<Integer> {

        @Option(names = "--kafka-port", required = true)
        int kafkaPort;

        @Option(names = "--influx-port", required = true)
        int influxPort;

        @Override
        public Integer call() throws Exception {
            InfluxServer influx = InfluxServer.launch(influxPort, dir().resolve("influxdb")); // stops with this JVM
            KafkaBroker kafka = KafkaBroker.start(kafkaPort);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "kafka-shutdown"));
            CxConfig config = CxConfig.load(Map.of(), System.getenv(),
                    Map.of(CxOptions.KAFKA_BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers()));
            kafka.createTopics(2, KafkaTopics.all(config));
            Files.writeString(dir().resolve("services.ready"), influx.url());
            Thread.currentThread().join(); // until ./cxmon cluster stop sends SIGTERM
            return 0;
        }
    }
}
