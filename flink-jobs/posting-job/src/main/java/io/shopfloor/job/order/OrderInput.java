package io.shopfloor.job.order;

import java.io.Serializable;

import io.shopfloor.job.machine.ReportedLine;
import io.shopfloor.posting.journal.CapacityJournalLine;
import io.shopfloor.posting.journal.ConsumptionJournalLine;
import io.shopfloor.posting.journal.OutputJournalLine;
import io.shopfloor.posting.journal.PutAwayLine;
import io.shopfloor.posting.journal.StopRecoding;
import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.posting.order.ComponentDefinition;
import io.shopfloor.posting.order.LineDefinition;
import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.posting.order.RoutingLineDefinition;

import java.time.LocalDate;

/**
 * What the per-order stage consumes, keyed by order number (order-less capacity lines by "capacity/" + center).
 * {@link #rank()} orders inputs of one instant: removals (CDC deletes) first, because a key change (BC keys orders and
 * their lines by status) arrives as a delete of the old key and an insert of the new one at the same log position,
 * on any partition; then the order's definition, its status, postings, and last the machines' KPI totals.
 */
public sealed interface OrderInput extends Serializable {
    String CAPACITY_KEY_PREFIX = "capacity/";

    String key();

    String sourceId();

    int rank();

    /** A line a machine reported (output, stop, or order-less capacity stop). */
    record MachineLine(ReportedLine line) implements Serializable, OrderInput {
        public String key() {
            return line.kind() == ReportedLine.Kind.CAPACITY_STOP ? CAPACITY_KEY_PREFIX + line.machineId() : line.orderNo();
        }

        public String sourceId() {
            return line.sourceId();
        }

        public int rank() {
            return 4;
        }
    }

    /**
     * An output journal line entered by a person (corrections, machines without a connection).
     *
     * @param postedBy the person who posted it (the terminal's login), stamped on its entries; null if not known
     */
    record Output(OutputJournalLine line, String postedBy) implements Serializable, OrderInput {
        public Output(OutputJournalLine line) {
            this(line, null);
        }

        public String key() {
            return line.orderNo();
        }

        public String sourceId() {
            return line.sourceId();
        }

        public int rank() {
            return 4;
        }
    }

    /** A completed inventory put-away line: posts the order line's output (docs/warehouse.md). */
    record PutAway(PutAwayLine line, String postedBy) implements Serializable, OrderInput {
        public PutAway(PutAwayLine line) {
            this(line, null);
        }

        public String key() {
            return line.orderNo();
        }

        public String sourceId() {
            return line.sourceId();
        }

        public int rank() {
            return 4;
        }
    }

    /** Manual consumption or a return; {@code postedBy} as on {@link Output}. */
    record Consumption(ConsumptionJournalLine line, String postedBy) implements Serializable, OrderInput {
        public Consumption(ConsumptionJournalLine line) {
            this(line, null);
        }

        public String key() {
            return line.orderNo();
        }

        public String sourceId() {
            return line.sourceId();
        }

        public int rank() {
            return 4;
        }
    }

    /** A capacity journal line without order; {@code postedBy} as on {@link Output}. */
    record Capacity(CapacityJournalLine line, String postedBy) implements Serializable, OrderInput {
        public Capacity(CapacityJournalLine line) {
            this(line, null);
        }

        public String key() {
            return CAPACITY_KEY_PREFIX + line.no();
        }

        public String sourceId() {
            return line.sourceId();
        }

        public int rank() {
            return 4;
        }
    }

    /**
     * A person re-codes a posted stop (docs/capacity-costs.md#re-coding-a-stop), on the key the stop entry was
     * posted under: its order no., or {@link #CAPACITY_KEY_PREFIX} + center no. for a stop without order (then
     * {@code orderNo} is null and {@code type}/{@code no} name the center).
     */
    record StopRecode(String orderNo, CapacityType type, String no, StopRecoding line) implements OrderInput {
        public String key() {
            return orderNo != null ? orderNo : CAPACITY_KEY_PREFIX + no;
        }

        public String sourceId() {
            return line.sourceId();
        }

        public int rank() {
            return 4;
        }
    }

    /**
     * The order header changed (CDC); a new status releases or finishes the order. A deleted header is the row of
     * {@code status} gone from the ERP: the old key of a status change, or the order deleted.
     */
    record Header(OrderAssembly.Header header, OrderStatus status, boolean deleted, String sourceId,
                  LocalDate postingDate) implements Serializable, OrderInput {
        public String key() {
            return header.no();
        }

        public int rank() {
            return deleted ? 0 : 2;
        }
    }

    /** A machine's totals for one window, for its KPIs: the order's routing gives the ideal cycle time. */
    record Totals(io.shopfloor.job.machine.WindowTotals totals) implements OrderInput {
        public String key() {
            return totals.orderNo() != null ? totals.orderNo() : "machine/" + totals.machineId();
        }

        public String sourceId() {
            return totals.machineId() + "/" + totals.to().toEpochMilli();
        }

        public int rank() {
            return 5;
        }
    }

    /** An explicit status change of an order (release, finish) from the status-change topic. */
    record StatusChange(String orderNo, OrderStatus status, String sourceId, LocalDate postingDate)
            implements OrderInput {
        public String key() {
            return orderNo;
        }

        public int rank() {
            return 3;
        }
    }

    /** An order line, routing line or component was inserted, updated or deleted (CDC). */
    record Definition(String orderNo, LineDefinition line, RoutingLineDefinition routingLine,
                      ComponentDefinition component, boolean deleted, String sourceId) implements Serializable, OrderInput {
        public String key() {
            return orderNo;
        }

        public int rank() {
            return deleted ? 0 : 1;
        }
    }
}
