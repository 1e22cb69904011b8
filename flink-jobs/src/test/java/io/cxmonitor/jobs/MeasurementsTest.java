package io.cxmonitor.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.jobs.common.influx.Measurement;
import io.cxmonitor.jobs.common.influx.Tag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The schema the jobs write is the one the README documents, measurement by measurement. */
class MeasurementsTest {

    @Test
    void theReadmeDocumentsEveryMeasurementWithItsTagsAndFields() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `(cx_[a-z0-9_]+)` \\|(.*)$").matcher(readme);
        while (row.find()) {
            rows.put(row.group(1), row.group(2));
        }
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(
                Measurements.ALL.stream().map(Measurement::name).toList());
        for (Measurement m : Measurements.ALL) {
            String documented = rows.get(m.name());
            String same = documented.contains("as `cx_") ? rows.get(documented.replaceAll(".*as `(cx_[a-z0-9_]+)`.*", "$1"))
                    : documented;
            for (String field : m.fields()) {
                assertThat(same).as(m.name() + " documents field " + field).contains("`" + field + "`");
            }
            for (Tag tag : m.tags()) {
                assertThat(same).as(m.name() + " documents tag " + tag.key()).contains("`" + tag.key() + "`");
            }
        }
    }
}
