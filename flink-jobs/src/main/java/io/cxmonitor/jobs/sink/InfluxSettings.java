package io.cxmonitor.jobs.sink;

import io.cxmonitor.jobs.config.CxConfig;
import io.cxmonitor.jobs.config.CxOptions;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;

/** Where and how the sink writes. Serializable into the job graph; the password never shows in {@link #toString()}. */
public final class InfluxSettings implements Serializable {

    final String url;
    final String database;
    final String retentionPolicy;
    final String username;
    private final String password;
    final boolean createDatabase;
    final int batchSize;
    final Duration flushInterval;

    public InfluxSettings(String url, String database, String retentionPolicy, String username, String password,
            boolean createDatabase, int batchSize, Duration flushInterval) {
        this.url = url;
        this.database = database;
        this.retentionPolicy = retentionPolicy;
        this.username = username;
        this.password = password;
        this.createDatabase = createDatabase;
        this.batchSize = batchSize;
        this.flushInterval = flushInterval;
    }

    public static InfluxSettings from(CxConfig config) {
        return new InfluxSettings(
                config.get(CxOptions.INFLUXDB_URL),
                config.get(CxOptions.INFLUXDB_DATABASE),
                config.get(CxOptions.INFLUXDB_RETENTION_POLICY),
                config.get(CxOptions.INFLUXDB_USERNAME),
                config.get(CxOptions.INFLUXDB_PASSWORD),
                config.get(CxOptions.INFLUXDB_CREATE_DATABASE),
                config.get(CxOptions.INFLUXDB_BATCH_SIZE),
                config.get(CxOptions.INFLUXDB_FLUSH_INTERVAL));
    }

    /** A client that fails fast on a dead server; retries are the sink's business. */
    InfluxDB connect() {
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(30, TimeUnit.SECONDS)
                .writeTimeout(30, TimeUnit.SECONDS)
                .retryOnConnectionFailure(false);
        InfluxDB client = username.isEmpty() && password.isEmpty()
                ? InfluxDBFactory.connect(url, http)
                : InfluxDBFactory.connect(url, username, password, http);
        client.setLogLevel(InfluxDB.LogLevel.NONE);
        return client;
    }

    /** Creates the database if the settings allow it; CREATE DATABASE is a no-op when it exists. */
    void ensureDatabase(InfluxDB client) {
        if (createDatabase) {
            client.query(new Query("CREATE DATABASE \"" + database.replace("\"", "\\\"") + "\"", null, true));
        }
    }

    @Override
    public String toString() {
        return "InfluxDB " + url + " database " + database
                + (username.isEmpty() ? "" : " as " + username)
                + (password.isEmpty() ? "" : " (password set)");
    }
}
