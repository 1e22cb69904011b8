package io.cxmonitor.events;

/**
 * A 64-bit hash of an id, for remembering many ids cheaply (de-duplication keeps hashes, not
 * strings of up to 256 characters). FNV-1a over the UTF-16 characters, then the SplitMix64
 * finalizer to spread the bits: among the few thousand ids one key sees in a day, a collision is
 * about as likely as one in 10^12.
 */
public final class IdHash {

    private IdHash() {}

    public static long of(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
