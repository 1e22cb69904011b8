package io.cxmonitor.jobs.common.influx;

import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import java.io.Serializable;
import java.time.Duration;

/** Where and how the sink writes. Serializable into the job graph; the password never shows in {@link #toString()}. */
public final class InfluxSettings implements Serializable {

    final String url;
    final String database;
    final String retentionPolicy;
    final Duration retention;
    final String username;
    private final String password;
    final boolean createDatabase;
    final boolean gzip;
    final int batchSize;
    final Duration flushInterval;
    final RetryPolicy retry;
    final int maxSeriesPerMeasurement;

    public InfluxSettings(String url, String database, String retentionPolicy, Duration retention, String username,
            String password, boolean createDatabase, boolean gzip, int batchSize, Duration flushInterval, RetryPolicy retry,
            int maxSeriesPerMeasurement) {
        this.url = url;
        this.database = database;
        this.retentionPolicy = retentionPolicy;
        this.retention = retention;
        this.username = username;
        this.password = password;
        this.createDatabase = createDatabase;
        this.gzip = gzip;
        this.batchSize = batchSize;
        this.flushInterval = flushInterval;
        this.retry = retry;
        this.maxSeriesPerMeasurement = maxSeriesPerMeasurement;
    }

    public static InfluxSettings from(CxConfig config) {
        return new InfluxSettings(
                config.get(CxOptions.INFLUXDB_URL),
                config.get(CxOptions.INFLUXDB_DATABASE),
                config.get(CxOptions.INFLUXDB_RETENTION_POLICY),
                config.get(CxOptions.INFLUXDB_RETENTION),
                config.get(CxOptions.INFLUXDB_USERNAME),
                config.get(CxOptions.INFLUXDB_PASSWORD),
                config.get(CxOptions.INFLUXDB_CREATE_DATABASE),
                config.get(CxOptions.INFLUXDB_GZIP),
                config.get(CxOptions.INFLUXDB_BATCH_SIZE),
                config.get(CxOptions.INFLUXDB_FLUSH_INTERVAL),
                new RetryPolicy(config.get(CxOptions.INFLUXDB_RETRY_INITIAL_BACKOFF),
                        config.get(CxOptions.INFLUXDB_RETRY_MAX_BACKOFF),
                        config.get(CxOptions.INFLUXDB_RETRY_TIMEOUT)),
                config.get(CxOptions.INFLUXDB_MAX_SERIES_PER_MEASUREMENT));
    }

    String password() {
        return password;
    }

    @Override
    public String toString() {
        return "InfluxDB " + url + " database " + database
                + (username.isEmpty() ? "" : " as " + username)
                + (password.isEmpty() ? "" : " (password set)");
    }
}
