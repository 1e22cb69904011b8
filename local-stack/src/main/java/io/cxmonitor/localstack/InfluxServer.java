package io.cxmonitor.localstack;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real InfluxDB 1.x server ({@code influxd} from the OS package {@code influxdb}) on 127.0.0.1,
 * with its data in a temporary directory.
 *
 * <p>It never outlives this JVM: besides {@link #close()} and a shutdown hook, {@code influxd} is
 * started under a tiny shell watchdog that kills it as soon as this JVM's end of a pipe closes,
 * which also happens when the JVM is killed with SIGKILL.
 *
 * <p>{@link #stop()} and {@link #start()} may be called repeatedly on the same data directory, to
 * simulate an outage.
 */
public final class InfluxServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxServer.class);

    /** The environment variable that points at an influxd binary outside the PATH. */
    public static final String BINARY_ENV = "CX_INFLUXD";

    public static final String INSTALL_HINT = "InfluxDB 1.x (influxd) is required but was not found. "
            + "Install it with `sudo apt-get install influxdb` (Debian/Ubuntu; ./cxmon test and "
            + "./cxmon demo do this when run as root), or download InfluxDB 1.x from "
            + "https://www.influxdata.com/downloads/ and set " + BINARY_ENV + "=/path/to/influxd.";

    // Reads this JVM's pipe on a spare descriptor; EOF (stop, exit or SIGKILL) kills influxd.
    private static final String WATCHDOG = "exec 3<&0; \"$1\" run -config \"$2\" </dev/null & pid=$!; "
            + "(read _ <&3; kill $pid 2>/dev/null) & wait $pid";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final Path binary;
    private final int port;
    private final Path dir;
    private final boolean temporary;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread shutdownHook = new Thread(this::stop, "influxd-shutdown");
    private Process process;
    /** The admin's {@code Authorization} header when authentication is on, else empty. */
    private String authorization = "";

    private InfluxServer(Path binary, int port, Path dir, boolean temporary) {
        this.binary = binary;
        this.port = port;
        this.dir = dir;
        this.temporary = temporary;
    }

    /** Starts influxd on the given port, with a fresh data directory that is deleted on close. */
    public static InfluxServer launch(int port) {
        return launch(port, null);
    }

    /**
     * Starts influxd on the given port.
     *
     * @param dataDir where the data lives and stays after close; {@code null} for a temporary one
     */
    public static InfluxServer launch(int port, Path dataDir) {
        return launch(port, dataDir, false);
    }

    /**
     * Starts influxd on a free port with {@code auth-enabled = true} and {@code admin} as its first
     * user (all privileges); {@link #query} then logs in as that user, and every other request
     * needs a user of its own.
     */
    public static InfluxServer launchWithAuthentication(String admin, String password) {
        InfluxServer server = launch(Ports.free(), null, true);
        try {
            // influxd takes one statement without credentials while it has no user: the first admin
            server.query("_internal", "CREATE USER \"" + admin + "\" WITH PASSWORD '" + password.replace("'", "\\'")
                    + "' WITH ALL PRIVILEGES");
        } catch (IllegalStateException e) {
            server.close();
            throw e;
        }
        server.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((admin + ":" + password).getBytes(StandardCharsets.UTF_8));
        return server;
    }

    private static InfluxServer launch(int port, Path dataDir, boolean authentication) {
        Path binary = findBinary().orElseThrow(() -> new IllegalStateException(INSTALL_HINT));
        Path dir;
        try {
            dir = dataDir == null ? Files.createTempDirectory("cxmon-influxdb-") : Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the InfluxDB data directory " + dataDir, e);
        }
        InfluxServer server = new InfluxServer(binary, port, dir, dataDir == null);
        server.writeConfig(Ports.free(), authentication);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            server.start();
        } catch (IllegalStateException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Starts influxd on a free port; should another process take the port first, on another. */
    public static InfluxServer launch() {
        for (int attempt = 1; ; attempt++) {
            try {
                return launch(Ports.free());
            } catch (IllegalStateException e) {
                if (attempt == 3 || findBinary().isEmpty()) {
                    throw e;
                }
                LOG.warn("influxd did not start ({}); trying another port", e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    /** The influxd binary: {@value #BINARY_ENV} if set, else the first {@code influxd} on the PATH. */
    public static Optional<Path> findBinary() {
        String explicit = System.getenv(BINARY_ENV);
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String entry : path.split(File.pathSeparator)) {
            Path candidate = Path.of(entry, "influxd");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        for (String fallback : List.of("/usr/bin/influxd", "/usr/local/bin/influxd")) {
            if (Files.isExecutable(Path.of(fallback))) {
                return Optional.of(Path.of(fallback));
            }
        }
        return Optional.empty();
    }

    private void writeConfig(int rpcPort, boolean authentication) {
        String toml = String.join("\n",
                "reporting-disabled = true",
                "bind-address = \"127.0.0.1:" + rpcPort + "\"",
                "[meta]",
                "  dir = \"" + dir.resolve("meta") + "\"",
                "[data]",
                "  dir = \"" + dir.resolve("data") + "\"",
                "  wal-dir = \"" + dir.resolve("wal") + "\"",
                "  query-log-enabled = false",
                "[monitor]",
                "  store-enabled = false",
                "[continuous_queries]",
                "  enabled = false",
                "[http]",
                "  enabled = true",
                "  bind-address = \"127.0.0.1:" + port + "\"",
                "  auth-enabled = " + authentication,
                "  log-enabled = false",
                "[logging]",
                "  level = \"warn\"",
                "");
        try {
            Files.writeString(dir.resolve("influxdb.conf"), toml);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the InfluxDB configuration", e);
        }
    }

    /** Starts (or restarts) influxd and waits until {@code /ping} answers. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        Ports.requireFree(port, "InfluxDB", "--influx-port");
        ProcessBuilder builder = new ProcessBuilder(
                "/bin/sh", "-c", WATCHDOG, "influxd-watchdog",
                binary.toString(), dir.resolve("influxdb.conf").toString());
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("influxd.log").toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + binary + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (!ping()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String log = logTail();
                stop();
                throw new IllegalStateException("influxd did not start on 127.0.0.1:" + port + ". Its log:\n" + log);
            }
            sleep(50);
        }
        LOG.info("InfluxDB ready on {}", url());
    }

    /** Stops influxd and waits for it to exit; the data directory stays for a later {@link #start()}. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        try {
            OutputStream pipe = process.getOutputStream();
            pipe.close();
        } catch (IOException ignored) {
            // closing is the signal; a broken pipe means the watchdog is gone already
        }
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The watchdog exits as soon as influxd does; wait until the port is really released.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ping() && System.nanoTime() < deadline) {
            sleep(50);
        }
        process = null;
        LOG.info("InfluxDB on port {} stopped", port);
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** {@code true} when {@code /ping} answers 204. */
    public boolean ping() {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(url() + "/ping")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 204;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs an InfluxQL statement and returns the JSON answer; fails on an HTTP error. */
    public String query(String database, String influxQl) {
        String uri = url() + "/query?db=" + URLEncoder.encode(database, StandardCharsets.UTF_8)
                + "&q=" + URLEncoder.encode(influxQl, StandardCharsets.UTF_8);
        boolean write = !influxQl.trim().toUpperCase(java.util.Locale.ROOT).startsWith("SELECT")
                && !influxQl.trim().toUpperCase(java.util.Locale.ROOT).startsWith("SHOW");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30));
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        request = write ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("InfluxDB answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("InfluxDB query failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public void createDatabase(String database) {
        query(database, "CREATE DATABASE \"" + database.replace("\"", "\\\"") + "\"");
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The process id of influxd itself (not the watchdog), for tests that check nothing is left. */
    public synchronized Optional<ProcessHandle> influxdProcess() {
        if (process == null) {
            return Optional.empty();
        }
        return process.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("influxd")).orElse(false))
                .findFirst();
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("influxd.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops influxd and deletes its data if the directory was temporary. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran: nothing to remove
        }
        if (temporary) {
            Paths.deleteRecursively(dir);
        }
    }
}
