package io.cxmonitor.jobs.common.config;

import io.cxmonitor.events.EventLimits;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * The validated configuration of the jobs. Values come, in increasing precedence, from the
 * defaults of {@link CxOptions}, a properties file, environment variables ({@code CX_} + the key
 * in upper case with dots and dashes as underscores, e.g. {@code CX_INFLUXDB_PASSWORD}) and
 * command-line overrides. Anything wrong is refused at once with a {@link ConfigException} that
 * names the key, where the value came from, and the fix.
 */
public final class CxConfig {

    /**
     * Settings of every Kafka client of the product, passed through as they are: {@code
     * kafka.properties.security.protocol}, {@code kafka.properties.sasl.jaas.config}...
     */
    public static final String KAFKA_PROPERTIES = "kafka.properties.";
    private static final String KAFKA_PROPERTIES_ENV = envName(KAFKA_PROPERTIES);

    private final Configuration conf;

    private CxConfig(Configuration conf) {
        this.conf = conf;
    }

    public static CxConfig defaults() {
        return load(Map.of(), Map.of(), Map.of());
    }

    /**
     * Loads and validates.
     *
     * @param file values from a properties file
     * @param env the process environment; only {@code CX_*} variables of known keys are read
     * @param overrides values from the command line
     */
    public static CxConfig load(Map<String, String> file, Map<String, String> env, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        put(values, origins, file, "the configuration file");
        for (ConfigOption<?> option : CxOptions.all()) {
            String value = env.get(envName(option.key()));
            if (value != null) {
                values.put(option.key(), value);
                origins.put(option.key(), "environment variable " + envName(option.key()));
            }
        }
        env.forEach((name, value) -> {
            if (name.startsWith(KAFKA_PROPERTIES_ENV)) { // Kafka's property names are dotted lower case
                String key = KAFKA_PROPERTIES + name.substring(KAFKA_PROPERTIES_ENV.length()).toLowerCase(Locale.ROOT)
                        .replace('_', '.');
                values.put(key, value);
                origins.put(key, "environment variable " + name);
            }
        });
        put(values, origins, overrides, "the command line");
        Configuration conf = Configuration.fromMap(values);
        validate(conf, origins);
        return new CxConfig(conf);
    }

    /**
     * For {@code flink run}: {@code --config FILE} reads a properties file, and every other
     * {@code --key value} pair overrides a setting.
     */
    public static CxConfig fromArgs(String[] args, Map<String, String> env) {
        Map<String, String> file = Map.of();
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || i + 1 >= args.length) {
                throw new ConfigException("Unexpected argument '" + arg + "'. Arguments are --config FILE "
                        + "and --<key> <value> pairs, e.g. --influxdb.url http://influxdb:8086");
            }
            String key = arg.substring(2);
            String value = args[++i];
            if (key.equals("config")) {
                file = readProperties(Path.of(value));
            } else {
                overrides.put(key, value);
            }
        }
        return load(file, env, overrides);
    }

    public static Map<String, String> readProperties(Path path) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigException("Cannot read the configuration file " + path + ": " + e.getMessage()
                    + ". Fix: pass the path of a readable properties file.");
        }
        Map<String, String> map = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k).trim()));
        return map;
    }

    /** Writes {@code values} as the properties file that {@code --config FILE} reads. */
    public static void writeProperties(Map<String, String> values, Path path) throws IOException {
        Properties props = new Properties();
        props.putAll(values);
        try (Writer writer = Files.newBufferedWriter(path)) {
            props.store(writer, null);
        }
    }

    public <T> T get(ConfigOption<T> option) {
        return conf.get(option);
    }

    /** The bounds of the event contract, as configured. */
    public EventLimits eventLimits() {
        return new EventLimits((int) get(CxOptions.EVENTS_MAX_SIZE).getBytes(), get(CxOptions.EVENTS_MAX_FUTURE),
                get(CxOptions.EVENTS_MAX_ID_LENGTH));
    }

    /**
     * The Kafka client properties of {@code kafka.properties.*} (security, SASL, TLS...), for every
     * source, sink, producer, consumer and admin client of the product.
     */
    public Map<String, String> kafkaProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        conf.toMap().forEach((k, v) -> {
            if (k.startsWith(KAFKA_PROPERTIES)) {
                properties.put(k.substring(KAFKA_PROPERTIES.length()), v);
            }
        });
        return properties;
    }

    /** The explicitly set values, as strings, for passing the configuration on. */
    public Map<String, String> toMap() {
        return conf.toMap();
    }

    public static String envName(String key) {
        return "CX_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Every setting and its value, secrets masked: safe to log. */
    @Override
    public String toString() {
        Stream<String> options = CxOptions.all().stream()
                .map(o -> o.key() + "=" + (CxOptions.isSecret(o) ? mask(conf.get(o)) : conf.get(o)));
        Stream<String> kafka = kafkaProperties().entrySet().stream().map(e -> KAFKA_PROPERTIES + e.getKey() + "="
                + (CxOptions.isSecret(KAFKA_PROPERTIES + e.getKey()) ? mask(e.getValue()) : e.getValue()));
        return Stream.concat(options, kafka).collect(Collectors.joining(", ", "{", "}"));
    }

    private static String mask(Object value) {
        return value == null || value.toString().isEmpty() ? "" : "******";
    }

    private static void put(Map<String, String> values, Map<String, String> origins,
            Map<String, String> source, String origin) {
        source.forEach((k, v) -> {
            values.put(k, v);
            origins.put(k, origin);
        });
    }

    private static void validate(Configuration conf, Map<String, String> origins) {
        Set<String> known = CxOptions.all().stream().map(ConfigOption::key).collect(Collectors.toSet());
        Set<String> kafka = KafkaClientProperties.names();
        for (String key : conf.keySet()) {
            if (key.startsWith(KAFKA_PROPERTIES)) {
                String property = key.substring(KAFKA_PROPERTIES.length());
                if (!kafka.contains(property)) {
                    throw new ConfigException("Unknown Kafka client property '" + property + "' in '" + key + "' (from "
                            + origins.getOrDefault(key, "the configuration") + "). " + suggestion(property, kafka,
                                    KAFKA_PROPERTIES, "use a property of Kafka's producer, consumer or admin client, "
                                            + "e.g. " + KAFKA_PROPERTIES + "security.protocol."));
                }
                if (KafkaClientProperties.MANAGED.contains(property)) {
                    throw new ConfigException("'" + key + "' (from " + origins.getOrDefault(key, "the configuration")
                            + ") is set by the jobs themselves. Fix: remove it" + (property.equals("bootstrap.servers")
                            ? "; set kafka.bootstrap-servers instead." : "."));
                }
                continue;
            }
            if (!known.contains(key)) {
                throw new ConfigException("Unknown configuration key '" + key + "' (from "
                        + origins.getOrDefault(key, "the configuration") + "). " + suggestion(key, known, "",
                                "remove it; the known keys are listed by `./cxmon config`."));
            }
        }
        for (ConfigOption<?> option : CxOptions.all()) {
            try {
                conf.get(option);
            } catch (IllegalArgumentException e) {
                throw invalid(option, conf, origins, "cannot be parsed (" + rootMessage(e) + ")",
                        "use a value like the default, " + option.defaultValue());
            }
        }
        for (CxOptions.Bound<?> bound : CxOptions.bounds()) {
            check(bound, conf, origins);
        }
        // what holds between settings
        Map<String, ConfigOption<String>> topics = new HashMap<>();
        for (ConfigOption<String> topic : CxOptions.topics()) {
            if (topics.putIfAbsent(conf.get(topic), topic) != null) {
                throw invalid(topic, conf, origins, "is also used by another stream",
                        "give each stream, the dead letters, experiences, alerts and points a topic of their own");
            }
        }
        if (conf.get(CxOptions.SESSION_FRUSTRATING_SCORE) < conf.get(CxOptions.SESSION_TOLERATING_SCORE)) {
            throw invalid(CxOptions.SESSION_FRUSTRATING_SCORE, conf, origins, "is below sessions.tolerating-score",
                    "make it at least the tolerating score");
        }
        try {
            SignalFunnel.parse(conf.get(CxOptions.FUNNEL_STEPS));
        } catch (IllegalArgumentException e) {
            throw invalid(CxOptions.FUNNEL_STEPS, conf, origins, "is not a funnel (" + e.getMessage() + ")",
                    "list 2 or more web or app event types in order, e.g. " + CxOptions.FUNNEL_STEPS.defaultValue());
        }
    }

    private static <T> void check(CxOptions.Bound<T> bound, Configuration conf, Map<String, String> origins) {
        if (!bound.holds().test(conf.get(bound.option()))) {
            throw invalid(bound.option(), conf, origins, bound.problem(), bound.fix());
        }
    }

    private static ConfigException invalid(ConfigOption<?> o, Configuration conf, Map<String, String> origins,
            String problem, String fix) {
        String raw = conf.toMap().getOrDefault(o.key(), String.valueOf(o.defaultValue()));
        String shown = CxOptions.isSecret(o) ? mask(raw) : raw;
        return new ConfigException("Invalid configuration: " + o.key() + " = '" + shown + "' (from "
                + origins.getOrDefault(o.key(), "the defaults") + ") " + problem + ". Fix: " + fix + ".");
    }

    /** The closest known key as the fix, with {@code prefix} before it, or {@code otherwise}. */
    private static String suggestion(String key, Set<String> known, String prefix, String otherwise) {
        String closest = known.stream()
                .min(Comparator.comparingInt(k -> distance(k, key)))
                .orElseThrow();
        if (distance(closest, key) <= Math.max(3, key.length() / 3)) {
            return "Fix: did you mean '" + prefix + closest + "'?";
        }
        return "Fix: " + otherwise;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
