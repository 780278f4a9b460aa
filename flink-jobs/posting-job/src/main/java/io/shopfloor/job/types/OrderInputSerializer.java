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
import io.shopfloor.job.order.OrderAssembly;
import io.shopfloor.posting.order.ComponentDefinition;
import io.shopfloor.posting.order.LineDefinition;
import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.posting.order.RoutingLineDefinition;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Flink serializer of {@link OrderInput}. The inputs machines cause, a reported line per machine, operation and
 * window and a machine's window totals, are most of the stream. Every input is written field by field after a kind
 * byte (it is held in keyed state until the watermark passes it): a new field is a new kind, and the kinds written
 * by earlier releases stay readable. Inputs are immutable records, so their copies are the values themselves.
 */
public final class OrderInputSerializer extends TypeSerializerSingleton<OrderInput> {
    private static final long serialVersionUID = 1L;

    public static final OrderInputSerializer INSTANCE = new OrderInputSerializer();

    private static final byte MACHINE_LINE = 1;
    private static final byte TOTALS = 2;
    /** 3 was a Java-serialized input (before 2026-12): never written again, refused when read. */
    private static final byte OUTPUT = 4;
    private static final byte CONSUMPTION = 5;
    private static final byte CAPACITY = 6;
    private static final byte HEADER = 7;
    private static final byte STATUS_CHANGE = 8;
    private static final byte DEFINITION = 9;
    /** Totals with their planned stop time and unclocked parts; {@code TOTALS} (without them, release 1) reads 0. */
    private static final byte TOTALS_WITH_PLANNED_STOP = 10;
    /** A completed inventory put-away line and who posted it (new kind: earlier releases never wrote one). */
    private static final byte PUT_AWAY = 11;
    /**
     * A person's output, consumption or capacity line with who posted it (kinds 4-6 read as no one). Kind 12 is
     * also the form of an output line with a bin, with or without a person: who posted it (or none), the line, its
     * bin; kind 4 (release 1's bytes) is kept for lines with neither and reads no bin.
     */
    private static final byte OUTPUT_POSTED_BY = 12;
    private static final byte CONSUMPTION_POSTED_BY = 13;
    private static final byte CAPACITY_POSTED_BY = 14;
    /** A stop re-coding: order no., center type and no., then the re-coding. */
    private static final byte STOP_RECODE = 15;
    /**
     * Window totals in a format of their own ({@link WindowTotalsSerializer}: a version, then the totals with their
     * stop time by code), so that a later field of the totals is a format bump there, not another kind here. Kinds 2
     * and 10 stay readable (no stop time by code). Numbered apart from the kinds journal and ERP inputs take.
     */
    private static final byte TOTALS_VERSIONED = 64;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public OrderInput createInstance() {
        return new OrderInput.Totals(new WindowTotals("", Instant.EPOCH, Instant.EPOCH, null, 0, null, 0, 0, 0, 0, 0,
                0, 0));
    }

    @Override
    public OrderInput copy(OrderInput from) {
        return from;
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
            target.writeByte(TOTALS_VERSIONED);
            WindowTotalsSerializer.INSTANCE.serialize(totals.totals(), target);
        } else if (input instanceof OrderInput.Output output) {
            boolean release1Layout = output.postedBy() == null && output.line().binCode() == null;
            target.writeByte(release1Layout ? OUTPUT : OUTPUT_POSTED_BY);
            if (!release1Layout) {
                StateIO.writeString(output.postedBy(), target);
            }
            RulesCodec.writeOutputLine(output.line(), !release1Layout, target);
        } else if (input instanceof OrderInput.PutAway putAway) {
            target.writeByte(PUT_AWAY);
            StateIO.writeString(putAway.postedBy(), target);
            RulesCodec.writePutAwayLine(putAway.line(), target);
        } else if (input instanceof OrderInput.Consumption consumption) {
            writePostedBy(consumption.postedBy(), CONSUMPTION, CONSUMPTION_POSTED_BY, target);
            RulesCodec.writeConsumptionLine(consumption.line(), target);
        } else if (input instanceof OrderInput.Capacity capacity) {
            writePostedBy(capacity.postedBy(), CAPACITY, CAPACITY_POSTED_BY, target);
            RulesCodec.writeCapacityLine(capacity.line(), target);
        } else if (input instanceof OrderInput.StopRecode recode) {
            target.writeByte(STOP_RECODE);
            StateIO.writeString(recode.orderNo(), target);
            StateIO.writeEnum(recode.type(), target);
            StateIO.writeString(recode.no(), target);
            RulesCodec.writeStopRecoding(recode.line(), target);
        } else if (input instanceof OrderInput.Header header) {
            target.writeByte(HEADER);
            StateIO.writeString(header.header().no(), target);
            StateIO.writeString(header.header().description(), target);
            StateIO.writeString(header.header().sourceNo(), target);
            StateIO.writeString(header.header().locationCode(), target);
            target.writeBoolean(header.header().blocked());
            StateIO.writeEnum(header.status(), target);
            target.writeBoolean(header.deleted());
            StateIO.writeString(header.sourceId(), target);
            StateIO.writeDate(header.postingDate(), target);
        } else if (input instanceof OrderInput.StatusChange change) {
            target.writeByte(STATUS_CHANGE);
            StateIO.writeString(change.orderNo(), target);
            StateIO.writeEnum(change.status(), target);
            StateIO.writeString(change.sourceId(), target);
            StateIO.writeDate(change.postingDate(), target);
        } else {
            OrderInput.Definition definition = (OrderInput.Definition) input;
            target.writeByte(DEFINITION);
            StateIO.writeString(definition.orderNo(), target);
            if (definition.line() != null) {
                target.writeByte(1);
                RulesCodec.writeLine(definition.line(), target);
            } else if (definition.routingLine() != null) {
                target.writeByte(2);
                RulesCodec.writeRoutingLine(definition.routingLine(), target);
            } else {
                target.writeByte(3);
                RulesCodec.writeComponent(definition.component(), target);
            }
            target.writeBoolean(definition.deleted());
            StateIO.writeString(definition.sourceId(), target);
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
        return switch (kind) {
            case TOTALS_VERSIONED -> new OrderInput.Totals(WindowTotalsSerializer.INSTANCE.deserialize(source));
            case OUTPUT -> new OrderInput.Output(RulesCodec.readOutputLine(false, source));
            case CONSUMPTION -> new OrderInput.Consumption(RulesCodec.readConsumptionLine(source));
            case PUT_AWAY -> {
                String postedBy = StateIO.readString(source);
                yield new OrderInput.PutAway(RulesCodec.readPutAwayLine(source), postedBy);
            }
            case CAPACITY -> new OrderInput.Capacity(RulesCodec.readCapacityLine(source));
            case OUTPUT_POSTED_BY -> {
                String postedBy = StateIO.readString(source);
                yield new OrderInput.Output(RulesCodec.readOutputLine(true, source), postedBy);
            }
            case CONSUMPTION_POSTED_BY -> {
                String postedBy = StateIO.readString(source);
                yield new OrderInput.Consumption(RulesCodec.readConsumptionLine(source), postedBy);
            }
            case CAPACITY_POSTED_BY -> {
                String postedBy = StateIO.readString(source);
                yield new OrderInput.Capacity(RulesCodec.readCapacityLine(source), postedBy);
            }
            case STOP_RECODE -> {
                String orderNo = StateIO.readString(source);
                var type = StateIO.readEnum(io.shopfloor.posting.model.CapacityType.class, source);
                String no = StateIO.readString(source);
                yield new OrderInput.StopRecode(orderNo, type, no, RulesCodec.readStopRecoding(source));
            }
            case HEADER -> new OrderInput.Header(new OrderAssembly.Header(StateIO.readString(source),
                    StateIO.readString(source), StateIO.readString(source), StateIO.readString(source),
                    source.readBoolean()), StateIO.readEnum(OrderStatus.class, source), source.readBoolean(),
                    StateIO.readString(source), StateIO.readDate(source));
            case STATUS_CHANGE -> new OrderInput.StatusChange(StateIO.readString(source),
                    StateIO.readEnum(OrderStatus.class, source), StateIO.readString(source),
                    StateIO.readDate(source));
            case DEFINITION -> readDefinition(source);
            default -> throw new IOException("not an order input: kind " + kind);
        };
    }

    private static OrderInput.Definition readDefinition(DataInputView source) throws IOException {
        String orderNo = StateIO.readString(source);
        byte part = source.readByte();
        LineDefinition line = part == 1 ? RulesCodec.readLine(source) : null;
        RoutingLineDefinition routingLine = part == 2 ? RulesCodec.readRoutingLine(source) : null;
        ComponentDefinition component = part == 3 ? RulesCodec.readComponent(source) : null;
        return new OrderInput.Definition(orderNo, line, routingLine, component, source.readBoolean(),
                StateIO.readString(source));
    }

    @Override
    public OrderInput deserialize(OrderInput reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    /** The kind without a person when there is none (the bytes release 1 wrote), else the kind and the person. */
    private static void writePostedBy(String postedBy, byte kind, byte kindPostedBy, DataOutputView target)
            throws IOException {
        target.writeByte(postedBy == null ? kind : kindPostedBy);
        if (postedBy != null) {
            StateIO.writeString(postedBy, target);
        }
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

    /** No configuration: the format is this class's (new fields are new kinds). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<OrderInput> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
