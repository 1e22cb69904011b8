package io.cxmonitor.jobs.sink;

import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;

/**
 * Writes batches of line protocol through the InfluxDB Java client (v1 {@code /write}), retrying
 * what is worth retrying: I/O errors, 429 and 5xx, with backoff and {@code Retry-After}. Anything
 * else (400 parse errors and field-type conflicts, 401/403, 404 database not found) fails at once
 * with InfluxDB's own message. No Flink here: {@link InfluxSinkWriter} calls it on the task thread.
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
    }

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

    /** Creates the database when the settings allow it (a no-op when it exists). */
    public void ensureDatabase() throws IOException {
        if (settings.createDatabase) {
            String statement = "CREATE DATABASE \"" + settings.database.replace("\"", "\\\"") + "\"";
            withRetries("creating database " + settings.database, 0,
                    () -> client.query(new Query(statement, null, true)));
        }
    }

    /** Writes the lines, retrying until they are stored, refused for good, or the retry timeout passes. */
    public void write(List<String> lines) throws IOException {
        long start = System.nanoTime();
        withRetries("writing " + lines.size() + " points", lines.size(), () -> client.write(settings.database,
                settings.retentionPolicy, InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS, lines));
        listener.written(lines.size(), System.nanoTime() - start);
    }

    private void withRetries(String what, int points, Runnable call) throws IOException {
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
                if (!isRetryable(status)) {
                    listener.failed(status, error, null);
                    throw new InfluxWriteException(what + " to " + settings + " was refused: " + error
                            + hint(status), status, e);
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
