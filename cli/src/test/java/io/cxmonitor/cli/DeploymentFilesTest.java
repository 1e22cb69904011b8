package io.cxmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run here (no Docker engine), so what can be checked without it is:
 * pinned images, mounted files that exist, ports that agree with the README, topics and job
 * settings that agree with what the jobs read, and Flink's metrics where Grafana looks for them.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("..");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PINNED = Pattern.compile("[a-z0-9./-]+:(?!latest$)[A-Za-z0-9._-]+");

    private final JsonNode compose = read(ROOT.resolve("docker-compose.yml"));
    private final JsonNode services = compose.path("services");

    @Test
    void everyServiceHasAPinnedImageOrIsBuiltHere() {
        Set<String> built = new HashSet<>();
        services.forEach(s -> {
            if (s.has("build")) {
                built.add(s.path("image").asText());
            }
        });
        services.fields().forEachRemaining(e -> {
            String image = e.getValue().path("image").asText("");
            assertThat(e.getValue().has("build") || !image.isEmpty()).as(e.getKey() + " has an image or a build").isTrue();
            if (!e.getValue().has("build") && !built.contains(image)) {
                assertThat(image).as(e.getKey() + "'s image is pinned to a version").matches(PINNED);
            }
        });
    }

    /** Maven refuses a reactor whose modules are missing, so the image needs every module's sources. */
    @Test
    void theImageCopiesEveryModuleOfTheBuild() throws Exception {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        int modules = 0;
        while (module.find()) {
            modules++;
            assertThat(dockerfile).as("the Dockerfile copies " + module.group(1))
                    .contains("COPY " + module.group(1) + " " + module.group(1));
        }
        assertThat(modules).isGreaterThan(5);
    }

    @Test
    void everyMountedFileExists() {
        List<String> mounts = new ArrayList<>();
        services.forEach(s -> s.path("volumes").forEach(v -> mounts.add(v.asText())));
        assertThat(mounts).isNotEmpty();
        for (String mount : mounts) {
            String source = mount.split(":")[0];
            if (source.startsWith(".")) {
                assertThat(ROOT.resolve(source)).as(mount).exists();
            }
        }
        assertThat(ROOT.resolve("Dockerfile")).exists();
    }

    @Test
    void publishedPortsAreTheOnesTheReadmeGives() throws Exception {
        Map<String, Integer> published = new LinkedHashMap<>();
        services.fields().forEachRemaining(e -> e.getValue().path("ports")
                .forEach(p -> published.put(e.getKey(), Integer.parseInt(p.asText().split(":")[1]))));
        // the README's compose table: | service | http://localhost:PORT ... |
        Map<String, Integer> documented = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([a-z-]+)` \\|[^|\\n]*localhost:(\\d+)").matcher(readme());
        while (row.find()) {
            documented.put(row.group(1), Integer.parseInt(row.group(2)));
        }
        assertThat(published).isNotEmpty().isEqualTo(documented);
    }

    @Test
    void everyPortIsPublishedOnLoopbackOnly() {
        List<String> ports = new ArrayList<>();
        services.forEach(s -> s.path("ports").forEach(p -> ports.add(p.asText())));
        assertThat(ports).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith("127.0.0.1:"));
    }

    /** A jar uploaded through the REST API runs any code on the cluster; the submitter uses the CLI. */
    @Test
    void flinkTakesNoJarUploads() throws Exception {
        String flinkProperties = compose.path("x-flink-settings").path("FLINK_PROPERTIES").asText();
        assertThat(flinkProperties).containsPattern("(?m)^web\\.submit\\.enable: false$");
        assertThat(Files.readString(ROOT.resolve("deploy/flink/submit-jobs.sh"))).contains("$FLINK run");
    }

    @Test
    void influxdbRequiresAUserWhosePasswordHasNoDefault() {
        Map<String, String> influx = environment(services.path("influxdb"));
        assertThat(influx).containsEntry("INFLUXDB_HTTP_AUTH_ENABLED", "true");
        assertThat(influx.get("INFLUXDB_ADMIN_USER")).startsWith("${CX_INFLUXDB_USERNAME:?");
        assertThat(influx.get("INFLUXDB_ADMIN_PASSWORD")).startsWith("${CX_INFLUXDB_PASSWORD:?");
        // the same user for the jobs, Grafana and Flink's metrics reporter
        for (String name : List.of("submit-jobs", "generator", "grafana")) {
            Map<String, String> env = environment(services.path(name));
            assertThat(env.get("CX_INFLUXDB_USERNAME")).as(name).startsWith("${CX_INFLUXDB_USERNAME:?");
            assertThat(env.get("CX_INFLUXDB_PASSWORD")).as(name).startsWith("${CX_INFLUXDB_PASSWORD:?");
        }
        String flinkProperties = compose.path("x-flink-settings").path("FLINK_PROPERTIES").asText();
        assertThat(flinkProperties).contains("metrics.reporter.influxdb.username: ${CX_INFLUXDB_USERNAME:?",
                "metrics.reporter.influxdb.password: ${CX_INFLUXDB_PASSWORD:?");
    }

    @Test
    void grafanasAdminPasswordComesFromTheEnvironmentWithNoDefault() {
        assertThat(environment(services.path("grafana")).get("GF_SECURITY_ADMIN_PASSWORD"))
                .startsWith("${GRAFANA_ADMIN_PASSWORD:?");
    }

    @Test
    void theTopicsCreatedAreTheOnesTheJobsUse() {
        String init = services.path("kafka-init").path("command").get(0).asText();
        Matcher list = Pattern.compile("for topic in ([^;]+);").matcher(init);
        assertThat(list.find()).isTrue();
        Set<String> created = new LinkedHashSet<>(List.of(list.group(1).trim().split("\\s+")));
        assertThat(created).isEqualTo(new LinkedHashSet<>(KafkaTopics.all(CxConfig.defaults())));
    }

    @Test
    void theTopicsThatNameCustomersAreCompactedOrTimeBounded() {
        String init = services.path("kafka-init").path("command").get(0).asText();
        Matcher compacted = Pattern.compile("for topic in ([^;]+);[^;]*cleanup.policy=\\[compact,delete\\]").matcher(init);
        assertThat(compacted.find()).as("a tombstone erases a forgotten customer").isTrue();
        assertThat(compacted.group(1).trim().split("\\s+")).containsExactlyInAnyOrder("cx.experiences", "cx.alerts");
        Matcher bounded = Pattern.compile("for topic in ([^;]+);[^;]*--add-config retention.ms=").matcher(init);
        assertThat(bounded.find()).isTrue();
        assertThat(bounded.group(1).trim().split("\\s+")).contains("cx.clickstream", "cx.app", "cx.reviews",
                "cx.support", "cx.deadletter", "cx.incidents", "cx.privacy");
    }

    @Test
    void theJobsAndTheGeneratorAreConfiguredWithKeysTheyRead() throws Exception {
        Set<String> known = new HashSet<>();
        for (ConfigOption<?> option : CxOptions.all()) {
            known.add(CxConfig.envName(option.key()));
        }
        // secrets a routes file names, e.g. route.team.url-env = CX_SLACK_WEBHOOK_URL
        Matcher secret = Pattern.compile("(?m)-env\\s*=\\s*(\\S+)").matcher(
                Files.readString(ROOT.resolve("deploy/notify/routes.properties.example")));
        while (secret.find()) {
            known.add(secret.group(1));
        }
        for (String name : List.of("submit-jobs", "generator")) {
            Map<String, String> env = environment(services.path(name));
            assertThat(env).as(name).containsKeys("CX_KAFKA_BOOTSTRAP_SERVERS");
            env.keySet().stream().filter(k -> k.startsWith("CX_"))
                    .forEach(k -> assertThat(known).as(name + ": " + k + " is a setting the jobs read").contains(k));
            // the values themselves pass the jobs' validation (placeholders for secrets aside)
            Map<String, String> values = new LinkedHashMap<>(env);
            values.replaceAll((k, v) -> v.startsWith("${") ? "" : v);
            values.remove("CX_NOTIFY_ROUTES");
            CxConfig config = CxConfig.load(Map.of(), values, Map.of());
            assertThat(config.get(CxOptions.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("kafka:19092");
        }
    }

    @Test
    void flinkReportsItsMetricsWhereGrafanaReadsThem() {
        String flinkProperties = compose.path("x-flink-settings").path("FLINK_PROPERTIES").asText();
        assertThat(flinkProperties).contains("metrics.reporter.influxdb.db: flink",
                "execution.checkpointing.dir: file:///flink-data/");
        JsonNode datasources = read(ROOT.resolve("grafana/provisioning/datasources/influxdb.yml")).path("datasources");
        List<String> databases = new ArrayList<>();
        datasources.forEach(ds -> databases.add(ds.path("jsonData").path("dbName").asText()));
        assertThat(databases).containsExactlyInAnyOrder("cx", "flink");
        assertThat(services.path("jobmanager").path("volumes").toString()).contains("flink-data:/flink-data");
        assertThat(services.path("taskmanager").path("volumes").toString()).contains("flink-data:/flink-data");
    }

    @Test
    void stateLivesOnVolumesTheServicesCanWrite() throws Exception {
        // Kafka's image keeps its log in /tmp unless told otherwise: the volume must be where the log is
        String logDirs = environment(services.path("kafka")).get("KAFKA_LOG_DIRS");
        assertThat(services.path("kafka").path("volumes").toString()).contains(":" + logDirs);
        // Flink's image runs as the user flink; a new named volume takes the mount point's owner
        assertThat(Files.readString(ROOT.resolve("Dockerfile"))).contains("chown flink:flink /flink-data");
    }

    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        service.path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    private static String readme() throws Exception {
        return Files.readString(ROOT.resolve("README.md"));
    }

    /** SnakeYAML, as Compose does, resolves anchors and merge keys ({@code <<: *cx-settings}). */
    private static JsonNode read(Path file) {
        try {
            return JSON.valueToTree(new Yaml().load(Files.readString(file)));
        } catch (Exception e) {
            throw new AssertionError(file + " does not parse: " + e.getMessage(), e);
        }
    }
}
