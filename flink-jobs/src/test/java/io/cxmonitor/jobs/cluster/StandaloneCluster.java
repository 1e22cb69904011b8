package io.cxmonitor.jobs.cluster;

import io.cxmonitor.localstack.Ports;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Flink standalone session cluster as {@code bin/start-cluster.sh} starts it, without the
 * scripts: one JobManager and N TaskManagers, each a JVM of its own with Flink's jars on its
 * classpath (never the jobs': they come in the job jar), a {@code config.yaml} directory and a log
 * folder. {@link #flink} is Flink's own CLI ({@code CliFrontend}), as a data engineer runs it.
 */
public final class StandaloneCluster implements AutoCloseable {

    /** Flink's own distribution on the test classpath: everything but this project and what the job jar brings. */
    private static final List<String> NOT_FLINK = List.of("/cxmon-", "/target/classes", "/target/test-classes",
            "flink-connector-kafka", "flink-connector-base", "kafka-clients", "kafka_2.13", "/kafka-", "influxdb-java",
            "okhttp", "retrofit", "jqwik", "datafaker", "junit", "assertj", "opentest4j");

    private static final List<String> JAVA_17_OPENS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private final Path dir;
    private final Path conf;
    private final int restPort;
    private final String classpath;
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private StandaloneCluster(Path dir, int restPort) {
        this.dir = dir;
        this.conf = dir.resolve("conf");
        this.restPort = restPort;
        String testClasspath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        this.classpath = Arrays.stream(testClasspath.split(File.pathSeparator))
                .filter(entry -> NOT_FLINK.stream().noneMatch(entry::contains))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * Starts a JobManager and {@code taskManagers} TaskManagers with Flink's default configuration
     * (the distribution's {@code config.yaml}: no checkpoint directory) plus {@code settings}.
     */
    public static StandaloneCluster start(Path dir, int taskManagers, Map<String, String> settings) throws Exception {
        StandaloneCluster cluster = new StandaloneCluster(dir, Ports.free());
        try {
            cluster.writeConfig(settings);
            cluster.processes.add(cluster.java("jobmanager",
                    "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", "GET_JM_RESOURCE_PARAMS"));
            cluster.awaitTaskManagers(0);
            for (int i = 0; i < taskManagers; i++) {
                cluster.startTaskManager();
            }
            cluster.awaitTaskManagers(taskManagers);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close(); // no JVM of a cluster that did not come up outlives the test
            throw e;
        }
    }

    /** Starts one more TaskManager, for instance to replace one that died. */
    public Process startTaskManager() throws IOException {
        Process tm = java("taskmanager-" + processes.size(), "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                "GET_TM_RESOURCE_PARAMS");
        processes.add(tm);
        return tm;
    }

    public String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    /** {@code flink <args>} with this cluster's configuration; the exit code and everything it printed. */
    public Result flink(String... args) throws Exception {
        Path out = Files.createTempFile(dir, "flink-cli-", ".log");
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m"));
        command.addAll(JAVA_17_OPENS);
        command.addAll(List.of("-Dlog4j.configurationFile=" + conf.resolve("log4j-cli.properties").toUri(),
                "-cp", classpath, "org.apache.flink.client.cli.CliFrontend"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("FLINK_CONF_DIR", conf.toString());
        Process cli = builder.start();
        if (!cli.waitFor(3, TimeUnit.MINUTES)) {
            cli.destroyForcibly();
            throw new IllegalStateException("flink " + String.join(" ", args) + " did not finish in 3 minutes");
        }
        return new Result(cli.exitValue(), Files.readString(out));
    }

    /** What {@code flink} did. */
    public record Result(int exitCode, String output) {}

    /** GET on the REST API, as text. */
    public String rest(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(restUrl() + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private void awaitTaskManagers(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try {
                String overview = rest("/overview");
                if (overview.contains("\"taskmanagers\":" + count + ",")) {
                    return;
                }
            } catch (IOException notYet) {
                // the REST endpoint is not up yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster did not come up with " + count + " TaskManagers; "
                        + "the end of its logs:\n" + logTails());
            }
            Thread.sleep(250);
        }
    }

    private String logTails() throws IOException {
        StringBuilder tails = new StringBuilder();
        try (var files = Files.list(dir.resolve("log"))) {
            for (Path file : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                tails.append("==> ").append(file.getFileName()).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size())))
                        .append('\n');
            }
        }
        return tails.toString();
    }

    /**
     * Starts a Flink process as its script would: the memory of its JVM and its dynamic settings
     * computed from the configuration by Flink's {@code BashJavaUtils}.
     */
    private Process java(String name, String mainClass, String resourceCommand) throws IOException {
        List<String> resources = resourceParams(resourceCommand);
        Path logs = Files.createDirectories(dir.resolve("log"));
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(List.of(resources.get(0).split(" ")));
        command.addAll(JAVA_17_OPENS);
        command.addAll(List.of("-Dlog.file=" + logs.resolve(name + ".log"),
                "-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri(),
                "-cp", classpath, mainClass, "--configDir", conf.toString()));
        command.addAll(List.of(resources.get(1).split(" ")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".out").toFile());
        builder.environment().put("FLINK_CONF_DIR", conf.toString());
        return builder.start();
    }

    private List<String> resourceParams(String command) throws IOException {
        Process utils = new ProcessBuilder(javaBinary(), "-cp", classpath,
                "org.apache.flink.runtime.util.bash.BashJavaUtils", command, "--configDir", conf.toString())
                .redirectErrorStream(true).start();
        String marker = "BASH_JAVA_UTILS_EXEC_RESULT:";
        List<String> results = new String(utils.getInputStream().readAllBytes()).lines()
                .filter(line -> line.startsWith(marker))
                .map(line -> line.substring(marker.length()).trim())
                .toList();
        if (results.size() < 2) {
            throw new IllegalStateException("BashJavaUtils " + command + " gave no resource settings");
        }
        return results.subList(results.size() - 2, results.size());
    }

    private void writeConfig(Map<String, String> settings) throws IOException {
        Files.createDirectories(conf);
        Map<String, String> config = new LinkedHashMap<>();
        // What the distribution's config.yaml sets, on free ports: nothing about checkpoints.
        config.put("jobmanager.rpc.address", "localhost");
        config.put("jobmanager.rpc.port", Integer.toString(Ports.free()));
        config.put("jobmanager.bind-host", "localhost");
        config.put("jobmanager.memory.process.size", "1600m");
        config.put("taskmanager.bind-host", "localhost");
        config.put("taskmanager.host", "localhost");
        config.put("taskmanager.memory.process.size", "1728m");
        config.put("taskmanager.numberOfTaskSlots", "1");
        config.put("parallelism.default", "1");
        config.put("jobmanager.execution.failover-strategy", "region");
        config.put("rest.address", "localhost");
        config.put("rest.bind-address", "localhost");
        config.put("rest.port", Integer.toString(restPort));
        config.put("blob.server.port", Integer.toString(Ports.free()));
        config.put("taskmanager.rpc.port", "0");
        config.putAll(settings);
        StringBuilder yaml = new StringBuilder();
        config.forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
        Files.writeString(conf.resolve("config.yaml"), yaml.toString());
        Files.writeString(conf.resolve("log4j.properties"), """
                rootLogger.level = INFO
                rootLogger.appenderRef.file.ref = file
                appender.file.name = file
                appender.file.type = File
                appender.file.fileName = ${sys:log.file}
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n
                """);
        Files.writeString(conf.resolve("log4j-cli.properties"), """
                rootLogger.level = WARN
                rootLogger.appenderRef.console.ref = console
                appender.console.name = console
                appender.console.type = Console
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n
                """);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The JVMs of the cluster, JobManager first. */
    public List<Process> processes() {
        return List.copyOf(processes);
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "standalone cluster at " + restUrl() + " (" + dir + ")";
    }
}
