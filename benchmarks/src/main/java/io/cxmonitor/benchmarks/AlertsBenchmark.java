package io.cxmonitor.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.cxmonitor.cli.LocalFlink;
import io.cxmonitor.domain.experiences.ExperienceJson;
import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.domain.risk.AlertJson;
import io.cxmonitor.domain.stats.Samples;
import io.cxmonitor.events.Timestamps;
import io.cxmonitor.generator.GeneratorRun;
import io.cxmonitor.generator.KafkaPublisher;
import io.cxmonitor.generator.TrafficSettings;
import io.cxmonitor.generator.TrafficSimulator;
import io.cxmonitor.jobs.AlertsJob;
import io.cxmonitor.jobs.InfluxJob;
import io.cxmonitor.jobs.NotifyJob;
import io.cxmonitor.jobs.SignalsJob;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import io.cxmonitor.localstack.InfluxServer;
import io.cxmonitor.localstack.KafkaBroker;
import io.cxmonitor.localstack.Ports;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Alert quality and latency, on real services.
 *
 * <p>Quality ({@link AlertQuality}, also run as a test with thresholds): generated traffic with
 * ground truth through the signals and alerting jobs; the customers paged against the customers
 * whose first bad experience the generator injected (precision and recall).
 *
 * <p>Latency: with live background traffic, a low CSAT answer of a fresh customer is appended to
 * Kafka again and again; latency runs from its acknowledged append to the alert's arrival on
 * cx.alerts, and on to a local webhook receiver.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = "Alert precision and recall against the generator's ground truth, and alert latency.")
final class AlertsBenchmark implements Callable<Integer> {

    @Option(names = "--hours", defaultValue = "3", description = "Event time of generated traffic for the quality run (default: ${DEFAULT-VALUE}).")
    int hours;

    @Option(names = "--rate", defaultValue = "150", description = "Events per second of that traffic (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--background", defaultValue = "10000", description = "Live background events per second during the latency run (default: ${DEFAULT-VALUE}).")
    double background;

    @Option(names = "--probes", defaultValue = "300", description = "Alerts timed in the latency run (default: ${DEFAULT-VALUE}).")
    int probes;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting of the jobs in the latency run, e.g. "
            + "--set events.dedup-window='1 h'. Repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    /**
     * Two minutes: four jobs' code is still being compiled by the JIT in the first minute, and a
     * monitor is judged running, not starting (20 s: p99 2.7-2.8 s on a saturated day; 120 s: 0.22 s).
     */
    @Option(names = "--settle-seconds", defaultValue = "120",
            description = "Seconds the jobs run at the background rate before the first probe, so that the JIT "
                    + "compiler has compiled what they run (default: ${DEFAULT-VALUE}).")
    int settleSeconds;

    @Option(names = "--cpu", description = "Print where the CPU time went while probing, by task.")
    boolean showCpu;

    @Option(names = "--skip-quality", description = "Only measure latency.")
    boolean skipQuality;

    @Option(names = "--skip-latency", description = "Only measure quality.")
    boolean skipLatency;

    @Override
    public Integer call() throws Exception {
        if (!skipQuality) {
            quality();
        }
        if (!skipLatency) {
            latency();
        }
        return 0;
    }

    // ---------------------------------------------------------------- quality

    private void quality() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start()) {
            AlertQuality.Result r = AlertQuality.measure(kafka, hours, rate, 20_000, System.out::println);
            System.out.printf("%nQuality over %d h of generated traffic (%,d customers with a first bad experience):%n",
                    hours, r.truth());
            System.out.printf("  precision %.4f (%,d of %,d paged customers had a bad experience)%n",
                    r.precision(), r.correct(), r.paged());
            System.out.printf("  recall    %.4f (%,d of %,d customers with a first bad experience were paged)%n",
                    r.recall(), r.found(), r.truth());
            System.out.printf("  paged on the very experience injected as the first: %.4f%n", r.sameFirstShare());
            if (!r.falsePages().isEmpty()) {
                System.out.println("  some paged without a bad experience: " + r.falsePages());
            }
            if (!r.missed().isEmpty()) {
                System.out.println("  some missed: " + r.missed());
            }
        }
    }

    // ---------------------------------------------------------------- latency

    private void latency() throws Exception {
        Path work = Files.createTempDirectory("cxmon-alert-latency");
        Map<String, Long> received = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/alerts", exchange -> {
            long at = System.currentTimeMillis();
            String alert = new String(exchange.getRequestBody().readAllBytes());
            int i = alert.indexOf("\"customer_id\":\"");
            received.putIfAbsent(alert.substring(i + 15, alert.indexOf('"', i + 15)), at);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        Path routes = work.resolve("routes.properties");
        Files.writeString(routes, "route.bench.type = webhook\nroute.bench.url = http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/alerts\nroute.bench.secret-env = CX_BENCH_SECRET\n");
        try (KafkaBroker kafka = KafkaBroker.start(); InfluxServer influx = InfluxServer.launch();
                LocalFlink flink = LocalFlink.start(Ports.free(), 6, 1, work.resolve("checkpoints"))) {
            CxConfig config = config(kafka, influx, false, routes, settings);
            kafka.createTopics(2, KafkaTopics.all(config));
            flink.submit(SignalsJob.NAME, env -> SignalsJob.define(env, config));
            flink.submit(AlertsJob.NAME, env -> AlertsJob.define(env, config));
            flink.submit(InfluxJob.NAME, env -> InfluxJob.define(env, config));
            flink.submit(NotifyJob.NAME, env -> NotifyJob.define(env, config,
                    NotifyJob.routes(config, Map.of("CX_BENCH_SECRET", "bench"))));

            long now = System.currentTimeMillis();
            GeneratorRun traffic = new GeneratorRun(new TrafficSimulator(new TrafficSettings().seed(3).rate(background)
                    .customers(200_000), now), new KafkaPublisher(kafka.bootstrapServers(), KafkaTopics.byStream(config)), null, true,
                    now, null, 0);
            Thread generator = new Thread(traffic, "background-traffic");
            generator.start();
            // the simulator first warms up over 30 min of event time (over a minute at 10k events/s),
            // then sends what fell due meanwhile at once: wait until it keeps pace and the jobs took that in
            while (traffic.behindMillis() > 1_000) {
                Thread.sleep(500);
            }
            Thread.sleep(settleSeconds * 1000L);
            long backgroundFrom = traffic.total();
            long probesFrom = System.currentTimeMillis();
            ThreadCpu cpu = ThreadCpu.watch();

            Map<String, Long> appended = new ConcurrentHashMap<>();
            Map<String, Long> onTopic = new ConcurrentHashMap<>();
            Map<String, Long> experienced = new ConcurrentHashMap<>();
            Thread watcher = watch(kafka.bootstrapServers(), config.get(CxOptions.TOPIC_ALERTS), onTopic,
                    json -> AlertJson.read(json).customerId);
            Thread experiences = watch(kafka.bootstrapServers(), config.get(CxOptions.TOPIC_EXPERIENCES), experienced,
                    json -> ExperienceJson.read(json, config.eventLimits()).customerId);
            String run = UUID.randomUUID().toString().substring(0, 8);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                for (int i = 0; i < probes; i++) {
                    String customer = "probe-" + run + "-" + i;
                    long ts = System.currentTimeMillis();
                    String csat = "{\"event_id\":\"" + customer + "\",\"type\":\"csat\",\"ts\":\"" + Timestamps.format(ts)
                            + "\",\"customer_id\":\"" + customer + "\",\"channel\":\"chat\",\"score\":1}";
                    producer.send(new ProducerRecord<>(config.get(CxOptions.TOPIC_SUPPORT), null, ts, customer, csat)).get();
                    appended.put(customer, System.currentTimeMillis());
                    Thread.sleep(100);
                }
            }
            long deadline = System.currentTimeMillis() + 30_000;
            while ((onTopic.size() < probes || received.keySet().stream().filter(appended::containsKey).count() < probes)
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            double backgroundRate = (traffic.total() - backgroundFrom) * 1000.0 / (System.currentTimeMillis() - probesFrom);
            List<String> cpuWhileProbing = cpu.table();
            traffic.stop();
            watcher.interrupt();
            experiences.interrupt();
            generator.join(10_000);

            List<Long> toTopic = new ArrayList<>();
            List<Long> toReceiver = new ArrayList<>();
            List<Long> webhookAdds = new ArrayList<>();
            List<Long> toExperience = new ArrayList<>();
            List<Long> experienceToAlert = new ArrayList<>();
            for (Map.Entry<String, Long> e : appended.entrySet()) {
                Long topicAt = onTopic.get(e.getKey());
                Long receiverAt = received.get(e.getKey());
                Long experienceAt = experienced.get(e.getKey());
                if (experienceAt != null) {
                    toExperience.add(experienceAt - e.getValue());
                    if (topicAt != null) {
                        experienceToAlert.add(topicAt - experienceAt);
                    }
                }
                if (topicAt != null) {
                    toTopic.add(topicAt - e.getValue());
                }
                if (receiverAt != null) {
                    toReceiver.add(receiverAt - e.getValue());
                    if (topicAt != null) {
                        webhookAdds.add(receiverAt - topicAt);
                    }
                }
            }
            System.out.printf("%nLatency with %,.0f events/s of background traffic (%d probes):%n", background, probes);
            System.out.printf("  append of the triggering event -> alert on cx.alerts: p50 %d ms, p99 %d ms (%d alerts)%n",
                    percentile(toTopic, 0.5), percentile(toTopic, 0.99), toTopic.size());
            System.out.printf("    of which append -> bad experience on cx.experiences (cx-signals): p50 %d ms, p99 %d ms; "
                    + "-> alert (cx-alerts): p50 %d ms, p99 %d ms%n", percentile(toExperience, 0.5),
                    percentile(toExperience, 0.99), percentile(experienceToAlert, 0.5), percentile(experienceToAlert, 0.99));
            System.out.printf("  append -> webhook receiver: p50 %d ms, p99 %d ms; the webhook adds p50 %d ms, p99 %d ms%n",
                    percentile(toReceiver, 0.5), percentile(toReceiver, 0.99), percentile(webhookAdds, 0.5),
                    percentile(webhookAdds, 0.99));
            System.out.printf("  background traffic while probing: %,.0f events/s%n", backgroundRate);
            if (showCpu) {
                System.out.println("CPU time while probing, by task (broker, generator and all jobs in this JVM):");
                cpuWhileProbing.forEach(l -> System.out.println("  " + l.substring(ThreadCpu.LINE.length())));
            }
        } finally {
            receiver.stop(0);
        }
    }

    /** The customer a record is about. */
    private interface CustomerOf {
        String of(byte[] json) throws IOException;
    }

    /** Records when each customer's first record appears on the topic, from its current end on. */
    private static Thread watch(String bootstrap, String topic, Map<String, Long> arrivals, CustomerOf customerOf) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        // assigned and positioned before the first probe, so that no alert is missed by a group join
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        Thread t = new Thread(() -> {
            try (consumer) {
                while (!Thread.currentThread().isInterrupted()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                        long at = System.currentTimeMillis();
                        try {
                            arrivals.putIfAbsent(customerOf.of(r.value()), at);
                        } catch (IOException ignored) {
                            // not one of the topic's records
                        }
                    }
                }
            } catch (org.apache.kafka.common.errors.InterruptException stopped) {
                // done
            }
        }, "watcher-" + topic);
        t.setDaemon(true);
        t.start();
        return t;
    }

    // ---------------------------------------------------------------- helpers

    private static long percentile(List<Long> millis, double q) {
        Samples samples = new Samples();
        millis.forEach(samples::add);
        return millis.isEmpty() ? -1 : (long) samples.percentile(q);
    }

    private static CxConfig config(KafkaBroker kafka, InfluxServer influx, boolean bounded, Path routes,
            Map<String, String> settings) {
        Map<String, String> values = new LinkedHashMap<>(settings);
        values.put(CxOptions.KAFKA_BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers());
        values.put(CxOptions.INFLUXDB_URL.key(), influx.url());
        values.put(CxOptions.KAFKA_BOUNDED.key(), String.valueOf(bounded));
        if (routes != null) {
            values.put(CxOptions.NOTIFY_ROUTES.key(), routes.toString());
        }
        return CxConfig.load(Map.of(), Map.of(), values);
    }

}
