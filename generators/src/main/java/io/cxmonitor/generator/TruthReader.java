package io.cxmonitor.generator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads back what {@link TruthWriter} wrote: one {@link TruthEntry} a line (arrays as lists of strings). */
public final class TruthReader {

    private TruthReader() {}

    public static List<TruthEntry> read(Path file) throws IOException {
        JsonFactory json = new JsonFactory();
        List<TruthEntry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            try (JsonParser p = json.createParser(line)) {
                p.nextToken();
                TruthEntry entry = null;
                List<Object[]> fields = new ArrayList<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    if (name.equals("type")) {
                        entry = new TruthEntry(p.getText());
                    } else if (t == JsonToken.START_ARRAY) {
                        List<String> items = new ArrayList<>();
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            items.add(p.getText());
                        }
                        fields.add(new Object[] {name, items});
                    } else if (t.isNumeric()) {
                        fields.add(new Object[] {name, p.getLongValue()});
                    } else if (t.isBoolean()) {
                        fields.add(new Object[] {name, p.getBooleanValue()});
                    } else {
                        fields.add(new Object[] {name, p.getText()});
                    }
                }
                if (entry == null) {
                    throw new IOException("a truth line without a type: " + line);
                }
                for (Object[] f : fields) {
                    entry.with((String) f[0], f[1]);
                }
                entries.add(entry);
            }
        }
        return entries;
    }
}
