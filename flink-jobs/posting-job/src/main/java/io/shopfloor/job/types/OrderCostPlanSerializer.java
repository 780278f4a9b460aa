package io.shopfloor.job.types;

import io.shopfloor.job.order.OrderCostPlan;
import io.shopfloor.posting.model.CostBucket;
import io.shopfloor.posting.order.OrderStatus;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.shopfloor.job.types.StateIO.readCount;
import static io.shopfloor.job.types.StateIO.readDate;
import static io.shopfloor.job.types.StateIO.readDecimal;
import static io.shopfloor.job.types.StateIO.readEnum;
import static io.shopfloor.job.types.StateIO.readInstant;
import static io.shopfloor.job.types.StateIO.readString;
import static io.shopfloor.job.types.StateIO.writeDate;
import static io.shopfloor.job.types.StateIO.writeDecimal;
import static io.shopfloor.job.types.StateIO.writeEnum;
import static io.shopfloor.job.types.StateIO.writeInstant;
import static io.shopfloor.job.types.StateIO.writeString;

/**
 * Serializer of the order cost plans (a side output). Format 1: key, order no., status, posting date, event time,
 * standard and expected amounts by bucket, expected capacity need, line plans, component plans.
 */
public final class OrderCostPlanSerializer extends VersionedSerializer<OrderCostPlan> {
    private static final long serialVersionUID = 1L;

    public static final OrderCostPlanSerializer INSTANCE = new OrderCostPlanSerializer();

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean isImmutableType() {
        return true; // nothing changes a plan once made
    }

    @Override
    public OrderCostPlan createInstance() {
        return new OrderCostPlan("", "", OrderStatus.RELEASED, null, null, Map.of(), Map.of(), null, List.of(),
                List.of());
    }

    @Override
    protected void write(OrderCostPlan p, DataOutputView out) throws IOException {
        writeString(p.idempotencyKey(), out);
        writeString(p.orderNo(), out);
        writeEnum(p.status(), out);
        writeDate(p.postingDate(), out);
        writeInstant(p.eventTime(), out);
        writeAmounts(p.standard(), out);
        writeAmounts(p.expected(), out);
        writeDecimal(p.expectedCapacityNeed(), out);
        out.writeInt(p.lines().size());
        for (OrderCostPlan.LinePlan l : p.lines()) {
            out.writeInt(l.lineNo());
            writeString(l.itemNo(), out);
            out.writeInt(l.routingReferenceNo());
            writeDecimal(l.quantityBase(), out);
            writeDecimal(l.indirectCostPct(), out);
            writeDecimal(l.overheadRate(), out);
        }
        out.writeInt(p.components().size());
        for (OrderCostPlan.ComponentPlan c : p.components()) {
            out.writeInt(c.orderLineNo());
            out.writeInt(c.lineNo());
            writeString(c.itemNo(), out);
            writeDecimal(c.expectedQtyBase(), out);
            writeDecimal(c.costAmount(), out);
        }
    }

    @Override
    protected OrderCostPlan read(int version, DataInputView in) throws IOException {
        String key = readString(in);
        String orderNo = readString(in);
        OrderStatus status = readEnum(OrderStatus.class, in);
        LocalDate postingDate = readDate(in);
        Instant eventTime = readInstant(in);
        Map<CostBucket, BigDecimal> standard = readAmounts(in);
        Map<CostBucket, BigDecimal> expected = readAmounts(in);
        BigDecimal capacityNeed = readDecimal(in);
        List<OrderCostPlan.LinePlan> lines = new ArrayList<>();
        for (int i = readCount(in); i > 0; i--) {
            lines.add(new OrderCostPlan.LinePlan(in.readInt(), readString(in), in.readInt(), readDecimal(in),
                    readDecimal(in), readDecimal(in)));
        }
        List<OrderCostPlan.ComponentPlan> components = new ArrayList<>();
        for (int i = readCount(in); i > 0; i--) {
            components.add(new OrderCostPlan.ComponentPlan(in.readInt(), in.readInt(), readString(in),
                    readDecimal(in), readDecimal(in)));
        }
        return new OrderCostPlan(key, orderNo, status, postingDate, eventTime, standard, expected, capacityNeed,
                List.copyOf(lines), List.copyOf(components));
    }

    private static void writeAmounts(Map<CostBucket, BigDecimal> amounts, DataOutputView out) throws IOException {
        out.writeInt(amounts.size());
        for (Map.Entry<CostBucket, BigDecimal> amount : amounts.entrySet()) {
            writeEnum(amount.getKey(), out);
            writeDecimal(amount.getValue(), out);
        }
    }

    private static Map<CostBucket, BigDecimal> readAmounts(DataInputView in) throws IOException {
        Map<CostBucket, BigDecimal> amounts = new EnumMap<>(CostBucket.class);
        for (int i = readCount(in); i > 0; i--) {
            amounts.put(readEnum(CostBucket.class, in), readDecimal(in));
        }
        return amounts;
    }
}
