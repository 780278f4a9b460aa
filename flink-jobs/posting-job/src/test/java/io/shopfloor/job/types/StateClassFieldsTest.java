package io.shopfloor.job.types;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The fields of every class the state serializers write, as their formats know them. A field added to or removed
 * from one of them (here or in the posting rules) fails this test until its serializer writes it: otherwise the
 * field would silently not survive a restore. Then follow README "State and upgrades" (raise the format version,
 * read the old one) and update the list here.
 */
class StateClassFieldsTest {

    static Map<Class<?>, List<String>> expected() {
        Map<Class<?>, List<String>> expected = new LinkedHashMap<>();
        expected.put(io.shopfloor.posting.order.ProductionOrder.class, List.of(
                "definition", "lines", "status", "finishedDate", "costAdjusted", "capacityQuantityPosted",
                "consumptionEntries"));
        expected.put(io.shopfloor.posting.order.OrderLine.class, List.of(
                "definition", "binCode", "quantityBase", "routing", "components", "finishedQtyBase",
                "remainingQtyBase", "actualCost", "outputEntries", "capacityEntryPosted"));
        expected.put(io.shopfloor.posting.order.RoutingLine.class, List.of(
                "definition", "nextOperationNo", "previousOperationNo", "workCenterNo", "workCenterGroupCode",
                "description", "setupTime", "runTime", "scrapFactorAccumulated", "fixedScrapQtyAccumulated",
                "flushingMethod", "unitCostPer", "subcontracted", "expected", "routingStatus", "postedSetupTime",
                "postedRunTime", "postedOutputQtyBase", "postedScrapQtyBase"));
        expected.put(io.shopfloor.posting.order.Component.class, List.of(
                "definition", "quantity", "expectedQuantity", "expectedQtyBase", "costAmount", "binCode",
                "actConsumptionQtyBase", "remainingQtyBase"));
        expected.put(io.shopfloor.posting.order.OutputEntry.class, List.of(
                "entryNo", "quantityBase", "expectedCost", "remainingQtyBase", "expectedCostOutstanding",
                "actualCostPosted", "variancePosted"));
        expected.put(io.shopfloor.posting.ledger.EntryNumbers.class, List.of(
                "nextItemLedgerEntryNo", "nextCapacityLedgerEntryNo", "nextValueEntryNo", "nextWarehouseEntryNo"));
        expected.put(io.shopfloor.posting.order.OrderDefinition.class, List.of(
                "no", "description", "sourceNo", "locationCode", "blocked", "lines", "routingLines", "components"));
        expected.put(io.shopfloor.posting.order.LineDefinition.class, List.of(
                "lineNo", "itemNo", "variantCode", "locationCode", "binCode", "quantity", "unitOfMeasureCode",
                "qtyPerUnitOfMeasure", "scrapPct", "routingNo", "routingReferenceNo"));
        expected.put(io.shopfloor.posting.order.RoutingLineDefinition.class, List.of(
                "routingNo", "routingReferenceNo", "operationNo", "nextOperationNo", "previousOperationNo", "type",
                "no", "description", "setupTime", "setupTimeUnitOfMeasureCode", "runTime",
                "runTimeUnitOfMeasureCode", "lotSize", "concurrentCapacities", "routingLinkCode", "scrapFactorPct",
                "fixedScrapQuantity", "flushingMethod", "unitCostPer"));
        expected.put(io.shopfloor.posting.order.ComponentDefinition.class, List.of(
                "orderLineNo", "lineNo", "itemNo", "variantCode", "unitOfMeasureCode", "qtyPerUnitOfMeasure",
                "quantityPer", "calculationFormula", "length", "width", "depth", "weight", "scrapPct",
                "flushingMethod", "routingLinkCode", "locationCode", "binCode"));
        expected.put(io.shopfloor.posting.order.ProductionOrder.ConsumptionEntry.class, List.of(
                "orderLineNo", "componentLineNo", "quantityBase", "costAmount"));
        expected.put(io.shopfloor.posting.order.RoutingLine.Expected.class, List.of(
                "capacityNeed", "operationCostAmount", "capacityOverheadCost"));
        expected.put(io.shopfloor.posting.journal.OutputJournalLine.class, List.of(
                "sourceId", "postingDate", "documentNo", "orderNo", "orderLineNo", "operationNo", "setupTime",
                "runTime", "stopTime", "capUnitOfMeasureCode", "outputQuantity", "scrapQuantity", "scrapCode",
                "stopCode", "finished", "appliesToEntry", "startingTime", "endingTime", "concurrentCapacity",
                "workShiftCode", "sourceCode", "postedByInventoryPutAway", "binCode"));
        expected.put(io.shopfloor.posting.journal.PutAwayLine.class, List.of(
                "sourceId", "postingDate", "documentNo", "orderNo", "orderLineNo", "quantity", "binCode"));
        expected.put(io.shopfloor.posting.journal.ConsumptionJournalLine.class, List.of(
                "sourceId", "postingDate", "documentNo", "orderNo", "orderLineNo", "componentLineNo", "quantity",
                "appliesFromEntry"));
        expected.put(io.shopfloor.posting.journal.CapacityJournalLine.class, List.of(
                "sourceId", "postingDate", "documentNo", "type", "no", "workShiftCode", "startingTime", "endingTime",
                "concurrentCapacity", "setupTime", "runTime", "stopTime", "capUnitOfMeasureCode", "stopCode"));
        expected.put(io.shopfloor.posting.journal.FinishOrder.class, List.of(
                "sourceId", "postingDate", "subcontractingOutstanding", "pickOutstanding", "finishWithoutOutput"));
        expected.put(io.shopfloor.posting.model.Item.class, List.of(
                "no", "description", "baseUnitOfMeasureCode", "costingMethod", "unitCost", "roundingPrecision",
                "indirectCostPct", "overheadRate", "singleLevelCost", "variantMandatory", "defaultBinCode"));
        expected.put(io.shopfloor.posting.model.WorkCenter.class, List.of(
                "no", "description", "workCenterGroupCode", "unitOfMeasureCode", "cost", "unitCostCalculation",
                "specificUnitCost", "subcontractorNo", "flushingMethod", "locationCode", "bins", "blocked"));
        expected.put(io.shopfloor.posting.model.MachineCenter.class, List.of(
                "no", "description", "workCenterNo", "cost", "flushingMethod", "locationCode", "bins", "blocked"));
        expected.put(io.shopfloor.posting.model.Location.class, List.of(
                "code", "binMandatory", "prodOutputWhseHandling", "bins"));
        expected.put(io.shopfloor.posting.model.CapacityUnitOfMeasure.class, List.of("code", "minutesPerUnit"));
        expected.put(io.shopfloor.posting.model.ManufacturingSetup.class, List.of(
                "costInclSetup", "docNoIsProdOrderNo", "finishOrderWithoutOutput", "flushingSourceCode"));
        expected.put(io.shopfloor.posting.model.CapacityCost.class, List.of(
                "directUnitCost", "indirectCostPct", "overheadRate"));
        expected.put(io.shopfloor.posting.model.Bins.class, List.of(
                "openShopFloorBinCode", "toProductionBinCode", "fromProductionBinCode"));
        expected.put(io.shopfloor.posting.model.SingleLevelCost.class, List.of(
                "material", "capacity", "subcontracted", "capacityOverhead", "manufacturingOverhead"));
        expected.put(io.shopfloor.job.order.OrderLedger.class, List.of(
                "postedJournalLines", "orderNo", "assembly", "numbers", "order", "finishedOn", "pendingFinish",
                "marker", "deletedInErp", "pendingRelease", "stops", "wip"));
        expected.put(io.shopfloor.job.order.HeldGlPostings.class, List.of("held"));
        expected.put(io.shopfloor.job.order.HeldGlPostings.Held.class, List.of("valueEntry", "postedAtMillis"));
        expected.put(io.shopfloor.posting.ledger.ValueEntry.class, List.of(
                "entryNo", "idempotencyKey", "itemLedgerEntryNo", "capacityLedgerEntryNo", "entryType", "varianceType",
                "itemLedgerEntryType", "type", "no", "itemNo", "orderType", "orderNo", "orderLineNo", "sourceNo",
                "locationCode", "valuedQuantity", "invoicedQuantity", "itemLedgerEntryQuantity", "costAmountActual",
                "costAmountExpected", "costPerUnit", "expectedCost", "inventoriable", "postingDate", "valuationDate",
                "documentNo", "sourceCode", "adjustment", "postedBy"));
        expected.put(io.shopfloor.posting.gl.WipBalances.class, List.of("balances", "netOutput", "incomplete"));
        expected.put(io.shopfloor.posting.gl.WipBalances.Group.class, List.of(
                "orderLineNo", "wipAccountNo", "locationCode", "inventoryPostingGroup", "genBusPostingGroup",
                "genProdPostingGroup", "globalDimension1Code", "globalDimension2Code"));
        expected.put(io.shopfloor.posting.gl.WipBalances.Balance.class, List.of(
                "group", "amount", "valueEntryKey", "valueEntryNo", "documentNo"));
        expected.put(io.shopfloor.posting.order.PostedStops.class, List.of("maxStops", "stops"));
        expected.put(io.shopfloor.posting.order.PostedStops.Stop.class, List.of(
                "entryNo", "type", "no", "description", "workCenterNo", "workCenterGroupCode", "stopTime", "stopCode",
                "capUnitOfMeasureCode", "qtyPerCapUnitOfMeasure", "orderType", "orderNo", "orderLineNo", "routingNo",
                "routingReferenceNo", "operationNo", "itemNo", "variantCode", "unitOfMeasureCode",
                "qtyPerUnitOfMeasure", "postingDate", "workShiftCode", "recoded"));
        expected.put(io.shopfloor.posting.journal.StopRecoding.class, List.of(
                "sourceId", "postingDate", "documentNo", "appliesToCapacityEntryNo", "reasons", "postedBy"));
        expected.put(io.shopfloor.posting.journal.StopRecoding.Reason.class, List.of("stopCode", "stopTime"));
        expected.put(io.shopfloor.posting.journal.ReleaseOrder.class, List.of("sourceId", "postingDate"));
        expected.put(io.shopfloor.job.order.OrderAssembly.class, List.of(
                "header", "lines", "routingLines", "components"));
        expected.put(io.shopfloor.job.order.OrderAssembly.Header.class, List.of(
                "no", "description", "sourceNo", "locationCode", "blocked"));
        expected.put(io.shopfloor.job.machine.MachineTimeline.class, List.of(
                "machineId", "settings", "wakeUpAskedMillis", "finalizedUntil", "windowStart", "windowEnd",
                "lastSignal", "silenceEndedAt", "state", "stopCode", "stateSince", "stateBeforeStop", "context",
                "suspended", "pending", "accumulations", "unattributed", "totals", "output", "cachedContext",
                "cachedAccumulation"));
        expected.put(type("io.shopfloor.job.machine.MachineTimeline$Accumulation"), List.of(
                "context", "setupMillis", "runMillis", "good", "scrap", "stopMillis"));
        expected.put(type("io.shopfloor.job.machine.MachineTimeline$Totals"), List.of(
                "good", "scrap", "setupMillis", "runMillis", "stopMillis", "noSignalMillis", "idleMillis",
                "plannedStopMillis", "unclockedParts", "stopMillisByCode"));
        expected.put(type("io.shopfloor.job.machine.MachineTimeline$Context"), List.of(
                "kind", "orderNo", "orderLineNo", "operationNo", "inSetup", "activityCode", "operatorId"));
        expected.put(io.shopfloor.posting.gl.PostingGroups.class, List.of(
                "inventoryPostingGroup", "genProdPostingGroup"));
        expected.put(io.shopfloor.posting.gl.InventoryPostingSetup.class, List.of(
                "locationCode", "inventoryPostingGroup", "accounts"));
        expected.put(io.shopfloor.posting.gl.GeneralPostingSetup.class, List.of(
                "genBusPostingGroup", "genProdPostingGroup", "accounts"));
        expected.put(io.shopfloor.posting.gl.GeneralLedgerSetup.class, List.of(
                "globalDimension1Code", "globalDimension2Code", "expectedCostPostingToGl"));
        expected.put(io.shopfloor.posting.gl.DefaultDimension.class, List.of("dimensionCode", "dimensionValueCode"));
        expected.put(type("io.shopfloor.job.operator.MachineCounters"), List.of("baselines", "heldInputs"));
        expected.put(io.shopfloor.job.machine.CounterBaseline.class, List.of("value", "bootEpoch", "eventTime"));
        expected.put(io.shopfloor.job.masterdata.MasterDataVersions.class, List.of("versions"));
        expected.put(io.shopfloor.job.masterdata.MasterDataChange.class, List.of("key", "value", "deleted",
                "validFromItsTime"));
        // Shop calendar rows in the master-data versions (format 2, RulesCodec kinds 7-10)
        expected.put(io.shopfloor.job.masterdata.CalendarRows.WorkingTime.class, List.of("calendarCode", "day", "start",
                "end", "shiftCode"));
        expected.put(io.shopfloor.job.masterdata.CalendarRows.Holiday.class, List.of("calendarCode", "date", "start",
                "end", "description"));
        expected.put(io.shopfloor.job.masterdata.CalendarRows.Absence.class, List.of("centerNo", "date", "start",
                "end", "description"));
        expected.put(io.shopfloor.job.masterdata.CalendarRows.CenterCalendar.class, List.of("workCenterNo",
                "calendarCode"));
        expected.put(io.shopfloor.job.machine.Rejected.class, List.of(
                "sourceId", "machineId", "reason", "detail", "eventTime", "input", "description"));
        expected.put(io.shopfloor.job.order.OrderCostPlan.class, List.of(
                "idempotencyKey", "orderNo", "status", "postingDate", "eventTime", "standard", "expected",
                "expectedCapacityNeed", "lines", "components"));
        expected.put(io.shopfloor.job.order.OrderCostPlan.LinePlan.class, List.of(
                "lineNo", "itemNo", "routingReferenceNo", "quantityBase", "indirectCostPct", "overheadRate"));
        expected.put(io.shopfloor.job.order.OrderCostPlan.ComponentPlan.class, List.of(
                "orderLineNo", "lineNo", "itemNo", "expectedQtyBase", "costAmount"));
        expected.put(io.shopfloor.job.machine.MachineSignal.StateChanged.class, List.of(
                "eventTime", "state", "stopCode"));
        expected.put(io.shopfloor.job.machine.MachineSignal.PartsCounted.class, List.of("eventTime", "kind", "count"));
        expected.put(io.shopfloor.job.machine.MachineSignal.Heartbeat.class, List.of("eventTime"));
        expected.put(io.shopfloor.job.machine.MachineSignal.OperationChanged.class, List.of(
                "eventTime", "type", "orderNo", "orderLineNo", "operationNo", "activityCode", "operatorId"));
        expected.put(io.shopfloor.job.machine.ReportedLine.class, List.of(
                "sourceId", "kind", "machineId", "orderNo", "orderLineNo", "operationNo", "startingTime",
                "endingTime", "postingDate", "workShiftCode", "setupMinutes", "runMinutes", "stopMinutes",
                "stopCode", "outputQuantity", "scrapQuantity", "finished", "operatorId"));
        expected.put(io.shopfloor.job.machine.WindowTotals.class, List.of(
                "machineId", "from", "to", "orderNo", "orderLineNo", "operationNo", "goodParts", "scrapParts",
                "setupMillis", "runMillis", "stopMillis", "noSignalMillis", "idleMillis", "plannedStopMillis",
                "unclockedParts", "stopMillisByCode"));
        expected.put(io.shopfloor.job.order.OrderInput.Header.class, List.of(
                "header", "status", "deleted", "sourceId", "postingDate"));
        expected.put(io.shopfloor.job.order.OrderInput.StatusChange.class, List.of(
                "orderNo", "status", "sourceId", "postingDate"));
        expected.put(io.shopfloor.job.order.OrderInput.Output.class, List.of("line", "postedBy"));
        expected.put(io.shopfloor.job.order.OrderInput.Consumption.class, List.of("line", "postedBy"));
        expected.put(io.shopfloor.job.order.OrderInput.Capacity.class, List.of("line", "postedBy"));
        expected.put(io.shopfloor.job.order.OrderInput.StopRecode.class, List.of("orderNo", "type", "no", "line"));
        expected.put(io.shopfloor.job.order.OrderInput.Definition.class, List.of(
                "orderNo", "line", "routingLine", "component", "deleted", "sourceId"));
        return expected;
    }

    /** A class this package cannot name (package-private in its own). */
    private static Class<?> type(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is gone: its serializer must change too", e);
        }
    }

    static List<String> fields(Class<?> type) {
        List<String> names = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                names.add(component.getName());
            }
        } else {
            for (Field field : type.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    names.add(field.getName());
                }
            }
        }
        return names;
    }

    @Test
    void everyFieldOfTheStateClassesIsKnownToItsSerializer() {
        for (Map.Entry<Class<?>, List<String>> type : expected().entrySet()) {
            assertEquals(type.getValue(), fields(type.getKey()), type.getKey().getName() + " changed: write the field "
                    + "in its serializer with a new format version (posting-job README, State and upgrades)");
        }
    }
}
