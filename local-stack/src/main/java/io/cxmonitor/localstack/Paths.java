package io.cxmonitor.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File helpers for the temporary directories of the local services. */
final class Paths {

    private Paths() {}

    /** Best effort: a directory that cannot be deleted stays behind in the temp dir, harmlessly. */
    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // the OS cleans the temp dir eventually
        }
    }
}
