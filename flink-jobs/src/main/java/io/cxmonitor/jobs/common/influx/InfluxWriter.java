package io.cxmonitor.jobs.common.influx;

import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * Writes batches of line protocol through the InfluxDB Java client (v1 {@code /write}), retrying
 * what is worth retrying: I/O errors, 429 and 5xx, with backoff and {@code Retry-After}.
 *
 * <p>A 400 concerns points, not the request: InfluxDB stores the good points of a batch and
 * answers {@code partial write} for the rest (beyond the retention policy, a field-type conflict,
 * a line it cannot parse). Those points, and only those, are dropped and reported per reason;
 * retrying cannot help them. A 400 without {@code partial write} (nothing stored) is narrowed
 * down by halving the batch until the refused points are alone. 401/403 and 404 are
 * configuration errors and fail at once with InfluxDB's own message and the fix. No Flink here:
 * {@link InfluxSinkWriter} calls it on the task thread.
 */
public final class InfluxWriter implements AutoCloseable {

    /** What the writer reports, for metrics. */
    public interface Listener {
        /** A batch was stored. */
        void written(int points, long nanos);

        /**
         * An attempt failed with {@code status} (0: no response); it is retried after
         * {@code retryIn}, or not at all when that is {@code null}.
         */
        void failed(int status, String error, Duration retryIn);

        /** InfluxDB refused {@code points} points for {@code reason}; the rest of the batch is stored. */
        void dropped(DropReason reason, int points, String error);
    }

    /**
     * Why single points were dropped: the {@code reason} tag of {@code cx_influx_dropped}. InfluxDB
     * refused them, or they would have passed {@code influxdb.max-series-per-measurement}.
     */
    public enum DropReason {
        BEYOND_RETENTION, FIELD_TYPE_CONFLICT, PARSE_ERROR, REFUSED, SERIES_LIMIT;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static DropReason of(String error) {
            String e = error.toLowerCase(java.util.Locale.ROOT);
            if (e.contains("beyond retention")) {
                return BEYOND_RETENTION;
            }
            if (e.contains("field type conflict")) {
                return FIELD_TYPE_CONFLICT;
            }
            return e.contains("unable to parse") || e.contains("invalid") ? PARSE_ERROR : REFUSED;
        }
    }

    private static final Pattern DROPPED = Pattern.compile("dropped=(\\d+)");

    private final InfluxSettings settings;
    private final RetryPolicy retry;
    private final Listener listener;
    private final LastResponse lastResponse = new LastResponse();
    private final InfluxDB client;

    public InfluxWriter(InfluxSettings settings, Listener listener) {
        this.settings = settings;
        this.retry = settings.retry;
        this.listener = listener;
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(30, TimeUnit.SECONDS)
                .writeTimeout(30, TimeUnit.SECONDS)
                .retryOnConnectionFailure(false)
                .addInterceptor(lastResponse);
        this.client = settings.username.isEmpty() && settings.password().isEmpty()
                ? InfluxDBFactory.connect(settings.url, http)
                : InfluxDBFactory.connect(settings.url, settings.username, settings.password(), http);
        client.setLogLevel(InfluxDB.LogLevel.NONE);
        if (settings.gzip) {
            client.enableGzip();
        }
    }

    /**
     * Creates the database when the settings allow it (a no-op when it exists), and gives the
     * retention policy the configured duration: the one named, else {@code autogen}, the default
     * policy of a database InfluxDB created (one whose default was changed by hand keeps it).
     * Points older than that are dropped by InfluxDB.
     */
    public void ensureDatabase() throws IOException {
        if (settings.createDatabase) {
            String database = quoted(settings.database);
            query("CREATE DATABASE " + database);
            String policy = settings.retentionPolicy.isEmpty() ? "autogen" : settings.retentionPolicy;
            long hours = settings.retention.toHours();
            // InfluxDB's own shard durations for such a retention; a shard may not outlast its policy
            String shards = " SHARD DURATION " + (hours < 48 ? "1h" : hours <= 180 * 24 ? "1d" : "7d");
            QueryResult policies = query("SHOW RETENTION POLICIES ON " + database);
            boolean exists = policies.getResults().stream().filter(r -> r.getSeries() != null)
                    .flatMap(r -> r.getSeries().stream()).flatMap(series -> series.getValues().stream())
                    .anyMatch(row -> policy.equals(row.get(0)));
            query((exists ? "ALTER" : "CREATE") + " RETENTION POLICY " + quoted(policy) + " ON " + database + " DURATION "
                    + settings.retention.toMinutes() + "m" + (exists ? "" : " REPLICATION 1") + shards);
        }
    }

    /** Runs an administrative statement, retrying as writes do; InfluxDB's refusal is an exception. */
    private QueryResult query(String statement) throws IOException {
        QueryResult[] result = new QueryResult[1];
        withRetries(statement, InfluxWriter::creatingHint, () -> result[0] = client.query(new Query(statement, null, true)));
        String error = result[0].getError() != null ? result[0].getError() : result[0].getResults() == null ? null
                : result[0].getResults().stream().map(QueryResult.Result::getError).filter(e -> e != null).findFirst()
                        .orElse(null);
        if (error != null) {
            throw new InfluxWriteException(statement + " was refused by " + settings + ": " + error, 400, null);
        }
        return result[0];
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\\\"") + "\"";
    }

    /**
     * Writes the lines, retrying until they are stored (but for the points InfluxDB refuses one by
     * one), refused for good, or the retry timeout passes.
     */
    public void write(List<String> lines) throws IOException {
        long start = System.nanoTime();
        int dropped = writeOrNarrow(lines);
        listener.written(lines.size() - dropped, System.nanoTime() - start);
    }

    /** Returns how many points InfluxDB refused. */
    private int writeOrNarrow(List<String> lines) throws IOException {
        try {
            withRetries("writing " + lines.size() + " points", InfluxWriter::hint, () -> client.write(settings.database,
                    settings.retentionPolicy, InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS, lines));
            return 0;
        } catch (PointsRefused refused) {
            String error = refused.error;
            if (error.contains("partial write")) {
                Matcher count = DROPPED.matcher(error);
                int dropped = count.find() ? Integer.parseInt(count.group(1))
                        : Math.max(1, error.split("unable to parse", -1).length - 1);
                dropped = Math.min(dropped, lines.size());
                listener.dropped(DropReason.of(error), dropped, error);
                return dropped;
            }
            if (lines.size() == 1) {
                listener.dropped(DropReason.of(error), 1, error);
                return 1;
            }
            int half = lines.size() / 2;
            return writeOrNarrow(lines.subList(0, half)) + writeOrNarrow(lines.subList(half, lines.size()));
        }
    }

    /** A 400: InfluxDB refused points of the request, not the request. */
    private static final class PointsRefused extends IOException {
        final String error;

        PointsRefused(String error) {
            super(error, null);
            this.error = error;
        }
    }

    /** Runs {@code call} as the retry policy says; {@code hint} gives the fix of a final refusal by its status. */
    private void withRetries(String what, IntFunction<String> hint, Runnable call) throws IOException {
        long deadline = System.nanoTime() + retry.timeout().toNanos();
        for (int attempt = 1; ; attempt++) {
            lastResponse.clear();
            try {
                call.run();
                return;
            } catch (InfluxDBException e) {
                int status = lastResponse.status;
                String error = status == 0 ? "no response (" + rootMessage(e) + ")"
                        : "HTTP " + status + ": " + e.getMessage();
                if (status == 400) {
                    throw new PointsRefused(String.valueOf(e.getMessage()));
                }
                if (!isRetryable(status)) {
                    listener.failed(status, error, null);
                    throw new InfluxWriteException(what + " to " + settings + " was refused: " + error
                            + hint.apply(status), status, e);
                }
                Duration pause = retry.delay(attempt, lastResponse.retryAfter);
                if (System.nanoTime() + pause.toNanos() > deadline) {
                    listener.failed(status, error, null);
                    throw new InfluxWriteException(what + " to " + settings + " still failed after "
                            + retry.timeout().toSeconds() + " s of retries: " + error, status, e);
                }
                listener.failed(status, error, pause);
                sleep(pause);
            }
        }
    }

    /** I/O errors (no response), 429 and 5xx are passing conditions; every other status is final. */
    static boolean isRetryable(int status) {
        return status == 0 || status == 429 || status >= 500;
    }

    /** A 403 on CREATE DATABASE is a user that may write but not administer, not a wrong password. */
    private static String creatingHint(int status) {
        return status == 403 ? ". Fix: only an admin may create a database: create it as one (CREATE DATABASE ...), "
                + "grant this user WRITE on it, and set influxdb.create-database=false" : hint(status);
    }

    private static String hint(int status) {
        switch (status) {
            case 401:
            case 403:
                return ". Fix: check influxdb.username and the password in CX_INFLUXDB_PASSWORD";
            case 404:
                return ". Fix: create the database, or set influxdb.create-database=true";
            default:
                return "";
        }
    }

    private static void sleep(Duration pause) throws IOException {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to retry an InfluxDB write", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    @Override
    public void close() {
        client.close();
    }

    /** Remembers the status and Retry-After of the last response, which the client does not expose. */
    private static final class LastResponse implements Interceptor {
        volatile int status;
        volatile Duration retryAfter;

        void clear() {
            status = 0;
            retryAfter = null;
        }

        @Override
        public Response intercept(Chain chain) throws IOException {
            Response response = chain.proceed(chain.request());
            status = response.code();
            retryAfter = parseRetryAfter(response.header("Retry-After"));
            return response;
        }
    }

    /** {@code Retry-After} is either seconds or an HTTP date. */
    static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
