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
}
