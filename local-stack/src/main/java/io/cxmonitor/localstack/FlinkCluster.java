package io.cxmonitor.localstack;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Flink standalone session cluster as {@code bin/start-cluster.sh} starts it, without the
 * scripts: one JobManager and N TaskManagers, each a JVM of its own with Flink's jars on its
 * classpath (never the jobs': they come in the job jar), a {@code conf} directory with
 * {@code config.yaml}, and a {@code log} folder. {@link #cli} is Flink's own CLI
 * ({@code CliFrontend}), as a data engineer runs {@code flink}.
 *
 * <p>The JVMs outlive the one that started them, as a cluster does; their process ids are kept in
 * the cluster's directory, so that {@link #attach} finds them again and {@link #close} stops them.
 */
public final class FlinkCluster implements AutoCloseable {

    /** What is on a classpath besides Flink's own distribution: this project and what the job jar brings. */
    private static final List<String> NOT_FLINK = List.of("/cxmon-", "/target/classes", "/target/test-classes",
            "/cxmon.jar", "flink-connector-kafka", "flink-connector-base", "kafka-clients", "kafka_2.13", "/kafka-",
            "influxdb-java", "okhttp", "retrofit", "jqwik", "datafaker", "junit", "assertj", "opentest4j", "picocli",
            "jackson-dataformat-yaml");

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

    private static final String CLASSPATH_FILE = "classpath.txt";
    private static final String PIDS_FILE = "pids";

    private final Path dir;
    private final Path conf;
    private final int restPort;
    private final String classpath;
    private final HttpClient http = HttpClient.newHttpClient();
    /** The JVM options of the TaskManagers this object starts ({@code env.java.opts.*}). */
    private List<String> taskManagerOptions = List.of();

    private FlinkCluster(Path dir, int restPort, String classpath) {
        this.dir = dir;
        this.conf = dir.resolve("conf");
        this.restPort = restPort;
        this.classpath = classpath;
    }

    /** The entries of a classpath that are Flink's distribution (and its logging), for the cluster's JVMs. */
    public static String flinkClasspath(String classpath) {
        return Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank() && NOT_FLINK.stream().noneMatch(entry::contains))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * Starts a JobManager and {@code taskManagers} TaskManagers and waits until they are up.
     *
     * @param classpath Flink's jars ({@link #flinkClasspath})
     * @param restPort the port of the web UI and REST API
     * @param settings what {@code config.yaml} sets beyond Flink's distribution defaults
     */
    public static FlinkCluster start(Path dir, String classpath, int restPort, int taskManagers,
            Map<String, String> settings) throws Exception {
        Ports.requireFree(restPort, "Flink's REST API", "--port");
        FlinkCluster cluster = new FlinkCluster(dir, restPort, classpath);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(CLASSPATH_FILE), classpath);
            Files.writeString(dir.resolve(PIDS_FILE), "");
            cluster.writeConfig(settings);
            cluster.taskManagerOptions = javaOptions(settings, "env.java.opts.taskmanager");
            cluster.java("jobmanager", "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                    "GET_JM_RESOURCE_PARAMS", javaOptions(settings, "env.java.opts.jobmanager"));
            cluster.awaitTaskManagers(0);
            for (int i = 0; i < taskManagers; i++) {
                cluster.startTaskManager();
            }
            cluster.awaitTaskManagers(taskManagers);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close(); // no JVM of a cluster that did not come up outlives the attempt
            throw e;
        }
    }

    /** The cluster that {@link #start} left in {@code dir}, if its JobManager still runs. */
    public static Optional<FlinkCluster> attach(Path dir) throws IOException {
        Path config = dir.resolve("conf").resolve("config.yaml");
        if (!Files.exists(config) || !Files.exists(dir.resolve(CLASSPATH_FILE))) {
            return Optional.empty();
        }
        int port = Files.readAllLines(config).stream().filter(line -> line.startsWith("rest.port: "))
                .map(line -> Integer.parseInt(line.substring("rest.port: ".length()).trim())).findFirst().orElseThrow();
        FlinkCluster cluster = new FlinkCluster(dir, port, Files.readString(dir.resolve(CLASSPATH_FILE)));
        return cluster.alive().isEmpty() ? Optional.empty() : Optional.of(cluster);
    }

    /** Starts one more TaskManager, for instance to replace one that died. */
    public ProcessHandle startTaskManager() throws IOException {
        // numbered by the JVMs the cluster ever started (the JobManager is the first), dead ones too
        String name = "taskmanager-" + Files.readAllLines(dir.resolve(PIDS_FILE)).size();
        return java(name, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", "GET_TM_RESOURCE_PARAMS",
                taskManagerOptions).toHandle();
    }

    public String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    public Path logs() {
        return dir.resolve("log");
    }

    /** Flink's CLI ({@code flink <args>}) for this cluster, to start; {@code env} adds to its environment. */
    public ProcessBuilder cli(Map<String, String> env, List<String> args) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m"));
        command.addAll(JAVA_17_OPENS);
        command.addAll(List.of("-Dlog4j.configurationFile=" + conf.resolve("log4j-cli.properties").toUri(),
                "-cp", classpath, "org.apache.flink.client.cli.CliFrontend"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.environment().put("FLINK_CONF_DIR", conf.toString());
        return builder;
    }

    /** {@code flink <args>}: the exit code and everything it printed. */
    public Result flink(Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "flink-cli-", ".log");
        Process cli = cli(env, List.of(args)).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!cli.waitFor(3, TimeUnit.MINUTES)) {
            cli.destroyForcibly();
            throw new IllegalStateException("flink " + String.join(" ", args) + " did not finish in 3 minutes");
        }
        return new Result(cli.exitValue(), Files.readString(out));
    }

    /** {@code flink <args>} with this process's environment. */
    public Result flink(String... args) throws Exception {
        return flink(Map.of(), args);
    }

    /** What {@code flink} did. */
    public record Result(int exitCode, String output) {}

    /** GET on the REST API, as text. */
    public String rest(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(restUrl() + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The cluster's JVMs still running, by name ({@code jobmanager}, {@code taskmanager-1}...). */
    public Map<String, ProcessHandle> alive() throws IOException {
        Map<String, ProcessHandle> alive = new LinkedHashMap<>();
        Path pids = dir.resolve(PIDS_FILE);
        if (!Files.exists(pids)) {
            return alive;
        }
        for (String line : Files.readAllLines(pids)) {
            String[] nameAndPid = line.split(" ");
            if (nameAndPid.length == 2) {
                ProcessHandle.of(Long.parseLong(nameAndPid[1])).filter(ProcessHandle::isAlive)
                        .ifPresent(p -> alive.put(nameAndPid[0], p));
            }
        }
        return alive;
    }

    /** Waits until exactly {@code count} TaskManagers are registered with the JobManager. */
    public void awaitTaskManagers(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try {
                if (rest("/overview").contains("\"taskmanagers\":" + count + ",")) {
                    return;
                }
            } catch (IOException notYet) {
                // the REST endpoint is not up yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Flink cluster did not come up with " + count + " TaskManagers; "
                        + "the end of its logs:\n" + logTails());
            }
            Thread.sleep(250);
        }
    }

    private String logTails() throws IOException {
        StringBuilder tails = new StringBuilder();
        try (var files = Files.list(logs())) {
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
    private Process java(String name, String mainClass, String resourceCommand, List<String> options)
            throws IOException {
        List<String> resources = resourceParams(resourceCommand);
        Path logs = Files.createDirectories(logs());
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(List.of(resources.get(0).split(" ")));
        command.addAll(JAVA_17_OPENS);
        options.forEach(option -> command.add(option.replace("{name}", name)));
        command.addAll(List.of("-Dlog.file=" + logs.resolve(name + ".log"),
                "-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri(),
                "-cp", classpath, mainClass, "--configDir", conf.toString()));
        command.addAll(List.of(resources.get(1).split(" ")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("FLINK_CONF_DIR", conf.toString());
        Process process = builder.start();
        Files.writeString(dir.resolve(PIDS_FILE), name + " " + process.pid() + "\n", StandardOpenOption.APPEND);
        return process;
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
            throw new IllegalStateException("BashJavaUtils " + command + " gave no resource settings; is Flink "
                    + "on the classpath?");
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
        config.put("blob.server.port", Integer.toString(Ports.free()));
        config.put("taskmanager.rpc.port", "0");
        config.putAll(settings);
        config.put("rest.port", Integer.toString(restPort));
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
        // as bin/flink does: the CLI's log goes to a file, its messages to the terminal
        Files.writeString(conf.resolve("log4j-cli.properties"), """
                rootLogger.level = INFO
                rootLogger.appenderRef.file.ref = file
                appender.file.name = file
                appender.file.type = File
                appender.file.append = true
                appender.file.fileName = %s
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = %%d{HH:mm:ss,SSS} %%-5p %%c{1} - %%m%%n
                """.formatted(logs().resolve("flink-cli.log")));
    }

    /**
     * The JVM options Flink's scripts add: {@code env.java.opts.all}, then the process's own
     * ({@code {name}} in them becomes the process's log name, e.g. for a flight recording).
     */
    private static List<String> javaOptions(Map<String, String> settings, String own) {
        List<String> options = new ArrayList<>();
        for (String key : List.of("env.java.opts.all", own)) {
            String value = settings.getOrDefault(key, "").trim();
            if (!value.isEmpty()) {
                options.addAll(List.of(value.split("\\s+")));
            }
        }
        return options;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Stops every JVM of the cluster: first as {@code stop-cluster.sh} does (SIGTERM), then by force. */
    @Override
    public void close() {
        try {
            Map<String, ProcessHandle> alive = alive();
            alive.values().forEach(ProcessHandle::destroy);
            for (ProcessHandle p : alive.values()) {
                try {
                    p.onExit().get(15, TimeUnit.SECONDS);
                } catch (Exception stillRunning) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the process ids of " + this, e);
        }
    }

    @Override
    public String toString() {
        return "Flink standalone cluster at " + restUrl() + " (" + dir + ")";
    }
}
