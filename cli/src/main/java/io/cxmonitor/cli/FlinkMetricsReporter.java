package io.cxmonitor.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.plugin.DefaultPluginManager;
import org.apache.flink.core.plugin.PluginDescriptor;
import org.apache.flink.core.plugin.PluginManager;

/**
 * Flink's own InfluxDB metrics reporter for the local cluster, configured as on a real cluster:
 * checkpoints, back-pressure and Kafka consumer lag land in a database of their own, which the
 * Pipeline health dashboard reads. The reporter ships with unshaded copies of an older InfluxDB
 * client, so it runs as a Flink plugin, in a class loader of its own, exactly as in a Flink
 * distribution's {@code plugins/metrics-influx/}.
 */
final class FlinkMetricsReporter {

    /** The database Flink's metrics go to, beside the signals' database. */
    static final String DATABASE = "flink";
    /** Where the build puts the reporter plugin; the launcher and the tests set it. */
    static final String PLUGINS_DIR_PROPERTY = "cxmon.flink.plugins";

    private static final String NAME = "influxdb";
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final URI influx;
    private final List<URL> pluginJars;

    private FlinkMetricsReporter(URI influx, List<URL> pluginJars) {
        this.influx = influx;
        this.pluginJars = pluginJars;
    }

    /**
     * @throws IllegalStateException when the reporter plugin is not where the build puts it
     */
    static FlinkMetricsReporter toInflux(String influxUrl) {
        String dir = System.getProperty(PLUGINS_DIR_PROPERTY);
        if (dir == null) {
            throw new IllegalStateException("Flink's InfluxDB metrics reporter was not found: the system property "
                    + PLUGINS_DIR_PROPERTY + " is not set. Fix: start cxmon through ./cxmon.");
        }
        Path pluginDir = Path.of(dir, "metrics-influx");
        try (Stream<Path> files = Files.list(pluginDir)) {
            List<URL> jars = files.filter(f -> f.toString().endsWith(".jar")).map(FlinkMetricsReporter::url).toList();
            if (jars.isEmpty()) {
                throw new IllegalStateException("no jar in " + pluginDir);
            }
            return new FlinkMetricsReporter(URI.create(influxUrl), jars);
        } catch (IOException | IllegalStateException e) {
            throw new IllegalStateException("Flink's InfluxDB metrics reporter was not found in " + pluginDir
                    + " (" + e.getMessage() + "). Fix: rebuild with mvn -DskipTests package.", e);
        }
    }

    void configure(Configuration conf) {
        String prefix = "metrics.reporter." + NAME + ".";
        conf.setString(prefix + "factory.class", "org.apache.flink.metrics.influxdb.InfluxdbReporterFactory");
        conf.setString(prefix + "scheme", influx.getScheme());
        conf.setString(prefix + "host", influx.getHost());
        conf.setString(prefix + "port", Integer.toString(influx.getPort()));
        conf.setString(prefix + "db", DATABASE);
        conf.setString(prefix + "interval", INTERVAL.toSeconds() + " s");
    }

    PluginManager pluginManager(Configuration conf) {
        PluginDescriptor plugin = new PluginDescriptor("metrics-influx", pluginJars.toArray(URL[]::new), new String[0]);
        return new DefaultPluginManager(List.of(plugin), CoreOptions.getPluginParentFirstLoaderPatterns(conf));
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
