package io.shopfloor.ledger;

import io.shopfloor.schema.EmbeddedKafka;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.ledger.ItemCostUpdate;
import io.shopfloor.schema.masterdata.CostingMethod;
import io.shopfloor.schema.masterdata.Item;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/cost-adjustment.md#item-cost-update on Kafka: example 1 with set A's posting setup and FG-100 as a FIFO item,
 * through the posting job with the ledger store (real Kafka and PostgreSQL). The parent's cost after the adjustment
 * reaches ledger-item-cost-updates once (read committed) and item_cost_update, the same field by field, as every
 * other ledger topic its table. (A replay writes the topic's records again, with the same keys; that the table
 * takes nothing from a replay is ItemCostUpdateStoreTest's.)
 */
class ItemCostUpdateKafkaTest {
    @RegisterExtension
    static final LedgerDatabase POSTGRES = new LedgerDatabase();
    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @Test
    void aFifoParentsCostUpdateReachesItsTopicAsItsTable() throws Exception {
        GeneralLedgerKafkaTest.produceExample1(KAFKA, ItemCostUpdateKafkaTest::fifoParent);
        LedgerDatabase.Ledger ledger = POSTGRES.newLedger();
        GeneralLedgerKafkaTest.runJob(KAFKA, "icu-1", ledger);

        assertEquals(List.of(), ledger.query("SELECT stage, reason_code, reason_detail FROM dead_letter"));
        // The order's actual cost, 797.65 (example 1's), for its 100 pieces.
        List<String> expected = List.of("FG-100 FIFO RPO-1001 10000 100.00000 797.65 7.97650 2026-03-02");
        assertEquals(expected, ledger.query("SELECT item_no, costing_method, order_no, order_line_no, "
                + "output_quantity_base, cost_amount, unit_cost, posting_date FROM item_cost_update"));
        assertEquals(expected, topic());
        assertEquals(1, LedgerTopicsAndTables.assertEqual(KAFKA, ledger).get(
                io.shopfloor.ledger.model.Ledger.ITEM_COST_UPDATE));
    }

    private static List<String> topic() throws Exception {
        var decoder = ShopfloorSchemas.decoder(ItemCostUpdate.class);
        List<String> updates = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : KAFKA.readAll(KafkaTopics.LEDGER_ITEM_COST_UPDATES, true,
                Duration.ofSeconds(30))) {
            ItemCostUpdate u = decoder.decode(record.value());
            updates.add(u.getItemNo() + " " + u.getCostingMethod() + " " + u.getOrderNo() + " " + u.getOrderLineNo()
                    + " " + u.getOutputQuantityBase() + " " + u.getCostAmount() + " " + u.getUnitCost() + " "
                    + u.getPostingDate());
        }
        return updates;
    }

    private static ProducerRecord<byte[], byte[]> fifoParent(ProducerRecord<byte[], byte[]> record) {
        if (!record.topic().equals(KafkaTopics.MD_ITEMS) || !"FG-100".equals(new String(record.key(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            return record;
        }
        try {
            Item item = ShopfloorSchemas.decoder(Item.class).decode(record.value());
            return new ProducerRecord<>(record.topic(), record.key(), ShopfloorSchemas.encoder(Item.class)
                    .encode(Item.newBuilder(item).setCostingMethod(CostingMethod.FIFO).build()).array());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
