package io.cxmonitor.cli;

import io.cxmonitor.events.Stream;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * The demo's live summary line: records in per input topic, dead letters and alerts (topic end
 * offsets), the signals job's consumer lag, and the points InfluxDB has accepted.
 */
final class DemoSummary implements AutoCloseable {

    private final Admin admin;
    private final InfluxDB influx;
    private final CxConfig config;
    private final String groupId;

    DemoSummary(Admin admin, CxConfig config, String jobName) {
        this.admin = admin;
        this.config = config;
        this.groupId = KafkaTopics.groupId(config, jobName, "");
        this.influx = InfluxDBFactory.connect(config.get(CxOptions.INFLUXDB_URL));
        this.influx.setLogLevel(InfluxDB.LogLevel.NONE);
    }

    String line() {
        StringBuilder out = new StringBuilder("events in");
        Map<TopicPartition, Long> ends = new HashMap<>();
        try {
            for (Map.Entry<Stream, String> topic : KafkaTopics.byStream(config).entrySet()) {
                long n = endOffsets(topic.getValue(), ends);
                out.append(' ').append(topic.getKey().id()).append(' ').append(String.format("%,d", n));
            }
            out.append(" | dead letters ").append(String.format("%,d", endOffsets(config.get(CxOptions.TOPIC_DEADLETTER), null)));
            out.append(" | lag ").append(String.format("%,d", lag(ends)));
            out.append(" | alerts ").append(String.format("%,d", endOffsets(config.get(CxOptions.TOPIC_ALERTS), null)));
        } catch (Exception e) {
            out.append(" (Kafka unavailable: ").append(e.getMessage()).append(')');
        }
        out.append(" | points written ").append(pointsWritten());
        return out.toString();
    }

    private long endOffsets(String topic, Map<TopicPartition, Long> collect) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(5, TimeUnit.SECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        long total = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e
                : admin.listOffsets(request).all().get(5, TimeUnit.SECONDS).entrySet()) {
            total += e.getValue().offset();
            if (collect != null) {
                collect.put(e.getKey(), e.getValue().offset());
            }
        }
        return total;
    }

    /** Records not yet covered by the job's last checkpoint (offsets are committed on checkpoints). */
    private long lag(Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += e.getValue() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    /** Points influxd stored in the jobs' database since it started (Flink's own metrics aside). */
    private String pointsWritten() {
        try {
            String database = config.get(CxOptions.INFLUXDB_DATABASE);
            long points = 0;
            for (QueryResult.Series shard : influx.query(new Query("SHOW STATS FOR 'shard'")).getResults().get(0)
                    .getSeries()) {
                if (database.equals(shard.getTags().get("database"))) {
                    points += ((Number) shard.getValues().get(0).get(shard.getColumns().indexOf("writePointsOk")))
                            .longValue();
                }
            }
            return String.format("%,d", points);
        } catch (RuntimeException e) {
            return "? (InfluxDB unavailable)";
        }
    }

    /** Events per stream counted in InfluxDB so far, e.g. {@code clickstream=5120 app=3977 ...}. */
    String storedEventCounts() {
        String query = "SELECT sum(\"count\") FROM cx_events GROUP BY stream";
        StringBuilder out = new StringBuilder("events per stream (" + query + "):");
        try {
            QueryResult result = influx.query(new Query(query, config.get(CxOptions.INFLUXDB_DATABASE)));
            List<QueryResult.Series> series = result.getResults().get(0).getSeries();
            if (series == null) {
                return out.append(" none yet").toString();
            }
            for (QueryResult.Series s : series) {
                out.append(' ').append(s.getTags().get("stream")).append('=')
                        .append(String.format("%,d", ((Number) s.getValues().get(0).get(1)).longValue()));
            }
        } catch (RuntimeException e) {
            out.append(" unavailable (").append(e.getMessage()).append(')');
        }
        return out.toString();
    }

    @Override
    public void close() {
        influx.close();
    }
}
