package io.cxmonitor.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one), running inside this
 * JVM on 127.0.0.1. Starts in about three seconds; its log directory is deleted on close.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);

    /**
     * Larger than the pipeline's 1 MiB limit, so that an oversized record reaches the job and is
     * dead-lettered there instead of being refused by the producer.
     */
    public static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    /** The SASL mechanism of a broker with users. */
    public static final String SCRAM = "SCRAM-SHA-512";
    /** The super user of a broker with users, who creates topics and grants ACLs. */
    public static final String ADMIN = "admin";

    private final int port;
    private final Path logDir;
    private final KafkaRaftServer server;
    /** What a client needs to reach the broker as its administrator: nothing, or SASL as {@link #ADMIN}. */
    private final Map<String, Object> adminSecurity;

    private KafkaBroker(int port, Path logDir, KafkaRaftServer server, Map<String, Object> adminSecurity) {
        this.port = port;
        this.logDir = logDir;
        this.server = server;
        this.adminSecurity = adminSecurity;
    }

    /** Starts a broker on a free port; should another process take the port first, on another. */
    public static KafkaBroker start() {
        return onAFreePort(Map.of());
    }

    private static KafkaBroker onAFreePort(Map<String, String> users) {
        for (int attempt = 1; ; attempt++) {
            try {
                return start(Ports.free(), users);
            } catch (IllegalStateException e) {
                if (attempt == 3) {
                    throw e;
                }
                LOG.warn("{}; trying other ports", e.getMessage());
            }
        }
    }

    /** Starts a broker on the given port, with a fresh log directory. */
    public static KafkaBroker start(int port) {
        return start(port, Map.of());
    }

    /**
     * Starts a broker whose clients must authenticate with SASL/SCRAM-SHA-512 as one of
     * {@code users} (name to password, with {@link #ADMIN} among them as the super user) and are
     * authorized by ACLs: nobody but the administrator may do anything that no ACL allows.
     */
    public static KafkaBroker startWithUsers(Map<String, String> users) {
        if (!users.containsKey(ADMIN)) {
            throw new IllegalArgumentException("the users need an " + ADMIN);
        }
        return onAFreePort(users);
    }

    /** The client properties that log in as {@code user} with {@code password}. */
    public static Map<String, String> saslClient(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", SCRAM, "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                        + "\" password=\"" + password + "\";");
    }

    private static KafkaBroker start(int port, Map<String, String> users) {
        Path logDir;
        try {
            logDir = Files.createTempDirectory("cxmon-kafka-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a Kafka log directory", e);
        }
        int controllerPort = Ports.free();
        Properties props = brokerProperties(port, controllerPort, logDir);
        Map<String, Object> adminSecurity = Map.of();
        if (!users.isEmpty()) {
            secure(props, port, controllerPort, users.get(ADMIN));
            adminSecurity = Map.copyOf(saslClient(ADMIN, users.get(ADMIN)));
        }
        format(props, logDir, users);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            Paths.deleteRecursively(logDir);
            throw new IllegalStateException("Kafka broker failed to start on 127.0.0.1:" + port, e);
        }
        KafkaBroker broker = new KafkaBroker(port, logDir, server, adminSecurity);
        broker.awaitReady();
        LOG.info("Kafka broker ready on {}", broker.bootstrapServers());
        return broker;
    }

    private static Properties brokerProperties(int port, int controllerPort, Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "2");
        p.put("auto.create.topics.enable", "true");
        // its log lives in a temporary directory as long as the run; generated history may be weeks
        // old (the anomaly drill's two weeks of baselines), and must not expire while it is read
        p.put("log.retention.ms", "-1");
        p.put("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /** Clients on SASL/SCRAM, the broker itself as the administrator, ACLs enforced. */
    private static void secure(Properties p, int port, int controllerPort, String adminPassword) {
        p.put("listeners", "SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "SASL_PLAINTEXT");
        p.put("sasl.enabled.mechanisms", SCRAM);
        p.put("sasl.mechanism.inter.broker.protocol", SCRAM);
        p.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", saslClient(ADMIN, adminPassword)
                .get("sasl.jaas.config"));
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("allow.everyone.if.no.acl.found", "false");
        // the controller listener answers the broker in this same process only
        p.put("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
    }

    private static void format(Properties props, Path logDir, Map<String, String> users) {
        Path config = logDir.resolve("server.properties");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            try (var writer = Files.newBufferedWriter(config)) {
                props.store(writer, "cxmon local broker");
            }
            List<String> args = new ArrayList<>(
                    List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
            users.forEach((user, password) -> args.addAll(
                    List.of("--add-scram", SCRAM + "=[name=" + user + ",password=" + password + "]")));
            int rc = StorageTool.execute(args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("formatting the Kafka log directory failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the Kafka configuration", e);
        }
    }

    private void awaitReady() {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka broker did not become ready", e.getCause());
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** An admin client: the super user on a broker with users. */
    public Admin admin() {
        Map<String, Object> config = new HashMap<>(adminSecurity);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(config);
    }

    /** Creates the topics that do not exist yet, each with the given number of partitions. */
    public void createTopics(int partitions, String... topics) {
        createTopics(partitions, List.of(topics));
    }

    public void createTopics(int partitions, List<String> topics) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t))
                    .distinct()
                    .map(t -> new NewTopic(t, partitions, (short) 1))
                    .collect(Collectors.toList());
            admin.createTopics(missing).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topics " + topics, e.getCause());
            }
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        Paths.deleteRecursively(logDir);
        LOG.info("Kafka broker on port {} stopped", port);
    }
}
