package io.shopfloor.job.types;

import io.shopfloor.job.machine.ReportedLine;
import io.shopfloor.job.machine.WindowTotals;
import io.shopfloor.job.order.OrderInput;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.BigDecSerializer;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.runtime.state.JavaSerializer;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Flink serializer of {@link OrderInput}. The inputs machines cause, a reported line per machine, operation and
 * window and a machine's window totals, are most of the stream: their fields are written directly. The rest
 * (definitions, status changes, journal lines people enter) are rare and of many shapes: Java serialization, as
 * before. Lines and totals are immutable records, so their copies are the values themselves.
 */
public final class OrderInputSerializer extends TypeSerializerSingleton<OrderInput> {
    private static final long serialVersionUID = 1L;

    public static final OrderInputSerializer INSTANCE = new OrderInputSerializer();

    private static final byte MACHINE_LINE = 1;
    private static final byte TOTALS = 2;
    private static final byte JAVA_SERIALIZED = 3;
    /** Totals with their planned stop time and unclocked parts; {@code TOTALS} (without them) stays readable. */
    private static final byte TOTALS_WITH_PLANNED_STOP = 4;

    private final JavaSerializer<OrderInput> others = new JavaSerializer<>();

    @Override
    public boolean isImmutableType() {
        return false; // the rare inputs hold the posting rules' types, copied the safe way
    }

    @Override
    public OrderInput createInstance() {
        return new OrderInput.Totals(new WindowTotals("", Instant.EPOCH, Instant.EPOCH, null, 0, null, 0, 0, 0, 0, 0,
                0, 0));
    }

    @Override
    public OrderInput copy(OrderInput from) {
        return from instanceof OrderInput.MachineLine || from instanceof OrderInput.Totals ? from : others.copy(from);
    }

    @Override
    public OrderInput copy(OrderInput from, OrderInput reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(OrderInput input, DataOutputView target) throws IOException {
        if (input instanceof OrderInput.MachineLine machine) {
            target.writeByte(MACHINE_LINE);
            ReportedLine l = machine.line();
            MachineInputSerializer.writeString(l.sourceId(), target);
            MachineInputSerializer.writeString(l.kind().name(), target);
            MachineInputSerializer.writeString(l.machineId(), target);
            MachineInputSerializer.writeString(l.orderNo(), target);
            target.writeInt(l.orderLineNo());
            MachineInputSerializer.writeString(l.operationNo(), target);
            writeInstant(l.startingTime(), target);
            writeInstant(l.endingTime(), target);
            target.writeBoolean(l.postingDate() != null);
            if (l.postingDate() != null) {
                target.writeLong(l.postingDate().toEpochDay());
            }
            MachineInputSerializer.writeString(l.workShiftCode(), target);
            BigDecSerializer.INSTANCE.serialize(l.setupMinutes(), target);
            BigDecSerializer.INSTANCE.serialize(l.runMinutes(), target);
            BigDecSerializer.INSTANCE.serialize(l.stopMinutes(), target);
            MachineInputSerializer.writeString(l.stopCode(), target);
            target.writeLong(l.outputQuantity());
            target.writeLong(l.scrapQuantity());
            target.writeBoolean(l.finished());
            MachineInputSerializer.writeString(l.operatorId(), target);
        } else if (input instanceof OrderInput.Totals totals) {
            target.writeByte(TOTALS_WITH_PLANNED_STOP);
            WindowTotals t = totals.totals();
            MachineInputSerializer.writeString(t.machineId(), target);
            writeInstant(t.from(), target);
            writeInstant(t.to(), target);
            MachineInputSerializer.writeString(t.orderNo(), target);
            target.writeInt(t.orderLineNo());
            MachineInputSerializer.writeString(t.operationNo(), target);
            target.writeLong(t.goodParts());
            target.writeLong(t.scrapParts());
            target.writeLong(t.setupMillis());
            target.writeLong(t.runMillis());
            target.writeLong(t.stopMillis());
            target.writeLong(t.noSignalMillis());
            target.writeLong(t.idleMillis());
            target.writeLong(t.plannedStopMillis());
            target.writeLong(t.unclockedParts());
        } else {
            target.writeByte(JAVA_SERIALIZED);
            others.serialize(input, target);
        }
    }

    @Override
    public OrderInput deserialize(DataInputView source) throws IOException {
        byte kind = source.readByte();
        if (kind == MACHINE_LINE) {
            String sourceId = MachineInputSerializer.readString(source);
            ReportedLine.Kind lineKind = ReportedLine.Kind.valueOf(MachineInputSerializer.readString(source));
            String machineId = MachineInputSerializer.readString(source);
            String orderNo = MachineInputSerializer.readString(source);
            int orderLineNo = source.readInt();
            String operationNo = MachineInputSerializer.readString(source);
            Instant startingTime = readInstant(source);
            Instant endingTime = readInstant(source);
            LocalDate postingDate = source.readBoolean() ? LocalDate.ofEpochDay(source.readLong()) : null;
            String workShiftCode = MachineInputSerializer.readString(source);
            BigDecimal setupMinutes = BigDecSerializer.readBigDecimal(source);
            BigDecimal runMinutes = BigDecSerializer.readBigDecimal(source);
            BigDecimal stopMinutes = BigDecSerializer.readBigDecimal(source);
            String stopCode = MachineInputSerializer.readString(source);
            long outputQuantity = source.readLong();
            long scrapQuantity = source.readLong();
            boolean finished = source.readBoolean();
            String operatorId = MachineInputSerializer.readString(source);
            return new OrderInput.MachineLine(new ReportedLine(sourceId, lineKind, machineId, orderNo, orderLineNo,
                    operationNo, startingTime, endingTime, postingDate, workShiftCode, setupMinutes, runMinutes,
                    stopMinutes, stopCode, outputQuantity, scrapQuantity, finished, operatorId));
        }
        if (kind == TOTALS || kind == TOTALS_WITH_PLANNED_STOP) {
            String machineId = MachineInputSerializer.readString(source);
            Instant from = readInstant(source);
            Instant to = readInstant(source);
            String orderNo = MachineInputSerializer.readString(source);
            int orderLineNo = source.readInt();
            String operationNo = MachineInputSerializer.readString(source);
            return new OrderInput.Totals(new WindowTotals(machineId, from, to, orderNo, orderLineNo, operationNo,
                    source.readLong(), source.readLong(), source.readLong(), source.readLong(), source.readLong(),
                    source.readLong(), source.readLong(), kind == TOTALS ? 0 : source.readLong(),
                    kind == TOTALS ? 0 : source.readLong()));
        }
        if (kind != JAVA_SERIALIZED) {
            throw new IOException("not an order input: kind " + kind);
        }
        return others.deserialize(source);
    }

    @Override
    public OrderInput deserialize(OrderInput reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    private static void writeInstant(Instant instant, DataOutputView target) throws IOException {
        target.writeBoolean(instant != null);
        if (instant != null) {
            MachineInputSerializer.writeInstant(instant, target);
        }
    }

    private static Instant readInstant(DataInputView source) throws IOException {
        return source.readBoolean() ? MachineInputSerializer.readInstant(source) : null;
    }

    @Override
    public TypeSerializerSnapshot<OrderInput> snapshotConfiguration() {
        return new Snapshot();
    }

    /** No configuration: the format is this class's (and Java serialization's for the rare inputs). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<OrderInput> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
