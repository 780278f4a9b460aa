package io.shopfloor.ledger.model;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One ledger entry as named values, as {@link LedgerModel} maps it: the one place each field of an entry is given.
 * The Kafka record ({@link AvroLedger}) takes the fields its schema names, the PostgreSQL row the fields its columns
 * name; neither adds a value of its own. Values are as the rules have them (null where the rules say none, decimals
 * at the rules' scale): each side only changes representation (Avro's blank codes and fixed scales, SQL NULL).
 */
public final class LedgerFields {

    /**
     * A quotient the rules do not round (a unit cost): the Avro field gets it rounded half-up to its scale, the row
     * takes it as it is.
     */
    public record Quotient(BigDecimal value) {
    }

    private final Ledger ledger;
    private final Map<String, Object> values;

    private LedgerFields(Ledger ledger, Map<String, Object> values) {
        this.ledger = ledger;
        this.values = Collections.unmodifiableMap(values);
    }

    static Builder of(Ledger ledger) {
        return new Builder(ledger);
    }

    /** Which ledger the entry belongs to (its Kafka record type and its table). */
    public Ledger ledger() {
        return ledger;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value of a field (null is a value); a name the model does not give is a bug. */
    public Object get(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalStateException(ledger + " has no field " + name + " in the ledger model");
        }
        return values.get(name);
    }

    /** The field names, in the model's order. */
    public Set<String> names() {
        return values.keySet();
    }

    @Override
    public String toString() {
        return ledger.name() + values;
    }

    static final class Builder {
        private final Ledger ledger;
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder(Ledger ledger) {
            this.ledger = ledger;
        }

        /** Each name once: a second value for a name would be a second mapping of one field. */
        Builder put(String name, Object value) {
            if (values.containsKey(Objects.requireNonNull(name))) {
                throw new IllegalStateException(ledger + "." + name + " given twice");
            }
            values.put(name, value instanceof Enum<?> constant ? constant.name() : value);
            return this;
        }

        LedgerFields build() {
            return new LedgerFields(ledger, values);
        }
    }
}
