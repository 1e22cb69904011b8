package io.cxmonitor.jobs;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.DeadLetter;
import io.cxmonitor.jobs.common.influx.InfluxPoint;
import io.cxmonitor.jobs.ingest.ParsedRecord;
import org.junit.jupiter.api.Test;

/** Kryo is slow and breaks state compatibility on upgrades: every type that flows must be a POJO. */
class EventTypesAreFlinkPojosTest {

    @Test
    void eventsDeadLettersAndPointsSerializeAsPojosWithoutKryo() {
        assertSerializedAsPojoWithoutKryo(CxEvent.class);
        assertSerializedAsPojoWithoutKryo(DeadLetter.class);
        assertSerializedAsPojoWithoutKryo(ParsedRecord.class);
        assertSerializedAsPojoWithoutKryo(InfluxPoint.class);
    }
}
