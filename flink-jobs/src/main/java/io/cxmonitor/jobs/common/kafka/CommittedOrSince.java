package io.cxmonitor.jobs.common.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

/**
 * Starts each partition at the group's committed offset, or, where the group has none, at the
 * first record published at or after {@code since}; a partition with no such record starts at its
 * end as the enumerator finds it.
 *
 * <p>Why not Kafka's "latest" for a group without offsets: the readers resolve "latest" only when
 * they start, which on a busy cluster is seconds after the job was submitted, and whatever was
 * published in between is never read. Offsets resolved here, against a time fixed when the job
 * was defined, leave no such gap, and a restart before the first checkpoint starts from the same
 * records again.
 */
@SuppressWarnings("deprecation") // the connector still takes Kafka's OffsetResetStrategy
final class CommittedOrSince implements OffsetsInitializer {

    private static final long serialVersionUID = 1L;

    private final long since;

    CommittedOrSince(long since) {
        this.since = since;
    }

    @Override
    public Map<TopicPartition, Long> getPartitionOffsets(Collection<TopicPartition> partitions,
            PartitionOffsetsRetriever retriever) {
        Map<TopicPartition, Long> offsets = new HashMap<>(retriever.committedOffsets(partitions));
        Map<TopicPartition, Long> uncommitted = new HashMap<>();
        for (TopicPartition partition : partitions) {
            if (!offsets.containsKey(partition)) {
                uncommitted.put(partition, since);
            }
        }
        if (uncommitted.isEmpty()) {
            return offsets;
        }
        Map<TopicPartition, OffsetAndTimestamp> found = retriever.offsetsForTimes(uncommitted);
        List<TopicPartition> nothingSince = new ArrayList<>();
        for (TopicPartition partition : uncommitted.keySet()) {
            OffsetAndTimestamp at = found.get(partition);
            if (at == null) {
                nothingSince.add(partition);
            } else {
                offsets.put(partition, at.offset());
            }
        }
        if (!nothingSince.isEmpty()) {
            offsets.putAll(retriever.endOffsets(nothingSince));
        }
        return offsets;
    }

    /** A committed offset the topic no longer keeps: go on from what is newest, as before. */
    @Override
    public OffsetResetStrategy getAutoOffsetResetStrategy() {
        return OffsetResetStrategy.LATEST;
    }
}
