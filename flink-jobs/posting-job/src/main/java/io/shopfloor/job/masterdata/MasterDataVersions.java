package io.shopfloor.job.masterdata;

import java.util.Map;
import java.util.TreeMap;

/** The versions of one master-data record by the event time from which each is valid (null = deleted). */
public final class MasterDataVersions {
    /** Kept in broadcast state by {@link MasterDataVersionsSerializer}. */
    final TreeMap<Long, Object> versions = new TreeMap<>();

    public void put(long validFrom, Object value) {
        versions.put(validFrom, value);
    }

    /** The version valid at {@code time}, or null (none yet, or deleted). */
    public Object asOf(long time) {
        Map.Entry<Long, Object> entry = versions.floorEntry(time);
        return entry == null ? null : entry.getValue();
    }

    public int size() {
        return versions.size();
    }

    /**
     * Forgets what no read at or after {@code horizon} (epoch millis) can see: the versions before the one valid at
     * the horizon. That one then stands for all earlier time, as the first version known does. Returns whether a
     * record is left (false: it was deleted before the horizon, and the whole entry can go).
     */
    public boolean pruneBefore(long horizon) {
        Map.Entry<Long, Object> valid = versions.floorEntry(horizon);
        if (valid != null && valid.getKey() != Long.MIN_VALUE) {
            versions.headMap(valid.getKey(), true).clear();
            versions.put(Long.MIN_VALUE, valid.getValue());
        }
        return !(versions.size() == 1 && versions.firstEntry().getValue() == null);
    }

    /**
     * Keeps at most {@code max} versions: the oldest beyond go (the next one then stands for all earlier time).
     * Returns the valid-from times of the versions forgotten, oldest first.
     */
    public java.util.List<Long> trimTo(int max) {
        java.util.List<Long> forgotten = new java.util.ArrayList<>();
        while (versions.size() > max) {
            forgotten.add(versions.pollFirstEntry().getKey());
        }
        if (!forgotten.isEmpty()) {
            Map.Entry<Long, Object> first = versions.pollFirstEntry();
            versions.put(Long.MIN_VALUE, first.getValue());
        }
        return forgotten;
    }
}
