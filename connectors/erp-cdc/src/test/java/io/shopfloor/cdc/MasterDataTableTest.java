package io.shopfloor.cdc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shopfloor.job.avro.AvroFixtures;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.masterdata.Location;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/** The table list against the contract: every master-data topic once, keys as the record docs give them. */
class MasterDataTableTest {
    private static final Pattern DOC_KEY = Pattern.compile("Key: ([a-zA-Z, ]+)\\.");

    @Test
    void everyMasterDataTopicHasOneTable() {
        assertEquals(KafkaTopics.MASTER_DATA.stream().sorted().toList(),
                MasterDataTable.ALL.stream().map(MasterDataTable::topic).sorted().toList());
    }

    @Test
    void keyFieldsAreTheKeyTheRecordDocNames() {
        for (MasterDataTable table : MasterDataTable.ALL) {
            String doc = SpecificData.get().getSchema(table.recordType()).getDoc();
            Matcher key = DOC_KEY.matcher(doc);
            List<String> documented = key.find() ? Arrays.asList(key.group(1).split(", ")) : List.of("primaryKey");
            assertEquals(documented, table.keyFields(), table.table() + ": " + doc);
            assertEquals(table.recordType().getSimpleName().replaceAll("(?<=[a-z])([A-Z])", "_$1").toLowerCase(),
                    table.table());
        }
    }

    @Test
    void keysJoinTheFieldsWithABarAndEscapeIt() {
        MasterDataTable routing = MasterDataTable.byName("prod_order_routing_line").orElseThrow();
        assertEquals("FIRM_PLANNED|RPO-1001|10000|R-100|10",
                NaturalKey.of(routing, AvroFixtures.setARouting().get(0)));
        assertEquals("RPO-1001", NaturalKey.orderNo(routing, AvroFixtures.setARouting().get(0)));

        MasterDataTable locations = MasterDataTable.byName("location").orElseThrow();
        Location odd = Location.newBuilder(AvroFixtures.location("A|B\\C")).build();
        assertEquals("A\\|B\\\\C", NaturalKey.of(locations, odd));
        assertEquals(List.of("A|B\\C"), NaturalKey.split(NaturalKey.of(locations, odd)));
        assertEquals(List.of("FIRM_PLANNED", "RPO-1001", "10000", "R-100", "10"),
                NaturalKey.split("FIRM_PLANNED|RPO-1001|10000|R-100|10"));
        assertEquals(null, NaturalKey.orderNo(locations, odd));

        MasterDataTable setup = MasterDataTable.byName("manufacturing_setup").orElseThrow();
        assertEquals("", NaturalKey.of(setup, AvroFixtures.manufacturingSetup()));
    }
}
