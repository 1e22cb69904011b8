package io.cxmonitor.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** File helpers for the local services and the tools that deploy on them. */
public final class Paths {

    private Paths() {}

    /** Best effort: a directory that cannot be deleted stays behind in the temp dir, harmlessly. */
    public static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // the OS cleans the temp dir eventually
        }
    }

    /**
     * The shaded job jar ({@code cxmon-flink-jobs-<version>-job.jar}) that {@code mvn package}
     * left in the flink-jobs module's {@code target} directory, if it is there.
     */
    public static Optional<Path> jobJar(Path target) {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-job.jar")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
