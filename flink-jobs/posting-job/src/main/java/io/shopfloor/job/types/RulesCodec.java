package io.shopfloor.job.types;

import io.shopfloor.posting.journal.CapacityJournalLine;
import io.shopfloor.posting.journal.ConsumptionJournalLine;
import io.shopfloor.posting.journal.FinishOrder;
import io.shopfloor.posting.journal.OutputJournalLine;
import io.shopfloor.posting.journal.PutAwayLine;
import io.shopfloor.posting.journal.StopRecoding;
import io.shopfloor.posting.ledger.OrderType;
import io.shopfloor.posting.gl.DefaultDimension;
import io.shopfloor.posting.gl.GeneralLedgerSetup;
import io.shopfloor.posting.gl.GeneralPostingSetup;
import io.shopfloor.posting.gl.GlAccountType;
import io.shopfloor.posting.gl.InventoryPostingSetup;
import io.shopfloor.posting.gl.PostingGroups;
import io.shopfloor.posting.ledger.EntryNumbers;
import io.shopfloor.posting.model.Bins;
import io.shopfloor.posting.model.CalculationFormula;
import io.shopfloor.posting.model.CapacityCost;
import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.posting.model.CapacityUnitOfMeasure;
import io.shopfloor.posting.model.CostBucket;
import io.shopfloor.posting.model.CostingMethod;
import io.shopfloor.posting.model.FlushingMethod;
import io.shopfloor.posting.model.Item;
import io.shopfloor.posting.model.Location;
import io.shopfloor.posting.model.MachineCenter;
import io.shopfloor.posting.model.ManufacturingSetup;
import io.shopfloor.posting.model.ProdOutputWhseHandling;
import io.shopfloor.posting.model.RoutingFlushingMethod;
import io.shopfloor.posting.model.SingleLevelCost;
import io.shopfloor.posting.model.UnitCostCalculation;
import io.shopfloor.posting.model.WorkCenter;
import io.shopfloor.posting.order.Component;
import io.shopfloor.posting.order.ComponentDefinition;
import io.shopfloor.posting.order.LineDefinition;
import io.shopfloor.posting.order.OrderDefinition;
import io.shopfloor.posting.order.OrderLine;
import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.posting.order.OutputEntry;
import io.shopfloor.posting.order.PostedStops;
import io.shopfloor.posting.order.ProductionOrder;
import io.shopfloor.posting.order.RoutingLine;
import io.shopfloor.posting.order.RoutingLineDefinition;
import io.shopfloor.posting.order.RoutingStatus;
import io.shopfloor.job.masterdata.CalendarRows;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static io.shopfloor.job.types.StateIO.readCount;
import static io.shopfloor.job.types.StateIO.readDate;
import static io.shopfloor.job.types.StateIO.readDecimal;
import static io.shopfloor.job.types.StateIO.readEnum;
import static io.shopfloor.job.types.StateIO.readInstant;
import static io.shopfloor.job.types.StateIO.readLong;
import static io.shopfloor.job.types.StateIO.readString;
import static io.shopfloor.job.types.StateIO.writeDate;
import static io.shopfloor.job.types.StateIO.writeDecimal;
import static io.shopfloor.job.types.StateIO.writeEnum;
import static io.shopfloor.job.types.StateIO.writeInstant;
import static io.shopfloor.job.types.StateIO.writeLong;
import static io.shopfloor.job.types.StateIO.writeString;

/**
 * Field-by-field encodings of the posting rules' types (definitions, journal lines, master data, an order's
 * posting state) for the job's state serializers. The version belongs to the serializer that writes them
 * ({@link VersionedSerializer}): when a rules type gains or loses a field, the serializers that hold it raise their
 * version and pass it here, and the branch for the older version stays. Writers write the newest encoding.
 *
 * <p>Versions passed here: 1 (release 1); 2 (order ledger format 2): a finish's "finish without
 * output" answer, an order line's "capacity entry posted".
 */
public final class RulesCodec {
    private RulesCodec() {
    }

    // ---- order definition ---------------------------------------------------------------------------------

    public static void writeLine(LineDefinition l, DataOutputView out) throws IOException {
        out.writeInt(l.lineNo());
        writeString(l.itemNo(), out);
        writeString(l.variantCode(), out);
        writeString(l.locationCode(), out);
        writeString(l.binCode(), out);
        writeDecimal(l.quantity(), out);
        writeString(l.unitOfMeasureCode(), out);
        writeDecimal(l.qtyPerUnitOfMeasure(), out);
        writeDecimal(l.scrapPct(), out);
        writeString(l.routingNo(), out);
        out.writeInt(l.routingReferenceNo());
    }

    public static LineDefinition readLine(DataInputView in) throws IOException {
        return new LineDefinition(in.readInt(), readString(in), readString(in), readString(in), readString(in),
                readDecimal(in), readString(in), readDecimal(in), readDecimal(in), readString(in), in.readInt());
    }

    public static void writeRoutingLine(RoutingLineDefinition r, DataOutputView out) throws IOException {
        writeString(r.routingNo(), out);
        out.writeInt(r.routingReferenceNo());
        writeString(r.operationNo(), out);
        writeString(r.nextOperationNo(), out);
        writeString(r.previousOperationNo(), out);
        writeEnum(r.type(), out);
        writeString(r.no(), out);
        writeString(r.description(), out);
        writeDecimal(r.setupTime(), out);
        writeString(r.setupTimeUnitOfMeasureCode(), out);
        writeDecimal(r.runTime(), out);
        writeString(r.runTimeUnitOfMeasureCode(), out);
        writeDecimal(r.lotSize(), out);
        writeDecimal(r.concurrentCapacities(), out);
        writeString(r.routingLinkCode(), out);
        writeDecimal(r.scrapFactorPct(), out);
        writeDecimal(r.fixedScrapQuantity(), out);
        writeEnum(r.flushingMethod(), out);
        writeDecimal(r.unitCostPer(), out);
    }

    public static RoutingLineDefinition readRoutingLine(DataInputView in) throws IOException {
        return new RoutingLineDefinition(readString(in), in.readInt(), readString(in), readString(in),
                readString(in), readEnum(CapacityType.class, in), readString(in), readString(in), readDecimal(in),
                readString(in), readDecimal(in), readString(in), readDecimal(in), readDecimal(in), readString(in),
                readDecimal(in), readDecimal(in), readEnum(RoutingFlushingMethod.class, in), readDecimal(in));
    }

    public static void writeComponent(ComponentDefinition c, DataOutputView out) throws IOException {
        out.writeInt(c.orderLineNo());
        out.writeInt(c.lineNo());
        writeString(c.itemNo(), out);
        writeString(c.variantCode(), out);
        writeString(c.unitOfMeasureCode(), out);
        writeDecimal(c.qtyPerUnitOfMeasure(), out);
        writeDecimal(c.quantityPer(), out);
        writeEnum(c.calculationFormula(), out);
        writeDecimal(c.length(), out);
        writeDecimal(c.width(), out);
        writeDecimal(c.depth(), out);
        writeDecimal(c.weight(), out);
        writeDecimal(c.scrapPct(), out);
        writeEnum(c.flushingMethod(), out);
        writeString(c.routingLinkCode(), out);
        writeString(c.locationCode(), out);
        writeString(c.binCode(), out);
    }

    public static ComponentDefinition readComponent(DataInputView in) throws IOException {
        return new ComponentDefinition(in.readInt(), in.readInt(), readString(in), readString(in), readString(in),
                readDecimal(in), readDecimal(in), readEnum(CalculationFormula.class, in), readDecimal(in),
                readDecimal(in), readDecimal(in), readDecimal(in), readDecimal(in),
                readEnum(FlushingMethod.class, in), readString(in), readString(in), readString(in));
    }

    public static void writeOrderDefinition(OrderDefinition d, DataOutputView out) throws IOException {
        writeString(d.no(), out);
        writeString(d.description(), out);
        writeString(d.sourceNo(), out);
        writeString(d.locationCode(), out);
        out.writeBoolean(d.blocked());
        out.writeInt(d.lines().size());
        for (LineDefinition line : d.lines()) {
            writeLine(line, out);
        }
        out.writeInt(d.routingLines().size());
        for (RoutingLineDefinition routingLine : d.routingLines()) {
            writeRoutingLine(routingLine, out);
        }
        out.writeInt(d.components().size());
        for (ComponentDefinition component : d.components()) {
            writeComponent(component, out);
        }
    }

    public static OrderDefinition readOrderDefinition(DataInputView in) throws IOException {
        String no = readString(in);
        String description = readString(in);
        String sourceNo = readString(in);
        String locationCode = readString(in);
        boolean blocked = in.readBoolean();
        List<LineDefinition> lines = new ArrayList<>();
        for (int i = readCount(in); i > 0; i--) {
            lines.add(readLine(in));
        }
        List<RoutingLineDefinition> routingLines = new ArrayList<>();
        for (int i = readCount(in); i > 0; i--) {
            routingLines.add(readRoutingLine(in));
        }
        List<ComponentDefinition> components = new ArrayList<>();
        for (int i = readCount(in); i > 0; i--) {
            components.add(readComponent(in));
        }
        return new OrderDefinition(no, description, sourceNo, locationCode, blocked, List.copyOf(lines),
                List.copyOf(routingLines), List.copyOf(components));
    }

    // ---- journal lines and commands -----------------------------------------------------------------------

    /**
     * An output line: release 1's fields, then its bin only {@code withBinCode} (the order inputs' kind 4, release
     * 1's, has no bin: a line with a bin is written as kind 12, whose layout ends with it).
     */
    public static void writeOutputLine(OutputJournalLine l, boolean withBinCode, DataOutputView out)
            throws IOException {
        if (!withBinCode && l.binCode() != null) {
            throw new IllegalArgumentException("output line " + l.sourceId() + " has a bin: the layout must carry it");
        }
        writeString(l.sourceId(), out);
        writeDate(l.postingDate(), out);
        writeString(l.documentNo(), out);
        writeString(l.orderNo(), out);
        out.writeInt(l.orderLineNo());
        writeString(l.operationNo(), out);
        writeDecimal(l.setupTime(), out);
        writeDecimal(l.runTime(), out);
        writeDecimal(l.stopTime(), out);
        writeString(l.capUnitOfMeasureCode(), out);
        writeDecimal(l.outputQuantity(), out);
        writeDecimal(l.scrapQuantity(), out);
        writeString(l.scrapCode(), out);
        writeString(l.stopCode(), out);
        out.writeBoolean(l.finished());
        writeLong(l.appliesToEntry(), out);
        writeInstant(l.startingTime(), out);
        writeInstant(l.endingTime(), out);
        writeDecimal(l.concurrentCapacity(), out);
        writeString(l.workShiftCode(), out);
        writeString(l.sourceCode(), out);
        out.writeBoolean(l.postedByInventoryPutAway());
        if (withBinCode) {
            writeString(l.binCode(), out);
        }
    }

    /** An output line written by {@link #writeOutputLine} with the same {@code withBinCode}; without: no bin. */
    public static OutputJournalLine readOutputLine(boolean withBinCode, DataInputView in) throws IOException {
        return new OutputJournalLine(readString(in), readDate(in), readString(in), readString(in), in.readInt(),
                readString(in), readDecimal(in), readDecimal(in), readDecimal(in), readString(in), readDecimal(in),
                readDecimal(in), readString(in), readString(in), in.readBoolean(), readLong(in), readInstant(in),
                readInstant(in), readDecimal(in), readString(in), readString(in), in.readBoolean(),
                withBinCode ? readString(in) : null);
    }

    public static void writePutAwayLine(PutAwayLine l, DataOutputView out) throws IOException {
        writeString(l.sourceId(), out);
        writeDate(l.postingDate(), out);
        writeString(l.documentNo(), out);
        writeString(l.orderNo(), out);
        out.writeInt(l.orderLineNo());
        writeDecimal(l.quantity(), out);
        writeString(l.binCode(), out);
    }

    public static PutAwayLine readPutAwayLine(DataInputView in) throws IOException {
        return new PutAwayLine(readString(in), readDate(in), readString(in), readString(in), in.readInt(),
                readDecimal(in), readString(in));
    }

    public static void writeConsumptionLine(ConsumptionJournalLine l, DataOutputView out) throws IOException {
        writeString(l.sourceId(), out);
        writeDate(l.postingDate(), out);
        writeString(l.documentNo(), out);
        writeString(l.orderNo(), out);
        out.writeInt(l.orderLineNo());
        out.writeInt(l.componentLineNo());
        writeDecimal(l.quantity(), out);
        writeLong(l.appliesFromEntry(), out);
    }

    public static ConsumptionJournalLine readConsumptionLine(DataInputView in) throws IOException {
        return new ConsumptionJournalLine(readString(in), readDate(in), readString(in), readString(in), in.readInt(),
                in.readInt(), readDecimal(in), readLong(in));
    }

    public static void writeCapacityLine(CapacityJournalLine l, DataOutputView out) throws IOException {
        writeString(l.sourceId(), out);
        writeDate(l.postingDate(), out);
        writeString(l.documentNo(), out);
        writeEnum(l.type(), out);
        writeString(l.no(), out);
        writeString(l.workShiftCode(), out);
        writeInstant(l.startingTime(), out);
        writeInstant(l.endingTime(), out);
        writeDecimal(l.concurrentCapacity(), out);
        writeDecimal(l.setupTime(), out);
        writeDecimal(l.runTime(), out);
        writeDecimal(l.stopTime(), out);
        writeString(l.capUnitOfMeasureCode(), out);
        writeString(l.stopCode(), out);
    }

    public static CapacityJournalLine readCapacityLine(DataInputView in) throws IOException {
        return new CapacityJournalLine(readString(in), readDate(in), readString(in),
                readEnum(CapacityType.class, in), readString(in), readString(in), readInstant(in), readInstant(in),
                readDecimal(in), readDecimal(in), readDecimal(in), readDecimal(in), readString(in), readString(in));
    }

    public static void writeStopRecoding(StopRecoding l, DataOutputView out) throws IOException {
        writeString(l.sourceId(), out);
        writeDate(l.postingDate(), out);
        writeString(l.documentNo(), out);
        out.writeLong(l.appliesToCapacityEntryNo());
        out.writeInt(l.reasons().size());
        for (StopRecoding.Reason reason : l.reasons()) {
            writeString(reason.stopCode(), out);
            writeDecimal(reason.stopTime(), out);
        }
        writeString(l.postedBy(), out);
    }

    public static StopRecoding readStopRecoding(DataInputView in) throws IOException {
        String sourceId = readString(in);
        var postingDate = readDate(in);
        String documentNo = readString(in);
        long appliesTo = in.readLong();
        List<StopRecoding.Reason> reasons = new ArrayList<>();
        for (int i = readCount(in); i > 0; i--) {
            reasons.add(new StopRecoding.Reason(readString(in), readDecimal(in)));
        }
        return new StopRecoding(sourceId, postingDate, documentNo, appliesTo, reasons, readString(in));
    }

    /** One stop of {@link PostedStops} (the order ledger's format 3). */
    public static void writeStop(PostedStops.Stop s, DataOutputView out) throws IOException {
        out.writeLong(s.entryNo());
        writeEnum(s.type(), out);
        writeString(s.no(), out);
        writeString(s.description(), out);
        writeString(s.workCenterNo(), out);
        writeString(s.workCenterGroupCode(), out);
        writeDecimal(s.stopTime(), out);
        writeString(s.stopCode(), out);
        writeString(s.capUnitOfMeasureCode(), out);
        writeDecimal(s.qtyPerCapUnitOfMeasure(), out);
        writeEnum(s.orderType(), out);
        writeString(s.orderNo(), out);
        out.writeInt(s.orderLineNo());
        writeString(s.routingNo(), out);
        out.writeInt(s.routingReferenceNo());
        writeString(s.operationNo(), out);
        writeString(s.itemNo(), out);
        writeString(s.variantCode(), out);
        writeString(s.unitOfMeasureCode(), out);
        writeDecimal(s.qtyPerUnitOfMeasure(), out);
        writeDate(s.postingDate(), out);
        writeString(s.workShiftCode(), out);
        out.writeBoolean(s.recoded());
    }

    public static PostedStops.Stop readStop(DataInputView in) throws IOException {
        return new PostedStops.Stop(in.readLong(), readEnum(CapacityType.class, in), readString(in), readString(in),
                readString(in), readString(in), readDecimal(in), readString(in), readString(in), readDecimal(in),
                readEnum(OrderType.class, in), readString(in), in.readInt(), readString(in), in.readInt(),
                readString(in), readString(in), readString(in), readString(in), readDecimal(in), readDate(in),
                readString(in), in.readBoolean());
    }

    public static void writeFinish(FinishOrder f, DataOutputView out) throws IOException {
        writeString(f.sourceId(), out);
        writeDate(f.postingDate(), out);
        out.writeBoolean(f.subcontractingOutstanding());
        out.writeBoolean(f.pickOutstanding());
        out.writeBoolean(f.finishWithoutOutput());
    }

    /**
     * Version 1 has no "finish without output" answer: it reads as yes, what a finish meant then (the Manufacturing
     * Setup alone decided) and what {@link FinishOrder#on} answers.
     */
    public static FinishOrder readFinish(int version, DataInputView in) throws IOException {
        String sourceId = readString(in);
        var postingDate = readDate(in);
        boolean subcontractingOutstanding = in.readBoolean();
        boolean pickOutstanding = in.readBoolean();
        boolean finishWithoutOutput = version < 2 || in.readBoolean();
        return new FinishOrder(sourceId, postingDate, subcontractingOutstanding, pickOutstanding,
                finishWithoutOutput);
    }

    // ---- master data --------------------------------------------------------------------------------------

    private static final byte ITEM = 1;
    private static final byte WORK_CENTER = 2;
    private static final byte MACHINE_CENTER = 3;
    private static final byte LOCATION = 4;
    private static final byte CAPACITY_UNIT = 5;
    private static final byte SETUP = 6;
    // Since master-data format 2 (the posting setup of the G/L, docs/general-ledger.md#setup).
    private static final byte POSTING_GROUPS = 7;
    private static final byte INVENTORY_POSTING_SETUP = 8;
    private static final byte GENERAL_POSTING_SETUP = 9;
    private static final byte GENERAL_LEDGER_SETUP = 10;
    private static final byte DEFAULT_DIMENSION = 11;
    // ... and the shop calendar rows (docs: posting-job README, "Shop calendars from the ERP")
    private static final byte WORKING_TIME = 12;
    private static final byte HOLIDAY = 13;
    private static final byte ABSENCE = 14;
    private static final byte CENTER_CALENDAR = 15;
    // Since master-data format 3: the ERP's stop codes with their planned flag
    private static final byte STOP_CODE = 16;
    private static final byte NONE = 0;

    /** One master-data record (or null: a deletion), tagged with its kind. */
    public static void writeMasterData(Object value, DataOutputView out) throws IOException {
        if (value == null) {
            out.writeByte(NONE);
        } else if (value instanceof Item i) {
            out.writeByte(ITEM);
            writeString(i.no(), out);
            writeString(i.description(), out);
            writeString(i.baseUnitOfMeasureCode(), out);
            writeEnum(i.costingMethod(), out);
            writeDecimal(i.unitCost(), out);
            writeDecimal(i.roundingPrecision(), out);
            writeDecimal(i.indirectCostPct(), out);
            writeDecimal(i.overheadRate(), out);
            SingleLevelCost s = i.singleLevelCost();
            out.writeBoolean(s != null);
            if (s != null) {
                writeDecimal(s.material(), out);
                writeDecimal(s.capacity(), out);
                writeDecimal(s.subcontracted(), out);
                writeDecimal(s.capacityOverhead(), out);
                writeDecimal(s.manufacturingOverhead(), out);
            }
            out.writeBoolean(i.variantMandatory());
            writeString(i.defaultBinCode(), out);
        } else if (value instanceof WorkCenter w) {
            out.writeByte(WORK_CENTER);
            writeString(w.no(), out);
            writeString(w.description(), out);
            writeString(w.workCenterGroupCode(), out);
            writeString(w.unitOfMeasureCode(), out);
            writeCost(w.cost(), out);
            writeEnum(w.unitCostCalculation(), out);
            out.writeBoolean(w.specificUnitCost());
            writeString(w.subcontractorNo(), out);
            writeEnum(w.flushingMethod(), out);
            writeString(w.locationCode(), out);
            writeBins(w.bins(), out);
            out.writeBoolean(w.blocked());
        } else if (value instanceof MachineCenter m) {
            out.writeByte(MACHINE_CENTER);
            writeString(m.no(), out);
            writeString(m.description(), out);
            writeString(m.workCenterNo(), out);
            writeCost(m.cost(), out);
            writeEnum(m.flushingMethod(), out);
            writeString(m.locationCode(), out);
            writeBins(m.bins(), out);
            out.writeBoolean(m.blocked());
        } else if (value instanceof Location l) {
            out.writeByte(LOCATION);
            writeString(l.code(), out);
            out.writeBoolean(l.binMandatory());
            writeEnum(l.prodOutputWhseHandling(), out);
            writeBins(l.bins(), out);
        } else if (value instanceof CapacityUnitOfMeasure u) {
            out.writeByte(CAPACITY_UNIT);
            writeString(u.code(), out);
            writeDecimal(u.minutesPerUnit(), out);
        } else if (value instanceof ManufacturingSetup s) {
            out.writeByte(SETUP);
            out.writeBoolean(s.costInclSetup());
            out.writeBoolean(s.docNoIsProdOrderNo());
            out.writeBoolean(s.finishOrderWithoutOutput());
            writeString(s.flushingSourceCode(), out);
        } else if (value instanceof PostingGroups g) {
            out.writeByte(POSTING_GROUPS);
            writeString(g.inventoryPostingGroup(), out);
            writeString(g.genProdPostingGroup(), out);
        } else if (value instanceof InventoryPostingSetup s) {
            out.writeByte(INVENTORY_POSTING_SETUP);
            writeString(s.locationCode(), out);
            writeString(s.inventoryPostingGroup(), out);
            writeAccounts(s.accounts(), out);
        } else if (value instanceof GeneralPostingSetup s) {
            out.writeByte(GENERAL_POSTING_SETUP);
            writeString(s.genBusPostingGroup(), out);
            writeString(s.genProdPostingGroup(), out);
            writeAccounts(s.accounts(), out);
        } else if (value instanceof GeneralLedgerSetup s) {
            out.writeByte(GENERAL_LEDGER_SETUP);
            writeString(s.globalDimension1Code(), out);
            writeString(s.globalDimension2Code(), out);
            out.writeBoolean(s.expectedCostPostingToGl());
        } else if (value instanceof DefaultDimension d) {
            out.writeByte(DEFAULT_DIMENSION);
            writeString(d.dimensionCode(), out);
            writeString(d.dimensionValueCode(), out);
        } else if (value instanceof CalendarRows.WorkingTime w) {
            out.writeByte(WORKING_TIME);
            writeString(w.calendarCode(), out);
            writeEnum(w.day(), out);
            out.writeLong(w.start().toNanoOfDay());
            out.writeLong(w.end().toNanoOfDay());
            writeString(w.shiftCode(), out);
        } else if (value instanceof CalendarRows.Holiday h) {
            out.writeByte(HOLIDAY);
            writeString(h.calendarCode(), out);
            writeDate(h.date(), out);
            out.writeLong(h.start().toNanoOfDay());
            out.writeLong(h.end().toNanoOfDay());
            writeString(h.description(), out);
        } else if (value instanceof CalendarRows.Absence a) {
            out.writeByte(ABSENCE);
            writeString(a.centerNo(), out);
            writeDate(a.date(), out);
            out.writeLong(a.start().toNanoOfDay());
            out.writeLong(a.end().toNanoOfDay());
            writeString(a.description(), out);
        } else if (value instanceof CalendarRows.CenterCalendar c) {
            out.writeByte(CENTER_CALENDAR);
            writeString(c.workCenterNo(), out);
            writeString(c.calendarCode(), out);
        } else if (value instanceof io.shopfloor.job.masterdata.StopCode c) {
            out.writeByte(STOP_CODE);
            writeString(c.code(), out);
            out.writeBoolean(c.planned());
        } else {
            throw new IllegalArgumentException("not master data: " + value.getClass().getName());
        }
    }

    public static Object readMasterData(DataInputView in) throws IOException {
        byte kind = in.readByte();
        switch (kind) {
            case NONE:
                return null;
            case ITEM: {
                String no = readString(in);
                String description = readString(in);
                String baseUom = readString(in);
                CostingMethod method = readEnum(CostingMethod.class, in);
                BigDecimal unitCost = readDecimal(in);
                BigDecimal roundingPrecision = readDecimal(in);
                BigDecimal indirectCostPct = readDecimal(in);
                BigDecimal overheadRate = readDecimal(in);
                SingleLevelCost single = in.readBoolean() ? new SingleLevelCost(readDecimal(in), readDecimal(in),
                        readDecimal(in), readDecimal(in), readDecimal(in)) : null;
                return new Item(no, description, baseUom, method, unitCost, roundingPrecision, indirectCostPct,
                        overheadRate, single, in.readBoolean(), readString(in));
            }
            case WORK_CENTER:
                return new WorkCenter(readString(in), readString(in), readString(in), readString(in), readCost(in),
                        readEnum(UnitCostCalculation.class, in), in.readBoolean(), readString(in),
                        readEnum(RoutingFlushingMethod.class, in), readString(in), readBins(in), in.readBoolean());
            case MACHINE_CENTER:
                return new MachineCenter(readString(in), readString(in), readString(in), readCost(in),
                        readEnum(RoutingFlushingMethod.class, in), readString(in), readBins(in), in.readBoolean());
            case LOCATION:
                return new Location(readString(in), in.readBoolean(), readEnum(ProdOutputWhseHandling.class, in),
                        readBins(in));
            case CAPACITY_UNIT:
                return new CapacityUnitOfMeasure(readString(in), readDecimal(in));
            case SETUP:
                return new ManufacturingSetup(in.readBoolean(), in.readBoolean(), in.readBoolean(), readString(in));
            case POSTING_GROUPS:
                return new PostingGroups(readString(in), readString(in));
            case INVENTORY_POSTING_SETUP:
                return new InventoryPostingSetup(readString(in), readString(in), readAccounts(in));
            case GENERAL_POSTING_SETUP:
                return new GeneralPostingSetup(readString(in), readString(in), readAccounts(in));
            case GENERAL_LEDGER_SETUP:
                return new GeneralLedgerSetup(readString(in), readString(in), in.readBoolean());
            case DEFAULT_DIMENSION:
                return new DefaultDimension(readString(in), readString(in));
            case WORKING_TIME:
                return new CalendarRows.WorkingTime(readString(in), readEnum(java.time.DayOfWeek.class, in),
                        java.time.LocalTime.ofNanoOfDay(in.readLong()), java.time.LocalTime.ofNanoOfDay(in.readLong()),
                        readString(in));
            case HOLIDAY:
                return new CalendarRows.Holiday(readString(in), readDate(in),
                        java.time.LocalTime.ofNanoOfDay(in.readLong()), java.time.LocalTime.ofNanoOfDay(in.readLong()),
                        readString(in));
            case ABSENCE:
                return new CalendarRows.Absence(readString(in), readDate(in),
                        java.time.LocalTime.ofNanoOfDay(in.readLong()), java.time.LocalTime.ofNanoOfDay(in.readLong()),
                        readString(in));
            case CENTER_CALENDAR:
                return new CalendarRows.CenterCalendar(readString(in), readString(in));
            case STOP_CODE:
                return new io.shopfloor.job.masterdata.StopCode(readString(in), in.readBoolean());
            default:
                throw new IOException("not a master-data kind: " + kind);
        }
    }

    /** Accounts by type, in the type's declaration order (the same map gives the same bytes). */
    private static void writeAccounts(Map<GlAccountType, String> accounts, DataOutputView out) throws IOException {
        Map<GlAccountType, String> ordered = new EnumMap<>(GlAccountType.class);
        ordered.putAll(accounts);
        out.writeInt(ordered.size());
        for (Map.Entry<GlAccountType, String> account : ordered.entrySet()) {
            writeEnum(account.getKey(), out);
            writeString(account.getValue(), out);
        }
    }

    private static Map<GlAccountType, String> readAccounts(DataInputView in) throws IOException {
        Map<GlAccountType, String> accounts = new EnumMap<>(GlAccountType.class);
        for (int i = readCount(in); i > 0; i--) {
            accounts.put(readEnum(GlAccountType.class, in), readString(in));
        }
        return accounts;
    }

    private static void writeCost(CapacityCost c, DataOutputView out) throws IOException {
        out.writeBoolean(c != null);
        if (c != null) {
            writeDecimal(c.directUnitCost(), out);
            writeDecimal(c.indirectCostPct(), out);
            writeDecimal(c.overheadRate(), out);
        }
    }

    private static CapacityCost readCost(DataInputView in) throws IOException {
        return in.readBoolean() ? new CapacityCost(readDecimal(in), readDecimal(in), readDecimal(in)) : null;
    }

    private static void writeBins(Bins b, DataOutputView out) throws IOException {
        out.writeBoolean(b != null);
        if (b != null) {
            writeString(b.openShopFloorBinCode(), out);
            writeString(b.toProductionBinCode(), out);
            writeString(b.fromProductionBinCode(), out);
        }
    }

    private static Bins readBins(DataInputView in) throws IOException {
        return in.readBoolean() ? new Bins(readString(in), readString(in), readString(in)) : null;
    }

    // ---- an order's posting state -------------------------------------------------------------------------

    public static void writeEntryNumbers(EntryNumbers n, DataOutputView out) throws IOException {
        out.writeLong(n.peekItemLedgerEntryNo());
        out.writeLong(n.peekCapacityLedgerEntryNo());
        out.writeLong(n.peekValueEntryNo());
        out.writeLong(n.peekWarehouseEntryNo());
    }

    public static EntryNumbers readEntryNumbers(DataInputView in) throws IOException {
        return new EntryNumbers(in.readLong(), in.readLong(), in.readLong(), in.readLong());
    }

    /**
     * The order with its lines. Order lines of one routing share its routing line objects (postings on one are
     * seen by all): the distinct routing lines are written once and the order lines refer to them by position.
     */
    public static void writeOrder(ProductionOrder o, DataOutputView out) throws IOException {
        writeOrderDefinition(o.definition(), out);
        writeEnum(o.status(), out);
        writeDate(o.finishedDate(), out);
        out.writeBoolean(o.isCostAdjusted());
        writeDecimal(o.capacityQuantityPosted(), out);
        out.writeInt(o.consumptionEntries().size());
        for (Map.Entry<Long, ProductionOrder.ConsumptionEntry> e : o.consumptionEntries().entrySet()) {
            out.writeLong(e.getKey());
            out.writeInt(e.getValue().orderLineNo());
            out.writeInt(e.getValue().componentLineNo());
            writeDecimal(e.getValue().quantityBase(), out);
            writeDecimal(e.getValue().costAmount(), out);
        }
        Map<RoutingLine, Integer> positions = new IdentityHashMap<>();
        List<RoutingLine> distinct = new ArrayList<>();
        for (OrderLine line : o.lines()) {
            for (RoutingLine r : line.routing()) {
                if (positions.putIfAbsent(r, distinct.size()) == null) {
                    distinct.add(r);
                }
            }
        }
        out.writeInt(distinct.size());
        for (RoutingLine r : distinct) {
            writeResolvedRoutingLine(r, out);
        }
        out.writeInt(o.lines().size());
        for (OrderLine line : o.lines()) {
            writeLine(line.definition(), out);
            writeString(line.binCode(), out);
            out.writeInt(line.routing().size());
            for (RoutingLine r : line.routing()) {
                out.writeInt(positions.get(r));
            }
            out.writeInt(line.components().size());
            for (Component c : line.components()) {
                writeComponent(c.definition(), out);
                writeDecimal(c.quantity(), out);
                writeDecimal(c.expectedQuantity(), out);
                writeDecimal(c.costAmount(), out);
                writeString(c.binCode(), out);
                writeDecimal(c.actConsumptionQtyBase(), out);
                writeDecimal(c.remainingQtyBase(), out);
            }
            writeDecimal(line.finishedQtyBase(), out);
            writeBuckets(bucket -> line.actualCost(bucket), out);
            out.writeInt(line.outputEntries().size());
            for (OutputEntry e : line.outputEntries()) {
                out.writeLong(e.entryNo());
                writeDecimal(e.quantityBase(), out);
                writeDecimal(e.expectedCost(), out);
                writeDecimal(e.remainingQtyBase(), out);
                writeDecimal(e.expectedCostOutstanding(), out);
                writeBuckets(e::actualCostPosted, out);
                writeBuckets(e::variancePosted, out);
            }
            out.writeBoolean(line.hasCapacityEntries());
        }
    }

    /**
     * Version 1 has no "capacity entry posted" per order line: it is derived, erring towards yes (a finish without
     * output is then refused rather than written off): the line posted output, or an operation of its routing
     * (shared by the lines of one routing) posted time or quantity. A stop-time-only entry leaves no such trace.
     */
    public static ProductionOrder readOrder(int version, DataInputView in) throws IOException {
        OrderDefinition definition = readOrderDefinition(in);
        OrderStatus status = readEnum(OrderStatus.class, in);
        var finishedDate = readDate(in);
        boolean costAdjusted = in.readBoolean();
        BigDecimal capacityQuantity = readDecimal(in);
        Map<Long, ProductionOrder.ConsumptionEntry> consumption = new java.util.LinkedHashMap<>();
        for (int i = readCount(in); i > 0; i--) {
            consumption.put(in.readLong(), new ProductionOrder.ConsumptionEntry(in.readInt(), in.readInt(),
                    readDecimal(in), readDecimal(in)));
        }
        List<RoutingLine> distinct = new ArrayList<>();
        for (int i = readCount(in); i > 0; i--) {
            distinct.add(readResolvedRoutingLine(in));
        }
        List<OrderLine> lines = new ArrayList<>();
        for (int i = readCount(in); i > 0; i--) {
            LineDefinition lineDefinition = readLine(in);
            String binCode = readString(in);
            List<RoutingLine> routing = new ArrayList<>();
            for (int r = readCount(in); r > 0; r--) {
                routing.add(distinct.get(in.readInt()));
            }
            List<Component> components = new ArrayList<>();
            for (int c = readCount(in); c > 0; c--) {
                components.add(new Component(readComponent(in), readDecimal(in), readDecimal(in), readDecimal(in),
                        readString(in), readDecimal(in), readDecimal(in)));
            }
            OrderLine line = new OrderLine(lineDefinition, binCode, routing, components);
            line.addFinishedQtyBase(readDecimal(in));
            readBuckets(in).forEach(line::addActualCost);
            for (int e = readCount(in); e > 0; e--) {
                line.addOutputEntry(new OutputEntry(in.readLong(), readDecimal(in), readDecimal(in), readDecimal(in),
                        readDecimal(in), readBuckets(in), readBuckets(in)));
            }
            if (version >= 2 ? in.readBoolean() : postedOnVersion1(line)) {
                line.recordCapacityEntry();
            }
            lines.add(line);
        }
        ProductionOrder order = new ProductionOrder(definition, lines, status);
        order.setStatus(status, finishedDate);
        if (costAdjusted) {
            order.markCostAdjusted();
        }
        order.addCapacityQuantity(capacityQuantity);
        consumption.forEach(order::recordConsumptionEntry);
        return order;
    }

    private static boolean postedOnVersion1(OrderLine line) {
        return !line.outputEntries().isEmpty() || line.routing().stream().anyMatch(r ->
                r.postedSetupTime().signum() != 0 || r.postedRunTime().signum() != 0
                        || r.postedOutputQtyBase().signum() != 0 || r.postedScrapQtyBase().signum() != 0);
    }

    private static void writeResolvedRoutingLine(RoutingLine r, DataOutputView out) throws IOException {
        writeRoutingLine(r.definition(), out);
        writeString(r.nextOperationNo(), out);
        writeString(r.previousOperationNo(), out);
        writeString(r.workCenterNo(), out);
        writeString(r.workCenterGroupCode(), out);
        writeString(r.description(), out);
        writeDecimal(r.setupTime(), out);
        writeDecimal(r.runTime(), out);
        writeDecimal(r.scrapFactorAccumulated(), out);
        writeDecimal(r.fixedScrapQtyAccumulated(), out);
        writeEnum(r.flushingMethod(), out);
        writeDecimal(r.unitCostPer(), out);
        out.writeBoolean(r.isSubcontracted());
        writeDecimal(r.expected().capacityNeed(), out);
        writeDecimal(r.expected().operationCostAmount(), out);
        writeDecimal(r.expected().capacityOverheadCost(), out);
        writeEnum(r.routingStatus(), out);
        writeDecimal(r.postedSetupTime(), out);
        writeDecimal(r.postedRunTime(), out);
        writeDecimal(r.postedOutputQtyBase(), out);
        writeDecimal(r.postedScrapQtyBase(), out);
    }

    private static RoutingLine readResolvedRoutingLine(DataInputView in) throws IOException {
        RoutingLine r = new RoutingLine(readRoutingLine(in), readString(in), readString(in), readString(in),
                readString(in), readString(in), readDecimal(in), readDecimal(in), readDecimal(in), readDecimal(in),
                readEnum(RoutingFlushingMethod.class, in), readDecimal(in), in.readBoolean(),
                new RoutingLine.Expected(readDecimal(in), readDecimal(in), readDecimal(in)));
        RoutingStatus status = readEnum(RoutingStatus.class, in);
        r.recordPosting(readDecimal(in), readDecimal(in), readDecimal(in), readDecimal(in), false);
        r.setRoutingStatus(status);
        return r;
    }

    private interface BucketAmounts {
        BigDecimal get(CostBucket bucket);
    }

    private static void writeBuckets(BucketAmounts amounts, DataOutputView out) throws IOException {
        out.writeInt(CostBucket.values().length);
        for (CostBucket bucket : CostBucket.values()) {
            writeEnum(bucket, out);
            writeDecimal(amounts.get(bucket), out);
        }
    }

    private static Map<CostBucket, BigDecimal> readBuckets(DataInputView in) throws IOException {
        Map<CostBucket, BigDecimal> amounts = new EnumMap<>(CostBucket.class);
        for (int i = readCount(in); i > 0; i--) {
            CostBucket bucket = readEnum(CostBucket.class, in);
            BigDecimal amount = readDecimal(in);
            if (amount != null) {
                amounts.put(bucket, amount);
            }
        }
        return amounts;
    }
}
