package io.cxmonitor.jobs.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmonitor.domain.experiences.ExperienceRules;
import io.cxmonitor.domain.friction.FrictionRules;
import io.cxmonitor.domain.journeys.Funnel;
import io.cxmonitor.domain.risk.RiskSettings;
import io.cxmonitor.domain.support.SupportRules;
import io.cxmonitor.jobs.AlertsJob;
import io.cxmonitor.jobs.NotifyJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CxConfigTest {

    @Test
    void defaultsMatchTheSpec() {
        CxConfig c = CxConfig.defaults();
        assertThat(c.get(CxOptions.TOPIC_CLICKSTREAM)).isEqualTo("cx.clickstream");
        assertThat(c.get(CxOptions.TOPIC_DEADLETTER)).isEqualTo("cx.deadletter");
        assertThat(c.get(CxOptions.INFLUXDB_DATABASE)).isEqualTo("cx");
        assertThat(c.get(CxOptions.WATERMARK_OUT_OF_ORDERNESS)).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.get(CxOptions.WATERMARK_IDLENESS)).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.get(CxOptions.INFLUXDB_BATCH_SIZE)).isEqualTo(5000);
        assertThat(c.get(CxOptions.EVENTS_MAX_SIZE).getBytes()).isEqualTo(1024 * 1024);
    }

    @Test
    void commandLineBeatsEnvironmentWhichBeatsTheFile() {
        CxConfig c = CxConfig.load(
                Map.of("influxdb.database", "from_file", "influxdb.batch-size", "100", "topics.app", "file.app"),
                Map.of("CX_INFLUXDB_DATABASE", "from_env", "CX_INFLUXDB_BATCH_SIZE", "200"),
                Map.of("influxdb.database", "from_cli"));
        assertThat(c.get(CxOptions.INFLUXDB_DATABASE)).isEqualTo("from_cli");
        assertThat(c.get(CxOptions.INFLUXDB_BATCH_SIZE)).isEqualTo(200);
        assertThat(c.get(CxOptions.TOPIC_APP)).isEqualTo("file.app");
    }

    @Test
    void readsArgumentsAndAPropertiesFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cxmon.properties");
        Files.writeString(file, "influxdb.url = http://influx:8086\nwatermark.idleness = 1 min\n");
        CxConfig c = CxConfig.fromArgs(
                new String[] {"--config", file.toString(), "--kafka.bootstrap-servers", "kafka:9092"}, Map.of());
        assertThat(c.get(CxOptions.INFLUXDB_URL)).isEqualTo("http://influx:8086");
        assertThat(c.get(CxOptions.WATERMARK_IDLENESS)).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.get(CxOptions.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("kafka:9092");
    }

    @Test
    void aTaxonomyFileReplacesTheBuiltInOneAndOneItCannotReadIsRefusedAtStartUp(@TempDir Path dir) throws Exception {
        assertThat(SignalRules.topics(CxConfig.defaults()).taxonomy()).contains("delivery", "checkout");
        Path taxonomy = Files.writeString(dir.resolve("topics.tsv"), "# ours\nloyalty\tpoints\nloyalty\treward*\n");
        CxConfig ours = CxConfig.load(Map.of(), Map.of(), Map.of("taxonomy.file", taxonomy.toString()));
        assertThat(SignalRules.topics(ours).taxonomy()).containsExactly("loyalty");
        assertThat(SignalRules.topics(ours).topics("My rewards vanished!")).extracting(m -> m.topic()).containsExactly("loyalty");

        Path broken = Files.writeString(dir.resolve("broken.tsv"), "Loyalty Points\tpoints\n");
        for (Path file : new Path[] {broken, dir.resolve("missing.tsv")}) {
            CxConfig c = CxConfig.load(Map.of(), Map.of(), Map.of("taxonomy.file", file.toString()));
            assertThatThrownBy(() -> SignalRules.topics(c)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("'taxonomy.file'").hasMessageContaining("Fix:");
        }
    }

    @Test
    void refusesAnUnknownKeyAndSuggestsTheClosestOne() {
        assertThatThrownBy(() -> CxConfig.load(Map.of("influx.url", "http://x:8086"), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown configuration key 'influx.url'")
                .hasMessageContaining("did you mean 'influxdb.url'");
    }

    @Test
    void refusesAnUnparseableValueNamingKeyOriginAndFix() {
        assertThatThrownBy(() -> CxConfig.load(Map.of(), Map.of("CX_INFLUXDB_BATCH_SIZE", "lots"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("influxdb.batch-size = 'lots'")
                .hasMessageContaining("environment variable CX_INFLUXDB_BATCH_SIZE")
                .hasMessageContaining("Fix:");
        assertThatThrownBy(() -> CxConfig.load(Map.of("watermark.idleness", "soon"), Map.of(), Map.of()))
                .hasMessageContaining("watermark.idleness");
    }

    @Test
    void refusesValuesThatParseButMakeNoSense() {
        assertThatThrownBy(() -> CxConfig.load(Map.of(), Map.of(), Map.of("influxdb.batch-size", "0")))
                .hasMessageContaining("influxdb.batch-size").hasMessageContaining("between 1 and 100000");
        assertThatThrownBy(() -> CxConfig.load(Map.of(), Map.of(), Map.of("influxdb.url", "localhost:8086")))
                .hasMessageContaining("influxdb.url").hasMessageContaining("http://");
        assertThatThrownBy(() -> CxConfig.load(Map.of(), Map.of(), Map.of("kafka.bootstrap-servers", "localhost")))
                .hasMessageContaining("kafka.bootstrap-servers").hasMessageContaining("host:port");
        assertThatThrownBy(() -> CxConfig.load(Map.of(), Map.of(), Map.of("topics.app", "cx.clickstream")))
                .hasMessageContaining("topics.").hasMessageContaining("a topic of their own");
        assertThatThrownBy(() -> CxConfig.load(Map.of(), Map.of(), Map.of("topics.reviews", "bad topic!")))
                .hasMessageContaining("topics.reviews").hasMessageContaining("not a valid Kafka topic name");
        assertThatThrownBy(() -> CxConfig.load(Map.of(), Map.of(), Map.of("watermark.idleness", "0 s")))
                .hasMessageContaining("watermark.idleness").hasMessageContaining("too small");
    }

    @Test
    void neverShowsThePassword() {
        CxConfig c = CxConfig.load(Map.of(), Map.of("CX_INFLUXDB_PASSWORD", "s3cret"), Map.of());
        assertThat(c.get(CxOptions.INFLUXDB_PASSWORD)).isEqualTo("s3cret");
        assertThat(c.toString()).doesNotContain("s3cret").contains("influxdb.password=******");
    }

    @Test
    void refusesStrayCommandLineArguments() {
        assertThatThrownBy(() -> CxConfig.fromArgs(new String[] {"influxdb.url"}, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--<key> <value>");
    }

    @Test
    void aRoutesFileThatCannotBeReadStopsOnlyTheNotifier() {
        CxConfig config = CxConfig.load(Map.of(), Map.of(), Map.of(CxOptions.NOTIFY_ROUTES.key(), "/no/such/routes.properties"));
        assertThatThrownBy(() -> NotifyJob.routes(config, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("notify.routes = '/no/such/routes.properties' is not a readable file");
    }

    @Test
    void theDefaultsOfTheSignalsAreTheDomainsOwn() {
        CxConfig defaults = CxConfig.defaults();
        assertThat(SignalRules.friction(defaults)).usingRecursiveComparison()
                .isEqualTo(FrictionRules.DEFAULT);
        assertThat(SignalRules.support(defaults)).usingRecursiveComparison()
                .isEqualTo(SupportRules.DEFAULT);
        assertThat(SignalRules.experiences(defaults)).usingRecursiveComparison()
                .isEqualTo(ExperienceRules.DEFAULT);
        assertThat(SignalRules.funnel(defaults).steps()).isEqualTo(Funnel.GA4.steps());
        assertThat(AlertsJob.settings(defaults)).usingRecursiveComparison()
                .isEqualTo(RiskSettings.DEFAULT);
    }

    @Test
    void kafkaClientPropertiesPassThroughToEveryClientAndTheirSecretsNeverShow() {
        CxConfig c = CxConfig.load(Map.of("kafka.properties.security.protocol", "SASL_SSL"),
                Map.of("CX_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512",
                        "CX_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule "
                                + "required username=\"cx\" password=\"s3cret-from-env\";"),
                Map.of("kafka.properties.ssl.truststore.location", "/etc/cx/truststore.jks"));
        assertThat(c.kafkaProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/cx/truststore.jks")
                .containsKey("sasl.jaas.config");
        assertThat(c.toString()).contains("kafka.properties.security.protocol=SASL_SSL")
                .contains("kafka.properties.sasl.jaas.config=******").doesNotContain("s3cret-from-env");
        assertThat(CxConfig.defaults().kafkaProperties()).isEmpty();
    }

    @Test
    void aMisspeltOrManagedKafkaPropertyIsRefusedWithTheFix() {
        assertThatThrownBy(() -> CxConfig.load(Map.of(), Map.of(), Map.of("kafka.properties.security.protocl", "SSL")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown Kafka client property 'security.protocl'")
                .hasMessageContaining("did you mean 'kafka.properties.security.protocol'?");
        assertThatThrownBy(() -> CxConfig.load(Map.of(), Map.of(), Map.of("kafka.properties.bootstrap.servers", "x:9092")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("set kafka.bootstrap-servers instead");
    }
}
