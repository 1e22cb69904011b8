package io.cxmonitor.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback port helpers for the local services. */
public final class Ports {

    private Ports() {}

    /**
     * Where {@link #free()} looks first: below Linux's ephemeral range (32768-60999), from which
     * every outgoing connection takes its local port. A port the system hands out as ephemeral
     * and we release again is soon taken by some client socket, or by another test JVM asking the
     * same; a random port below that range is taken only by chance.
     */
    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;

    /** A port that is free right now on 127.0.0.1. */
    public static int free() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            if (isFree(port)) {
                return port;
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with a message that names the option to change when a requested port is taken. */
    public static void requireFree(int port, String what, String option) {
        if (!isFree(port)) {
            throw new IllegalStateException(what + " cannot listen on 127.0.0.1:" + port
                    + ": the port is in use. Stop what uses it, or choose another port with " + option + ".");
        }
    }
}
