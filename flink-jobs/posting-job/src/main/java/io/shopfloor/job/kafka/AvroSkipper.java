package io.shopfloor.job.kafka;

import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Skips one datum of a writer schema, reading exactly what {@code GenericDatumReader.skip} reads and failing where
 * it fails (a declared length beyond the bytes there is an EOFException, nothing is allocated for it), but from a
 * tree built once per schema instead of walking the schema for every record: that walk, recursive and allocating an
 * iterator per record, was the costliest part of decoding in some runs' profiles.
 */
abstract class AvroSkipper {

    abstract void skip(Decoder in) throws IOException;

    static AvroSkipper of(Schema schema) {
        return of(schema, new IdentityHashMap<>());
    }

    private static AvroSkipper of(Schema schema, Map<Schema, RecordSkipper> records) {
        switch (schema.getType()) {
            case RECORD: {
                RecordSkipper known = records.get(schema);
                if (known != null) {
                    return known; // a recursive schema: the record being built
                }
                RecordSkipper record = new RecordSkipper();
                records.put(schema, record);
                List<Schema.Field> fields = schema.getFields();
                record.fields = new AvroSkipper[fields.size()];
                for (int i = 0; i < fields.size(); i++) {
                    record.fields[i] = of(fields.get(i).schema(), records);
                }
                return record;
            }
            case UNION: {
                List<Schema> types = schema.getTypes();
                AvroSkipper[] branches = new AvroSkipper[types.size()];
                for (int i = 0; i < types.size(); i++) {
                    branches[i] = of(types.get(i), records);
                }
                return new UnionSkipper(branches);
            }
            case ARRAY:
                return new ArraySkipper(of(schema.getElementType(), records));
            case MAP:
                return new MapSkipper(of(schema.getValueType(), records));
            case FIXED:
                return new FixedSkipper(schema.getFixedSize());
            case ENUM:
                return Primitive.ENUM;
            case STRING:
                return Primitive.STRING;
            case BYTES:
                return Primitive.BYTES;
            case INT:
                return Primitive.INT;
            case LONG:
                return Primitive.LONG;
            case FLOAT:
                return Primitive.FLOAT;
            case DOUBLE:
                return Primitive.DOUBLE;
            case BOOLEAN:
                return Primitive.BOOLEAN;
            case NULL:
                return Primitive.NULL;
            default:
                throw new IllegalArgumentException("unknown Avro type " + schema.getType());
        }
    }

    private static final class RecordSkipper extends AvroSkipper {
        private AvroSkipper[] fields;

        @Override
        void skip(Decoder in) throws IOException {
            for (AvroSkipper field : fields) {
                field.skip(in);
            }
        }
    }

    private static final class UnionSkipper extends AvroSkipper {
        private final AvroSkipper[] branches;

        UnionSkipper(AvroSkipper[] branches) {
            this.branches = branches;
        }

        @Override
        void skip(Decoder in) throws IOException {
            branches[in.readIndex()].skip(in); // a bad index fails, as the schema's list would
        }
    }

    private static final class ArraySkipper extends AvroSkipper {
        private final AvroSkipper element;

        ArraySkipper(AvroSkipper element) {
            this.element = element;
        }

        @Override
        void skip(Decoder in) throws IOException {
            for (long count = in.skipArray(); count > 0; count = in.skipArray()) {
                for (long i = 0; i < count; i++) {
                    element.skip(in);
                }
            }
        }
    }

    private static final class MapSkipper extends AvroSkipper {
        private final AvroSkipper value;

        MapSkipper(AvroSkipper value) {
            this.value = value;
        }

        @Override
        void skip(Decoder in) throws IOException {
            for (long count = in.skipMap(); count > 0; count = in.skipMap()) {
                for (long i = 0; i < count; i++) {
                    in.skipString();
                    value.skip(in);
                }
            }
        }
    }

    private static final class FixedSkipper extends AvroSkipper {
        private final int size;

        FixedSkipper(int size) {
            this.size = size;
        }

        @Override
        void skip(Decoder in) throws IOException {
            in.skipFixed(size);
        }
    }

    private static final class Primitive extends AvroSkipper {
        static final Primitive ENUM = new Primitive(Schema.Type.ENUM);
        static final Primitive STRING = new Primitive(Schema.Type.STRING);
        static final Primitive BYTES = new Primitive(Schema.Type.BYTES);
        static final Primitive INT = new Primitive(Schema.Type.INT);
        static final Primitive LONG = new Primitive(Schema.Type.LONG);
        static final Primitive FLOAT = new Primitive(Schema.Type.FLOAT);
        static final Primitive DOUBLE = new Primitive(Schema.Type.DOUBLE);
        static final Primitive BOOLEAN = new Primitive(Schema.Type.BOOLEAN);
        static final Primitive NULL = new Primitive(Schema.Type.NULL);

        private final Schema.Type type;

        private Primitive(Schema.Type type) {
            this.type = type;
        }

        @Override
        void skip(Decoder in) throws IOException {
            switch (type) {
                case ENUM -> in.readEnum();
                case STRING -> in.skipString();
                case BYTES -> in.skipBytes();
                case INT -> in.readInt();
                case LONG -> in.readLong();
                case FLOAT -> in.readFloat();
                case DOUBLE -> in.readDouble();
                case BOOLEAN -> in.readBoolean();
                case NULL -> in.readNull();
                default -> throw new IllegalStateException(type.toString());
            }
        }
    }
}
